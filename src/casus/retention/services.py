"""Every write of the retention app: default rules, marks, and a destruction list's steps.

concept ──approve──> goedgekeurd ──execute──> uitgevoerd
   └──reject──> afgewezen

Approving and executing are two transactions: the approval is recorded even when the destruction
fails, and the list then shows "goedgekeurd: nog niet uitgevoerd" with a button to try again (the
command `retention_destroy` does the same for every approved list). Executing one list is one
transaction: either every case on it that may still go is destroyed, or nothing is.

Destroying a case (docs/retention.md): its personal data goes, its non-personal facts stay so every
Monitor figure stays the same.

- Case: description and closing text emptied, resident and handler removed;
- the timeline (Event) deleted, under the guard switch of casus.retention.guard;
- suspensions: the text of what was asked emptied; contact attempts: note and employee removed;
- explicit access grants (CaseGrant) deleted;
- residents without any case left (with their merged duplicates) deleted;
- a DestroyedCase row and one audit entry (AuditAction.DESTROY) per case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from casus.access.audit import audit
from casus.access.models import AuditAction, CaseGrant
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, CaseReview, ContactAttempt, Event, Organisation, Resident, Suspension
from casus.cases.services import event_append
from casus.workspace.models import DeadlineWarning

from .defaults import DEFAULT_RULES
from .guard import event_delete_allowed
from .models import (
    DestroyedCase,
    DestructionList,
    DestructionListItem,
    ItemStatus,
    ListStatus,
    RetentionMark,
    RetentionRule,
)
from .periods import add_years, conditions_of
from .selection import _Rules, blocked_by_links
from .signals import cases_destroyed

# A case taken off a list comes back on a new list after this many years at the earliest.
HOLD_YEARS = 1
CHUNK = 500


class RetentionError(Exception):
    """A step that is not allowed; the message is Dutch and shown to the user as it is."""


def _name(user: Any) -> str:
    if user is None:
        return "Casus"
    return user.get_full_name() or user.get_username()


def _chunks(ids: list[int]) -> Any:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# --- rules and marks -----------------------------------------------------------------------------


def seed_default_rules(organisation: Organisation) -> int:
    """Give an organisation the built-in rules (docs/retention.md); rows it already has are kept."""
    existing = set(
        RetentionRule.objects.filter(organisation=organisation).values_list("case_type", "outcome", "condition")
    )
    new = [
        RetentionRule(organisation=organisation, case_type=t, outcome=o, condition=c, years=y)
        for t, o, c, y in DEFAULT_RULES
        if (t, o, c) not in existing
    ]
    RetentionRule.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def retention_mark_set(*, case: Case, actor: Any, financial_consequences: bool, ombudsman: bool) -> RetentionMark:
    """Record the facts that lengthen a case's retention period, with a line on its timeline."""
    mark, _ = RetentionMark.objects.get_or_create(case=case)
    if (mark.financial_consequences, mark.ombudsman) != (financial_consequences, ombudsman):
        mark.financial_consequences, mark.ombudsman = financial_consequences, ombudsman
        mark.save()
        facts = [text for on, text in ((financial_consequences, "financiële gevolgen"), (ombudsman, "ombudsman")) if on]
        event_append(
            case=case, kind=EventKind.UPDATED, actor=actor,
            summary="Bewaartermijn: " + (", ".join(facts) if facts else "geen bijzonderheden") + ".",
            financial_consequences=financial_consequences, ombudsman=ombudsman,
        )  # fmt: skip
    return mark


# --- list steps ----------------------------------------------------------------------------------


def _lock(destruction_list: DestructionList) -> DestructionList:
    return DestructionList.objects.select_for_update().get(pk=destruction_list.pk)


@transaction.atomic
def list_approve(*, destruction_list: DestructionList, actor: Any) -> DestructionList:
    locked = _lock(destruction_list)
    if locked.status != ListStatus.CONCEPT:
        raise RetentionError(f"Deze lijst is al {locked.get_status_display().split(':')[0].lower()}.")
    if not locked.items.filter(status=ItemStatus.ON_LIST).exists():
        raise RetentionError("Er staan geen zaken meer op deze lijst. Wijs de lijst af.")
    locked.status = ListStatus.GOEDGEKEURD
    locked.approved_by = actor
    locked.approved_by_name = _name(actor)
    locked.approved_at = timezone.now()
    locked.save()
    audit(AuditAction.CHANGE, locked, user=actor, step="goedgekeurd")
    return locked


