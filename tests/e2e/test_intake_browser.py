"""Fast intake by keyboard only: a phone complaint with a new resident, and a late bezwaar."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.cases.domain import CaseType, Channel
from casus.cases.models import Case, Resident
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _focused(page: Any) -> str:
    return page.evaluate("document.activeElement && (document.activeElement.id || document.activeElement.tagName)")


def tab_to(page: Any, element_id: str, *, limit: int = 40) -> None:
    """Press Tab until the element with `element_id` has the focus (as a keyboard user does)."""
    for _ in range(limit):
        if _focused(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}; the focus is on {_focused(page)}")


def _type_in(page: Any, element_id: str, text: str) -> None:
    tab_to(page, element_id)
    page.keyboard.type(text)


def test_a_phone_complaint_with_a_new_resident_by_keyboard(live_server: Any, page: Any, behandelaar: Any) -> None:
    log_in(page, live_server, behandelaar)
    page.goto(f"{live_server.url}/werk/registreren/")
    assert _focused(page) == "id_q"  # autofocus on the search

    page.keyboard.type("El Amrani")
    page.locator("#resident-count", has_text="Geen inwoner gevonden").wait_for()
    page.keyboard.press("Tab")
    assert _focused(page) == "resident-new"
    for field, text in [
        ("id_inwoner-given_name", "Fatima"), ("id_inwoner-surname", "El Amrani"), ("id_inwoner-street", "Havikweg"),
        ("id_inwoner-house_number", "8"), ("id_inwoner-postcode", "1315 kl"), ("id_inwoner-city", "Almere"),
        ("id_inwoner-phone", "06-98765432"), ("id_inwoner-email", "f.elamrani@example.invalid"),
    ]:  # fmt: skip
        _type_in(page, field, text)
    _type_in(page, "id_case_type", "Klacht")
    assert page.locator("#id_nature").is_visible()  # the nature of a complaint appears
    _type_in(page, "id_subject", "bijzondere")
    _type_in(page, "id_nature", "duurt")
    _type_in(page, "id_description", "Al drie weken geen antwoord op haar aanvraag bijzondere bijstand.")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "werk-registreren")
    tab_to(page, "id_assign_to_me")
    page.keyboard.press("Shift+Tab")  # back in the description: Ctrl+Enter registers from there
    page.keyboard.press("Control+Enter")

    page.wait_for_url(re.compile(r"/werk/zaken/\d+/$"))
    case = Case.objects.get(case_type=CaseType.KLACHT)
    assert f"Zaak {case.reference} is geregistreerd." in page.locator(".messages").inner_text()
    resident = Resident.objects.get(surname="El Amrani")
    assert (case.resident, case.channel, case.handler) == (resident, Channel.TELEFOON, behandelaar)
    assert resident.postcode == "1315KL" and case.subject.name == "bijzondere bijstand"
    assert case.nature.name == "duurt lang"


def test_a_late_bezwaar_shows_the_proposal_at_once(live_server: Any, page: Any, behandelaar: Any) -> None:
    inwoner = factories.resident(bsn="111222333")
    factories.register("vraag", timezone.localdate() - timedelta(days=40), resident=inwoner)
    sent = timezone.localdate() - timedelta(days=70)
    log_in(page, live_server, behandelaar)
    page.goto(f"{live_server.url}/werk/registreren/")

    page.keyboard.type("Smit")
    page.locator("#resident-count", has_text="1 inwoner gevonden").wait_for()
    page.keyboard.press("Enter")  # chooses the first resident found
    assert _focused(page) == f"resident-{inwoner.pk}"
    assert page.locator("#new-resident").is_hidden()
    page.keyboard.press("Tab")
    assert _focused(page) == "id_case_type"  # the new resident's fields are skipped
    page.keyboard.type("Bezwaar")
    page.keyboard.press("Tab")
    page.keyboard.type("Balie")
    _type_in(page, "id_description", "Bezwaar tegen de terugvordering van de energietoeslag.")
    _type_in(page, "id_decision_sent_on", f"{sent.day}-{sent.month}-{sent.year}")
    page.locator("#filing-check", has_text="Te laat ingediend").wait_for()
    proposal = page.locator("#filing-check").inner_text()
    assert "Te laat ingediend → voorstel niet-ontvankelijk, tenzij verschoonbaar." in proposal
    page.evaluate("window.scrollTo(0, document.querySelector('h1').offsetTop - 16)")  # the proposal in view
    screenshot(page, "werk-registreren-bezwaar")

    tab_to(page, "id_delay_excused")
    page.keyboard.press("Space")
    tab_to(page, "id_assign_to_me")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # on "Zaak registreren"

    page.wait_for_url(re.compile(r"/werk/zaken/\d+/$"))
    case = Case.objects.get(case_type=CaseType.BEZWAAR)
    assert (case.resident, case.channel, case.decision_sent_on) == (inwoner, Channel.BALIE, sent)
    assert (case.filed_on_time, case.delay_excused) == (False, True)
