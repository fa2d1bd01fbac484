"""Every write to the case tables. Each service validates, writes, appends its timeline Event and
recomputes the due date in one transaction; an invalid step raises CaseError with a Dutch message.

Services are keyword-only `case_<verb>(*, ...)` functions (shared/STYLE.md). Notifications go out
through `transaction.on_commit`, so a rolled-back step never sends mail.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from casus import deadlines

from .domain import (
    CALLBACK_ATTEMPTS_BEFORE_NOT_REACHED,
    FOUR_EYES_OUTCOMES,
    INFORMAL_OUTCOMES,
    OUTCOMES_BY_TYPE,
    REFERENCE_PREFIX,
    CaseType,
    EventKind,
    LinkKind,
    Outcome,
    ReviewDecision,
    Status,
    TeamRole,
)
from .models import (
    Case,
    CaseLink,
    CaseReview,
    CaseTypeSetting,
    Category,
    ContactAttempt,
    Event,
    Organisation,
    Resident,
    Suspension,
    Team,
    TeamMembership,
)


class CaseError(Exception):
    """A step that is not allowed; the message is Dutch and shown to the user as it is."""


# --- helpers -------------------------------------------------------------------------------------


def _actor_name(user: Any) -> str:
    if user is None:
        return "Casus"
    return (user.get_full_name() or user.get_username()) if hasattr(user, "get_full_name") else str(user)


def event_append(*, case: Case, kind: str, actor: Any, summary: str, at: datetime | None = None, **data: Any) -> Event:
    """Append one Event to the case's timeline (dates in `data` stored as ISO strings)."""
    clean = {key: value.isoformat() if isinstance(value, date) else value for key, value in data.items()}
    return Event.objects.create(
        case=case, kind=kind, actor=actor if getattr(actor, "pk", None) else None, actor_name=_actor_name(actor),
        created_at=at or timezone.now(), summary=summary, data=clean,
    )  # fmt: skip


def _lock(case: Case) -> Case:
    """Re-read the case with a row lock, so two handlers cannot step on each other."""
    return Case.objects.select_for_update().select_related("organisation").get(pk=case.pk)


def _require_open(case: Case) -> None:
    if case.status == Status.AFGEHANDELD:
        raise CaseError(f"Zaak {case.reference} is al afgehandeld. Heropen de zaak eerst.")


def _require_not_in_review(case: Case) -> None:
    if case.status == Status.TER_BEOORDELING:
        raise CaseError(
            f"Zaak {case.reference} wacht op beoordeling door een collega (vier ogen). "
            "Wacht op het oordeel, of vraag de collega het voorstel terug te sturen."
        )


def require_committee_term(rule: deadlines.Rule) -> None:
    """Only a klacht (Awb 9:11) and a bezwaar (7:10) have a longer term when a committee advises."""
    if rule.committee_term is None:
        raise CaseError(f"Bij een {CaseType(rule.code).label.lower()} bestaat geen adviescommissie-termijn.")


def require_fixed_postponement(rule: deadlines.Rule) -> None:
    """Only a klacht, bezwaar and Woo-verzoek have a postponement of fixed length."""
    if rule.postponement is None:
        raise CaseError(
            f"Een {CaseType(rule.code).label.lower()} kent geen vaste verdaging. Leg een nieuwe datum vast."
        )


def _today() -> date:
    return timezone.localdate()


def _fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def deadline_from_facts(
    *, rule: deadlines.Rule, received_on: date, decision_sent_on: date | None, committee: bool, postponed: bool,
    suspensions: list[deadlines.Suspension], extended_to: date | None,
) -> deadlines.Deadline:  # fmt: skip
    """The deadline from a case's stored facts; the one place (with the engine) a case's term is counted.

    An agreed later date (case_extend) replaces the statutory due date only while it is later: when
    an organisation lengthens its term past it, the new term wins.
    """
    try:
        deadline = deadlines.compute_deadline(
            rule, received_on,
            decision_sent=decision_sent_on if rule.start is deadlines.Start.AFTER_FILING_TERM else None,
            committee=committee, postponed=postponed, suspensions=suspensions,
        )  # fmt: skip
    except deadlines.DeadlineError as error:
        raise CaseError(str(error)) from error
    if extended_to is not None and extended_to > deadline.due:
        deadline = deadline._replace(due=extended_to, extended_to=extended_to)
    return deadline


def deadline_for(case: Case) -> deadlines.Deadline:
    """The due date of a (saved or new) case."""
    return deadline_from_facts(
        rule=case.organisation.rule_for(case.case_type), received_on=case.received_on,
        decision_sent_on=case.decision_sent_on, committee=case.committee, postponed=case.postponed_on is not None,
        suspensions=[s.as_deadline_suspension() for s in case.suspensions.all()] if case.pk else [],
        extended_to=case.extended_to,
    )  # fmt: skip


