"""Reads: work queues, a resident's history, a case with its chain. Querysets, no writes.

Urgency order is the due date: overdue cases have the earliest due dates, and among the others an
earlier due date means fewer working days left, so ordering by `due_on` is "overdue first, then by
days left" in one indexed sort.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from casus import deadlines

from .domain import OPEN_STATUSES, LinkKind
from .models import Case, CaseLink, ContactAttempt, Event, Resident, Team

_QUEUE_RELATED = ("resident", "subject", "team", "handler", "organisation")


def _open_cases() -> QuerySet[Case]:
    return Case.objects.filter(status__in=OPEN_STATUSES).select_related(*_QUEUE_RELATED)


def work_queue(*, user: Any) -> QuerySet[Case]:
    """The handler's open cases, most urgent first."""
    return _open_cases().filter(handler=user).order_by("due_on", "received_on", "id")


def team_queue(*, team: Team) -> QuerySet[Case]:
    """A team's open cases (assigned or not), most urgent first."""
    return _open_cases().filter(team=team).order_by("due_on", "received_on", "id")


def unassigned_cases(*, team: Team) -> QuerySet[Case]:
    return team_queue(team=team).filter(handler__isnull=True)


def state_bounds(on: date | None = None, warning_days: int | None = None) -> tuple[date, date]:
    """(today, threshold): te_laat is due < today; dreigt is today <= due < threshold; op_tijd is
    due >= threshold, where threshold is the working day after the warning window."""
    on = on or timezone.localdate()
    days = settings.CASUS_WARNING_DAYS if warning_days is None else warning_days
    return on, deadlines.add_working_days(on, days + 1)


def filter_state(queryset: QuerySet[Case], state: str, on: date | None = None) -> QuerySet[Case]:
    """Filter a queryset by deadline state in SQL (consistent with deadlines.deadline_status)."""
    today, threshold = state_bounds(on)
    conditions = {
        deadlines.State.TE_LAAT: Q(due_on__lt=today),
        deadlines.State.DREIGT: Q(due_on__gte=today, due_on__lt=threshold),
        deadlines.State.OP_TIJD: Q(due_on__gte=threshold),
    }
    return queryset.filter(conditions[deadlines.State(state)])


def resident_history(*, resident: Resident) -> QuerySet[Case]:
    """All cases of a resident, including those of duplicates merged into them, newest first."""
    ids = [resident.pk, *Resident.objects.filter(merged_into=resident).values_list("pk", flat=True)]
    return (
        Case.objects.filter(resident_id__in=ids)
        .select_related("subject", "team", "handler")
        .order_by("-received_on", "-id")
    )


def case_detail(*, pk: int) -> Case:
    """One case with everything its page shows, in a fixed number of queries."""
    return (
        Case.objects.select_related(*_QUEUE_RELATED, "nature", "resident__merged_into")
        .prefetch_related(
            Prefetch("events", queryset=Event.objects.select_related("actor").order_by("created_at", "id")),
            "suspensions",
            Prefetch("contact_attempts", queryset=ContactAttempt.objects.select_related("by")),
        )
        .get(pk=pk)
    )


def case_chain(*, case: Case, limit: int = 50) -> list[Case]:
    """The chain a case belongs to (klacht -> bezwaar -> beroep, linked by follows_from), oldest first.

    Walks the links one level per query; a chain is short, `limit` guards against a runaway graph.
    """
    seen = {case.pk}
    frontier = {case.pk}
    while frontier and len(seen) < limit:
        links = CaseLink.objects.filter(kind=LinkKind.FOLLOWS_FROM).filter(
            Q(from_case_id__in=frontier) | Q(to_case_id__in=frontier)
        )
        found = {pk for link in links.values_list("from_case_id", "to_case_id") for pk in link}
        frontier = found - seen
        seen |= frontier
    return list(Case.objects.filter(pk__in=seen).select_related("handler", "team").order_by("received_on", "id"))


def related_cases(*, case: Case) -> QuerySet[CaseLink]:
    """Every link of a case (any kind), both directions."""
    return CaseLink.objects.filter(Q(from_case=case) | Q(to_case=case)).select_related("from_case", "to_case")
