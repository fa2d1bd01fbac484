"""After sending: a receipt page (reference, what happens next, by when, the status link), an e-mail with
the reference and the secret status link, and for a klacht (Awb 9:6) and a bezwaar (Awb 6:14) the
written acknowledgement of receipt from the letters library, on the timeline."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from casus.cases.domain import EventKind
from casus.cases.models import Case
from casus.portal.texts import long_date

from .conftest import send, status_token

pytestmark = pytest.mark.django_db


def test_the_receipt_says_what_happens_and_by_when(inwoner_client: Client) -> None:
    response = send(inwoner_client, "klacht")
    receipt = inwoner_client.get(response["Location"])

    case = Case.objects.get()
    body = receipt.content.decode()
    assert receipt.status_code == 200
    assert "Wij hebben uw klacht ontvangen" in body
    assert f"Uw kenmerk: <strong>{case.reference}</strong>" in body
    assert f"Uiterlijk <strong>{long_date(case.due_on)}</strong> hoort u van ons." in body
    assert "Wat gebeurt er nu?" in body and "Team BBK" in body and "036 539 1234" in body
    assert f'href="/status/{status_token(body)}/"' in body
    assert receipt["Referrer-Policy"] == "no-referrer"


def test_the_e_mail_has_the_reference_and_the_secret_status_link(
    inwoner_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = send(inwoner_client, "vraag")

    case = Case.objects.get()
    [message] = [m for m in mail.outbox if "femke@voorbeeld.nl" in m.to]
    assert message.subject == f"Wij hebben uw vraag ontvangen ({case.reference})"
    assert case.reference in message.body and long_date(case.due_on) in message.body
    token = status_token(message.body)
    assert f"http://testserver/status/{token}/" in message.body
    assert token == status_token(inwoner_client.get(response["Location"]))  # the same link as on the page
    assert Client().get(f"/status/{token}/").status_code == 200


def test_links_in_the_e_mail_use_the_configured_address(
    inwoner_client: Client, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.CASUS_BASE_URL = "https://casus.almere.example"
    with django_capture_on_commit_callbacks(execute=True):
        send(inwoner_client, "vraag")

    assert "https://casus.almere.example/status/" in mail.outbox[0].body


def test_without_an_e_mail_address_only_the_receipt_page_has_the_link(
    inwoner_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = send(inwoner_client, "terugbelverzoek", email="")

    assert mail.outbox == []
    body = inwoner_client.get(response["Location"]).content.decode()
    assert "/status/" in body and "Een medewerker belt u uiterlijk" in body


@pytest.mark.parametrize("kind", ["klacht", "bezwaar"])
def test_a_klacht_and_a_bezwaar_get_the_written_acknowledgement_of_receipt(
    inwoner_client: Client, django_capture_on_commit_callbacks: Any, kind: str
) -> None:
    sent = timezone.localdate() - timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        send(inwoner_client, kind, decision_sent_on=sent.strftime("%d-%m-%Y") if kind == "bezwaar" else "")

    case = Case.objects.get()
    letter = case.letters.get()
    assert letter.kind == "ontvangstbevestiging"
    assert EventKind.LETTER_SENT in [event.kind for event in case.events.all()]
    subjects = [m.subject for m in mail.outbox]
    assert any("ontvangen" in subject and case.reference in subject for subject in subjects)
    assert len(mail.outbox) == 2  # the portal's receipt with the status link, and the letter


def test_a_question_gets_no_letter_only_the_receipt(
    inwoner_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send(inwoner_client, "vraag")

    assert not Case.objects.get().letters.exists()
    assert len(mail.outbox) == 1


def test_the_receipt_without_a_sent_form_goes_to_the_start(inwoner_client: Client) -> None:
    response = inwoner_client.get("/ontvangen/")

    assert response.status_code == 302 and response["Location"] == "/contact/"
