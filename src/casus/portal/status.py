"""What the status page says about a case, in plain words, and nothing internal.

Read from the case's own fields only (status, handler, due date, the open request for information,
the postponement), never from notes, other events, safety flags or the four-eyes review: a case waiting
for a second reader is simply "in behandeling". The one exception is the postponement's reason, which
the handler writes for the resident's letter (casus.cases.services.case_postpone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casus.cases.domain import CaseType, EventKind, Status
from casus.cases.models import Case

from .contact import ContactPerson, contact_person
from .texts import long_date, noun

EXTENSION_BASIS = "U heeft ermee ingestemd dat wij langer nemen. Zonder uw toestemming mag dat niet."


@dataclass(frozen=True)
class Postponement:
    new_date: str
    basis: str
    reason: str


@dataclass(frozen=True)
class CaseStatus:
    noun: str
    heading: str
    step: int  # 1 ontvangen, 2 in behandeling, 3 afgehandeld
    contact: ContactPerson
    due_on: date | None  # the date the resident gets an answer; None once it is handled
    answer_line: str
    waiting_until: date | None = None
    waiting_for: str = ""
    postponement: Postponement | None = None
    closed_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.step < 3


def case_status(case: Case) -> CaseStatus:
    what, contact = noun(case.case_type), contact_person(case)
    if case.status == Status.AFGEHANDELD:
        return CaseStatus(
            noun=what, heading=f"Uw {what} is afgehandeld", step=3, contact=contact, due_on=None,
            answer_line=f"Wij hebben uw {what} afgehandeld op {long_date(case.closed_on)}.", closed_on=case.closed_on,
        )  # fmt: skip
    common = {"noun": what, "contact": contact, "due_on": case.due_on, "answer_line": _answer_line(case),
              "postponement": _postponement(case)}  # fmt: skip
    waiting = _open_request(case) if case.status == Status.WACHT_OP_INWONER else None
    if waiting is not None:
        until, asked = waiting
        heading = f"We wachten op informatie van u tot {long_date(until)}"
        return CaseStatus(heading=heading, step=2, waiting_until=until, waiting_for=asked, **common)
    if case.handler_id:
        return CaseStatus(heading=f"Uw {what} is in behandeling bij {contact.name}", step=2, **common)
    return CaseStatus(heading=f"We hebben uw {what} ontvangen", step=1, **common)


def _answer_line(case: Case) -> str:
    when = long_date(case.due_on)
    if case.case_type == CaseType.TERUGBELVERZOEK:
        return f"Wij bellen u uiterlijk {when} terug."
    if case.case_type == CaseType.BEZWAAR:
        return f"U krijgt uiterlijk {when} een beslissing op uw bezwaar."
    return f"U krijgt uiterlijk {when} antwoord."


def _open_request(case: Case) -> tuple[date, str] | None:
    suspension = case.suspensions.filter(resolved_on__isnull=True).order_by("-requested_on", "-id").first()
    return (suspension.repair_until, suspension.reason.strip()) if suspension else None


def _postponement(case: Case) -> Postponement | None:
    if case.extended_to is not None and case.due_on == case.extended_to:
        return Postponement(new_date=long_date(case.due_on), basis=EXTENSION_BASIS, reason="")
    if case.postponed_on is None:
        return None
    event = case.events.filter(kind=EventKind.POSTPONED).order_by("-created_at", "-id").first()
    reason = str(event.data.get("reason", "")) if event else ""
    rule = case.organisation.rule_for(case.case_type)
    basis = "De wet staat toe dat wij in dit geval langer nemen."
    if rule.postponement_basis and rule.postponement is not None:
        basis = (
            f"De wet ({rule.postponement_basis}) staat toe dat wij één keer hoogstens {rule.postponement.dutch()} "
            "langer nemen. Wij moeten u dat vóór de oude datum schriftelijk laten weten."
        )
    return Postponement(new_date=long_date(case.due_on), basis=basis, reason=reason)