def _recompute_due(case: Case) -> tuple[date, date]:
    """Store the recomputed due date; return (old, new)."""
    old = case.due_on
    case.due_on = deadline_for(case).due
    return old, case.due_on


def _save_with_new_due(
    case: Case, *, fields: list[str], kind: str, actor: Any, summary: str, **data: Any
) -> tuple[date, date]:
    """Recompute the due date after a changed fact, save it with `fields`, and append the Event
    that says how the date moved. Returns (old, new)."""
    old, new = _recompute_due(case)
    case.save(update_fields=[*fields, "due_on", "updated_at"])
    event_append(
        case=case, kind=kind, actor=actor, summary=f"{summary} Uiterste datum nu {_fmt(new)} (was {_fmt(old)}).",
        due_before=old, due_after=new, **data,
    )  # fmt: skip
    return old, new


# --- references ----------------------------------------------------------------------------------


def reference_reserve(*, organisation: Organisation, case_type: str, year: int, count: int = 1) -> list[str]:
    """Reserve `count` consecutive references like KL-2026-000123.

    One upsert on the counter row: the row stays locked until the surrounding transaction ends, so
    concurrent registrations queue up and a rolled-back registration gives its number back (the
    numbering is gap-free per organisation, type and year). Works on PostgreSQL and SQLite >= 3.35.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("reference_reserve must run inside a transaction")
    prefix = REFERENCE_PREFIX[CaseType(case_type)]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cases_referencecounter (organisation_id, prefix, year, last) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (organisation_id, prefix, year) DO UPDATE SET last = cases_referencecounter.last + %s "
            "RETURNING last",
            [organisation.pk, prefix, year, count, count],
        )
        last = cursor.fetchone()[0]
    return [f"{prefix}-{year}-{number:06d}" for number in range(last - count + 1, last + 1)]


# --- registration --------------------------------------------------------------------------------


@transaction.atomic
def case_register(
    *,
    organisation: Organisation,
    case_type: str,
    received_on: date,
    actor: Any = None,
    channel: str = "",
    team: Team | None = None,
    handler: Any = None,
    subject: Category | None = None,
    nature: Category | None = None,
    resident: Resident | None = None,
    description: str = "",
    decision_sent_on: date | None = None,
    posted_on: date | None = None,
    delay_excused: bool = False,
    filed_at_court_on: date | None = None,
    committee: bool = False,
    front_office_result: str = "",
    complex: bool = False,
) -> Case:
    """Register a new case, compute its due date and write the Event 'ontvangen'.

    A bezwaar with the contested decision's dispatch date gets the filing check of Awb 6:7-6:9: when
    it is late, Casus proposes niet-ontvankelijk unless the delay is recorded as excusable (6:11).
    """
    _validate_registration(
        organisation=organisation, case_type=case_type, received_on=received_on, team=team, resident=resident,
        decision_sent_on=decision_sent_on, filed_at_court_on=filed_at_court_on, committee=committee,
    )  # fmt: skip
    case = Case(
        organisation=organisation, case_type=case_type, received_on=received_on, channel=channel, team=team,
        subject=subject, nature=nature, resident=resident, description=description.strip(),
        decision_sent_on=decision_sent_on, posted_on=posted_on, delay_excused=delay_excused,
        filed_at_court_on=filed_at_court_on, committee=committee, front_office_result=front_office_result,
        complex=complex,
    )  # fmt: skip
    if decision_sent_on is not None:
        case.filed_on_time = deadlines.filing_check(decision_sent_on, received_on, posted_on).on_time
    case.due_on = deadline_for(case).due
    case.reference = _unused_reference(organisation, case_type, received_on.year)
    case.save()
    event_append(
        case=case, kind=EventKind.RECEIVED, actor=actor,
        summary=_received_summary(case), channel=channel, due_on=case.due_on, filed_on_time=case.filed_on_time,
    )  # fmt: skip
    if handler is not None:
        _assign(case, handler, actor, reason="")
        case.save(update_fields=["handler", "updated_at"])
    return case


def _validate_registration(
    *, organisation: Organisation, case_type: str, received_on: date, team: Team | None,
    resident: Resident | None, decision_sent_on: date | None, filed_at_court_on: date | None, committee: bool,
) -> None:  # fmt: skip
    if case_type not in CaseType.values:
        raise CaseError(f"Onbekend zaaktype '{case_type}'.")
    if received_on > _today():
        raise CaseError("De ontvangstdatum ligt in de toekomst.")
    if team is not None and team.organisation_id != organisation.pk:
        raise CaseError(f"Team {team} hoort niet bij {organisation}.")
    if resident is not None and resident.organisation_id != organisation.pk:
        raise CaseError("Deze inwoner hoort bij een andere organisatie.")
    if decision_sent_on is not None and case_type != CaseType.BEZWAAR:
        raise CaseError("De verzenddatum van een besluit hoort alleen bij een bezwaar.")
    if filed_at_court_on is not None and case_type != CaseType.BEROEP:
        raise CaseError("De datum van indiening bij de rechtbank hoort alleen bij een beroep.")
    if filed_at_court_on is not None and filed_at_court_on > received_on:
        raise CaseError("Het beroep kan niet later bij de rechtbank zijn ingediend dan wij het bericht kregen.")
    if committee:
        require_committee_term(organisation.rule_for(case_type))


def _unused_reference(organisation: Organisation, case_type: str, year: int) -> str:
    # An imported case may already carry the next number; skip numbers that are taken.
    while True:
        (reference,) = reference_reserve(organisation=organisation, case_type=case_type, year=year)
        if not Case.objects.filter(organisation=organisation, reference=reference).exists():
            return reference


def _received_summary(case: Case) -> str:
    text = f"{case.get_case_type_display()} ontvangen"
    if case.channel:
        text += f" via {case.get_channel_display().lower()}"
    text += f". Uiterste datum {_fmt(case.due_on)}."
    if case.filed_on_time is False and case.delay_excused:
        text += " Het bezwaar is te laat ingediend, maar de termijnoverschrijding is verschoonbaar (Awb 6:11)."
    elif case.filed_on_time is False:
        text += " Het bezwaar is te laat ingediend: voorstel niet-ontvankelijk, tenzij verschoonbaar (Awb 6:11)."
    return text


# --- assignment ----------------------------------------------------------------------------------


@transaction.atomic
def case_assign(*, case: Case, handler: Any, actor: Any, reason: str = "", team: Team | None = None) -> Case:
    """Give the case to `handler` (taking it when handler is actor). Handing over a case that
    someone else handles needs a reason, which goes on the timeline; the new handler gets an e-mail."""
    case = _lock(case)
    _require_open(case)
    if team is not None:
        if team.organisation_id != case.organisation_id:
            raise CaseError(f"Team {team} hoort niet bij {case.organisation}.")
        case.team = team
    _assign(case, handler, actor, reason)
    case.save(update_fields=["handler", "team", "updated_at"])
    return case


def _assign(case: Case, handler: Any, actor: Any, reason: str) -> None:
    previous = case.handler
    if previous is not None and previous.pk == handler.pk:
        raise CaseError(f"{_actor_name(handler)} behandelt deze zaak al.")
    handover = previous is not None
    if handover and not reason.strip():
        raise CaseError("Geef een reden voor de overdracht, zodat uw collega weet wat er speelt.")
    case.handler = handler
    if handover:
        event_append(
            case=case, kind=EventKind.HANDED_OVER, actor=actor,
            summary=f"Overgedragen van {_actor_name(previous)} aan {_actor_name(handler)}: {reason.strip()}",
            from_handler=previous.pk, to_handler=handler.pk, reason=reason.strip(),
        )  # fmt: skip
    else:
        event_append(
            case=case, kind=EventKind.ASSIGNED, actor=actor,
            summary=f"Toegewezen aan {_actor_name(handler)}.", to_handler=handler.pk,
        )  # fmt: skip
    if actor is None or handler.pk != getattr(actor, "pk", None):
        _notify_handler(case, handler, reason.strip())


def _notify_handler(case: Case, handler: Any, reason: str) -> None:
    if not getattr(handler, "email", ""):
        return
    body = f"U behandelt vanaf nu zaak {case.reference} ({case.get_case_type_display().lower()}).\n"
    body += f"Uiterste datum: {_fmt(case.due_on)}.\n"
    if reason:
        body += f"Reden van de overdracht: {reason}\n"
    transaction.on_commit(
        lambda: send_mail(f"Casus: zaak {case.reference} aan u toegewezen", body, None, [handler.email])
    )


@transaction.atomic
def case_start(*, case: Case, actor: Any) -> Case:
    """Take the case into handling (status in_behandeling); a case without handler goes to the actor."""
    case = _lock(case)
    _require_open(case)
    if case.status != Status.ONTVANGEN:
        raise CaseError(f"Zaak {case.reference} is al in behandeling genomen.")
    if case.handler is None and actor is not None:
        _assign(case, actor, actor, reason="")
    case.status = Status.IN_BEHANDELING
    case.save(update_fields=["status", "handler", "updated_at"])
    event_append(case=case, kind=EventKind.STARTED, actor=actor, summary="In behandeling genomen.")
    return case


# --- suspension, postponement, extension ---------------------------------------------------------


@transaction.atomic
def case_request_information(
    *, case: Case, actor: Any, requested_on: date, repair_until: date, what: str
) -> Suspension:
    """Ask the resident to complete or repair (Awb 4:5, 6:6); the term is suspended from the day after
    the request until the repair or the lapse of the repair term (Awb 4:15 lid 1 a, 7:10 lid 2)."""
    case = _lock(case)
    _require_open(case)
    _require_not_in_review(case)
    if case.status == Status.WACHT_OP_INWONER:
        raise CaseError("Er loopt al een verzoek om aanvulling. Registreer eerst de ontvangst daarvan.")
    if not what.strip():
        raise CaseError("Schrijf op wat u de inwoner vraagt aan te vullen.")
    if requested_on < case.received_on or requested_on > _today():
        raise CaseError("De datum van het verzoek moet tussen de ontvangst van de zaak en vandaag liggen.")
    if repair_until < requested_on:
        raise CaseError("De hersteltermijn kan niet eindigen vóór het verzoek.")
    suspension = Suspension.objects.create(
        case=case, requested_on=requested_on, repair_until=repair_until, reason=what.strip()
    )
    case.status = Status.WACHT_OP_INWONER
    _save_with_new_due(
        case, fields=["status"], kind=EventKind.INFORMATION_REQUESTED, actor=actor,
        summary=f"Aanvulling gevraagd: {what.strip()} Hersteltermijn tot en met {_fmt(repair_until)}. "
        "De termijn staat stil.",
        requested_on=requested_on, repair_until=repair_until,
    )  # fmt: skip
    return suspension


@transaction.atomic
def case_information_received(*, case: Case, actor: Any, received_on: date) -> Case:
    """The resident completed the case: the suspension ends on `received_on` and the term runs again."""
    case = _lock(case)
    suspension = case.suspensions.filter(resolved_on__isnull=True).last()
    if case.status != Status.WACHT_OP_INWONER or suspension is None:
        raise CaseError("Er loopt geen verzoek om aanvulling bij deze zaak.")
    if received_on < suspension.requested_on or received_on > _today():
        raise CaseError("De datum van ontvangst moet tussen het verzoek en vandaag liggen.")
    suspension.resolved_on = received_on
    suspension.save(update_fields=["resolved_on"])
    case.status = Status.IN_BEHANDELING
    late = " (na afloop van de hersteltermijn)" if received_on > suspension.repair_until else ""
    _save_with_new_due(
        case, fields=["status"], kind=EventKind.INFORMATION_RECEIVED, actor=actor,
        summary=f"Aanvulling ontvangen op {_fmt(received_on)}{late}.", received_on=received_on,
    )  # fmt: skip
    return case


@transaction.atomic
def case_postpone(*, case: Case, actor: Any, notice_sent_on: date, reason: str) -> Case:
    """Postpone (verdagen) once by the statutory length, with a written notice sent before the term
    ends (Awb 9:11 lid 2 klacht 4 weeks, 7:10 lid 3 bezwaar 6 weeks, Woo 4.4 lid 2 2 weeks)."""
    case = _lock(case)
    _require_open(case)
    rule = case.organisation.rule_for(case.case_type)
    require_fixed_postponement(rule)
    if case.postponed_on is not None:
        raise CaseError(f"Deze zaak is al verdaagd op {_fmt(case.postponed_on)}. Verdagen kan maar één keer.")
    if notice_sent_on > case.due_on:
        raise CaseError(f"Verdagen kan alleen vóór het einde van de termijn ({_fmt(case.due_on)}).")
    if notice_sent_on < case.received_on or notice_sent_on > _today():
        raise CaseError("De datum van het verdagingsbericht moet tussen de ontvangst en vandaag liggen.")
    if not reason.strip():
        raise CaseError("Geef de reden van de verdaging; die staat ook in de brief aan de inwoner.")
    case.postponed_on = notice_sent_on
    _save_with_new_due(
        case, fields=["postponed_on"], kind=EventKind.POSTPONED, actor=actor,
        summary=f"Verdaagd met {rule.postponement.dutch()} "
        f"(bericht verzonden {_fmt(notice_sent_on)}): {reason.strip()}",
        notice_sent_on=notice_sent_on, reason=reason.strip(),
    )  # fmt: skip
    return case


@transaction.atomic
def case_extend(*, case: Case, actor: Any, until: date, reason: str, consent_on: date | None = None) -> Case:
    """Further delay to an explicit date: with the resident's written consent (Awb 9:11 lid 3,
    7:10 lid 4) or, for applications, by a notice naming a new term (Awb 4:14)."""
    case = _lock(case)
    _require_open(case)
    if case.case_type in (CaseType.KLACHT, CaseType.BEZWAAR) and consent_on is None:
        raise CaseError("Verder uitstellen kan alleen met schriftelijke toestemming van de inwoner. Vul de datum in.")
    if until <= case.due_on:
        raise CaseError(f"De nieuwe datum moet na de huidige uiterste datum ({_fmt(case.due_on)}) liggen.")
    if not reason.strip():
        raise CaseError("Geef de reden van het uitstel.")
    case.extended_to = until
    old, new = _recompute_due(case)
    case.save(update_fields=["extended_to", "due_on", "updated_at"])
    consent = f" met toestemming van {_fmt(consent_on)}" if consent_on else ""
    event_append(
        case=case, kind=EventKind.EXTENDED, actor=actor,
        summary=f"Uitgesteld tot {_fmt(new)}{consent}: {reason.strip()} (was {_fmt(old)}).",
        until=until, consent_on=consent_on, reason=reason.strip(), due_before=old, due_after=new,
    )  # fmt: skip
    return case


@transaction.atomic
def case_set_committee(*, case: Case, actor: Any, committee: bool) -> Case:
    """An advisory committee advises (klacht: Awb 9:11 10 weeks; bezwaar: 7:10 12 weeks) or not."""
    case = _lock(case)
    _require_open(case)
    require_committee_term(case.organisation.rule_for(case.case_type))
    if case.committee == committee:
        raise CaseError("Dit staat al zo vastgelegd.")
    case.committee = committee
    what = "Advies van de adviescommissie" if committee else "Geen advies van de adviescommissie"
    _save_with_new_due(
        case, fields=["committee"], kind=EventKind.COMMITTEE, actor=actor, summary=f"{what}.", committee=committee
    )
    return case


@transaction.atomic
def case_record_default_notice(*, case: Case, actor: Any, received_on: date) -> Case:
    """Record a notice of default (ingebrekestelling, Awb 4:17); the penalty runs from 2 weeks after."""
    case = _lock(case)
    _require_open(case)
    if not case.organisation.rule_for(case.case_type).penalty:
        raise CaseError(f"Bij een {case.get_case_type_display().lower()} geldt geen dwangsom (Awb 4:17).")
    if received_on < case.received_on or received_on > _today():
        raise CaseError("De datum van ontvangst moet tussen de ontvangst van de zaak en vandaag liggen.")
    case.default_notice_on = received_on
    case.save(update_fields=["default_notice_on", "updated_at"])
    penalty = deadlines.compute_penalty(case.due_on, received_on, _today())
    if penalty.premature:
        summary = (
            f"Ingebrekestelling ontvangen op {_fmt(received_on)}, vóór het einde van de termijn: "
            "die telt niet (Awb 4:17)."
        )
    else:
        summary = (
            f"Ingebrekestelling ontvangen op {_fmt(received_on)}. Beslis vóór {_fmt(penalty.first_day)}; "
            f"daarna loopt een dwangsom tot maximaal € {penalty.maximum}."
        )
    event_append(
        case=case, kind=EventKind.DEFAULT_NOTICE, actor=actor, summary=summary,
        received_on=received_on, premature=penalty.premature, first_day=penalty.first_day,
    )  # fmt: skip
    return case


# --- contact, notes, links, safety ---------------------------------------------------------------


@transaction.atomic
def case_record_contact_attempt(
    *, case: Case, actor: Any, attempted_at: datetime, reached: bool, note: str = ""
) -> ContactAttempt:
    """Log a call (back): when, by whom, reached or not (seed 001 §2.3: every attempt with its time)."""
    case = _lock(case)
    _require_open(case)
    if attempted_at > timezone.now():
        raise CaseError("Een contactpoging kan niet in de toekomst liggen.")
    if timezone.localtime(attempted_at).date() < case.received_on:
        raise CaseError("Een contactpoging kan niet vóór de ontvangst van de zaak liggen.")
    attempt = ContactAttempt.objects.create(
        case=case, attempted_at=attempted_at, by=actor if getattr(actor, "pk", None) else None,
        reached=reached, note=note.strip(),
    )  # fmt: skip
    local = timezone.localtime(attempted_at)
    result = "bereikt" if reached else "niet bereikt"
    event_append(
        case=case, kind=EventKind.CONTACT_ATTEMPT, actor=actor,
        summary=f"Gebeld op {local:%d-%m-%Y om %H:%M}: {result}." + (f" {note.strip()}" if note.strip() else ""),
        attempted_at=attempted_at.isoformat(), reached=reached,
    )  # fmt: skip
    return attempt


@transaction.atomic
def case_add_note(*, case: Case, actor: Any, text: str) -> Event:
    """A note on the timeline (internal: never shown to the resident)."""
    if not text.strip():
        raise CaseError("Een notitie kan niet leeg zijn.")
    case = _lock(case)
    return event_append(case=case, kind=EventKind.NOTE, actor=actor, summary=text.strip())


@transaction.atomic
def case_link(*, case: Case, other: Case, kind: str, actor: Any) -> CaseLink:
    """Link two cases of one organisation: `case` follows from / duplicates / relates to `other`."""
    if case.pk == other.pk:
        raise CaseError("Een zaak kan niet aan zichzelf gekoppeld worden.")
    if case.organisation_id != other.organisation_id:
        raise CaseError("Zaken van verschillende organisaties kunnen niet gekoppeld worden.")
    if kind not in LinkKind.values:
        raise CaseError(f"Onbekende soort koppeling '{kind}'.")
    case, other = _lock(case), _lock(other)
    if CaseLink.objects.filter(from_case=case, to_case=other, kind=kind).exists():
        raise CaseError(f"{case.reference} is al zo gekoppeld aan {other.reference}.")
    link = CaseLink.objects.create(from_case=case, to_case=other, kind=kind)
    label = LinkKind(kind).label.lower()
    for this, that in ((case, other), (other, case)):
        event_append(
            case=this, kind=EventKind.LINKED, actor=actor,
            summary=f"Gekoppeld: {case.reference} {label} {other.reference}.", other=that.reference, link=kind,
        )  # fmt: skip
    return link


@transaction.atomic
def case_flag_safety(*, case: Case, actor: Any, note: str = "") -> Case:
    """Flag a safety concern (suicide, threat of violence, seed 000): the case becomes sensitive and the
    team's coördinatoren are alerted at once."""
    case = _lock(case)
    if case.safety_flag:
        raise CaseError("Deze zaak heeft al een veiligheidssignaal.")
    case.safety_flag = True
    case.sensitive = True
    case.save(update_fields=["safety_flag", "sensitive", "updated_at"])
    event_append(
        case=case, kind=EventKind.SAFETY_FLAG, actor=actor,
        summary="Veiligheidssignaal gemeld. Volg het protocol (113 Zelfmoordpreventie: 0800-0113; nood: 112)."
        + (f" {note.strip()}" if note.strip() else ""),
        note=note.strip(),
    )  # fmt: skip
    _alert_coordinators(case, note.strip())
    return case


