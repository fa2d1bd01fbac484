"""The coördinator's dashboard: safety signals first, load per handler, within-term rate per type this
month, unassigned cases, and the bulk hand-over of an absent colleague's cases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casus.access.models import AuditAction, AuditEntry
from casus.cases import services
from casus.cases.domain import EventKind
from casus.cases.models import Case
from casus.workspace.views_queue import coordinated_teams, handler_load, within_term_this_month
from tests import factories

pytestmark = pytest.mark.django_db


def _case(handler: Any, due_in_days: int, team: str = "Werk", **fields: Any) -> Case:
    case = factories.register(
        "klacht", timezone.localdate() - timedelta(days=60), handler=handler, team=factories.team(team), **fields
    )
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() + timedelta(days=due_in_days))
    case.refresh_from_db()
    return case


def test_it_counts_open_overdue_and_threatening_per_handler(coordinator: Any, behandelaar: Any, collega: Any) -> None:
    _case(behandelaar, -5)
    _case(behandelaar, 1)
    _case(behandelaar, 50)
    _case(collega, 50)
    _case(behandelaar, -5, team="Beheer")  # not of the coördinator's team
    load = {user.username: (user.open_count, user.overdue, user.threatening) for user in handler_load(
        coordinated_teams(coordinator)
    )}  # fmt: skip
    assert load == {"sbakker": (3, 1, 1), "rmeijer": (1, 0, 0), "mvisser": (0, 0, 0)}


def test_the_load_is_one_query(coordinator: Any, behandelaar: Any, django_assert_num_queries: Any) -> None:
    _case(behandelaar, 3)
    teams = coordinated_teams(coordinator)
    with django_assert_num_queries(1):
        list(handler_load(teams))


def test_it_computes_the_within_term_rate_per_type_this_month(coordinator: Any, behandelaar: Any) -> None:
    today = timezone.localdate()
    on_time, late = _case(behandelaar, 10), _case(behandelaar, -1)
    last_month = _case(behandelaar, 10)
    for case in (on_time, late):
        services.case_close(case=case, actor=behandelaar, outcome="gegrond", closed_on=today)
    services.case_close(
        case=last_month, actor=behandelaar, outcome="gegrond", closed_on=today.replace(day=1) - timedelta(days=1)
    )
    rows = within_term_this_month(coordinated_teams(coordinator), on=today)
    assert rows == [{"case_type": "klacht", "label": "Klacht", "closed": 2, "within": 1, "rate": 50}]


def test_the_dashboard_shows_safety_signals_first_and_unassigned_cases(coordinator: Any, behandelaar: Any) -> None:
    flagged = _case(behandelaar, 20)
    services.case_flag_safety(case=flagged, actor=behandelaar, note="Inwoner noemde zelfmoord")
    unassigned = _case(None, 8)
    response = factories.logged_in(coordinator).get(reverse("workspace:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Veiligheidssignalen") < body.index("Werk per behandelaar")
    assert flagged.reference in body
    assert unassigned.reference in body
    assert "Niet toegewezen (1)" in body


def test_the_start_page_of_a_coordinator_shows_safety_signals(coordinator: Any, behandelaar: Any) -> None:
    flagged = _case(behandelaar, 20)
    services.case_flag_safety(case=flagged, actor=behandelaar)
    body = factories.logged_in(coordinator).get(reverse("home")).content.decode()
    assert "Veiligheidssignalen" in body and flagged.reference in body
    assert "Naar het teamoverzicht" in body


def test_the_dashboard_is_for_coordinators_only_and_a_try_is_audited(behandelaar: Any) -> None:
    _case(behandelaar, -5)
    response = factories.logged_in(behandelaar).get(reverse("workspace:dashboard"))
    assert response.status_code == 403
    assert "Werk per behandelaar" not in response.content.decode()
    assert AuditEntry.objects.filter(
        user=behandelaar, action=AuditAction.DENIED, detail__permission="workspace.coordinate"
    ).exists()


def test_bulk_handover_moves_every_open_case_with_the_reason(
    coordinator: Any, behandelaar: Any, collega: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first, second = _case(behandelaar, 3), _case(behandelaar, 9)
    closed = _case(behandelaar, 9)
    services.case_close(case=closed, actor=behandelaar, outcome="gegrond")
    elsewhere = _case(behandelaar, 9, team="Beheer")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = factories.logged_in(coordinator).post(
            reverse("workspace:bulk-handover"),
            {"from_handler": behandelaar.pk, "to_handler": collega.pk, "reason": "Ziek tot en met vrijdag"},
            follow=True,
        )
    assert "2 zaken van Sanne Bakker overgedragen aan Rachid Meijer." in response.content.decode()
    for case in (first, second):
        case.refresh_from_db()
        assert case.handler == collega
        event = factories.last_event(case)
        assert event.kind == EventKind.HANDED_OVER and "Ziek tot en met vrijdag" in event.summary
        assert event.actor == coordinator
    closed.refresh_from_db()
    elsewhere.refresh_from_db()
    assert closed.handler == behandelaar and elsewhere.handler == behandelaar
    assert [message.to for message in mail.outbox] == [[collega.email], [collega.email]]
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, user=coordinator)
    assert entry.detail == {
        "change": "zaken overgedragen", "rows": 2, "reden": "Ziek tot en met vrijdag",
        "van": "Sanne Bakker", "naar": "Rachid Meijer",
    }  # fmt: skip


def test_bulk_handover_needs_a_reason(coordinator: Any, behandelaar: Any, collega: Any) -> None:
    case = _case(behandelaar, 3)
    response = factories.logged_in(coordinator).post(
        reverse("workspace:bulk-handover"), {"from_handler": behandelaar.pk, "to_handler": collega.pk, "reason": " "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    case.refresh_from_db()
    assert case.handler == behandelaar


def test_bulk_handover_only_between_members_of_the_own_team(
    coordinator: Any, behandelaar: Any, behandelaar_beheer: Any
) -> None:
    case = _case(behandelaar, 3)
    response = factories.logged_in(coordinator).post(
        reverse("workspace:bulk-handover"),
        {"from_handler": behandelaar.pk, "to_handler": behandelaar_beheer.pk, "reason": "Verlof"},
    )
    assert response.context["form"].errors["to_handler"]
    case.refresh_from_db()
    assert case.handler == behandelaar


def test_bulk_handover_is_refused_to_a_behandelaar(behandelaar: Any, collega: Any) -> None:
    case = _case(collega, 3)
    response = factories.logged_in(behandelaar).post(
        reverse("workspace:bulk-handover"), {"from_handler": collega.pk, "to_handler": behandelaar.pk, "reason": "Ik"}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.handler == collega
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, user=behandelaar).exists()


def test_bulk_handover_rolls_back_as_a_whole(coordinator: Any, behandelaar: Any, collega: Any, monkeypatch) -> None:
    first, second = _case(behandelaar, 3), _case(behandelaar, 9)
    real = services.case_assign
    calls = []

    def failing(**kwargs: Any) -> Case:
        calls.append(kwargs["case"].pk)
        if len(calls) == 2:
            raise services.CaseError("Deze zaak kan nu niet worden overgedragen.")
        return real(**kwargs)

    monkeypatch.setattr(services, "case_assign", failing)
    response = factories.logged_in(coordinator).post(
        reverse("workspace:bulk-handover"),
        {"from_handler": behandelaar.pk, "to_handler": collega.pk, "reason": "Verlof"},
    )
    assert "Deze zaak kan nu niet worden overgedragen." in response.content.decode()
    for case in (first, second):
        case.refresh_from_db()
        assert case.handler == behandelaar
