"""The merge fields of a letter: what a template may say about the resident, the case, its dates, the
contact person and the organisation.

Every value is a plain string (dates written out in Dutch: "12 mei 2026"). A value that is not known
is left out of the context, never set to "": the sandbox then reports the field as missing and the
author sees an error before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from casus import deadlines
from casus.cases import services as case_services
from casus.cases.domain import CaseType, EventKind
from casus.cases.models import Case, Organisation, Resident
from casus.deadlines.explain import dutch_date

# name -> what it is (shown to the author next to the editor).
FIELDS: dict[str, str] = {
    "inwoner.aanhef": "Aanhef, bijvoorbeeld 'Beste Jan Smit'",
    "inwoner.naam": "Naam van de inwoner",
    "inwoner.adres": "Adres op één regel",
    "inwoner.straat": "Straat en huisnummer",
    "inwoner.postcode_plaats": "Postcode en woonplaats",
    "inwoner.email": "E-mailadres van de inwoner",
    "inwoner.telefoon": "Telefoonnummer van de inwoner",
    "zaak.kenmerk": "Kenmerk van de zaak",
    "zaak.zaaktype": "Soort zaak, bijvoorbeeld 'klacht'",
    "zaak.ontvangen_op": "Datum waarop wij de zaak kregen",
    "zaak.onderwerp": "Onderwerp of regeling",
    "zaak.uitkomst": "Uitkomst, bijvoorbeeld 'gegrond' (als de zaak is afgehandeld)",
    "zaak.uitkomst_code": "Uitkomst als code, voor {% if %}: gegrond, ongegrond, ...",
    "zaak.toelichting": "Toelichting bij de afhandeling",
    "zaak.besluit_verzonden_op": "Bezwaar: datum van het besluit waar het bezwaar over gaat",
    "datum.vandaag": "Datum van de brief",
    "datum.uiterste_datum": "Uiterste datum voor ons antwoord (termijnen-rekenaar)",
    "datum.hersteltermijn": "Laatste dag van de hersteltermijn (verzoek om aanvulling)",
    "datum.verdaagd_tot": "Nieuwe uiterste datum na verdaging",
    "datum.oude_uiterste_datum": "Uiterste datum vóór de verdaging",
    "datum.beroep_uiterlijk": "Laatste dag om beroep in te stellen (6 weken, Awb 6:7)",
    "datum.ombudsman_uiterlijk": "Laatste dag om naar de ombudsman te gaan (1 jaar, Awb 9:24)",
    "verdaging.reden": "Reden van de verdaging",
    "verdaging.duur": "Hoe lang de verdaging is, bijvoorbeeld '4 weken'",
    "verdaging.wetsartikel": "Het wetsartikel dat verdagen toestaat",
    "aanvulling.wat": "Wat wij de inwoner vragen aan te vullen",
    "hoorzitting.datum": "Datum van de hoorzitting (vult de behandelaar in)",
    "hoorzitting.tijd": "Tijd van de hoorzitting (vult de behandelaar in)",
    "hoorzitting.plaats": "Plaats van de hoorzitting (vult de behandelaar in)",
    "contactpersoon.naam": "Naam van de contactpersoon",
    "contactpersoon.team": "Team van de contactpersoon",
    "contactpersoon.telefoon": "Direct telefoonnummer van de contactpersoon of het team",
    "contactpersoon.email": "E-mailadres van de contactpersoon of het team",
    "contactpersoon.bereikbaar": "Telefoon en e-mail samen, in één zin",
    "organisatie.naam": "Naam van de organisatie",
    "organisatie.telefoon": "Algemeen telefoonnummer",
    "organisatie.email": "Algemeen e-mailadres",
    "organisatie.adres": "Postadres van de organisatie",
    "organisatie.website": "Website",
    "organisatie.ombudsman": "De ombudsman voor deze organisatie",
    "organisatie.ombudsman_contact": "Hoe de inwoner de ombudsman bereikt",
    "organisatie.rechtbank": "De rechtbank voor beroep",
    "organisatie.rechtbank_contact": "Hoe de inwoner beroep instelt",
}


@dataclass(frozen=True)
class Contact:
    """Who the resident can reach about the case, with a direct line."""

    name: str
    team: str
    phone: str
    email: str

    @property
    def reachable(self) -> str:
        parts = [f"telefoon {self.phone}" if self.phone else "", f"e-mail {self.email}" if self.email else ""]
        return " of ".join(part for part in parts if part)


def contact_for(case: Case) -> Contact:
    """The case's contact person: the portal's rule (casus.portal.contact) when it is installed,
    else the handler with the team's direct line (or the organisation's)."""
    try:
        from casus.portal.contact import contact_person
    except ImportError:
        contact_person = None
    if contact_person is not None:
        return _from_portal(contact_person(case), case)
    return _default_contact(case)


def _default_contact(case: Case) -> Contact:
    handler, team, org = case.handler, case.team, case.organisation
    name = (handler.get_full_name() or handler.get_username()) if handler else (f"Team {team}" if team else "")
    phone = (team.phone if team else "") or org.phone
    email = (team.email if team else "") or org.email
    if handler is not None and not (team and team.email) and handler.email:
        email = email or handler.email
    return Contact(name=name, team=str(team) if team else "", phone=phone, email=email)


def _from_portal(found: Any, case: Case) -> Contact:
    """Accept the portal's answer as a mapping or an object with name/team/phone/email."""
    if found is None:
        return _default_contact(case)
    get = found.get if isinstance(found, dict) else lambda key, default="": getattr(found, key, default)
    fallback = _default_contact(case)
    team = get("team", "") or fallback.team
    return Contact(
        name=str(get("name", "") or fallback.name), team=str(team), phone=str(get("phone", "") or fallback.phone),
        email=str(get("email", "") or fallback.email),
    )  # fmt: skip