def _alert_coordinators(case: Case, note: str) -> None:
    """The team's coördinatoren; a case without a team alerts every coördinator of the organisation."""
    memberships = TeamMembership.objects.filter(role=TeamRole.COORDINATOR, user__is_active=True)
    if case.team_id is not None:
        memberships = memberships.filter(team_id=case.team_id)
    else:
        memberships = memberships.filter(team__organisation_id=case.organisation_id)
    emails = sorted({m.user.email for m in memberships.select_related("user") if m.user.email})
    if emails:
        body = f"Bij zaak {case.reference} is een veiligheidssignaal gemeld. Bekijk de zaak direct.\n{note}"
        transaction.on_commit(lambda: send_mail(f"Casus: veiligheidssignaal {case.reference}", body, None, emails))


# --- closing -------------------------------------------------------------------------------------


def four_eyes_required(*, case: Case, outcome: str) -> bool:
    """A rejection (afgewezen, ongegrond) needs a second reader when the organisation set four-eyes
    for the case type (seed 001 §3)."""
    if outcome not in FOUR_EYES_OUTCOMES:
        return False
    return CaseTypeSetting.objects.filter(
        organisation_id=case.organisation_id, case_type=case.case_type, four_eyes=True
    ).exists()


@transaction.atomic
def case_close(
    *, case: Case, actor: Any, outcome: str, closed_on: date | None = None, informal: bool = False,
    closing_text: str = "",
) -> Case:  # fmt: skip
    """Close with an outcome valid for the type (DOMAIN.md §2). A callback request closes as
    niet_bereikt only after 3 failed attempts. Informal outcomes (Awb 9:5) set the informal flag.
    A rejection under four-eyes goes through case_propose_close instead."""
    case = _lock(case)
    _require_open(case)
    _require_not_in_review(case)
    if four_eyes_required(case=case, outcome=outcome):
        raise CaseError(
            f"Bij de uitkomst '{Outcome(outcome).label.lower()}' leest een tweede teamlid mee (vier ogen). "
            "Leg de afhandeling voor ter beoordeling."
        )
    closed_on = closed_on or _today()
    _validate_closing(case, outcome, closed_on)
    return _close(case, actor, outcome=outcome, closed_on=closed_on, informal=informal, closing_text=closing_text)