@transaction.atomic
def list_reject(*, destruction_list: DestructionList, actor: Any, reason: str) -> DestructionList:
    reason = reason.strip()
    if not reason:
        raise RetentionError("Schrijf op waarom u de lijst afwijst.")
    locked = _lock(destruction_list)
    if locked.status != ListStatus.CONCEPT:
        raise RetentionError("Alleen een lijst die nog wacht op goedkeuring kan worden afgewezen.")
    now = timezone.now()
    locked.status = ListStatus.AFGEWEZEN
    locked.rejected_by_name = _name(actor)
    locked.rejected_at = now
    locked.rejection_reason = reason
    locked.save()
    locked.items.filter(status=ItemStatus.ON_LIST).update(
        status=ItemStatus.LIST_REJECTED, changed_at=now, changed_by_name=_name(actor)
    )
    audit(AuditAction.CHANGE, locked, user=actor, step="afgewezen", reason=reason)
    return locked


@transaction.atomic
def item_remove(
    *, item: DestructionListItem, actor: Any, reason: str, today: date | None = None
) -> DestructionListItem:
    """Take one case off a concept list; it stays off new lists for HOLD_YEARS."""
    reason = reason.strip()
    if not reason:
        raise RetentionError("Schrijf op waarom deze zaak bewaard moet blijven.")
    locked = _lock(item.destruction_list)
    if locked.status != ListStatus.CONCEPT:
        raise RetentionError("Alleen van een lijst die nog wacht op goedkeuring kunt u zaken weghalen.")
    item = DestructionListItem.objects.select_for_update().get(pk=item.pk, destruction_list=locked)
    if item.status != ItemStatus.ON_LIST:
        raise RetentionError(f"Zaak {item.reference} staat niet meer op de lijst.")
    today = today or timezone.localdate()
    item.status = ItemStatus.REMOVED
    item.note = reason
    item.changed_by_name = _name(actor)
    item.changed_at = timezone.now()
    item.hold_until = add_years(today, HOLD_YEARS)
    item.save()
    audit(AuditAction.CHANGE, locked, user=actor, step="zaak van de lijst gehaald", reference=item.reference)
    return item


# --- destruction ---------------------------------------------------------------------------------


@dataclass
class Execution:
    destruction_list: DestructionList
    destroyed: list[str] = field(default_factory=list)  # references
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (reference, reason)
    residents_deleted: int = 0
    residents_kept: list[str] = field(default_factory=list)
    already_done: bool = False


