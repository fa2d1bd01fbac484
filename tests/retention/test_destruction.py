"""Destruction end to end: list → approve in the web page → personal data gone, Monitor counts the same.

Runs on SQLite and on PostgreSQL (DATABASE_URL): the timeline's append-only guard is lifted only
inside the destruction's own transaction (casus.retention.guard).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from casus.access.models import AuditAction, AuditEntry, CaseGrant
from casus.cases import services
from casus.cases.domain import LinkKind
from casus.cases.models import Case, CaseLink, ContactAttempt, Event, Resident, Suspension
from casus.retention.guard import GuardError, event_delete_allowed
from casus.retention.models import DestroyedCase, DestructionList, DestructionListItem, ItemStatus, ListStatus
from casus.retention.services import list_approve, list_execute
from tests import factories

from .helpers import closed, login

pytestmark = pytest.mark.django_db


def full_case(handler: Any, resident: Resident, **fields: Any) -> Case:
    """A complaint with everything a dossier collects: resident, handler, texts, suspension, contact
    attempt, note, an access grant, a closing text. Closed on 1 April 2020 (5 years: due 2025)."""
    case = factories.register(
        "klacht", date(2020, 2, 3), resident=resident, handler=handler, description="Mevrouw Smit klaagt over de toon.",
        subject=factories.subject(), nature=factories.nature(), **fields,
    )  # fmt: skip
    services.case_request_information(
        case=case, actor=handler, requested_on=date(2020, 2, 10), repair_until=date(2020, 2, 24),
        what="Stuur de brief van 3 januari mee.",
    )  # fmt: skip
    services.case_information_received(case=case, actor=handler, received_on=date(2020, 2, 17))
    at = timezone.make_aware(datetime(2020, 2, 18, 10, 30))
    services.case_record_contact_attempt(case=case, actor=handler, attempted_at=at, reached=True, note="Belt terug.")
    services.case_add_note(case=case, actor=handler, text="Inwoner is erg boos, praat over haar schulden.")
    CaseGrant.objects.create(case=case, user=handler, reason="Vervanging", granted_by=handler)
    return services.case_close(
        case=case, actor=handler, outcome="gegrond", closed_on=date(2020, 4, 1), closing_text="Excuses gemaakt."
    )


def monitor_counts() -> dict[str, Any]:
    """The kind of figures the Monitor computes (DOMAIN.md §5): they must not move."""
    cases = Case.objects.all()

    def by(*fields: str, **extra: Any) -> list[dict[str, Any]]:
        return list(cases.annotate(**extra).values(*fields, *extra).annotate(n=Count("id")).order_by(*fields, *extra))

    return {
        "received": by("case_type", "outcome", month=TruncMonth("received_on")),
        "closed": by("case_type", "status", month=TruncMonth("closed_on")),
        "team": by("team__name", "outcome"),
        "subject": by("subject__name", "nature__name", "channel"),
        "informal": by("informal", "committee"),
        "within_term": sorted((c.case_type, c.within_term) for c in cases),
        "suspensions": Suspension.objects.count(),
        "contact": list(ContactAttempt.objects.values_list("case_id", "reached").order_by("pk")),
        "links": CaseLink.objects.count(),
    }


@pytest.fixture
def handler(db: None) -> Any:
    return factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")


def make_list() -> DestructionList:
    call_command("retention_list", "--organisation", "almere", stdout=io.StringIO())
    return DestructionList.objects.get(status=ListStatus.CONCEPT)


def test_approving_in_the_page_destroys_the_personal_data_and_keeps_the_counts(
    client: Any, fb: Any, handler: Any
) -> None:
    lonely = factories.resident(surname="Smit", bsn="111222333")
    duplicate = factories.resident(surname="Smid", merged_into=lonely)
    kept_resident = factories.resident(given_name="Piet", surname="Jansen")
    destroyed = full_case(handler, lonely)
    older_of_kept = full_case(handler, kept_resident)
    recent = closed(
        "klacht", "gegrond", received_on=date(2024, 1, 8), closed_on=date(2024, 2, 1), resident=kept_resident,
        description="Nog binnen de termijn.",
    )  # fmt: skip
    open_case = factories.register("vraag", date(2019, 5, 6), description="Nog open.", resident=kept_resident)
    recent_events, open_events = recent.events.count(), open_case.events.count()
    before = monitor_counts()
    destruction_list = make_list()
    assert set(destruction_list.items.values_list("case_id", flat=True)) == {destroyed.pk, older_of_kept.pk}
    login(client, fb)

    page = client.get(reverse("retention:list", args=[destruction_list.pk]))
    assert page.status_code == 200
    assert destroyed.reference in page.content.decode()
    assert "Mevrouw Smit" not in page.content.decode()  # the list itself shows no personal data
    response = client.post(reverse("retention:approve", args=[destruction_list.pk]), {"confirm": "on"}, follow=True)

    assert response.status_code == 200
    assert "Vernietigingslijst" in response.content.decode() and "is uitgevoerd" in response.content.decode()
    destruction_list.refresh_from_db()
    assert destruction_list.status == ListStatus.UITGEVOERD
    assert destruction_list.approved_by == fb and destruction_list.approved_at and destruction_list.executed_at
    for case in (destroyed, older_of_kept):
        case.refresh_from_db()
        assert (case.description, case.closing_text, case.resident_id, case.handler_id) == ("", "", None, None)
        assert not Event.objects.filter(case=case).exists()
        assert list(case.suspensions.values_list("reason", flat=True)) == [""]
        assert list(case.contact_attempts.values_list("note", "by_id")) == [("", None)]
        assert not CaseGrant.objects.filter(case=case).exists()
        assert DestroyedCase.objects.get(case=case).destruction_list == destruction_list
        # The non-personal facts stay.
        assert (case.case_type, case.outcome, case.closed_on, case.team.name) == (
            "klacht",
            "gegrond",
            date(2020, 4, 1),
            "Werk",
        )
        assert case.subject == factories.subject() and case.nature == factories.nature()
    assert monitor_counts() == before
    # The resident without cases is gone, with the duplicate merged into them; the other one stays.
    assert not Resident.objects.filter(pk__in=[lonely.pk, duplicate.pk]).exists()
    assert Resident.objects.filter(pk=kept_resident.pk).exists()
    # Cases not on the list are untouched.
    recent.refresh_from_db()
    open_case.refresh_from_db()
    assert (recent.description, recent.resident_id, recent.events.count()) == (
        "Nog binnen de termijn.",
        kept_resident.pk,
        recent_events,
    )
    assert (open_case.description, open_case.events.count()) == ("Nog open.", open_events)
    # One audit entry per destroyed case and per deleted resident, none with personal data.
    entries = AuditEntry.objects.filter(action=AuditAction.DESTROY)
    assert sorted(entries.filter(object_type="cases.case").values_list("object_repr", flat=True)) == sorted(
        [destroyed.reference, older_of_kept.reference]
    )
    assert entries.filter(object_type="cases.resident").count() == 2
    assert all(
        entry.username == "fbeheer" and entry.detail["destruction_list"] == destruction_list.pk for entry in entries
    )
    assert not entries.filter(object_repr__icontains="Smit").exists()
    # The timeline is append-only again after the destruction.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_event WHERE case_id = %s", [recent.pk])


def test_executing_twice_destroys_nothing_twice(fb: Any, handler: Any) -> None:
    full_case(handler, factories.resident())
    destruction_list = list_approve(destruction_list=make_list(), actor=fb)
    first = list_execute(destruction_list=destruction_list, actor=fb)
    audits = AuditEntry.objects.filter(action=AuditAction.DESTROY).count()

    second = list_execute(destruction_list=destruction_list, actor=fb)

    assert len(first.destroyed) == 1 and second.already_done and second.destroyed == []
    assert AuditEntry.objects.filter(action=AuditAction.DESTROY).count() == audits
    assert DestroyedCase.objects.count() == 1
    call_command("retention_list", "--organisation", "almere", stdout=io.StringIO())
    assert DestructionList.objects.count() == 1  # a destroyed case never comes on a new list


def test_only_cases_still_due_and_closed_at_execution_are_destroyed(fb: Any, handler: Any) -> None:
    reopened = full_case(handler, factories.resident())
    linked = closed("klacht", "ongegrond", received_on=date(2019, 2, 4), closed_on=date(2019, 3, 1))
    fine = closed("vraag", "beantwoord", received_on=date(2019, 2, 4), closed_on=date(2019, 3, 1))
    destruction_list = make_list()
    services.case_reopen(case=reopened, actor=handler, reason="Nieuwe informatie.")
    newer = factories.register("bezwaar", date(2026, 1, 5))
    services.case_link(case=newer, other=linked, kind=LinkKind.FOLLOWS_FROM, actor=None)

    result = list_execute(destruction_list=list_approve(destruction_list=destruction_list, actor=fb), actor=fb)

    assert result.destroyed == [fine.reference]
    assert dict(result.skipped) == {
        reopened.reference: "De zaak is weer geopend.",
        linked.reference: f"Gekoppeld aan zaak {newer.reference}, die nog open is.",
    }
    assert set(DestroyedCase.objects.values_list("case_id", flat=True)) == {fine.pk}
    statuses = dict(destruction_list.items.values_list("reference", "status"))
    assert statuses == {
        fine.reference: ItemStatus.DESTROYED,
        reopened.reference: ItemStatus.SKIPPED,
        linked.reference: ItemStatus.SKIPPED,
    }
    assert Case.objects.get(pk=reopened.pk).description == "Mevrouw Smit klaagt over de toon."


def test_a_case_taken_off_the_list_is_not_destroyed(client: Any, fb: Any, handler: Any) -> None:
    keep = full_case(handler, factories.resident())
    go = closed("vraag", "beantwoord", received_on=date(2019, 2, 4), closed_on=date(2019, 3, 1))
    destruction_list = make_list()
    item = destruction_list.items.get(case=keep)
    login(client, fb)

    client.post(
        reverse("retention:remove-item", args=[destruction_list.pk, item.pk]), {"reason": "Loopt nog bij de rechter."}
    )
    client.post(reverse("retention:approve", args=[destruction_list.pk]), {"confirm": "on"})

    assert set(DestroyedCase.objects.values_list("case_id", flat=True)) == {go.pk}
    keep.refresh_from_db()
    assert keep.description and keep.events.exists()


def test_a_resident_with_a_case_of_a_merged_duplicate_is_kept(fb: Any, handler: Any) -> None:
    target = factories.resident(surname="Smit")
    duplicate = factories.resident(surname="Smit", merged_into=target)
    full_case(handler, target)
    factories.register("vraag", date(2026, 1, 5), resident=duplicate)

    list_execute(destruction_list=list_approve(destruction_list=make_list(), actor=fb), actor=fb)

    assert Resident.objects.filter(pk__in=[target.pk, duplicate.pk]).count() == 2


def test_a_failure_leaves_everything_as_it_was(fb: Any, handler: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    case = full_case(handler, factories.resident())
    events = case.events.count()
    destruction_list = list_approve(destruction_list=make_list(), actor=fb)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("casus.retention.services._delete_orphan_residents", broken)
    with pytest.raises(RuntimeError):
        list_execute(destruction_list=destruction_list, actor=fb)

    case.refresh_from_db()
    destruction_list.refresh_from_db()
    assert case.events.count() == events and case.resident_id is not None
    assert destruction_list.status == ListStatus.GOEDGEKEURD
    assert not DestroyedCase.objects.exists()
    assert DestructionListItem.objects.filter(status=ItemStatus.ON_LIST).count() == 1
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_event WHERE case_id = %s", [case.pk])


# --- the guard -----------------------------------------------------------------------------------


def test_the_guard_lets_a_delete_through_only_inside_its_block() -> None:
    case = factories.register("klacht", date(2026, 4, 12))

    with transaction.atomic():
        with event_delete_allowed():
            Event.objects.filter(case=case).delete()
        note = Event.objects.create(case=case, kind="notitie", summary="Na de vernietiging.")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            Event.objects.filter(pk=note.pk).delete()

    assert list(Event.objects.filter(case=case)) == [note]


def test_an_error_inside_the_guard_rolls_back_even_when_it_is_caught() -> None:
    case = factories.register("klacht", date(2026, 4, 12))

    with transaction.atomic():
        try:
            with event_delete_allowed():
                Event.objects.filter(case=case).delete()
                raise ValueError("stop")
        except ValueError:
            pass
        assert connection.needs_rollback  # the block will not commit

    assert case.events.count() == 1
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case).delete()


@pytest.mark.django_db(transaction=True)
def test_the_guard_needs_a_transaction() -> None:
    with pytest.raises(GuardError), event_delete_allowed():
        pass


def test_every_relation_of_a_case_is_handled_by_destruction() -> None:
    """A destroyed case's row stays, so a new model that points at a case (and may hold personal data)
    is not cleaned up by itself: casus.retention.services must handle it. Add it here once it does."""
    handled = {
        "cases.event": "deleted", "cases.suspension": "reason emptied", "cases.contactattempt": "note emptied",
        "cases.caselink": "kept (no personal data)", "access.casegrant": "deleted",
        "retention.retentionmark": "kept", "retention.destructionlistitem": "kept", "retention.destroyedcase": "added",
        "workspace.deadlinewarning": "deleted", "cases.casereview": "deleted",
        # The other apps listen to casus.retention.signals.cases_destroyed, sent in the same transaction:
        # the portal deletes (tests/portal/test_destroyed_cases.py), letters go (tests/letters/test_retention.py),
        # the learning loop empties its free text and keeps its counts (tests/learning).
        "portal.attachment": "deleted", "portal.statuslink": "deleted", "portal.submission": "deleted",
        "letters.letter": "deleted",
        "learning.signal": "text emptied", "learning.followup": "note emptied",
        "learning.theme": "kept (the organisation's theme, no resident data)", "learning.themecase": "kept (counts)",
        "learning.themesuggestion": "kept (counts)", "learning.casediscussion": "kept (the organisation's record)",
        "answers.standardansweruse": "kept (which answer was used: counts, no resident data)",
    }  # fmt: skip
    relations = {rel.related_model._meta.label_lower for rel in Case._meta.related_objects}

    assert relations <= set(handled), relations - set(handled)


def test_every_relation_of_a_resident_goes_with_the_resident() -> None:
    """A resident without cases is deleted; rows pointing at them must go too (CASCADE) or let go
    (SET_NULL). A PROTECT relation would keep the resident's personal data after destruction."""
    for rel in Resident._meta.related_objects:
        label = rel.related_model._meta.label_lower
        if label in {"cases.case", "cases.resident"}:
            continue  # cases: resident set to NULL first; merged duplicates: deleted with the resident
        assert rel.on_delete in (models.CASCADE, models.SET_NULL), f"{label}.{rel.field.name}"