def _close(
    case: Case, actor: Any, *, outcome: str, closed_on: date, informal: bool, closing_text: str, note: str = "",
    **data: Any,
) -> Case:  # fmt: skip
    case.status = Status.AFGEHANDELD
    case.outcome = outcome
    case.closed_on = closed_on
    case.informal = informal or outcome in INFORMAL_OUTCOMES
    case.closing_text = closing_text.strip()
    case.save(update_fields=["status", "outcome", "closed_on", "informal", "closing_text", "updated_at"])
    within = "binnen de termijn" if case.within_term else f"na de termijn ({_fmt(case.due_on)})"
    event_append(
        case=case, kind=EventKind.CLOSED, actor=actor,
        summary=f"Afgehandeld op {_fmt(closed_on)}: {Outcome(outcome).label.lower()}, {within}."
        + (" Informeel afgehandeld." if case.informal else "") + note,
        outcome=outcome, closed_on=closed_on, informal=case.informal, within_term=case.within_term, **data,
    )  # fmt: skip
    return case


# --- four-eyes -----------------------------------------------------------------------------------


def _open_review(case: Case) -> CaseReview:
    review = case.reviews.filter(decision="").select_related("proposed_by").first()
    if case.status != Status.TER_BEOORDELING or review is None:
        raise CaseError(f"Bij zaak {case.reference} wacht geen voorstel tot afhandeling op beoordeling.")
    return review


