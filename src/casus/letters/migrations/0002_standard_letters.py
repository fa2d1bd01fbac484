"""The standard letter library of Casus, in plain Dutch (B1), written for municipal teams like W&I
Almere.

Seed 001 says what residents missed in letters: why they get the letter, who their contact person is
(with a direct number), that they may call to move an appointment, and what they can do next. Every
letter below starts with "U krijgt deze brief omdat ...", names the contact person with a phone number
or e-mail address, and ends with what the resident can do. The texts are frozen here; a functioneel
beheerder changes them in Casus (Brieven), which makes a new version for their organisation.
"""

from __future__ import annotations

from django.db import migrations

CONTACT = (
    "Heeft u vragen?\n"
    "Bel of mail {{ contactpersoon.naam }}: {{ contactpersoon.bereikbaar }}. "
    "Noem dan het kenmerk {{ zaak.kenmerk }}."
)

RECEIPT_KLACHT = """{{ inwoner.aanhef }},

U krijgt deze brief omdat u een klacht heeft ingediend. Wij hebben uw klacht op {{ zaak.ontvangen_op }} ontvangen. Dank u wel dat u dit aan ons laat weten. Zo kunnen wij ons werk beter doen.

Wat gebeurt er nu?
{{ contactpersoon.naam }} behandelt uw klacht en is uw contactpersoon. Wij bellen u eerst om over uw klacht te praten. Soms lossen wij het in dat gesprek al samen op. Dan hoort u dat ook op papier van ons.

Wanneer krijgt u antwoord?
U krijgt uiterlijk op {{ datum.uiterste_datum }} een brief met ons oordeel over uw klacht. Lukt dat niet? Dan laten wij u dat vóór die datum weten, met de reden.

Wilt u iets aanvullen of uw klacht intrekken?
Dat kan altijd. Bel of mail {{ contactpersoon.naam }}: {{ contactpersoon.bereikbaar }}. Noem dan het kenmerk {{ zaak.kenmerk }}."""

RECEIPT_BEZWAAR = """{{ inwoner.aanhef }},

U krijgt deze brief omdat u bezwaar heeft gemaakt{% if zaak.besluit_verzonden_op %} tegen ons besluit van {{ zaak.besluit_verzonden_op }}{% endif %}. Wij hebben uw bezwaar op {{ zaak.ontvangen_op }} ontvangen.

Wat gebeurt er nu?
{{ contactpersoon.naam }} behandelt uw bezwaar en is uw contactpersoon. Wij kijken opnieuw naar het besluit. Vaak bellen wij u eerst. Misschien kunnen wij het samen oplossen. Anders nodigen wij u uit om uw bezwaar uit te leggen. Dat gesprek heet een hoorzitting.

Wanneer krijgt u een beslissing?
U krijgt uiterlijk op {{ datum.uiterste_datum }} onze beslissing. Hebben wij meer tijd nodig? Dan laten wij u dat vóór die datum weten.

Let op: het besluit blijft gelden
Zolang wij uw bezwaar behandelen, blijft het besluit gewoon gelden. Heeft u daardoor nu een groot probleem, bijvoorbeeld met geld? Bel ons dan meteen. Dan kijken wij wat wij kunnen doen.

""" + CONTACT

RECEIPT_GENERIC = """{{{{ inwoner.aanhef }}}},

U krijgt deze brief omdat wij uw {what} op {{{{ zaak.ontvangen_op }}}} hebben ontvangen. In deze brief leest u wat er nu gebeurt.

Wat gebeurt er nu?
{{{{ contactpersoon.naam }}}} behandelt uw {what} en is uw contactpersoon. {next}

Wanneer hoort u van ons?
U krijgt uiterlijk op {{{{ datum.uiterste_datum }}}} {answer}. Hebben wij meer tijd nodig? Dan laten wij u dat vóór die datum weten.

""" + CONTACT.replace("{", "{{").replace("}", "}}")

REPAIR_BEZWAAR = """{{ inwoner.aanhef }},

U krijgt deze brief omdat wij uw bezwaar van {{ zaak.ontvangen_op }} nog niet kunnen behandelen. Er ontbreekt iets.

Wat hebben wij nodig?
{{ aanvulling.wat }}

Wanneer moet u het sturen?
Stuur het uiterlijk op {{ datum.hersteltermijn }}. {% if contactpersoon.email %}U kunt het mailen naar {{ contactpersoon.email }} of per post sturen.{% else %}U kunt het per post sturen of langsbrengen.{% endif %} Zet het kenmerk {{ zaak.kenmerk }} erbij.

Wat gebeurt er als u niets stuurt?
Dan kunnen wij uw bezwaar misschien niet behandelen. Dat staat in artikel 6:6 van de Algemene wet bestuursrecht. Zolang wij op uw stukken wachten, staat de termijn voor onze beslissing stil.

Lukt het niet op tijd? Of weet u niet precies wat wij bedoelen?
Bel {{ contactpersoon.naam }}: {{ contactpersoon.bereikbaar }}. Dan zoeken wij samen een oplossing."""

