"""Every page of Casus passes axe-core's WCAG 2.1 A/AA rules without a serious or critical violation.

The pages are not listed by hand: every named URL pattern without arguments (the admin aside: Django's
own back office) is opened by the first persona it answers a page to (a coördinator, a behandelaar,
the privacy officer, a functioneel beheerder, or nobody logged in for public pages), plus one case page.
A page added tomorrow is checked the day it is added. URLs that only answer a POST, a redirect, a
download or an htmx fragment are left out: they are no page of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from casus.access.rules import rule_of
from casus.cases import services
from casus.cases.domain import TeamRole
from casus.workspace.templatetags.workspace import workspace_url
from tests import factories
from tests.e2e.conftest import axe_violations, describe_violations, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Django's admin and the API's Swagger UI (for developers of other systems; drf-spectacular-sidecar's
# own markup): third-party pages, not Casus's. Every page a resident or a colleague works in is checked.
SKIPPED_NAMESPACES = ("admin:", "api:")


def _named_patterns(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, Any, bool]]:
    """(name, callback, takes arguments) for every named URL pattern."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            for name, callback, has_args in _named_patterns(entry.url_patterns, inner or ""):
                yield name, callback, has_args or bool(entry.pattern.regex.groupindex)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry.callback, bool(entry.pattern.regex.groupindex)


def pages_without_arguments() -> list[tuple[str, Any]]:
    seen: dict[str, Any] = {}
    for name, callback, has_args in _named_patterns(get_resolver().url_patterns):
        if not has_args and not name.startswith(SKIPPED_NAMESPACES):
            seen.setdefault(name, callback)
    return sorted(seen.items())


def _world() -> dict[str, Any]:
    behandelaar = factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")
    coordinator = factories.user("mvisser", first="Mark", last="Visser", team_name="Werk", role=TeamRole.COORDINATOR)
    privacy = factories.user("fidrissi", first="Fatima", last="el Idrissi", team_name="Beheer", role=TeamRole.PRIVACY)
    beheerder = factories.user(
        "nhendriks", first="Noor", last="Hendriks", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER
    )
    today = timezone.localdate()
    cases = []
    for days, case_type in ((50, "klacht"), (30, "bezwaar"), (3, "terugbelverzoek"), (10, "vraag")):
        cases.append(
            factories.register(
                case_type, today - timedelta(days=days), handler=behandelaar, resident=factories.resident(),
                description="Inwoner wacht al lang op antwoord.", subject=factories.subject("boete"),
            )
        )  # fmt: skip
    services.case_flag_safety(case=cases[0], actor=behandelaar, note="Zorgen om de inwoner.")
    factories.register("vraag", today - timedelta(days=2))  # not assigned yet
    return {
        "personas": [coordinator, behandelaar, privacy, beheerder],
        "case": cases[1],
    }


def _html_page(client: Client, url: str) -> bool:
    """A whole HTML page (not a download, a redirect, or an htmx fragment such as the intake's lookups)."""
    response = client.get(url)
    html = response.headers.get("Content-Type", "").startswith("text/html")
    return response.status_code == 200 and html and b"<html" in response.content


def _visits(world: dict[str, Any]) -> list[tuple[str, Any]]:
    """(url, persona or None) for every page to check."""
    visits = []
    for name, callback in pages_without_arguments():
        url = reverse(name)
        if rule_of(callback) is not None and rule_of(callback).perm is None:
            if _html_page(Client(), url):
                visits.append((url, None))
            continue
        for persona in world["personas"]:
            client = Client()
            factories.verified_login(client, persona)
            if _html_page(client, url):
                visits.append((url, persona))
                break
    case_url = workspace_url("workspace:case", world["case"].pk)
    if case_url:
        visits.append((case_url, world["personas"][1]))
    visits.append((reverse("home"), world["personas"][1]))  # the start page differs per role
    return visits


def test_every_page_has_no_serious_accessibility_violations(live_server: Any, page: Any) -> None:
    world = _world()
    visits = _visits(world)
    urls = {url for url, _ in visits}
    for expected in ("/", "/werk/", "/werk/team/", "/werk/team/zaken/", "/inloggen/", "/privacy/audit/"):
        assert expected in urls, f"{expected} was not checked"
    failures = []
    current = "nobody"
    for url, persona in visits:
        if persona is not current:
            page.context.clear_cookies()
            if persona is not None:
                log_in(page, live_server, persona)
            current = persona
        page.goto(f"{live_server.url}{url}")
        violations = axe_violations(page)
        if violations:
            failures.append(f"{url} ({persona or 'niet ingelogd'}):\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)
    assert len(visits) >= 15