def _require_reviewer(case: Case, review: CaseReview, actor: Any) -> None:
    """The reviewer is a second member of the case's team (behandelaar or coördinator), never the
    proposer; a case without a team is reviewed by a coördinator of the organisation."""
    if actor is None or actor.pk == review.proposed_by_id:
        raise CaseError("U kunt uw eigen voorstel niet beoordelen. Een collega van het team doet dat.")
    memberships = TeamMembership.objects.filter(user=actor, team__active=True)
    if case.team_id is not None:
        allowed = memberships.filter(team_id=case.team_id, role__in=[TeamRole.BEHANDELAAR, TeamRole.COORDINATOR])
    else:
        allowed = memberships.filter(team__organisation_id=case.organisation_id, role=TeamRole.COORDINATOR)
    if not allowed.exists():
        raise CaseError("Alleen een behandelaar of coördinator van het team van de zaak kan dit voorstel beoordelen.")


@transaction.atomic
def case_propose_close(
    *, case: Case, actor: Any, outcome: str, closed_on: date | None = None, informal: bool = False,
    closing_text: str = "",
) -> CaseReview:  # fmt: skip
    """Propose a closing for a second reader (four-eyes, seed 001 §3): the case waits in status
    ter_beoordeling until a colleague of the team approves (case_review_approve) or returns it."""
    case = _lock(case)
    _require_open(case)
    _require_not_in_review(case)
    if getattr(actor, "pk", None) is None:
        raise CaseError("Een voorstel tot afhandeling doet altijd een medewerker.")
    if case.status == Status.WACHT_OP_INWONER:
        raise CaseError("Er loopt nog een verzoek om aanvulling. Registreer eerst de ontvangst daarvan.")
    closed_on = closed_on or _today()
    _validate_closing(case, outcome, closed_on)
    review = CaseReview.objects.create(
        case=case, proposed_by=actor, outcome=outcome, informal=informal or outcome in INFORMAL_OUTCOMES,
        closed_on=closed_on, closing_text=closing_text.strip(),
    )  # fmt: skip
    case.status = Status.TER_BEOORDELING
    case.save(update_fields=["status", "updated_at"])
    event_append(
        case=case, kind=EventKind.CLOSE_PROPOSED, actor=actor,
        summary=f"{_actor_name(actor)} stelt voor af te handelen als {Outcome(outcome).label.lower()}. "
        "Een tweede teamlid beoordeelt dit voorstel (vier ogen).",
        outcome=outcome, closed_on=closed_on, review=review.pk,
    )  # fmt: skip
    return review