def _put(target: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted field only when it has a value."""
    if value in (None, ""):
        return
    group, name = path.split(".")
    target.setdefault(group, {})[name] = str(value)


def greeting(resident: Resident | None) -> str:
    name = resident.full_name if resident is not None else ""
    return f"Beste {name}" if name else "Beste inwoner"


def merge_fields(case: Case, *, on: date, extra: dict[str, str] | None = None, contact: Contact | None = None) -> dict:
    """The merge fields for `case` in a letter dated `on`. `extra` holds what the handler types in
    (a hearing's date, time and place) as 'group.name' keys."""
    fields: dict[str, Any] = {}
    _resident_fields(fields, case.resident)
    _case_fields(fields, case)
    _date_fields(fields, case, on)
    contact = contact or contact_for(case)
    for key, value in (("naam", contact.name), ("team", contact.team), ("telefoon", contact.phone),
                       ("email", contact.email), ("bereikbaar", contact.reachable)):  # fmt: skip
        _put(fields, f"contactpersoon.{key}", value)
    _organisation_fields(fields, case.organisation)
    for key, value in (extra or {}).items():
        if key in FIELDS:
            _put(fields, key, value.strip())
    return fields


def _resident_fields(fields: dict[str, Any], resident: Resident | None) -> None:
    _put(fields, "inwoner.aanhef", greeting(resident))
    if resident is None:
        return
    street = " ".join(part for part in (resident.street, resident.house_number) if part)
    place = "  ".join(part for part in (_postcode(resident.postcode), resident.city) if part)
    values = {
        "naam": resident.full_name, "adres": resident.address, "straat": street, "postcode_plaats": place,
        "email": resident.email, "telefoon": resident.phone,
    }  # fmt: skip
    for key, value in values.items():
        _put(fields, f"inwoner.{key}", value)


def _postcode(value: str) -> str:
    """'1312AB' -> '1312 AB', the way PostNL wants it on an envelope."""
    compact = value.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else value


def _case_fields(fields: dict[str, Any], case: Case) -> None:
    _put(fields, "zaak.kenmerk", case.reference)
    _put(fields, "zaak.zaaktype", case.get_case_type_display().lower())
    _put(fields, "zaak.ontvangen_op", dutch_date(case.received_on, weekday=False))
    _put(fields, "zaak.onderwerp", str(case.subject) if case.subject_id else "")
    if case.outcome:
        _put(fields, "zaak.uitkomst", case.get_outcome_display().lower())
        _put(fields, "zaak.uitkomst_code", case.outcome)
    _put(fields, "zaak.toelichting", case.closing_text)
    if case.decision_sent_on:
        _put(fields, "zaak.besluit_verzonden_op", dutch_date(case.decision_sent_on, weekday=False))


def _date_fields(fields: dict[str, Any], case: Case, on: date) -> None:
    """Every date from the deadline engine (casus.cases.services.deadline_for), in Dutch."""
    deadline = case_services.deadline_for(case)
    _put(fields, "datum.vandaag", dutch_date(on, weekday=False))
    _put(fields, "datum.uiterste_datum", dutch_date(deadline.due, weekday=False))
    suspension = _open_suspension(case)
    if suspension is not None:
        _put(fields, "datum.hersteltermijn", dutch_date(suspension.repair_until, weekday=False))
        _put(fields, "aanvulling.wat", suspension.reason)
    if case.postponed_on is not None:
        _postponement_fields(fields, case, deadline)
    # Appeal to the court: six weeks from the day after the decision is sent (Awb 6:7, 6:8; Atw).
    _put(fields, "datum.beroep_uiterlijk", dutch_date(deadlines.filing_deadline(on), weekday=False))
    # The ombudsman: within one year after the organisation's findings (Awb 9:24); the Atw does not
    # apply to terms in years (Atw art. 4).
    _put(fields, "datum.ombudsman_uiterlijk", dutch_date(_one_year_after(on), weekday=False))


def _open_suspension(case: Case) -> Any:
    suspensions = list(case.suspensions.all())
    open_ones = [s for s in suspensions if s.resolved_on is None]
    return (open_ones or suspensions or [None])[-1]


def _postponement_fields(fields: dict[str, Any], case: Case, deadline: deadlines.Deadline) -> None:
    rule = case.organisation.rule_for(case.case_type)
    before = case_services.deadline_from_facts(
        rule=rule, received_on=case.received_on, decision_sent_on=case.decision_sent_on, committee=case.committee,
        postponed=False, suspensions=[s.as_deadline_suspension() for s in case.suspensions.all()], extended_to=None,
    )  # fmt: skip
    _put(fields, "datum.verdaagd_tot", dutch_date(deadline.due, weekday=False))
    _put(fields, "datum.oude_uiterste_datum", dutch_date(before.due, weekday=False))
    event = case.events.filter(kind=EventKind.POSTPONED).order_by("-created_at", "-id").first()
    _put(fields, "verdaging.reden", (event.data.get("reason", "") if event else "").rstrip("."))
    _put(fields, "verdaging.duur", rule.postponement.dutch() if rule.postponement else "")
    _put(fields, "verdaging.wetsartikel", rule.postponement_basis or rule.basis)


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: the term ends on 28 February
        return day.replace(year=day.year + 1, day=28)


def _organisation_fields(fields: dict[str, Any], organisation: Organisation) -> None:
    from .selectors import letterhead_for

    head = letterhead_for(organisation)
    address = ", ".join(part for part in (head.postal_address, head.postal_city) if part)
    for key, value in (("naam", organisation.name), ("telefoon", organisation.phone),
                       ("email", organisation.email), ("adres", address), ("website", head.website),
                       ("ombudsman", head.ombudsman), ("ombudsman_contact", head.ombudsman_contact),
                       ("rechtbank", head.court), ("rechtbank_contact", head.court_contact)):  # fmt: skip
        _put(fields, f"organisatie.{key}", value)


def example_fields(organisation: Organisation | None, *, on: date) -> dict[str, Any]:
    """Every field filled with an invented example (for the preview without a real case and for the
    check that a template names only fields that exist)."""
    fields: dict[str, Any] = {}
    examples = {
        "inwoner.aanhef": "Beste Fatima de Vries", "inwoner.naam": "Fatima de Vries",
        "inwoner.adres": "Voorbeeldstraat 12, 1311 AB Almere", "inwoner.straat": "Voorbeeldstraat 12",
        "inwoner.postcode_plaats": "1311 AB  Almere", "inwoner.email": "f.devries@voorbeeld.nl",
        "inwoner.telefoon": "06 12 34 56 78", "zaak.kenmerk": "KL-2026-000123", "zaak.zaaktype": "klacht",
        "zaak.ontvangen_op": "6 april 2026", "zaak.onderwerp": "bijzondere bijstand", "zaak.uitkomst": "gegrond",
        "zaak.uitkomst_code": "gegrond", "zaak.toelichting": "Wij hebben u te laat teruggebeld. Dat had niet "
        "mogen gebeuren. Uw klantmanager belt u voortaan binnen twee werkdagen terug.",
        "zaak.besluit_verzonden_op": "2 maart 2026", "datum.uiterste_datum": "18 mei 2026",
        "datum.hersteltermijn": "27 april 2026", "datum.verdaagd_tot": "15 juni 2026",
        "datum.oude_uiterste_datum": "18 mei 2026", "verdaging.reden": "wij willen eerst met uw klantmanager "
        "praten en die is tot eind mei afwezig", "verdaging.duur": "4 weken",
        "verdaging.wetsartikel": deadlines.get_rule(CaseType.KLACHT).postponement_basis,
        "aanvulling.wat": "een kopie van uw huurcontract", "hoorzitting.datum": "dinsdag 2 juni 2026",
        "hoorzitting.tijd": "10.00 uur", "hoorzitting.plaats": "het stadhuis, Stadhuisplein 1 in Almere",
        "contactpersoon.naam": "Sanne Bakker", "contactpersoon.team": "Werk",
        "contactpersoon.telefoon": "036 539 99 11", "contactpersoon.email": "werk@voorbeeld.nl",
        "contactpersoon.bereikbaar": "telefoon 036 539 99 11 of e-mail werk@voorbeeld.nl",
        "organisatie.naam": organisation.name if organisation else "Gemeente Voorbeeld",
        "organisatie.telefoon": "14 036", "organisatie.email": "info@voorbeeld.nl",
        "organisatie.adres": "Postbus 200, 1300 AE Almere", "organisatie.website": "www.voorbeeld.nl",
        "organisatie.ombudsman": "de Nationale ombudsman",
        "organisatie.ombudsman_contact": "www.nationaleombudsman.nl of telefoon 0800 335 55 55 (gratis)",
        "organisatie.rechtbank": "de rechtbank", "organisatie.rechtbank_contact": "www.rechtspraak.nl",
    }  # fmt: skip
    for key, value in examples.items():
        _put(fields, key, value)
    _put(fields, "datum.vandaag", dutch_date(on, weekday=False))
    _put(fields, "datum.beroep_uiterlijk", dutch_date(deadlines.filing_deadline(on), weekday=False))
    _put(fields, "datum.ombudsman_uiterlijk", dutch_date(_one_year_after(on), weekday=False))
    assert set(examples) | {"datum.vandaag", "datum.beroep_uiterlijk", "datum.ombudsman_uiterlijk"} == set(FIELDS)
    return fields


def label(name: str) -> str:
    """The Dutch description of a field, for an error message."""
    return FIELDS.get(name, name)


# What a handler does when a field has no value (shown next to the missing field).
HINTS: dict[str, str] = {
    "inwoner": "Vul het aan bij de inwoner (rechts op de zaakpagina).",
    "contactpersoon": "Vraag de functioneel beheerder een telefoonnummer of e-mailadres bij het team of de "
    "organisatie in te vullen.",
    "zaak.uitkomst": "Handel de zaak eerst af.",
    "zaak.uitkomst_code": "Handel de zaak eerst af.",
    "zaak.toelichting": "Handel de zaak af met een toelichting: die komt in de brief.",
    "zaak.onderwerp": "Kies een onderwerp bij de zaak.",
    "datum.hersteltermijn": "Leg eerst het verzoek om aanvulling vast (Wat wilt u doen? Aanvulling vragen).",
    "aanvulling": "Leg eerst het verzoek om aanvulling vast (Wat wilt u doen? Aanvulling vragen).",
    "verdaging": "Verdaag de zaak eerst (Wat wilt u doen? Verdagen).",
    "datum.verdaagd_tot": "Verdaag de zaak eerst (Wat wilt u doen? Verdagen).",
    "datum.oude_uiterste_datum": "Verdaag de zaak eerst (Wat wilt u doen? Verdagen).",
    "organisatie": "Vraag de functioneel beheerder dit in te vullen (Brieven, briefhoofd).",
}


def hint(name: str) -> str:
    """What to do about a missing field: the field's own hint, else its group's."""
    return HINTS.get(name) or HINTS.get(name.split(".")[0], "")
