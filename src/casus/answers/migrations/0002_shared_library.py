"""The shared library of standard answers (organisation empty = offered to every organisation), for
the questions a burgervragen team gets most (seed 000) and the W&I subjects of cases migration 0003.

Subjects are matched by name; a subject that does not exist (renamed or removed by the functioneel
beheerder) is skipped, and the answer is then offered for every subject. Every text is B1: the
plain-language check (casus.answers.readability) scores each at 60 or more (tests/answers)."""

from django.db import migrations

GREETING = "Beste {naam},\n\n"
CLOSING = "\n\nMet vriendelijke groet,\n{behandelaar}\n{team}, {organisatie}"

ANSWERS = [
    (
        "Wanneer wordt de energietoeslag uitbetaald?", ["vraag", "terugbelverzoek"], ["energietoeslag"],
        "U vroeg wanneer u de energietoeslag krijgt. Wij betalen de toeslag binnen 4 weken nadat u het "
        "besluit kreeg. Het geld komt op het rekeningnummer dat u op het formulier zette.\n\n"
        "Heeft u na 4 weken nog niets? Bel ons dan op {telefoon}. Noem dan uw kenmerk {kenmerk}.",
    ),
    (
        "Hoe vraag ik de energietoeslag aan?", ["vraag"], ["energietoeslag"],
        "U wilt de energietoeslag aanvragen. Dat kan met het formulier op onze website. Lukt dat niet? "
        "Dan sturen wij u een papieren formulier.\n\n"
        "Stuur een kopie van uw bankpas mee. Heeft u een uitkering van ons? Dan krijgt u de toeslag "
        "vaak vanzelf. U hoeft dan niets te doen.",
    ),
    (
        "Hoe vraag ik bijzondere bijstand aan?", ["vraag", "terugbelverzoek"], ["bijzondere bijstand"],
        "U vroeg hoe u bijzondere bijstand aanvraagt. Bijzondere bijstand is geld voor kosten die u "
        "niet zelf kunt betalen. Denk aan een bril, een bed of de kosten van een verhuizing.\n\n"
        "U vraagt het aan met het formulier op onze website. Doe dit voordat u de kosten maakt. Stuur "
        "de offerte of de rekening mee. Wij laten u binnen 8 weken weten of u het geld krijgt.",
    ),
    (
        "Welke kosten vallen onder bijzondere bijstand?", ["vraag"], ["bijzondere bijstand"],
        "U vroeg voor welke kosten u bijzondere bijstand kunt krijgen. Het gaat om kosten die u echt "
        "moet maken en niet zelf kunt betalen. Bijvoorbeeld een eigen bijdrage voor zorg, een wasmachine "
        "of reiskosten naar het ziekenhuis.\n\n"
        "Wij kijken altijd naar uw eigen situatie. Twijfelt u? Bel ons dan op {telefoon}. Wij denken "
        "graag met u mee.",
    ),
    (
        "Mijn WOZ-beschikking klopt niet", ["vraag"], [],
        "U schreef dat de WOZ-waarde van uw huis niet klopt. Daar gaat de afdeling Belastingen over. "
        "U kunt bezwaar maken binnen 6 weken na de datum op de beschikking.\n\n"
        "Dat doet u op de website van de gemeente, bij Belastingen. Zeg in uw bezwaar welke waarde "
        "volgens u wel klopt. En zeg waarom. Een taxatie of foto's helpen daarbij.",
    ),
    (
        "Ik moet geld terugbetalen", ["vraag", "terugbelverzoek"], ["terugvordering"],
        "U kreeg een brief dat u geld moet terugbetalen. Dat is vervelend. Kunt u het bedrag niet in "
        "één keer betalen? Dan kunt u een betalingsregeling met ons maken. U betaalt dan elke maand een "
        "deel.\n\n"
        "Bel ons op {telefoon} om dit te regelen. Noem uw kenmerk {kenmerk}. Bent u het niet eens met "
        "het besluit? Dan kunt u bezwaar maken. Hoe dat gaat, staat in de brief.",
    ),
    (
        "Ik heb schulden en wil hulp", ["vraag", "terugbelverzoek"], ["schulden"],
        "U vroeg om hulp bij uw schulden. Goed dat u ons belt of schrijft. Hoe eerder u hulp vraagt, "
        "hoe beter.\n\n"
        "Een schuldhulpverlener neemt binnen 3 werkdagen contact met u op. Samen kijken jullie naar uw "
        "geld en uw rekeningen. Heeft u een brief van een deurwaarder? Leg die dan klaar voor het "
        "gesprek.",
    ),
    (
        "Hoe vraag ik hulp uit de Wmo aan?", ["vraag", "wmo_melding"], ["Wmo"],
        "U vroeg hoe u hulp uit de Wmo krijgt. Denk aan hulp in het huishouden, een scootmobiel of een "
        "aanpassing in huis.\n\n"
        "Eerst meldt u uw vraag bij ons. Dat kan via de website of door te bellen naar {telefoon}. "
        "Binnen 6 weken praten wij met u over wat u nodig heeft. Daarna kunt u de hulp aanvragen.",
    ),
    (
        "Wanneer krijg ik een besluit op mijn aanvraag?", ["vraag", "terugbelverzoek"], [],
        "U vroeg wanneer u een besluit krijgt. Wij hebben uw aanvraag op {ontvangen} gekregen. U krijgt "
        "ons besluit uiterlijk op {uiterste_datum}.\n\n"
        "Missen wij nog iets? Dan vragen wij u dat eerst. Heeft u vragen? Bel dan {behandelaar} op "
        "{telefoon}.",
    ),
    (
        "Hoe maak ik bezwaar?", ["vraag"], [],
        "U bent het niet eens met een besluit van ons. Dan kunt u bezwaar maken. Dat doet u binnen 6 "
        "weken na de datum van het besluit.\n\n"
        "Schrijf in uw brief of op het formulier:\n"
        "- uw naam en adres;\n"
        "- de datum en het kenmerk van het besluit;\n"
        "- waarom u het er niet mee eens bent.\n\n"
        "Zet uw handtekening eronder. Wilt u eerst overleggen? Bel ons dan op {telefoon}.",
    ),
    (
        "Wij hebben u niet kunnen bereiken", ["terugbelverzoek"], [],
        "U vroeg ons om u terug te bellen. Wij hebben u drie keer gebeld, maar wij kregen u niet te "
        "spreken. Daarom sturen wij u dit bericht.\n\n"
        "Wilt u nog steeds dat wij u bellen? Bel ons dan op {telefoon}. Of laat ons weten wanneer wij u "
        "het best kunnen bellen. Noem uw kenmerk {kenmerk}.",
    ),
    (
        "Wie krijgt geld uit het woonlastenfonds?", ["vraag"], ["woonlastenfonds"],
        "U vroeg of u geld kunt krijgen uit het woonlastenfonds. Het fonds helpt mensen die hun huur of "
        "energie niet meer kunnen betalen. Het gaat om een eenmalig bedrag.\n\n"
        "U kunt het aanvragen als u een laag inkomen heeft en weinig spaargeld. Bel ons op {telefoon}. "
        "Wij kijken dan samen of u het kunt krijgen.",
    ),
    (
        "Uw klacht is opgelost na ons gesprek", ["klacht"], [],
        "Dank u wel voor het gesprek over uw klacht. Wij hebben samen een oplossing gevonden. In deze "
        "brief zetten wij die nog een keer op een rij.\n\n"
        "Bent u toch niet tevreden? Laat het ons dan binnen 2 weken weten. Dan behandelen wij uw klacht "
        "verder. Bel {behandelaar} op {telefoon}.",
    ),
]


def seed(apps, schema_editor):
    StandardAnswer = apps.get_model("answers", "StandardAnswer")
    Category = apps.get_model("cases", "Category")
    for title, case_types, subject_names, body in ANSWERS:
        answer, created = StandardAnswer.objects.get_or_create(
            organisation=None, title=title,
            defaults={"text": GREETING + body + CLOSING, "case_types": f",{','.join(case_types)},"},
        )  # fmt: skip
        if created:
            found = Category.objects.filter(kind__in=["subject", "domain"], name__in=subject_names)
            answer.subjects.set(found)


def unseed(apps, schema_editor):
    StandardAnswer = apps.get_model("answers", "StandardAnswer")
    StandardAnswer.objects.filter(organisation=None, title__in=[title for title, *_ in ANSWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("answers", "0001_initial"), ("cases", "0003_seed_categories")]
    operations = [migrations.RunPython(seed, unseed)]
