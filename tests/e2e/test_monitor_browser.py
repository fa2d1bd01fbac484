"""The Monitor in a real browser: a coördinator opens it from the menu, narrows the figures with the
filters (htmx updates them in place), clicks a number and gets the list of exactly that many cases;
the MT sees the same list without a single name. Both pages pass the axe check of `screenshot`."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from casus.cases.demo import generate
from casus.monitor import figures
from casus.monitor.forms import MonitorFilter
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _demo() -> dict[str, Any]:
    """Four years of invented cases of Gemeente Almere, with the demo's coördinator, kwaliteitsmedewerker
    and MT member."""
    generate(organisation=factories.organisation(), cases=900, seed=7)
    users = get_user_model().objects
    return {name: users.get(username=name) for name in ("coordinator", "kwaliteit", "mt")}


def _drill_count(page: Any) -> int:
    return int(re.match(r"(\d+) za", page.locator(".drill-count strong").inner_text()).group(1))


def _cases_behind(url: str, user: Any) -> list[Any]:
    """The cases the list at `url` is about, straight from casus.monitor.figures."""
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    form = MonitorFilter(query, user=user)
    assert form.is_valid(), form.errors
    return list(figures.drill(form.filters(), query["figuur"], query.get("sleutel")).select_related("resident"))


def test_a_coordinator_drills_from_a_number_to_its_cases(live_server: Any, page: Any) -> None:
    people = _demo()
    log_in(page, live_server, people["coordinator"])
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Monitor").click()
    expect(page.get_by_role("heading", level=1, name="Monitor")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Instroom")).to_be_visible()

    page.get_by_label("Periode van").fill("2025-01-01")
    page.get_by_label("Periode tot en met").fill("2025-12-31")
    page.get_by_label("Team", exact=True).select_option("BBK")
    page.get_by_role("button", name="Cijfers tonen").click()
    page.wait_for_url(re.compile(r"team=BBK"))  # htmx swapped the figures and pushed the address
    expect(page.locator(".monitor-period")).to_contain_text("1 januari 2025 tot en met 31 december 2025")
    expect(page.get_by_role("button", name="Cijfers tonen")).to_be_focused()  # htmx kept the keyboard's place
    screenshot(page, "monitor")
    page.locator("#doorlooptijd").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('instroom').scrollIntoView()")
    screenshot(page, "monitor-grafieken")

    month_table = page.locator("table", has=page.locator("caption", has_text="Ontvangen zaken per maand"))
    links = month_table.locator("tbody a").all()
    numbers = [int(link.inner_text().split()[0]) for link in links]
    busiest = numbers.index(max(numbers))
    month = month_table.locator("tbody th").nth(busiest).inner_text()
    shown = numbers[busiest]
    assert shown > 0
    links[busiest].click()
    page.wait_for_url(re.compile(r"/monitor/zaken/\?.*figuur=received"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ontvangen in de periode: {month}")
    assert _drill_count(page) == shown
    assert page.locator("table.drill tbody tr").count() == min(shown, 50)
    assert "Filters: team BBK." in page.locator("main").inner_text()
    assert set(page.locator("table.drill tbody td:nth-child(5)").all_inner_texts()) == {"BBK"}
    screenshot(page, "monitor-zaken")

    drill_url = page.url
    behind = _cases_behind(drill_url, people["coordinator"])
    assert len(behind) == shown
    page.get_by_role("link", name="Terug naar de Monitor").click()
    expect(page.get_by_label("Team", exact=True)).to_have_value("BBK")

    page.context.clear_cookies()
    log_in(page, live_server, people["mt"])
    page.goto(drill_url)
    assert _drill_count(page) == shown
    text = page.locator("main").inner_text()
    assert "gepseudonimiseerd" in text
    expect(page.get_by_role("columnheader", name="Inwoner")).to_have_count(0)
    expect(page.locator("table.drill a")).to_have_count(0)  # no link to any dossier
    for case in behind:
        if case.resident is not None:
            assert case.resident.surname not in text, case.reference
    screenshot(page, "monitor-zaken-mt")


def test_the_monitor_works_without_javascript(live_server: Any, browser: Any) -> None:
    people = _demo()
    context = browser.new_context(locale="nl-NL", java_script_enabled=False, viewport={"width": 1280, "height": 860})
    page = context.new_page()
    try:
        log_in(page, live_server, people["kwaliteit"])
        page.goto(f"{live_server.url}/monitor/")
        page.get_by_label("Periode van").fill("2024-01-01")
        page.get_by_label("Periode tot en met").fill("2024-12-31")
        page.get_by_label("Kanaal").select_option("telefoon")
        page.get_by_role("button", name="Cijfers tonen").click()
        page.wait_for_url(re.compile(r"kanaal=telefoon"))
        expect(page.locator(".monitor-period")).to_contain_text("1 januari 2024 tot en met 31 december 2024")
        received = page.locator(".keyfigure", has_text="Ontvangen").locator("a")
        shown = int(received.inner_text().split()[0].replace(".", ""))
        received.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ontvangen in de periode")
        assert _drill_count(page) == shown
        assert "Filters: kanaal Telefoon." in page.locator("main").inner_text()
    finally:
        context.close()
