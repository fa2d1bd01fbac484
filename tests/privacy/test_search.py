"""The privacy officer searches residents of their organisation; every search is in the audit log and a
BSN is never shown in full in a list."""

from __future__ import annotations

from typing import Any

import pytest

from casus.access.models import AuditAction, AuditEntry
from tests import factories

from .conftest import OTHER_BSN, VALID_BSN

URL = "/privacy/inwoners/"


@pytest.fixture
def residents(db: None) -> dict[str, Any]:
    return {
        "jan": factories.resident(bsn=VALID_BSN, email="jan.smit@example.invalid", source_id="GWS-0042"),
        "fatma": factories.resident(given_name="Fatma", surname="Yilmaz", postcode="1315 KL", bsn=OTHER_BSN),
        "elsewhere": factories.resident(organisation=factories.other_organisation(), given_name="Jan", surname="Smit"),
    }


def _names(response: Any) -> list[str]:
    return [str(person) for person in response.context["found"]]


def test_it_finds_a_resident_by_name_and_logs_the_search(fg_client: Any, fg: Any, residents: dict[str, Any]) -> None:
    response = fg_client.get(URL, {"q": "jan smit"})
    assert response.status_code == 200
    assert _names(response) == ["Jan Smit"]  # not the Jan Smit of Zeewolde
    entry = AuditEntry.objects.get(action=AuditAction.SEARCH)
    assert entry.user == fg
    assert entry.detail["term"] == "jan smit"
    assert entry.detail["results"] == 1


def test_it_shows_the_bsn_masked_in_the_list(fg_client: Any, residents: dict[str, Any]) -> None:
    response = fg_client.get(URL, {"q": VALID_BSN})
    content = response.content.decode()
    assert _names(response) == ["Jan Smit"]
    assert "*****2333" in content
    assert VALID_BSN not in content.replace(f'value="{VALID_BSN}"', "")  # only the search term echoes back


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("1315kl", ["Fatma Yilmaz"]),
        ("1315 KL", ["Fatma Yilmaz"]),
        ("JAN.SMIT@example.invalid", ["Jan Smit"]),
        ("GWS-0042", ["Jan Smit"]),
        ("123 456 782", ["Fatma Yilmaz"]),
        ("11122233", []),  # part of a BSN finds nothing: no fishing for numbers
        ("2333", []),
        ("yilmaz", ["Fatma Yilmaz"]),
    ],
)
def test_it_searches_by_postcode_email_source_id_and_full_bsn_only(
    fg_client: Any, residents: dict[str, Any], term: str, expected: list[str]
) -> None:
    assert _names(fg_client.get(URL, {"q": term})) == expected


def test_an_empty_search_shows_the_desk_and_logs_nothing(fg_client: Any, residents: dict[str, Any]) -> None:
    response = fg_client.get(URL)
    assert response.status_code == 200
    assert response.context["found"] is None
    assert not AuditEntry.objects.filter(action=AuditAction.SEARCH).exists()


def test_a_behandelaar_may_not_use_the_desk_and_the_attempt_is_logged(client: Any, behandelaar: Any) -> None:
    client.force_login(behandelaar)
    assert client.get(URL, {"q": "Smit"}).status_code == 403
    entry = AuditEntry.objects.get(action=AuditAction.DENIED)
    assert entry.user == behandelaar
    assert entry.allowed is False
    assert entry.detail["permission"] == "privacy.desk"


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=" in response["Location"]