REPAIR_APPLICATION = """{{{{ inwoner.aanhef }}}},

U krijgt deze brief omdat wij uw {what} van {{{{ zaak.ontvangen_op }}}} nog niet kunnen behandelen. Er ontbreekt informatie.

Wat hebben wij nodig?
{{{{ aanvulling.wat }}}}

Wanneer moet u het sturen?
Stuur het uiterlijk op {{{{ datum.hersteltermijn }}}}. {{% if contactpersoon.email %}}U kunt het mailen naar {{{{ contactpersoon.email }}}} of per post sturen.{{% else %}}U kunt het per post sturen of langsbrengen.{{% endif %}} Zet het kenmerk {{{{ zaak.kenmerk }}}} erbij.

Wat gebeurt er als u niets stuurt?
Dan kunnen wij uw {what} misschien niet behandelen. Dat staat in {law}. Zolang wij op uw informatie wachten, staat de termijn voor ons antwoord stil.

Lukt het niet op tijd? Of weet u niet precies wat wij bedoelen?
Bel {{{{ contactpersoon.naam }}}}: {{{{ contactpersoon.bereikbaar }}}}. Dan zoeken wij samen een oplossing."""

POSTPONEMENT = """{{{{ inwoner.aanhef }}}},

U krijgt deze brief omdat wij uw {what} van {{{{ zaak.ontvangen_op }}}} niet op tijd kunnen afronden. Wij wilden u uiterlijk op {{{{ datum.oude_uiterste_datum }}}} antwoord geven. Dat lukt helaas niet. Het spijt ons dat u langer moet wachten.

Waarom hebben wij meer tijd nodig?
{{{{ verdaging.reden|capfirst }}}}.

Wanneer krijgt u antwoord?
Wij nemen {{{{ verdaging.duur }}}} extra tijd. U krijgt uiterlijk op {{{{ datum.verdaagd_tot }}}} antwoord. Dat mag volgens {{{{ verdaging.wetsartikel }}}}.

Wat kunt u doen?
Wilt u weten hoe het ervoor staat? Of bent u het niet eens met het uitstel? Bel of mail {{{{ contactpersoon.naam }}}}: {{{{ contactpersoon.bereikbaar }}}}. Noem dan het kenmerk {{{{ zaak.kenmerk }}}}."""

HEARING = """{{{{ inwoner.aanhef }}}},

U krijgt deze brief omdat wij u graag willen spreken over uw {what} van {{{{ zaak.ontvangen_op }}}}. In dit gesprek vertelt u wat er is gebeurd en wat u belangrijk vindt. Wij luisteren en stellen vragen. Zo'n gesprek heet een hoorzitting.

Wanneer en waar?
Datum: {{{{ hoorzitting.datum }}}}
Tijd: {{{{ hoorzitting.tijd }}}}
Plaats: {{{{ hoorzitting.plaats }}}}

Past dit tijdstip niet?
Bel ons als dit tijdstip niet past. Dan maken wij samen een nieuwe afspraak. Bel {{{{ contactpersoon.naam }}}}: {{{{ contactpersoon.bereikbaar }}}}.

Wat kunt u meenemen?
- papieren die over uw {what} gaan;
- iemand die u helpt, bijvoorbeeld een familielid of een sociaal raadsman;
- een tolk, als u dat wilt. Laat het ons dan vooraf weten.

Wilt u liever niet komen? Dat mag. Laat het ons dan weten. U kunt uw verhaal ook telefonisch doen."""

