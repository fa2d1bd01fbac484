"""A behandelaar works through Mijn werk (urgency order, filters that update the list, search, how a due
date was counted); a coördinator sees a safety signal at the top of the dashboard and hands over the
cases of an absent colleague with a reason."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casus.cases import services
from casus.cases.domain import EventKind, TeamRole
from casus.cases.models import Case
from tests import factories
from tests.e2e.conftest import assert_accessible, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# (given name, surname, type, days until the due date, description); the receipt date is chosen so the
# real term of the type ends about then (the Atw may move it a day or two), so "Hoe geteld?" matches.
RESIDENTS = [
    ("Jan", "Smit", "klacht", -10, "Klacht over de bejegening aan de balie."),
    ("Fatma", "Yilmaz", "bezwaar", 2, "Bezwaar tegen de terugvordering van bijzondere bijstand."),
    ("Kees", "de Vries", "terugbelverzoek", None, "Wil teruggebeld worden over de energietoeslag."),
    ("Linda", "Jansen", "vraag", 25, "Vraag over de regeling van het woonlastenfonds."),
    ("Ahmed", "Bouzid", "klacht", 12, "Duurt lang: nog geen antwoord op de aanvraag."),
    ("Petra", "van Dam", "woo", 1, "Woo-verzoek over het armoedebeleid."),
]
TERM_DAYS = {"klacht": 42, "bezwaar": 42, "vraag": 42, "woo": 28}


def _case(handler: Any, first: str, last: str, case_type: str, due_in: int | None, text: str) -> Case:
    prefix, _, surname = last.rpartition(" ")
    resident = factories.resident(given_name=first, surname=surname, surname_prefix=prefix)
    today = timezone.localdate()
    received = today - timedelta(days=1) if due_in is None else today + timedelta(days=due_in - TERM_DAYS[case_type])
    subject = factories.subject("bijzondere bijstand" if case_type == "bezwaar" else "overig")
    return factories.register(
        case_type, received, handler=handler, resident=resident, description=text, subject=subject,
        channel="telefoon" if case_type == "terugbelverzoek" else "email",
    )  # fmt: skip


def _world() -> dict[str, Any]:
    behandelaar = factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")
    collega = factories.user("rmeijer", first="Rachid", last="Meijer", team_name="Werk")
    coordinator = factories.user("mvisser", first="Mark", last="Visser", team_name="Werk", role=TeamRole.COORDINATOR)
    cases = [_case(behandelaar, *row) for row in RESIDENTS]
    callback = cases[2]
    services.case_record_contact_attempt(
        case=callback, actor=behandelaar, reached=False, attempted_at=timezone.now() - timedelta(hours=2)
    )
    _case(None, "Mo", "Haddou", "vraag", 9, "Vraag over kwijtschelding.")
    return {"behandelaar": behandelaar, "collega": collega, "coordinator": coordinator, "cases": cases}


def _cells(row: Any) -> list[str]:
    return [" ".join(text.split()) for text in row.locator("td").all_inner_texts()]


def _rows(page: Any) -> list[str]:
    return [row.inner_text() for row in page.locator("table.queue tbody tr").all()]


def test_a_behandelaar_works_through_mijn_werk(live_server: Any, page: Any) -> None:
    world = _world()
    log_in(page, live_server, world["behandelaar"])
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn werk").click()
    page.wait_for_url(re.compile(r"/werk/$"))
    rows = _rows(page)
    assert len(rows) == 6
    assert "te laat" in rows[0] and "Smit" in rows[0]  # overdue first
    callback = next(row for row in rows if "Kees de Vries" in row)
    assert "Terugbellen binnen 2 werkdagen." in callback and "1 poging, 1 niet bereikt." in callback
    assert "op tijd" in rows[-1] and "Jansen" in rows[-1]  # the most time left last
    first = page.locator("table.queue tbody tr").first
    first.get_by_text("Hoe geteld?").click()
    assert first.get_by_text("Uiterste datum:").is_visible()
    assert_accessible(page)
    screenshot(page, "werk-mijn-werk")

    # A filter updates the list at once (htmx), and the address keeps it.
    page.get_by_label("Termijn").select_option("dreigt")
    page.wait_for_url(re.compile(r"state=dreigt"))
    expect(page.locator("table.queue tbody tr")).to_have_count(3)
    assert all("dreigt" in row for row in _rows(page))
    page.get_by_label("Zaaktype").select_option("woo")
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    assert "van Dam" in _rows(page)[0]
    page.get_by_role("link", name="Filters wissen").click()

    # Search on a resident's name, by keyboard only.
    page.get_by_role("searchbox", name="Zoeken").fill("yilmaz")
    page.get_by_role("searchbox", name="Zoeken").press("Enter")
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    assert "Fatma Yilmaz" in _rows(page)[0]
    assert page.get_by_role("status").filter(has_text="1 open zaak.").is_visible()

    page.get_by_role("navigation", name="Werklijsten").get_by_role("link", name="Niet toegewezen").click()
    page.wait_for_url(re.compile(r"/werk/team/niet-toegewezen/"))
    assert "Haddou" in _rows(page)[0]


def test_a_coordinator_sees_a_safety_signal_and_hands_over_an_absent_colleagues_cases(
    live_server: Any, page: Any
) -> None:
    world = _world()
    flagged = world["cases"][4]
    services.case_flag_safety(case=flagged, actor=world["behandelaar"], note="Inwoner sprak over zelfdoding.")
    log_in(page, live_server, world["coordinator"])
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Veiligheidssignalen").is_visible()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Team").click()
    page.wait_for_url(re.compile(r"/werk/team/$"))
    safety = page.locator("section.alert--safety")
    assert flagged.reference in safety.inner_text()
    row = page.get_by_role("row", name=re.compile("Sanne Bakker"))
    assert _cells(row) == ["6", "! 1", "⚠ 3"]  # open, te laat, dreigt
    assert_accessible(page)
    screenshot(page, "werk-dashboard")

    page.get_by_label("Zaken van", exact=True).select_option(label="Sanne Bakker")
    page.get_by_label("Naar", exact=True).select_option(label="Rachid Meijer")
    page.get_by_role("button", name="Zaken overdragen").click()
    assert page.get_by_text("Dit veld is verplicht.").is_visible()  # the reason is required
    page.get_by_label("Reden", exact=True).fill("Sanne is ziek tot en met vrijdag.")
    page.get_by_role("button", name="Zaken overdragen").click()
    page.wait_for_url(re.compile(r"/werk/team/$"))
    assert page.get_by_text("6 zaken van Sanne Bakker overgedragen aan Rachid Meijer.").is_visible()
    row = page.get_by_role("row", name=re.compile("Rachid Meijer"))
    assert _cells(row)[0] == "6"
    for case in world["cases"]:
        case.refresh_from_db()
        assert case.handler == world["collega"]
        assert factories.last_event(case).kind == EventKind.HANDED_OVER