def list_execute(
    *, destruction_list: DestructionList, actor: Any, request: Any = None, today: date | None = None
) -> Execution:
    """Destroy the cases of an approved list, in one transaction. An executed list does nothing."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _lock(destruction_list)
        result = Execution(destruction_list=locked)
        if locked.status == ListStatus.UITGEVOERD:
            result.already_done = True
            return result
        if locked.status != ListStatus.GOEDGEKEURD:
            raise RetentionError("Deze lijst is niet goedgekeurd. Alleen een goedgekeurde lijst wordt uitgevoerd.")
        items = list(locked.items.filter(status=ItemStatus.ON_LIST).select_related("case"))
        go, now = [], timezone.now()
        for item, reason in _recheck(items, today):
            if reason:
                item.status, item.note = ItemStatus.SKIPPED, reason
                result.skipped.append((item.reference, reason))
            else:
                item.status = ItemStatus.DESTROYED
                go.append(item.case)
                result.destroyed.append(item.reference)
            item.changed_at, item.changed_by_name = now, _name(actor)
        DestructionListItem.objects.bulk_update(items, ["status", "note", "changed_at", "changed_by_name"])
        if go:
            deleted, kept = _destroy(go, locked, actor, request)
            result.residents_deleted, result.residents_kept = deleted, kept
        locked.status = ListStatus.UITGEVOERD
        locked.executed_at = now
        locked.save(update_fields=["status", "executed_at"])
        return result


def _recheck(items: list[DestructionListItem], today: date) -> list[tuple[DestructionListItem, str]]:
    """Is each case still closed, past its period (rules may have changed) and free of links that
    hold it? Only cases that pass are destroyed."""
    rules = _Rules()
    checked: list[tuple[DestructionListItem, str]] = []
    passing = []
    for item in items:
        case = item.case
        if case is None:
            checked.append((item, "De zaak bestaat niet meer."))
        elif hasattr(case, "destroyed"):
            checked.append((item, "De zaak was al vernietigd."))
        elif case.status != Status.AFGEHANDELD or case.closed_on is None:
            checked.append((item, "De zaak is weer geopend."))
        else:
            years = rules[case.organisation_id].years(case.case_type, case.outcome, conditions_of(case))
            due = add_years(case.closed_on, years)
            if due > today:
                checked.append((item, f"De bewaartermijn is nog niet voorbij: vernietigen vanaf {due:%d-%m-%Y}."))
            else:
                checked.append((item, ""))
                passing.append(case)
    blocked = blocked_by_links(passing, today, rules)
    return [
        (item, blocked[item.case_id].reason if not reason and item.case_id in blocked else reason)
        for item, reason in checked
    ]


def _destroy(cases: list[Case], destruction_list: DestructionList, actor: Any, request: Any) -> tuple[int, list[str]]:
    ids = [case.pk for case in cases]
    resident_ids = {case.resident_id for case in cases if case.resident_id}
    now = timezone.now()
    actor_obj = actor if getattr(actor, "pk", None) else None
    with event_delete_allowed():
        for chunk in _chunks(ids):
            Event.objects.filter(case_id__in=chunk).delete()
    for chunk in _chunks(ids):
        Suspension.objects.filter(case_id__in=chunk).update(reason="")
        ContactAttempt.objects.filter(case_id__in=chunk).update(note="", by=None)
        CaseGrant.objects.filter(case_id__in=chunk).delete()
        DeadlineWarning.objects.filter(case_id__in=chunk).delete()  # names the colleague who was warned
        CaseReview.objects.filter(case_id__in=chunk).delete()  # proposed closing text, colleagues' names
        Case.objects.filter(pk__in=chunk).update(
            description="", closing_text="", resident=None, handler=None, updated_at=now
        )
        cases_destroyed.send(sender=Case, case_ids=chunk)
    marks = [
        DestroyedCase(case=case, destruction_list=destruction_list, destroyed_at=now, destroyed_by=actor_obj,
                      destroyed_by_name=_name(actor))
        for case in cases
    ]  # fmt: skip
    DestroyedCase.objects.bulk_create(marks, batch_size=CHUNK)
    for case in cases:
        audit(
            AuditAction.DESTROY, case, request=request, user=actor_obj, username=_name(actor),
            destruction_list=destruction_list.pk, case_type=case.case_type, closed_on=case.closed_on.isoformat(),
        )  # fmt: skip
    return _delete_orphan_residents(resident_ids, destruction_list, actor_obj, request)


def _family(resident_id: int) -> set[int]:
    """The resident, the record it was merged into (up to the last one) and everything merged into that."""
    root, seen = resident_id, {resident_id}
    while True:
        target = Resident.objects.filter(pk=root).values_list("merged_into_id", flat=True).first()
        if target is None or target in seen:
            break
        seen.add(target)
        root = target
    family, frontier = {root}, {root}
    while frontier:
        frontier = set(Resident.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)) - family
        family |= frontier
    return family


def _delete_orphan_residents(
    resident_ids: set[int], destruction_list: DestructionList, actor: Any, request: Any
) -> tuple[int, list[str]]:
    """Delete residents (with their merged duplicates) of whom no case is left. Returns (deleted, kept)."""
    deleted, kept, done = 0, [], set()
    for resident_id in sorted(resident_ids):
        if resident_id in done:
            continue
        family = _family(resident_id)
        done |= family
        if Case.objects.filter(resident_id__in=family).exists():
            continue
        residents = list(Resident.objects.filter(pk__in=family))
        try:
            with transaction.atomic():
                Resident.objects.filter(pk__in=family).update(merged_into=None)
                for resident in residents:
                    audit(
                        AuditAction.DESTROY, resident, request=request, user=actor,
                        destruction_list=destruction_list.pk, reason="geen zaken meer",
                    )  # fmt: skip
                Resident.objects.filter(pk__in=family).delete()
        except (ProtectedError, RestrictedError, IntegrityError) as error:
            kept.append(f"inwoner {resident_id}: nog in gebruik ({type(error).__name__})")
            continue
        deleted += len(residents)
    return deleted, kept
