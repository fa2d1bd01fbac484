"""A fixed corpus of 60 invented Dutch case texts and signals in five known groups (12 each), written
the way handlers and residents write: varied words, different lengths, the theme said in other ways."""

from __future__ import annotations

BEREIKBAARHEID = [
    "Ik heb drie keer gebeld en niemand belt mij terug.",
    "Inwoner belde vier keer, telefoon werd niet opgenomen. Geen terugbelafspraak nagekomen.",
    "Al twee weken probeer ik mijn klantmanager te bellen, maar ik word nooit teruggebeld.",
    "De telefoon van het team wordt niet opgenomen. Mijn e-mail bleef ook zonder reactie.",
    "Er zou teruggebeld worden binnen 48 uur. Dat is niet gebeurd.",
    "Signaal: terugbelverzoeken blijven liggen als de klantmanager ziek is.",
    "Ik krijg geen reactie op mijn mails en aan de telefoon zegt men dat ik teruggebeld word.",
    "Klantmanager onbereikbaar, inwoner heeft meerdere keren gebeld en gemaild zonder reactie.",
    "Niemand neemt de telefoon op en de beloofde terugbelafspraak werd vergeten.",
    "Valt op: inwoners bellen vaak drie of vier keer voordat iemand terugbelt.",
    "Mijn e-mail van vorige maand is nooit beantwoord en bellen lukt niet.",
    "Ik wacht nog steeds op het telefoontje dat beloofd was. Niemand belt terug.",
]
ENERGIETOESLAG = [
    "Mijn aanvraag voor de energietoeslag is afgewezen omdat mijn inkomen te hoog zou zijn.",
    "Bezwaar tegen de afwijzing van de energietoeslag: de inkomensgrens is verkeerd berekend.",
    "Waarom krijg ik geen energietoeslag? Mijn buurvrouw met hetzelfde inkomen wel.",
    "De energietoeslag is nog steeds niet uitbetaald, terwijl die wel is toegekend.",
    "Signaal: veel afwijzingen energietoeslag bij studenten met een kleine bijbaan.",
    "Ik ben het niet eens met de afwijzing van de energietoeslag, mijn energierekening is enorm.",
    "Energietoeslag aangevraagd in oktober, nog geen besluit ontvangen over de toeslag.",
    "De inkomensgrens voor de energietoeslag houdt geen rekening met mijn vaste lasten.",
    "Valt op: de energietoeslag wordt afgewezen bij inwoners met een wisselend inkomen.",
    "Bezwaar: de gemeente telt mijn vakantiegeld mee voor de energietoeslag.",
    "Mijn energietoeslag werd teruggevorderd terwijl ik recht had op de toeslag.",
    "Inwoner vraagt waarom de energietoeslag lager is dan vorig jaar.",
]
BRIEVEN = [
    "Ik begrijp de brief niet. Er staan moeilijke woorden in en ik weet niet wat ik moet doen.",
    "De brief over mijn uitkering is onduidelijk geschreven, veel ambtelijke taal.",
    "Signaal: de standaardbrief over het inlichtingenformulier is voor inwoners niet te begrijpen.",
    "Inwoner snapt de brief niet: welke papieren moet hij opsturen en wanneer?",
    "In de brief staat niet uitgelegd waarom ik een formulier moet invullen.",
    "Valt op: brieven zijn te lang en in moeilijke taal, inwoners bellen om uitleg.",
    "De brief kwam vrijdag en ik moest maandag al langskomen. Onduidelijk wat ik mee moest nemen.",
    "Ik kreeg een brief met een dreigende toon en snap niet wat er van mij verwacht wordt.",
    "Brieven zouden in eenvoudige taal moeten, deze brief begrijpt niemand.",
    "Inwoner met laaggeletterdheid kon de brief niet lezen, buurman heeft geholpen.",
    "De uitleg in de brief over de bewijsstukken is onduidelijk, welke papieren precies?",
    "Moeilijke taal in de brief over het heronderzoek, inwoner was in paniek.",
]
BEJEGENING = [
    "De medewerker aan de balie was onvriendelijk en luisterde niet naar mijn verhaal.",
    "Ik voelde me niet serieus genomen door de klantmanager, hij was kortaf en onbeleefd.",
    "Klacht over de bejegening: de medewerker verhief zijn stem tegen mij.",
    "Signaal: inwoners voelen zich als fraudeur behandeld tijdens het gesprek.",
    "De medewerker was onbeschoft en liet mij niet uitpraten.",
    "Ik werd aan de telefoon afgesnauwd door een medewerker, heel onvriendelijk.",
    "Tijdens het huisbezoek was de handhaver respectloos en onvriendelijk.",
    "Valt op: klachten over de toon van medewerkers in gesprekken over een maatregel.",
    "De klantmanager keek de hele tijd op zijn scherm en luisterde niet.",
    "Ik werd niet met respect behandeld aan de balie, de medewerker lachte mij uit.",
    "Onvriendelijke bejegening door de medewerker bij het intakegesprek.",
    "De medewerker gaf mij het gevoel dat ik loog, zeer onbeleefd gesprek.",
]
TERUGVORDERING = [
    "Ik moet ineens duizenden euro's terugbetalen, de terugvordering klopt niet.",
    "Bezwaar tegen de terugvordering van bijstand over 2024, het bedrag is te hoog.",
    "Signaal: terugvorderingen over meerdere jaren zorgen voor nieuwe schulden bij inwoners.",
    "De terugvordering wordt ingehouden op mijn uitkering en ik kan mijn huur niet betalen.",
    "Waarom wordt er teruggevorderd? Ik heb mijn inkomsten altijd doorgegeven.",
    "Inwoner heeft schulden door de terugvordering en vraagt om een betalingsregeling.",
    "Valt op: een betalingsregeling voor de terugvordering wordt vaak te hoog vastgesteld.",
    "Ik ben het niet eens met de terugvordering van de bijzondere bijstand.",
    "De maandelijkse aflossing van de terugvordering is te hoog, ik kom niet rond.",
    "Terugvordering na heronderzoek: inwoner moet bijstand terugbetalen en raakt in de schulden.",
    "Het bedrag van de terugvordering is verkeerd berekend, graag een nieuwe berekening.",
    "Kwijtschelding van de terugvordering gevraagd vanwege schulden, nog geen reactie.",
]

GROUPS = {
    "bereikbaarheid": BEREIKBAARHEID,
    "energietoeslag": ENERGIETOESLAG,
    "brieven": BRIEVEN,
    "bejegening": BEJEGENING,
    "terugvordering": TERUGVORDERING,
}


def corpus() -> tuple[list[str], list[str]]:
    """(texts, true group per text), interleaved so the order says nothing about the groups."""
    texts, labels = [], []
    for i in range(12):
        for name, items in GROUPS.items():
            texts.append(items[i])
            labels.append(name)
    return texts, labels