DECISION_KLACHT = """{{ inwoner.aanhef }},

U krijgt deze brief omdat wij uw klacht van {{ zaak.ontvangen_op }} hebben onderzocht. In deze brief leest u wat wij ervan vinden.

Wat is ons oordeel?
Ons oordeel over uw klacht: {{ zaak.uitkomst }}. {% if zaak.uitkomst_code == "gegrond" %}Dat betekent: u heeft gelijk. Het spijt ons dat dit is gebeurd.{% elif zaak.uitkomst_code == "deels_gegrond" %}Dat betekent: u heeft voor een deel gelijk. Het spijt ons dat dit is gebeurd.{% elif zaak.uitkomst_code == "ongegrond" %}Dat betekent: wij vinden dat wij goed hebben gehandeld.{% endif %}

Waarom vinden wij dat?
{{ zaak.toelichting }}

Bent u het niet eens met ons oordeel?
Dan kunt u naar {{ organisatie.ombudsman }} gaan. De ombudsman is onafhankelijk en het kost u niets. Dat moet binnen een jaar, dus uiterlijk op {{ datum.ombudsman_uiterlijk }} (artikel 9:24 van de Algemene wet bestuursrecht). U bereikt de ombudsman via {{ organisatie.ombudsman_contact }}.

Wilt u eerst met ons praten?
Bel of mail {{ contactpersoon.naam }}: {{ contactpersoon.bereikbaar }}. Noem dan het kenmerk {{ zaak.kenmerk }}. Wij leggen ons oordeel graag uit."""

DECISION_BEZWAAR = """{{ inwoner.aanhef }},

U krijgt deze brief omdat wij een beslissing hebben genomen over uw bezwaar van {{ zaak.ontvangen_op }}{% if zaak.besluit_verzonden_op %} tegen ons besluit van {{ zaak.besluit_verzonden_op }}{% endif %}.

Wat is onze beslissing?
Uw bezwaar is {{ zaak.uitkomst }}. {% if zaak.uitkomst_code == "gegrond" %}Dat betekent: u krijgt gelijk. Wij veranderen het besluit.{% elif zaak.uitkomst_code == "deels_gegrond" %}Dat betekent: u krijgt voor een deel gelijk. Wij veranderen een deel van het besluit.{% elif zaak.uitkomst_code == "ongegrond" %}Dat betekent: het besluit blijft zoals het was.{% elif zaak.uitkomst_code == "niet_ontvankelijk" %}Dat betekent: wij kunnen uw bezwaar niet inhoudelijk behandelen.{% endif %}

Waarom?
{{ zaak.toelichting }}

Bent u het niet eens met deze beslissing?
Dan kunt u beroep instellen bij {{ organisatie.rechtbank }}. Dat moet binnen zes weken na de dag waarop wij deze brief hebben verstuurd. Uw beroepschrift moet dus uiterlijk op {{ datum.beroep_uiterlijk }} bij de rechtbank zijn (artikel 6:7 van de Algemene wet bestuursrecht). Hoe dat gaat, leest u op {{ organisatie.rechtbank_contact }}. Voor beroep betaalt u griffierecht. Hulp nodig? Een sociaal raadsman of het Juridisch Loket helpt u gratis.

Wilt u eerst met ons praten?
Bel of mail {{ contactpersoon.naam }}: {{ contactpersoon.bereikbaar }}. Noem dan het kenmerk {{ zaak.kenmerk }}. Wij leggen de beslissing graag uit."""

ANSWER = """{{ inwoner.aanhef }},

U krijgt deze brief omdat u ons op {{ zaak.ontvangen_op }} een vraag stelde{% if zaak.onderwerp %} over {{ zaak.onderwerp }}{% endif %}. Hieronder leest u ons antwoord.

Wat is ons antwoord?
{{ zaak.toelichting }}

Is uw vraag hiermee niet beantwoord? Of heeft u een nieuwe vraag?
Bel of mail {{ contactpersoon.naam }}: {{ contactpersoon.bereikbaar }}. Noem dan het kenmerk {{ zaak.kenmerk }}."""

NOT_REACHED = """{{ inwoner.aanhef }},

U krijgt deze brief omdat u ons vroeg om u terug te bellen. Dat hebben wij een paar keer geprobeerd, op verschillende momenten. Wij konden u helaas niet bereiken. Wij belden naar {{ inwoner.telefoon }}. Klopt dit nummer niet? Geef dan uw goede nummer aan ons door.

Wilt u nog steeds dat wij u bellen?
Bel dan zelf {{ contactpersoon.naam }}: {{ contactpersoon.bereikbaar }}. Of laat weten wanneer wij u het beste kunnen bellen. Dan bellen wij u op dat moment. Noem het kenmerk {{ zaak.kenmerk }}.

Heeft u ons niet meer nodig?
Dan hoeft u niets te doen."""

