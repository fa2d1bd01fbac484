"""The browsable API docs render in chromium under Casus's Content-Security-Policy (no inline scripts:
Swagger UI's start script is served as a separate file, its assets locally by drf-spectacular-sidecar)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_behandelaar_reads_the_api_docs(live_server: Any, page: Any) -> None:
    person = factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, live_server, person)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.get_by_text("/api/v1/cases/{id}/close/").first.wait_for(timeout=10_000)
    assert page.get_by_role("heading", name="Casus API").first.is_visible()
    assert not [text for text in console if "Content Security Policy" in text or "Refused" in text], console