@transaction.atomic
def case_review_approve(*, case: Case, actor: Any) -> Case:
    """A second team member approves the proposed closing; the case closes with the proposal's outcome
    and date, and the timeline names both the proposer and the approver."""
    case = _lock(case)
    review = _open_review(case)
    _require_reviewer(case, review, actor)
    _validate_closing(case, review.outcome, review.closed_on)
    review.decision, review.decided_by, review.decided_at = ReviewDecision.APPROVED, actor, timezone.now()
    review.save(update_fields=["decision", "decided_by", "decided_at"])
    proposer, approver = _actor_name(review.proposed_by), _actor_name(actor)
    event_append(
        case=case, kind=EventKind.CLOSE_APPROVED, actor=actor,
        summary=f"Afhandeling als {review.get_outcome_display().lower()} goedgekeurd door {approver} "
        f"(voorgesteld door {proposer}).",
        review=review.pk, proposed_by=proposer, approved_by=approver,
    )  # fmt: skip
    return _close(
        case, actor, outcome=review.outcome, closed_on=review.closed_on, informal=review.informal,
        closing_text=review.closing_text, note=f" Voorgesteld door {proposer}, goedgekeurd door {approver}.",
        proposed_by=proposer, approved_by=approver,
    )  # fmt: skip


@transaction.atomic
def case_review_return(*, case: Case, actor: Any, remark: str) -> Case:
    """The reviewer sends the proposal back with a remark; the case is in handling again and the
    proposer gets an e-mail."""
    case = _lock(case)
    review = _open_review(case)
    _require_reviewer(case, review, actor)
    if not remark.strip():
        raise CaseError("Schrijf erbij waarom u het voorstel terugstuurt, zodat uw collega weet wat er moet gebeuren.")
    review.decision, review.decided_by, review.decided_at = ReviewDecision.RETURNED, actor, timezone.now()
    review.remark = remark.strip()
    review.save(update_fields=["decision", "decided_by", "decided_at", "remark"])
    case.status = Status.IN_BEHANDELING
    case.save(update_fields=["status", "updated_at"])
    proposer = review.proposed_by
    event_append(
        case=case, kind=EventKind.CLOSE_RETURNED, actor=actor,
        summary=f"Voorstel van {_actor_name(proposer)} ({review.get_outcome_display().lower()}) teruggestuurd "
        f"door {_actor_name(actor)}: {remark.strip()}",
        review=review.pk, remark=remark.strip(),
    )  # fmt: skip
    if proposer.email:
        body = (
            f"{_actor_name(actor)} heeft uw voorstel om zaak {case.reference} af te handelen teruggestuurd.\n"
            f"Opmerking: {remark.strip()}\n"
        )
        transaction.on_commit(
            lambda: send_mail(f"Casus: voorstel {case.reference} teruggestuurd", body, None, [proposer.email])
        )
    return case