# (case type, step, subject, body)
STANDARD = [
    ("klacht", "ontvangstbevestiging", "Wij hebben uw klacht ontvangen", RECEIPT_KLACHT),
    ("bezwaar", "ontvangstbevestiging", "Wij hebben uw bezwaar ontvangen", RECEIPT_BEZWAAR),
    ("vraag", "ontvangstbevestiging", "Wij hebben uw vraag ontvangen", RECEIPT_GENERIC.format(
        what="vraag", next="Soms bellen wij u om uw vraag beter te begrijpen.", answer="antwoord op uw vraag")),
    ("aanvraag", "ontvangstbevestiging", "Wij hebben uw aanvraag ontvangen", RECEIPT_GENERIC.format(
        what="aanvraag", next="Wij bekijken of wij alles hebben wat nodig is. Mist er iets? Dan vragen wij u dat.",
        answer="een besluit over uw aanvraag")),
    ("wmo_melding", "ontvangstbevestiging", "Wij hebben uw melding voor hulp uit de Wmo ontvangen",
     RECEIPT_GENERIC.format(what="melding", next="Wij maken een afspraak met u voor een gesprek over wat u nodig "
                            "heeft. U mag iemand meenemen naar dat gesprek.", answer="de uitkomst van ons onderzoek")),
    ("wmo_aanvraag", "ontvangstbevestiging", "Wij hebben uw aanvraag voor hulp uit de Wmo ontvangen",
     RECEIPT_GENERIC.format(what="aanvraag", next="Wij bekijken uw aanvraag en het verslag van ons gesprek.",
                            answer="een besluit over uw aanvraag")),
    ("woo", "ontvangstbevestiging", "Wij hebben uw Woo-verzoek ontvangen", RECEIPT_GENERIC.format(
        what="verzoek", next="Wij zoeken de documenten die bij uw verzoek horen.", answer="een besluit over uw verzoek")),
    ("bezwaar", "verzoek_aanvulling", "Wij hebben meer informatie nodig voor uw bezwaar", REPAIR_BEZWAAR),
    ("aanvraag", "verzoek_aanvulling", "Wij hebben meer informatie nodig voor uw aanvraag", REPAIR_APPLICATION.format(
        what="aanvraag", law="artikel 4:5 van de Algemene wet bestuursrecht")),
    ("wmo_aanvraag", "verzoek_aanvulling", "Wij hebben meer informatie nodig voor uw aanvraag",
     REPAIR_APPLICATION.format(what="aanvraag", law="artikel 4:5 van de Algemene wet bestuursrecht")),
    ("woo", "verzoek_aanvulling", "Wij hebben meer informatie nodig voor uw Woo-verzoek", REPAIR_APPLICATION.format(
        what="verzoek", law="artikel 4.1 van de Wet open overheid")),
    ("klacht", "verdagingsbericht", "Wij hebben meer tijd nodig voor uw klacht", POSTPONEMENT.format(what="klacht")),
    ("bezwaar", "verdagingsbericht", "Wij hebben meer tijd nodig voor uw bezwaar", POSTPONEMENT.format(what="bezwaar")),
    ("woo", "verdagingsbericht", "Wij hebben meer tijd nodig voor uw Woo-verzoek", POSTPONEMENT.format(what="verzoek")),
    ("klacht", "uitnodiging_hoorzitting", "Uitnodiging voor een gesprek over uw klacht", HEARING.format(what="klacht")),
    ("bezwaar", "uitnodiging_hoorzitting", "Uitnodiging voor een gesprek over uw bezwaar (hoorzitting)",
     HEARING.format(what="bezwaar")),
    ("klacht", "beslissing_klacht", "Ons oordeel over uw klacht", DECISION_KLACHT),
    ("bezwaar", "beslissing_bezwaar", "Onze beslissing op uw bezwaar", DECISION_BEZWAAR),
    ("vraag", "antwoord_vraag", "Antwoord op uw vraag", ANSWER),
    ("terugbelverzoek", "niet_bereikt", "Wij konden u niet bereiken", NOT_REACHED),
    ("vraag", "niet_bereikt", "Wij konden u niet bereiken", NOT_REACHED.replace(
        "u ons vroeg om u terug te bellen. Dat hebben wij", "wij u wilden bellen over uw vraag. Dat hebben wij")),
]  # fmt: skip


def seed(apps, schema_editor) -> None:
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    LetterTemplateVersion = apps.get_model("letters", "LetterTemplateVersion")
    for case_type, kind, subject, body in STANDARD:
        template, created = LetterTemplate.objects.get_or_create(
            organisation=None, case_type=case_type, kind=kind
        )
        if created:
            LetterTemplateVersion.objects.create(
                template=template, number=1, subject=subject, body=body, created_by_name="Casus",
                note="Standaardbrief van Casus", changes="Eerste versie.",
            )  # fmt: skip


def unseed(apps, schema_editor) -> None:
    apps.get_model("letters", "LetterTemplate").objects.filter(organisation__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
