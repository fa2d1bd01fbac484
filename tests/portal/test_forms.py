"""The four public forms: a valid form registers one case through the case services (channel
webformulier, a new resident, the portal's team); an invalid one comes back in Dutch with everything the
inwoner typed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from casus.cases.domain import Channel, EventKind, Status
from casus.cases.models import Case, Resident
from casus.portal.forms import split_surname
from tests import factories

from .conftest import FORMS, form_token, send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["klacht", "vraag", "terugbelverzoek", "bezwaar"])
def test_it_registers_a_valid_form_as_a_case(inwoner_client: Client, kind: str) -> None:
    changes = {"decision_sent_on": (timezone.localdate() - timedelta(days=10)).strftime("%d-%m-%Y")}
    response = send(inwoner_client, kind, **(changes if kind == "bezwaar" else {}))

    assert response.status_code == 302 and response["Location"] == "/ontvangen/"
    case = Case.objects.get()
    assert (case.case_type, case.channel, case.status) == (kind, Channel.WEBFORMULIER, Status.ONTVANGEN)
    assert case.received_on == timezone.localdate()
    assert case.team == factories.team("BBK") and case.handler is None
    assert case.organisation.slug == "almere"
    assert factories.event_kinds(case)[0] == EventKind.RECEIVED
    resident = case.resident
    assert (resident.given_name, resident.surname_prefix, resident.surname) == ("Femke", "de", "Vries")
    assert (resident.email, resident.phone, resident.bsn) == ("femke@voorbeeld.nl", "06 12345678", "")
    expected_channel = Channel.TELEFOON if kind == "terugbelverzoek" else Channel.EMAIL
    assert resident.preferred_channel == expected_channel


def test_a_klacht_keeps_when_it_happened_and_the_department(inwoner_client: Client) -> None:
    send(inwoner_client, "klacht", happened_on="2-11-2026", department="Team Inkomen")

    description = Case.objects.get().description
    assert description.startswith("Niemand belde terug.")
    assert "Wanneer gebeurd: 02-11-2026" in description and "Afdeling of medewerker: Team Inkomen" in description


def test_a_callback_request_keeps_when_to_call(inwoner_client: Client) -> None:
    send(inwoner_client, "terugbelverzoek", moment="ochtend", email="")

    case = Case.objects.get()
    assert "Bellen: In de ochtend (9.00 tot 12.00 uur)" in case.description
    assert case.resident.email == ""


def test_a_new_resident_is_made_every_time_as_the_intake_does(inwoner_client: Client) -> None:
    """The intake never matches a resident by itself (a handler merges duplicates): neither does the portal."""
    factories.resident(given_name="Femke", surname="Vries", surname_prefix="de", email="femke@voorbeeld.nl")
    send(inwoner_client, "vraag")
    send(inwoner_client, "vraag")

    assert Resident.objects.filter(email="femke@voorbeeld.nl").count() == 3
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    ("kind", "changes", "errors"),
    [
        ("klacht", {"description_text": "", "given_name": "", "surname": ""},
         ["Schrijf op waarover u een klacht heeft.", "Vul uw voornaam in.", "Vul uw achternaam in."]),
        ("klacht", {"preferred": None}, ["Kies hoe u antwoord wilt krijgen: per e-mail of telefonisch."]),
        ("klacht", {"email": "femke@", "phone": "12"},
         ["Vul een e-mailadres in zoals naam@voorbeeld.nl.", "Vul een telefoonnummer in zoals 06 12345678"]),
        ("klacht", {"email": ""}, ["U wilt antwoord per e-mail. Vul uw e-mailadres in."]),
        ("klacht", {"happened_on": "31-2-2026"}, ["Vul een datum in zoals 1-9-2026 (dag-maand-jaar)."]),
        ("klacht", {"happened_on": "1-1-2099"}, ["Deze datum ligt in de toekomst."]),
        ("vraag", {"description_text": ""}, ["Schrijf uw vraag op."]),
        ("vraag", {"preferred": "telefoon", "phone": ""}, ["U wilt dat wij u bellen. Vul uw telefoonnummer in."]),
        ("terugbelverzoek", {"phone": "", "description_text": ""},
         ["Vul het telefoonnummer in waarop wij u kunnen bellen.", "Schrijf kort op waarover wij u bellen."]),
        ("bezwaar", {"decision_sent_on": ""}, ["Vul de datum van het besluit in. Die staat op de brief."]),
        ("bezwaar", {"decision_sent_on": "1-1-2099"}, ["Deze datum ligt in de toekomst."]),
        ("bezwaar", {"description_text": ""}, ["Schrijf op waarom u het niet eens bent met het besluit."]),
        ("vraag", {"description_text": "x" * 5001}, ["Gebruik hoogstens 5000 tekens."]),
    ],
)  # fmt: skip
def test_an_invalid_form_comes_back_in_dutch_with_what_was_typed(
    inwoner_client: Client, kind: str, changes: dict[str, Any], errors: list[str]
) -> None:
    if kind == "bezwaar" and "decision_sent_on" not in changes:
        changes["decision_sent_on"] = timezone.localdate().strftime("%d-%m-%Y")
    response = send(inwoner_client, kind, **changes)

    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body and "Er ontbreekt nog iets" in body
    for error in errors:
        assert error in body
    assert 'aria-invalid="true"' in body
    typed = {**FORMS[kind][1], **changes}
    for name, value in typed.items():
        if value and name not in {"preferred", "description_text"}:
            assert f'value="{value}"' in body, name  # what the inwoner typed is still there
    if typed.get("description_text") and len(typed["description_text"]) < 100:
        assert f"{typed['description_text']}</textarea>" in body
    assert not Case.objects.exists()


def test_errors_are_linked_to_their_fields_and_the_summary_links_to_them(inwoner_client: Client) -> None:
    body = send(inwoner_client, "klacht", description_text="", email="femke@").content.decode()

    assert 'href="#id_description_text"' in body and 'href="#id_email"' in body
    assert 'id="id_email_error"' in body
    assert 'aria-describedby="id_email_error"' in body
    assert 'aria-describedby="id_description_text_helptext id_description_text_error"' in body


def test_the_forms_speak_dutch_whatever_the_browser_asks(bbk: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    body = send(client, "klacht", email="nope").content.decode()

    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in body
    assert "Enter a valid" not in body


def test_no_bsn_and_no_address_are_asked(inwoner_client: Client) -> None:
    for url, _data in FORMS.values():
        body = inwoner_client.get(url).content.decode().lower()
        assert "bsn" not in body
        for field in ('name="bsn"', 'name="postcode"', 'name="street"', 'name="address"'):
            assert field not in body


def test_the_start_page_lists_the_four_forms(inwoner_client: Client) -> None:
    body = inwoner_client.get("/contact/").content.decode()

    for url, _data in FORMS.values():
        assert f'href="{url}"' in body
    for title in ("Klacht indienen", "Vraag stellen", "Bel mij terug", "Bezwaar maken"):
        assert title in body


def test_portal_pages_are_not_indexed_or_cached(inwoner_client: Client) -> None:
    response = inwoner_client.get("/klacht-indienen/")

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex, nofollow"' in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("de Vries", ("de", "Vries")), ("van der Berg", ("van der", "Berg")), ("Van Dijk", ("", "Van Dijk")),
     ("  Jansen ", ("", "Jansen")), ("de", ("", "de"))],
)  # fmt: skip
def test_a_surname_prefix_is_stored_apart(typed: str, expected: tuple[str, str]) -> None:
    assert split_surname(typed) == expected


def test_the_form_token_is_in_every_form(inwoner_client: Client) -> None:
    tokens = {form_token(inwoner_client, url) for url, _data in FORMS.values()}

    assert len(tokens) == 4 and all(len(token) >= 32 for token in tokens)