def _validate_closing(case: Case, outcome: str, closed_on: date) -> None:
    allowed = OUTCOMES_BY_TYPE[CaseType(case.case_type)]
    if outcome not in allowed:
        names = ", ".join(o.label.lower() for o in allowed)
        raise CaseError(
            f"Uitkomst '{outcome}' past niet bij een {case.get_case_type_display().lower()}. Kies: {names}."
        )
    if closed_on < case.received_on:
        raise CaseError("De afhandeldatum ligt vóór de ontvangstdatum.")
    if closed_on > _today():
        raise CaseError("De afhandeldatum ligt in de toekomst.")
    if outcome == Outcome.NIET_BEREIKT and case.case_type == CaseType.TERUGBELVERZOEK:
        failed = case.contact_attempts.filter(reached=False).count()
        if failed < CALLBACK_ATTEMPTS_BEFORE_NOT_REACHED:
            raise CaseError(
                f"'Niet bereikt' kan pas na {CALLBACK_ATTEMPTS_BEFORE_NOT_REACHED} mislukte belpogingen "
                f"(nu {failed}). Leg elke poging vast met het tijdstip."
            )


@transaction.atomic
def case_reopen(*, case: Case, actor: Any, reason: str) -> Case:
    """Reopen a closed case; the earlier outcome stays on the timeline."""
    case = _lock(case)
    if case.status != Status.AFGEHANDELD:
        raise CaseError(f"Zaak {case.reference} is niet afgehandeld.")
    if not reason.strip():
        raise CaseError("Geef de reden om de zaak te heropenen.")
    previous = {"outcome": case.outcome, "closed_on": case.closed_on, "informal": case.informal}
    case.status = Status.IN_BEHANDELING
    case.outcome, case.closed_on, case.informal, case.closing_text = "", None, False, ""
    case.save(update_fields=["status", "outcome", "closed_on", "informal", "closing_text", "updated_at"])
    event_append(
        case=case, kind=EventKind.REOPENED, actor=actor, summary=f"Heropend: {reason.strip()}",
        reason=reason.strip(), **{f"previous_{k}": v for k, v in previous.items()},
    )  # fmt: skip
    return case


def cases_recompute_due(*, cases: Iterable[Case]) -> int:
    """Recompute and store the due dates of open cases (after an organisation changes its term
    settings). Closed cases keep the term they were decided under, so their within-term figure stays."""
    changed = 0
    for case in cases:
        with transaction.atomic():
            locked = _lock(case)
            if not locked.is_open:
                continue
            old, new = _recompute_due(locked)
            if old != new:
                locked.save(update_fields=["due_on", "updated_at"])
                event_append(
                    case=locked, kind=EventKind.UPDATED, actor=None,
                    summary=f"Uiterste datum herberekend na een gewijzigde instelling: {_fmt(new)} (was {_fmt(old)}).",
                    due_before=old, due_after=new,
                )  # fmt: skip
                changed += 1
    return changed
