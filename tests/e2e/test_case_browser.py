"""The case page in the browser (issue 5, item 9): a callback with three failed attempts closed as
niet bereikt; a suspension that moves the due date; a four-eyes closure; a safety flag that reaches
the coördinator. Screenshots: werk-zaak, werk-zaak-veiligheid, werk-beoordelen."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.cases import services
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, CaseTypeSetting, Organisation
from casus.deadlines.explain import dutch_date
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def _open(page: Any, live_server: Any, case: Case) -> None:
    page.goto(f"{live_server.url}/werk/zaken/{case.pk}/")


def _message(page: Any) -> str:
    return page.locator(".messages").inner_text()


def test_a_callback_with_three_failed_attempts_closes_as_not_reached(
    live_server: Any, page: Any, behandelaar: Any, inwoner: Any
) -> None:
    case = factories.register(
        "terugbelverzoek", TODAY - timedelta(days=2), channel="telefoon", handler=behandelaar, resident=inwoner,
        description="Wil weten waarom de energietoeslag nog niet is betaald.",
    )  # fmt: skip
    log_in(page, live_server, behandelaar)
    _open(page, live_server, case)
    attempts = page.locator("details.action", has_text="Contactpoging vastleggen")
    for minutes in (50, 30, 10):
        at = timezone.localtime() - timedelta(minutes=minutes)
        attempts.get_by_label("Tijdstip").fill(at.strftime("%Y-%m-%dT%H:%M"))
        attempts.get_by_label("Niet bereikt").check()
        attempts.get_by_role("button", name="Poging vastleggen").click()
        page.wait_for_load_state()
        assert "Contactpoging vastgelegd: niet bereikt" in _message(page)
    assert "Nu: 3 mislukt." in page.locator("main").inner_text()

    close = page.locator("details.action", has_text="Afhandelen")
    close.locator("summary").click()
    close.get_by_label("Uitkomst").select_option("niet_bereikt")
    close.get_by_label("Toelichting bij de afhandeling").fill("Drie keer gebeld, geen gehoor. Brief gestuurd.")
    close.get_by_role("button", name="Afhandelen").click()
    page.wait_for_load_state()
    assert "De zaak is afgehandeld: niet bereikt." in _message(page)
    case.refresh_from_db()
    assert case.status == Status.AFGEHANDELD and case.outcome == "niet_bereikt"
    assert case.contact_attempts.filter(reached=False).count() == 3


def test_a_request_for_information_moves_the_due_date_visibly(
    live_server: Any, page: Any, behandelaar: Any, inwoner: Any
) -> None:
    case = factories.register(
        "klacht", TODAY - timedelta(days=14), handler=behandelaar, resident=inwoner,
        description="Klacht over de bejegening aan de balie.",
    )  # fmt: skip
    services.case_start(case=case, actor=behandelaar)
    before = case.due_on
    log_in(page, live_server, behandelaar)
    _open(page, live_server, case)
    page.get_by_text("Hoe is de uiterste datum geteld?").click()
    assert f"Uiterste datum: {dutch_date(before)}." in page.locator("details.how").inner_text()

    request = page.locator("details.action", has_text="Aanvulling vragen")
    request.locator("summary").click()
    request.get_by_label("Wat vraagt u de inwoner aan te vullen?").fill("Stuur de brief van 3 november mee.")
    request.get_by_label("Gevraagd op").fill((TODAY - timedelta(days=7)).isoformat())
    request.get_by_label("Hersteltermijn tot en met").fill((TODAY + timedelta(days=7)).isoformat())
    request.get_by_role("button", name="Aanvulling vragen").click()
    page.wait_for_load_state()
    case.refresh_from_db()
    assert case.due_on > before
    message = _message(page)
    assert f"De uiterste datum is nu {dutch_date(case.due_on)} (was {dutch_date(before)})." in message
    deadline = page.locator("section.deadline")
    assert dutch_date(case.due_on) in deadline.inner_text()
    assert "Opschortingen (de termijn stond stil)" in deadline.inner_text()
    assert page.get_by_text("Wacht op inwoner").first.is_visible()
    screenshot(page, "werk-zaak")

    received = page.locator("details.action", has_text="Aanvulling ontvangen")
    received.get_by_label("Aanvulling ontvangen op").fill((TODAY - timedelta(days=2)).isoformat())
    received.get_by_role("button", name="Ontvangst vastleggen").click()
    page.wait_for_load_state()
    assert "Aanvulling ontvangen. De termijn loopt weer." in _message(page)
    assert Case.objects.get(pk=case.pk).status == Status.IN_BEHANDELING


def test_a_four_eyes_closure(
    live_server: Any, page: Any, browser: Any, behandelaar: Any, collega: Any, inwoner: Any
) -> None:
    CaseTypeSetting.objects.create(organisation=factories.organisation(), case_type="klacht", four_eyes=True)
    case = factories.register(
        "klacht", TODAY - timedelta(days=20), handler=behandelaar, resident=inwoner,
        description="Klacht over een late betaling.", subject=factories.subject("energietoeslag"),
    )  # fmt: skip
    services.case_start(case=case, actor=behandelaar)
    log_in(page, live_server, behandelaar)
    _open(page, live_server, case)
    close = page.locator("details.action", has_text="Afhandelen")
    close.locator("summary").click()
    assert "leest eerst een collega van het team mee" in close.inner_text()
    close.get_by_label("Uitkomst").select_option("ongegrond")
    close.get_by_label("Toelichting bij de afhandeling").fill("De betaling was op tijd; de bank deed er lang over.")
    close.get_by_role("button", name="Afhandelen").click()
    page.wait_for_load_state()
    assert "ter beoordeling (vier ogen)" in _message(page)
    assert "U kunt het niet zelf goedkeuren." in page.locator(".review-box").inner_text()

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 860})
    colleague = context.new_page()
    try:
        log_in(colleague, live_server, collega)
        colleague.goto(f"{live_server.url}/werk/zaken/beoordelen/")
        row = colleague.get_by_role("row", name=re.compile(case.reference))
        assert "Ongegrond" in row.inner_text() and "Sanne Bakker" in row.inner_text()
        screenshot(colleague, "werk-beoordelen")
        row.get_by_role("link", name=case.reference).click()
        colleague.get_by_role("button", name="Goedkeuren en afhandelen").click()
        colleague.wait_for_load_state()
        assert "Goedgekeurd. De zaak is afgehandeld: ongegrond." in _message(colleague)
        timeline = colleague.locator(".timeline").inner_text()
        assert "goedgekeurd door Rachid Meijer (voorgesteld door Sanne Bakker)" in timeline
    finally:
        context.close()
    case.refresh_from_db()
    assert case.status == Status.AFGEHANDELD and case.outcome == "ongegrond"
    kinds = factories.event_kinds(case)
    assert kinds[-3:] == [EventKind.CLOSE_PROPOSED, EventKind.CLOSE_APPROVED, EventKind.CLOSED]


def test_a_safety_flag_reaches_the_coordinator(
    live_server: Any, page: Any, behandelaar: Any, coordinator: Any, inwoner: Any
) -> None:
    Organisation.objects.filter(slug="almere").update(
        safety_protocol="1. Blijf in gesprek en vraag door.\n2. Bel de teamleider (036 539 9999) direct na het gesprek."
    )
    case = factories.register(
        "vraag", TODAY - timedelta(days=1), channel="telefoon", handler=behandelaar, resident=inwoner,
        description="Inwoner belt over schulden en zegt het niet meer te zien zitten.",
    )  # fmt: skip
    log_in(page, live_server, behandelaar)
    _open(page, live_server, case)
    page.get_by_role("button", name="Veiligheidssignaal melden").click()
    page.wait_for_load_state()
    assert "De coördinatoren van het team zijn gewaarschuwd." in _message(page)

    log_in(page, live_server, coordinator)
    _open(page, live_server, case)
    safety = page.locator("section.safety")
    text = safety.inner_text()
    assert "0800-0113" in text and "112" in text
    assert "Bel de teamleider (036 539 9999)" in text
    assert "Gevoelig dossier" in page.locator(".case-badges").inner_text()
    screenshot(page, "werk-zaak-veiligheid")
    case.refresh_from_db()
    assert case.safety_flag and case.sensitive
