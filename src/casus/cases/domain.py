"""Domain vocabulary of Casus (shared/DOMAIN.md §2, §3): case types, channels, statuses, outcomes.

Codes are stored; labels are Dutch and shown to users.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    VRAAG = "vraag", _("Vraag")
    TERUGBELVERZOEK = "terugbelverzoek", _("Terugbelverzoek")
    KLACHT = "klacht", _("Klacht")
    BEZWAAR = "bezwaar", _("Bezwaar")
    BEROEP = "beroep", _("Beroep")
    AANVRAAG = "aanvraag", _("Aanvraag")
    WMO_MELDING = "wmo_melding", _("Wmo-melding")
    WMO_AANVRAAG = "wmo_aanvraag", _("Wmo-aanvraag")
    WOO = "woo", _("Woo-verzoek")


# Reference prefixes: KL-2026-000123.
REFERENCE_PREFIX = {
    CaseType.VRAAG: "VR",
    CaseType.TERUGBELVERZOEK: "TB",
    CaseType.KLACHT: "KL",
    CaseType.BEZWAAR: "BZ",
    CaseType.BEROEP: "BR",
    CaseType.AANVRAAG: "AV",
    CaseType.WMO_MELDING: "WM",
    CaseType.WMO_AANVRAAG: "WA",
    CaseType.WOO: "WOO",
}


class Channel(models.TextChoices):
    POST = "post", _("Post")
    EMAIL = "email", _("E-mail")
    TELEFOON = "telefoon", _("Telefoon")
    BALIE = "balie", _("Balie")
    WEBFORMULIER = "webformulier", _("Webformulier")
    VIA_PARTNER = "via_partner", _("Via partner")


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    WACHT_OP_INWONER = "wacht_op_inwoner", _("Wacht op inwoner")
    TER_BEOORDELING = "ter_beoordeling", _("Ter beoordeling (vier ogen)")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")


OPEN_STATUSES = (Status.ONTVANGEN, Status.IN_BEHANDELING, Status.WACHT_OP_INWONER, Status.TER_BEOORDELING)


class Outcome(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    GEEN_OORDEEL = "geen_oordeel", _("Geen oordeel")
    INFORMEEL_AFGEHANDELD = "informeel_afgehandeld", _("Informeel afgehandeld")
    INFORMEEL_OPGELOST = "informeel_opgelost", _("Informeel opgelost")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    NIET_IN_BEHANDELING = "niet_in_behandeling", _("Niet in behandeling genomen")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen")
    NIET_BEREIKT = "niet_bereikt", _("Niet bereikt")
    TOEGEKEND = "toegekend", _("Toegekend")
    DEELS_TOEGEKEND = "deels_toegekend", _("Deels toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BUITEN_BEHANDELING = "buiten_behandeling", _("Buiten behandeling gesteld")
    ONDERZOEK_AFGEROND = "onderzoek_afgerond", _("Onderzoek afgerond")
    OPENBAAR = "openbaar", _("Openbaar gemaakt")
    DEELS_OPENBAAR = "deels_openbaar", _("Deels openbaar gemaakt")
    NIET_OPENBAAR = "niet_openbaar", _("Niet openbaar gemaakt")
    GEEN_DOCUMENTEN = "geen_documenten", _("Geen documenten gevonden")


_O = Outcome
_DISPUTE = (_O.GEGROND, _O.DEELS_GEGROND, _O.ONGEGROND, _O.NIET_ONTVANKELIJK, _O.INGETROKKEN, _O.INFORMEEL_OPGELOST)
_APPLICATION = (_O.TOEGEKEND, _O.DEELS_TOEGEKEND, _O.AFGEWEZEN, _O.BUITEN_BEHANDELING, _O.INGETROKKEN)

OUTCOMES_BY_TYPE: dict[str, tuple[Outcome, ...]] = {
    CaseType.KLACHT: (
        _O.GEGROND, _O.DEELS_GEGROND, _O.ONGEGROND, _O.GEEN_OORDEEL,
        _O.INFORMEEL_AFGEHANDELD, _O.INGETROKKEN, _O.NIET_IN_BEHANDELING,
    ),
    CaseType.BEZWAAR: _DISPUTE,
    CaseType.BEROEP: _DISPUTE,
    CaseType.VRAAG: (_O.BEANTWOORD, _O.DOORVERWEZEN, _O.NIET_BEREIKT, _O.INGETROKKEN),
    CaseType.TERUGBELVERZOEK: (_O.BEANTWOORD, _O.DOORVERWEZEN, _O.NIET_BEREIKT, _O.INGETROKKEN),
    CaseType.AANVRAAG: _APPLICATION,
    CaseType.WMO_AANVRAAG: _APPLICATION,
    CaseType.WMO_MELDING: (_O.ONDERZOEK_AFGEROND, _O.DOORVERWEZEN, _O.INGETROKKEN),
    CaseType.WOO: (
        _O.OPENBAAR, _O.DEELS_OPENBAAR, _O.NIET_OPENBAAR, _O.GEEN_DOCUMENTEN,
        _O.BUITEN_BEHANDELING, _O.INGETROKKEN,
    ),
}  # fmt: skip

# Outcomes that count as handled informally (DOMAIN.md §9 informal_rate).
INFORMAL_OUTCOMES = (_O.INFORMEEL_AFGEHANDELD, _O.INFORMEEL_OPGELOST)
# Rejections a second team member may have to approve before they are sent (four-eyes, seed 001 §3).
FOUR_EYES_OUTCOMES = (_O.AFGEWEZEN, _O.ONGEGROND)
# A callback request may close as `niet_bereikt` after this many failed attempts (seed 001 §2.3).
CALLBACK_ATTEMPTS_BEFORE_NOT_REACHED = 3


class CategoryKind(models.TextChoices):
    SUBJECT = "subject", _("Onderwerp / regeling")
    NATURE = "nature", _("Aard van de klacht")
    DOMAIN = "domain", _("Sociaal domein")


class FrontOfficeResult(models.TextChoices):
    INWONER_LOST_ZELF_OP = "inwoner_lost_zelf_op", _("Inwoner lost zelf op")
    VERWIJZING = "verwijzing", _("Verwijzing")
    MELDING_AANVRAAG = "melding_aanvraag", _("Melding of aanvraag")


class TeamRole(models.TextChoices):
    BEHANDELAAR = "behandelaar", _("Behandelaar")
    COORDINATOR = "coordinator", _("Coördinator / teamleider")
    KWALITEIT = "kwaliteitsmedewerker", _("Kwaliteitsmedewerker")
    MT = "mt", _("MT / directie")
    FUNCTIONEEL_BEHEER = "functioneel_beheerder", _("Functioneel beheerder")
    SYSTEEMBEHEER = "systeembeheerder", _("Systeembeheerder")
    PRIVACY = "privacyfunctionaris", _("Privacyfunctionaris (FG / privacy officer)")


class LinkKind(models.TextChoices):
    FOLLOWS_FROM = "follows_from", _("Volgt uit")  # klacht -> bezwaar -> beroep
    DUPLICATE_OF = "duplicate_of", _("Dubbel van")
    RELATED = "related", _("Hangt samen met")


class ReviewDecision(models.TextChoices):
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    RETURNED = "teruggestuurd", _("Teruggestuurd")


class Representative(models.TextChoices):
    BEWINDVOERDER = "bewindvoerder", _("Bewindvoerder")
    SOCIAAL_RAADSMAN = "sociaal_raadsman", _("Sociaal raadsman")
    MENTOR = "mentor", _("Mentor / curator")
    FAMILIE = "familie", _("Familielid")
    ADVOCAAT = "advocaat", _("Advocaat / gemachtigde")
    ANDERS = "anders", _("Anders")


class EventKind(models.TextChoices):
    RECEIVED = "ontvangen", _("Ontvangen")
    IMPORTED = "geimporteerd", _("Geïmporteerd")
    UPDATED = "gewijzigd", _("Gegevens gewijzigd")
    ASSIGNED = "toegewezen", _("Toegewezen")
    HANDED_OVER = "overgedragen", _("Overgedragen")
    STARTED = "gestart", _("In behandeling genomen")
    INFORMATION_REQUESTED = "informatie_gevraagd", _("Aanvulling gevraagd (termijn opgeschort)")
    INFORMATION_RECEIVED = "informatie_ontvangen", _("Aanvulling ontvangen")
    POSTPONED = "verdaagd", _("Verdaagd")
    EXTENDED = "uitgesteld", _("Verder uitgesteld")
    COMMITTEE = "adviescommissie", _("Adviescommissie")
    DEFAULT_NOTICE = "ingebrekestelling", _("Ingebrekestelling ontvangen")
    CONTACT_ATTEMPT = "contactpoging", _("Contactpoging")
    NOTE = "notitie", _("Notitie")
    LINKED = "gekoppeld", _("Gekoppeld")
    SAFETY_FLAG = "veiligheidssignaal", _("Veiligheidssignaal")
    CLOSE_PROPOSED = "afhandeling_voorgesteld", _("Afhandeling voorgesteld (vier ogen)")
    CLOSE_APPROVED = "afhandeling_goedgekeurd", _("Afhandeling goedgekeurd (vier ogen)")
    CLOSE_RETURNED = "afhandeling_teruggestuurd", _("Afhandeling teruggestuurd (vier ogen)")
    CLOSED = "afgehandeld", _("Afgehandeld")
    REOPENED = "heropend", _("Heropend")
    ATTACHMENT = "bijlage", _("Bijlage ontvangen")
    LETTER_SENT = "brief_verzonden", _("Brief verzonden")
    SIGNAL = "signaal", _("Signaal: wat valt op")
    DISCUSSION = "casuistiekoverleg", _("Besproken in casuïstiekoverleg")
    FOLLOW_UP = "nazorg", _("Nazorg")
