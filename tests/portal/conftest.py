"""The residents' portal: an inwoner filling in the public forms, and the behandelaar who handles what
comes in. Every test starts with an empty rate-limit cache and a temporary folder for attachments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from casus.cases.models import Organisation, Team
from tests import factories

# What an inwoner types in the shared fields (invented data).
RESIDENT = {"given_name": "Femke", "surname": "de Vries", "email": "femke@voorbeeld.nl", "phone": "06 12345678"}
FORMS = {
    "klacht": ("/klacht-indienen/", {**RESIDENT, "preferred": "email", "description_text": "Niemand belde terug."}),
    "vraag": ("/vraag-stellen/", {**RESIDENT, "preferred": "email", "description_text": "Wanneer komt mijn toeslag?"}),
    "terugbelverzoek": ("/bel-mij-terug/", {**RESIDENT, "description_text": "Over mijn aanvraag bijzondere bijstand."}),
    "bezwaar": (
        "/bezwaar-maken/",
        {**RESIDENT, "preferred": "email", "decision_sent_on": "", "description_text": "Mijn inkomen klopt niet."},
    ),
}


@pytest.fixture(autouse=True)
def _fresh(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.CASUS_UPLOAD_DIR = str(tmp_path / "bijlagen")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def bbk(db: None) -> Team:
    """The team that receives the portal's cases, with its own phone number and e-mail address."""
    Organisation.objects.filter(slug="almere").update(phone="14 036", email="info@almere.example")
    team = factories.team("BBK")
    team.phone, team.email = "036 539 1234", "bbk@almere.example"
    team.save()
    return team


@pytest.fixture
def inwoner_client(bbk: Team) -> Client:
    return Client()


def form_token(client: Client, url: str) -> str:
    """Open the form as a browser does and read its one-time token."""
    page = client.get(url)
    assert page.status_code == 200
    return re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)


def send(client: Client, kind: str, **changes: Any) -> Any:
    """Open form `kind`, fill it in as FORMS says (with `changes`), and send it."""
    url, data = FORMS[kind]
    data = {**data, "form_token": form_token(client, url), **changes}
    return client.post(url, {key: value for key, value in data.items() if value is not None})


def status_token(response_or_body: Any) -> str:
    body = response_or_body if isinstance(response_or_body, str) else response_or_body.content.decode()
    return re.search(r"/status/([A-Za-z0-9_-]+)/", body).group(1)
