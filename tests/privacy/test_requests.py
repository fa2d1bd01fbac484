"""Requests for inzage or correctie and their answer term: one calendar month (AVG art. 12 lid 3)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.access.models import AuditAction, AuditEntry
from casus.cases.models import Resident
from casus.privacy import services
from casus.privacy.models import DataRequest
from casus.privacy.selectors import request_state
from casus.privacy.terms import add_months, answer_due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 5), date(2026, 4, 5)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2026, 12, 31), date(2027, 1, 31)),
        (date(2026, 2, 28), date(2026, 3, 28)),
    ],
)
def test_the_answer_is_due_one_calendar_month_after_receipt(received: date, due: date) -> None:
    assert answer_due(received) == due


def test_months_can_be_added_across_years() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 5, 10), 12) == date(2027, 5, 10)


def test_a_request_is_registered_with_its_due_date(fg_client: Any, fg: Any, inwoner: Resident) -> None:
    received = timezone.localdate() - timedelta(days=2)
    response = fg_client.post(
        f"/privacy/inwoners/{inwoner.pk}/verzoek/", {"kind": "correctie", "received_on": received.isoformat()}
    )
    assert response.status_code == 302
    request = DataRequest.objects.get()
    assert (request.kind, request.due_on, request.registered_by) == ("correctie", answer_due(received), fg)
    assert request.organisation_id == inwoner.organisation_id
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, detail__step="verzoek vastgelegd").exists()


def test_a_request_from_the_future_is_refused(fg: Any, inwoner: Resident) -> None:
    with pytest.raises(services.PrivacyError, match="toekomst"):
        services.data_request_register(
            inwoner, kind="inzage", received_on=timezone.localdate() + timedelta(days=1), actor=fg
        )


def test_the_requests_page_lists_open_requests_by_due_date(fg_client: Any, fg: Any, inwoner: Resident) -> None:
    today = timezone.localdate()
    late = services.data_request_register(inwoner, kind="inzage", received_on=today - timedelta(days=40), actor=fg)
    soon = services.data_request_register(
        inwoner, kind="correctie", received_on=add_months(today, -1) + timedelta(days=3), actor=fg
    )
    response = fg_client.get("/privacy/inwoners/verzoeken/")
    assert [r.pk for r in response.context["open_requests"]] == [late.pk, soon.pk]
    assert [r.state for r in response.context["open_requests"]] == ["te_laat", "dreigt"]
    assert "te laat" in response.content.decode()


def test_a_request_is_handled_once(fg_client: Any, fg: Any, inwoner: Resident) -> None:
    today = timezone.localdate()
    request = services.data_request_register(inwoner, kind="inzage", received_on=today - timedelta(days=5), actor=fg)
    fg_client.post(
        f"/privacy/inwoners/verzoeken/{request.pk}/afhandelen/",
        {"handled_on": today.isoformat(), "notes": "PDF verstuurd"},
    )
    request.refresh_from_db()
    assert (request.handled_on, request.handled_by, request.notes) == (today, fg, "PDF verstuurd")
    assert request_state(request) == "afgehandeld"
    with pytest.raises(services.PrivacyError, match="al afgehandeld"):
        services.data_request_handle(request, actor=fg, handled_on=today)


def test_another_organisations_request_cannot_be_handled(
    client: Any, fg: Any, fg_elsewhere: Any, inwoner: Resident
) -> None:
    request = services.data_request_register(inwoner, kind="inzage", received_on=timezone.localdate(), actor=fg)
    client.force_login(fg_elsewhere)
    response = client.post(
        f"/privacy/inwoners/verzoeken/{request.pk}/afhandelen/", {"handled_on": timezone.localdate()}
    )
    assert response.status_code == 403
    assert client.get("/privacy/inwoners/verzoeken/").context["open_requests"] == []
