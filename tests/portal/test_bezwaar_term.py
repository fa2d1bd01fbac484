"""Bezwaar maken: the inwoner hears at once whether the filing term of Awb 6:7 has passed (six weeks
after the decision was sent, counted by the deadline engine), while typing (htmx) and on sending, and
is asked for a reason when late (Awb 6:11)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from casus import deadlines
from casus.cases.models import Case
from casus.portal.texts import long_date

from .conftest import send

pytestmark = pytest.mark.django_db


def _typed(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def test_while_typing_an_in_time_decision_says_until_when(inwoner_client: Client) -> None:
    sent = timezone.localdate() - timedelta(days=10)
    body = inwoner_client.get("/bezwaar-maken/termijn/", {"decision_sent_on": _typed(sent)}).content.decode()

    assert "U bent op tijd." in body
    assert f"tot en met {long_date(deadlines.filing_deadline(sent))}" in body
    assert "<html" not in body  # a fragment for htmx


def test_while_typing_a_late_decision_says_what_that_means(inwoner_client: Client) -> None:
    sent = timezone.localdate() - timedelta(days=60)
    body = inwoner_client.get("/bezwaar-maken/termijn/", {"decision_sent_on": _typed(sent)}).content.decode()

    assert "de termijn voor bezwaar is voorbij" in body
    assert f"tot en met {long_date(deadlines.filing_deadline(sent))}" in body
    assert "artikel 6:11" in body and "goede reden" in body


@pytest.mark.parametrize("typed", ["", "31-2-2026", "morgen", "1-1-2099"])
def test_while_typing_an_unfinished_date_says_nothing_yet(inwoner_client: Client, typed: str) -> None:
    response = inwoner_client.get("/bezwaar-maken/termijn/", {"decision_sent_on": typed})

    assert response.status_code == 200 and response.content.decode().strip() == ""


def test_the_date_field_asks_the_engine_while_typing(inwoner_client: Client) -> None:
    body = inwoner_client.get("/bezwaar-maken/").content.decode()

    assert 'hx-get="/bezwaar-maken/termijn/"' in body and 'id="termijn"' in body and 'aria-live="polite"' in body


def test_an_in_time_bezwaar_is_registered_with_the_engines_dates(inwoner_client: Client) -> None:
    sent = timezone.localdate() - timedelta(days=20)
    response = send(inwoner_client, "bezwaar", decision_sent_on=_typed(sent), decision_reference="UIT/2026/0042")

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.decision_sent_on == sent and case.filed_on_time is True
    expected = deadlines.compute_deadline(deadlines.get_rule("bezwaar"), timezone.localdate(), decision_sent=sent).due
    assert case.due_on == expected
    assert "kenmerk UIT/2026/0042" in case.description


def test_a_late_bezwaar_first_asks_why_then_is_registered_as_late(inwoner_client: Client) -> None:
    sent = timezone.localdate() - timedelta(days=70)
    first = send(inwoner_client, "bezwaar", decision_sent_on=_typed(sent))

    assert first.status_code == 200 and not Case.objects.exists()
    body = first.content.decode()
    assert "Uw bezwaar is te laat. Wilt u vertellen waarom?" in body
    assert f"tot en met {long_date(deadlines.filing_deadline(sent))}" in body
    assert 'name="late_seen" value="on"' in body

    second = send(inwoner_client, "bezwaar", decision_sent_on=_typed(sent), late_seen="on")

    assert second.status_code == 302
    case = Case.objects.get()
    assert case.filed_on_time is False and case.delay_excused is False  # the handler judges the reason
    receipt = inwoner_client.get(second["Location"]).content.decode()
    assert "Uw bezwaar is te laat. Wij kijken of u een goede reden had" in receipt


def test_a_late_bezwaar_with_a_reason_is_sent_at_once_with_the_reason(inwoner_client: Client) -> None:
    sent = timezone.localdate() - timedelta(days=70)
    response = send(inwoner_client, "bezwaar", decision_sent_on=_typed(sent), late_reason="Ik lag in het ziekenhuis.")

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.filed_on_time is False
    assert "Reden waarom het bezwaar te laat is: Ik lag in het ziekenhuis." in case.description


def test_sending_shows_the_term_message_next_to_other_errors(inwoner_client: Client) -> None:
    sent = timezone.localdate() - timedelta(days=10)
    body = send(inwoner_client, "bezwaar", decision_sent_on=_typed(sent), description_text="").content.decode()

    assert "Schrijf op waarom u het niet eens bent met het besluit." in body
    assert "Er ontbreekt nog iets" in body
    assert "U bent op tijd." in body  # the server says it too, without htmx
