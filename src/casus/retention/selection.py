"""Making destruction lists: which closed cases are past their period and may go on a list.

A case past its period is left off (and reported, with the reason) when:

- it already waits on a list (concept or approved);
- it was taken off a list and its hold has not ended;
- it is linked (CaseLink, either direction, also through other cases: a klacht → bezwaar → beroep
  chain is destroyed together) to a case that is still open, that is not yet past its own period, or
  that was taken off a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from casus.cases.domain import Status
from casus.cases.models import Case, CaseLink, Organisation

from .models import DestructionList, DestructionListItem, ItemStatus, ListStatus
from .periods import RuleBook, add_years, cases_past_retention, conditions_of


@dataclass(frozen=True)
class Skip:
    reference: str
    code: str  # on_list, held, linked_open, linked_not_due, linked_held
    reason: str  # Dutch, shown as it is

    def as_dict(self) -> dict[str, str]:
        return {"reference": self.reference, "code": self.code, "reason": self.reason}


@dataclass
class Selection:
    organisation: Organisation
    on: date
    destruction_list: DestructionList | None = None
    created: bool = False
    items: list[DestructionListItem] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def _fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")


class _Rules:
    """RuleBooks per organisation, read once each."""

    def __init__(self) -> None:
        self._books: dict[int, RuleBook] = {}

    def __getitem__(self, organisation_id: int) -> RuleBook:
        if organisation_id not in self._books:
            self._books[organisation_id] = RuleBook(organisation_id)
        return self._books[organisation_id]


def _held_cases(case_ids: set[int], on: date) -> dict[int, DestructionListItem]:
    held = DestructionListItem.objects.filter(case_id__in=case_ids, status=ItemStatus.REMOVED, hold_until__gt=on)
    return {item.case_id: item for item in held.order_by("hold_until")}


def _components(case_ids: set[int]) -> tuple[dict[int, int], set[int]]:
    """Union-find over the link graph reachable from `case_ids`: (root per case, every case seen)."""
    parent: dict[int, int] = {case_id: case_id for case_id in case_ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    frontier = set(case_ids)
    while frontier:
        links = CaseLink.objects.filter(Q(from_case_id__in=frontier) | Q(to_case_id__in=frontier)).values_list(
            "from_case_id", "to_case_id"
        )
        new: set[int] = set()
        for a, b in links:
            for x in (a, b):
                if x not in parent:
                    parent[x] = x
                    new.add(x)
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
        frontier = new
    return {x: find(x) for x in parent}, set(parent)


def blocked_by_links(cases: list[Case], on: date, rules: Any = None) -> dict[int, Skip]:
    """For each of `cases` that must wait because of a linked case: the reason (see module doc)."""
    rules = rules or _Rules()
    ids = {case.pk for case in cases}
    roots, seen = _components(ids)
    others = seen - ids
    if not others:
        return {}
    linked = {
        case.pk: case
        for case in Case.objects.filter(pk__in=others).select_related("retention_mark", "destroyed", "organisation")
    }
    held = _held_cases(seen, on)
    blockers: dict[int, Skip] = {}  # root -> why
    for case_id in sorted(seen):
        case = linked.get(case_id)
        skip = None
        if case_id in held:
            ref = case.reference if case else held[case_id].reference
            skip = Skip(ref, "linked_held", f"Gekoppeld aan zaak {ref}, die van een vernietigingslijst is gehaald.")
        elif case is None:
            continue  # one of `cases`: past its period by definition
        elif hasattr(case, "destroyed"):
            continue
        elif case.status != Status.AFGEHANDELD or case.closed_on is None:
            skip = Skip(case.reference, "linked_open", f"Gekoppeld aan zaak {case.reference}, die nog open is.")
        else:
            years = rules[case.organisation_id].years(case.case_type, case.outcome, conditions_of(case))
            due = add_years(case.closed_on, years)
            if due > on:
                skip = Skip(
                    case.reference,
                    "linked_not_due",
                    f"Gekoppeld aan zaak {case.reference}, die pas vanaf {_fmt(due)} vernietigd mag worden.",
                )
        if skip is not None:
            blockers.setdefault(roots[case_id], skip)
    result = {}
    for case in cases:
        blocker = blockers.get(roots[case.pk])
        if blocker is not None and blocker.reference != case.reference:
            result[case.pk] = Skip(case.reference, blocker.code, blocker.reason)
    return result


def select(organisation: Organisation, on: date) -> Selection:
    """Put the organisation's cases past their period on a concept list (the one of the same day when
    it exists). Running it again adds nothing: cases on an open list are left off."""
    with transaction.atomic():
        # One run per organisation at a time (PostgreSQL); the partial unique constraint on the items
        # is the last line on any database.
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        selection = Selection(organisation=organisation, on=on)
        rules = _Rules()
        book = rules[organisation.pk]
        candidates = list(
            cases_past_retention(organisation, on)
            .select_related("team", "retention_mark")
            .order_by("closed_on", "reference")
        )
        ids = {case.pk for case in candidates}
        waiting = {
            item.case_id: item
            for item in DestructionListItem.objects.filter(case_id__in=ids, status=ItemStatus.ON_LIST).select_related(
                "destruction_list"
            )
        }
        held = _held_cases(ids, on)
        free = []
        for case in candidates:
            if case.pk in waiting:
                number = waiting[case.pk].destruction_list_id
                selection.skipped.append(Skip(case.reference, "on_list", f"Staat al op vernietigingslijst {number}."))
            elif case.pk in held:
                item = held[case.pk]
                selection.skipped.append(
                    Skip(
                        case.reference,
                        "held",
                        f"Van vernietigingslijst {item.destruction_list_id} gehaald"
                        f" ({item.note}); niet op een nieuwe lijst tot {_fmt(item.hold_until)}.",
                    )
                )
            else:
                free.append(case)
        blocked = blocked_by_links(free, on, rules)
        selection.skipped.extend(blocked[case.pk] for case in free if case.pk in blocked)
        free = [case for case in free if case.pk not in blocked]
        if not free:
            return selection
        destruction_list = DestructionList.objects.filter(
            organisation=organisation, selected_on=on, status=ListStatus.CONCEPT
        ).first()
        if destruction_list is None:
            destruction_list = DestructionList.objects.create(organisation=organisation, selected_on=on)
            selection.created = True
        items = [_item(destruction_list, case, book) for case in free]
        selection.items = DestructionListItem.objects.bulk_create(items, batch_size=500)
        selection.destruction_list = destruction_list
        return selection


def _item(destruction_list: DestructionList, case: Case, book: RuleBook) -> DestructionListItem:
    years = book.years(case.case_type, case.outcome, conditions_of(case))
    return DestructionListItem(
        destruction_list=destruction_list, case=case, reference=case.reference, case_type=case.case_type,
        outcome=case.outcome, received_on=case.received_on, closed_on=case.closed_on, retention_years=years,
        retention_until=add_years(case.closed_on, years), team_name=case.team.name if case.team else "",
    )  # fmt: skip
