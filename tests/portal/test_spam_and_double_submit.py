"""Spam without third parties (a honeypot field and a per-address limit in Django's cache) and a form
that is safe to send twice (a one-time token: a double click or a reload registers one case)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from casus.cases.models import Case
from casus.portal.models import Submission

from .conftest import FORMS, form_token, send, status_token

pytestmark = pytest.mark.django_db


def test_a_robot_that_fills_in_the_hidden_field_registers_nothing(inwoner_client: Client) -> None:
    response = send(inwoner_client, "klacht", website_extra="http://spam.example")

    assert response.status_code == 400
    assert "Uw formulier is niet verstuurd." in response.content.decode()
    assert not Case.objects.exists()


def test_the_hidden_field_is_hidden_from_people(inwoner_client: Client) -> None:
    body = inwoner_client.get("/klacht-indienen/").content.decode()

    assert '<div class="portal-hp">' in body and 'tabindex="-1"' in body


def test_the_sixth_form_in_ten_minutes_from_one_address_is_refused_kindly(inwoner_client: Client) -> None:
    for _ in range(5):
        assert send(inwoner_client, "vraag").status_code == 302

    refused = send(inwoner_client, "vraag")

    assert refused.status_code == 429
    assert "Wacht 10 minuten en probeer het dan opnieuw." in refused.content.decode()
    assert "Wanneer komt mijn toeslag?" in refused.content.decode()  # nothing lost
    assert Case.objects.count() == 5
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    assert send(other_address, "vraag").status_code == 302


def test_forms_with_errors_do_not_count_towards_the_limit(inwoner_client: Client) -> None:
    for _ in range(8):
        send(inwoner_client, "vraag", description_text="")

    assert send(inwoner_client, "vraag").status_code == 302


def test_sending_the_same_form_twice_registers_one_case(inwoner_client: Client) -> None:
    url, data = FORMS["klacht"]
    posted = {**data, "form_token": form_token(inwoner_client, url)}

    first = inwoner_client.post(url, posted)
    second = inwoner_client.post(url, posted)  # a double click, or a reload of the POST

    assert first.status_code == second.status_code == 302
    assert Case.objects.count() == 1 and Submission.objects.count() == 1
    receipt = inwoner_client.get("/ontvangen/").content.decode()
    assert Case.objects.get().reference in receipt
    token = status_token(receipt)  # the receipt still has the case's one working status link
    assert Client().get(f"/status/{token}/").status_code == 200


def test_a_new_form_gets_a_new_token_and_a_new_case(inwoner_client: Client) -> None:
    send(inwoner_client, "klacht")
    send(inwoner_client, "klacht")

    assert Case.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_the_same_moment_register_one_case(bbk: Any) -> None:
    """On PostgreSQL the second request waits on the unique token until the first commits."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    client = Client()
    url, data = FORMS["vraag"]
    posted = {**data, "form_token": form_token(client, url)}
    cookies = client.cookies
    results: list[int] = []

    def post() -> None:
        other = Client()
        other.cookies = cookies
        results.append(other.post(url, posted).status_code)
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [302, 302]
    assert Case.objects.count() == 1
