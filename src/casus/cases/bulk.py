"""Bulk writes for batch work (demo data now, spreadsheet import later): many cases with their
suspensions, contact attempts and timeline in a few statements, due dates from the same engine.

This is the one other module besides services.py that writes case tables. It checks what the
database would refuse anyway (outcome per type, closing after receipt) first, with Dutch messages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from casus import deadlines

from .domain import INFORMAL_OUTCOMES, OUTCOMES_BY_TYPE, CaseType, Status
from .models import Case, CaseLink, Category, ContactAttempt, Event, Organisation, Resident, Suspension, Team
from .services import (
    CaseError,
    _actor_name,
    deadline_from_facts,
    reference_reserve,
    require_committee_term,
    require_fixed_postponement,
)


@dataclass
class NewEvent:
    kind: str
    at: datetime
    summary: str
    actor: Any = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class NewSuspension:
    requested_on: date
    repair_until: date
    resolved_on: date | None = None
    reason: str = ""


@dataclass
class NewContactAttempt:
    attempted_at: datetime
    reached: bool
    by: Any = None
    note: str = ""


@dataclass
class NewCase:
    case_type: str
    received_on: date
    reference: str | None = None
    channel: str = ""
    team: Team | None = None
    handler: Any = None
    subject: Category | None = None
    nature: Category | None = None
    resident: Resident | None = None
    description: str = ""
    status: str = Status.ONTVANGEN
    outcome: str = ""
    informal: bool = False
    closed_on: date | None = None
    closing_text: str = ""
    decision_sent_on: date | None = None
    posted_on: date | None = None
    delay_excused: bool = False
    filed_at_court_on: date | None = None
    committee: bool = False
    postponed_on: date | None = None
    extended_to: date | None = None
    default_notice_on: date | None = None
    safety_flag: bool = False
    sensitive: bool = False
    complex: bool = False
    front_office_result: str = ""
    created_at: datetime | None = None
    suspensions: list[NewSuspension] = field(default_factory=list)
    contact_attempts: list[NewContactAttempt] = field(default_factory=list)
    events: list[NewEvent] = field(default_factory=list)


def _check(new: NewCase) -> None:
    if new.outcome and new.outcome not in OUTCOMES_BY_TYPE[CaseType(new.case_type)]:
        raise CaseError(f"Uitkomst '{new.outcome}' past niet bij zaaktype '{new.case_type}'.")
    if new.closed_on is not None and new.closed_on < new.received_on:
        raise CaseError("De afhandeldatum ligt vóór de ontvangstdatum.")
    if (new.status == Status.AFGEHANDELD) != (new.closed_on is not None and bool(new.outcome)):
        raise CaseError("Een afgehandelde zaak heeft een afhandeldatum en een uitkomst, een open zaak geen van beide.")
    rule = deadlines.get_rule(new.case_type)
    if new.committee:
        require_committee_term(rule)
    if new.postponed_on is not None:
        require_fixed_postponement(rule)


def new_case_deadline(rule: deadlines.Rule, new: NewCase) -> deadlines.Deadline:
    """The deadline of a case to be created, from the same facts case_register uses."""
    return deadline_from_facts(
        rule=rule,
        received_on=new.received_on,
        decision_sent_on=new.decision_sent_on,
        committee=new.committee,
        postponed=new.postponed_on is not None,
        suspensions=[_suspension(s).as_deadline_suspension() for s in new.suspensions],
        extended_to=new.extended_to,
    )


def build_case(organisation: Organisation, rules: dict[str, deadlines.Rule], new: NewCase) -> Case:
    """An unsaved Case with its due date and filing check, as case_register would compute them."""
    _check(new)
    case = Case(
        organisation=organisation, reference=new.reference or "", case_type=new.case_type, channel=new.channel,
        received_on=new.received_on, team=new.team, handler=new.handler, subject=new.subject, nature=new.nature,
        resident=new.resident, description=new.description, status=new.status, outcome=new.outcome,
        informal=new.informal or new.outcome in INFORMAL_OUTCOMES, closed_on=new.closed_on,
        closing_text=new.closing_text, decision_sent_on=new.decision_sent_on, posted_on=new.posted_on,
        delay_excused=new.delay_excused, filed_at_court_on=new.filed_at_court_on, committee=new.committee,
        postponed_on=new.postponed_on, extended_to=new.extended_to, default_notice_on=new.default_notice_on,
        safety_flag=new.safety_flag, sensitive=new.sensitive or new.safety_flag, complex=new.complex,
        front_office_result=new.front_office_result, created_at=new.created_at or timezone.now(),
    )  # fmt: skip
    case.due_on = new_case_deadline(rules[new.case_type], new).due
    if new.decision_sent_on is not None and new.case_type == CaseType.BEZWAAR:
        case.filed_on_time = deadlines.filing_check(new.decision_sent_on, new.received_on, new.posted_on).on_time
    return case


def rules_for(organisation: Organisation) -> dict[str, deadlines.Rule]:
    """Every case type's rule for one organisation (its settings read once)."""
    organisation = Organisation.objects.prefetch_related("case_type_settings").get(pk=organisation.pk)
    return {code: organisation.rule_for(code) for code in CaseType.values}


@transaction.atomic
def cases_bulk_create(*, organisation: Organisation, new_cases: list[NewCase], batch_size: int = 2000) -> list[Case]:
    """Create many cases at once; references are reserved per type and year for those without one."""
    rules = rules_for(organisation)
    cases = [build_case(organisation, rules, new) for new in new_cases]
    _assign_references(organisation, cases)
    Case.objects.bulk_create(cases, batch_size=batch_size)
    _create_children(cases, new_cases, batch_size)
    return cases


def _assign_references(organisation: Organisation, cases: list[Case]) -> None:
    missing: dict[tuple[str, int], list[Case]] = defaultdict(list)
    for case in cases:
        if not case.reference:
            missing[(case.case_type, case.received_on.year)].append(case)
    for (case_type, year), group in sorted(missing.items()):
        references = reference_reserve(organisation=organisation, case_type=case_type, year=year, count=len(group))
        for case, reference in zip(sorted(group, key=lambda c: c.received_on), references, strict=True):
            case.reference = reference


def _suspension(new: NewSuspension, case: Case | None = None) -> Suspension:
    return Suspension(
        case=case, requested_on=new.requested_on, repair_until=new.repair_until, resolved_on=new.resolved_on,
        reason=new.reason,
    )  # fmt: skip


def _create_children(cases: list[Case], new_cases: list[NewCase], batch_size: int) -> None:
    suspensions, attempts, events = [], [], []
    for case, new in zip(cases, new_cases, strict=True):
        suspensions += [_suspension(s, case) for s in new.suspensions]
        attempts += [
            ContactAttempt(case=case, attempted_at=a.attempted_at, reached=a.reached, by=a.by, note=a.note)
            for a in new.contact_attempts
        ]
        events += [
            Event(
                case=case,
                kind=e.kind,
                actor=e.actor,
                actor_name=_actor_name(e.actor),
                created_at=e.at,
                summary=e.summary,
                data=e.data,
            )
            for e in new.events
        ]
    Suspension.objects.bulk_create(suspensions, batch_size=batch_size)
    ContactAttempt.objects.bulk_create(attempts, batch_size=batch_size)
    Event.objects.bulk_create(events, batch_size=batch_size)


@transaction.atomic
def case_links_bulk_create(*, links: list[CaseLink]) -> int:
    """Store many links at once (same organisation, no self-links: checked here with Dutch errors)."""
    for link in links:
        if link.from_case_id == link.to_case_id or link.from_case.organisation_id != link.to_case.organisation_id:
            raise CaseError("Een koppeling moet tussen twee verschillende zaken van één organisatie liggen.")
    CaseLink.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)
