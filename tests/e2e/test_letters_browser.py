"""Letters in the browser (issue 8, item 4): a behandelaar opens a case, makes the acknowledgement,
changes the text for this one letter, sends it and sees it on the timeline with its PDF; the
functioneel beheerder edits a template with the live preview and saves a new version.
Screenshots: letters-brief-maken, letters-zaak, letters-bibliotheek, letters-editor."""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from casus.cases.domain import EventKind, TeamRole
from casus.cases.models import Team
from casus.letters.models import Letter, LetterKind, LetterTemplate
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _library(db: None) -> None:
    """A transactional test starts from a flushed database: put the standard letters back."""
    importlib.import_module("casus.letters.migrations.0002_standard_letters").seed(apps, None)
    org = factories.organisation()
    org.phone = "14 036"
    org.save(update_fields=["phone"])
    Team.objects.filter(pk=factories.team("Werk").pk).update(phone="036 539 99 11", email="werk@almere.example")


def test_a_handler_sends_a_letter_and_sees_it_on_the_timeline(live_server: Any, page: Any, behandelaar: Any) -> None:
    resident = factories.resident(given_name="Fatima", surname="Yilmaz", email="f.yilmaz@voorbeeld.invalid")
    case = factories.register(
        "klacht", timezone.localdate() - timedelta(days=3), handler=behandelaar, resident=resident,
        description="Mijn klantmanager belt niet terug.",
    )  # fmt: skip
    log_in(page, live_server, behandelaar)
    page.goto(f"{live_server.url}/werk/zaken/{case.pk}/")
    letters = page.locator("section#brieven")
    assert "Nog geen brieven verstuurd." in letters.inner_text()
    letters.get_by_label("Brief maken").select_option("ontvangstbevestiging")
    letters.get_by_role("button", name="Brief maken").click()
    page.wait_for_load_state()

    preview = page.locator("#voorbeeld")
    assert "Beste Fatima Yilmaz," in preview.inner_text()
    assert "Sanne Bakker behandelt uw klacht" in preview.inner_text()
    body = page.get_by_label("Tekst van deze brief")
    body.press("End")
    body.press("Control+End")
    body.type("\n\nIk bel u donderdag tussen 9 en 10 uur.")
    page.wait_for_function(
        "() => document.querySelector('#voorbeeld').innerText.includes('donderdag tussen 9 en 10 uur')"
    )
    assert "U heeft de tekst voor deze brief aangepast" in preview.inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "letters-brief-maken")

    page.get_by_label(f"Per e-mail aan {resident.email}").check()
    page.get_by_role("button", name="Brief versturen").click()
    page.wait_for_load_state()
    assert "per e-mail verstuurd aan f.yilmaz@voorbeeld.invalid" in page.locator(".messages").inner_text()
    timeline = page.locator("ol.timeline").inner_text()
    assert "Brief verzonden" in timeline and "Ontvangstbevestiging" in timeline
    letter = Letter.objects.get(case=case)
    assert letter.edited and "donderdag tussen 9 en 10 uur" in letter.body
    assert case.events.filter(kind=EventKind.LETTER_SENT).count() == 1
    page.locator("section#brieven").scroll_into_view_if_needed()
    screenshot(page, "letters-zaak")
    with page.expect_download() as download:
        page.locator("section#brieven").get_by_role("link", name="PDF downloaden").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_the_beheerder_edits_a_template_with_a_live_preview(live_server: Any, page: Any) -> None:
    beheerder = factories.user("bkok", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    hidden = factories.register("klacht", timezone.localdate() - timedelta(days=3), resident=factories.resident())
    log_in(page, live_server, beheerder)
    page.goto(f"{live_server.url}/brieven/")
    screenshot(page, "letters-bibliotheek")
    standard = LetterTemplate.objects.get(organisation=None, case_type="klacht", kind=LetterKind.VERDAGING)
    page.locator(f"a[href='/brieven/sjabloon/{standard.pk}/']").click()
    page.wait_for_load_state()
    preview = page.locator("#voorbeeld")
    assert "Beste Fatima de Vries," in preview.inner_text()  # the invented example case
    assert "Leesbaarheid:" in preview.inner_text()

    body = page.get_by_label("Tekst van de brief")
    body.press("Control+End")
    body.type("\n\nWij begrijpen dat wachten vervelend is.")
    page.wait_for_function(
        "() => document.querySelector('#voorbeeld').innerText.includes('Wij begrijpen dat wachten vervelend is.')"
    )
    page.get_by_label("Voorbeeld op zaak (kenmerk)").fill(hidden.reference)
    page.wait_for_function("() => document.querySelector('#voorbeeld').innerText.includes('geen dossiers')")
    assert "Smit" not in preview.inner_text()
    page.get_by_label("Wat heeft u veranderd en waarom? (niet verplicht)").fill("Begrip tonen voor het wachten")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "letters-editor")

    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    page.wait_for_load_state()
    assert "Opgeslagen als versie 1 voor Gemeente Almere." in page.locator(".messages").inner_text()
    own = LetterTemplate.objects.get(organisation=factories.organisation(), kind=LetterKind.VERDAGING)
    assert own.current.body.endswith("Wij begrijpen dat wachten vervelend is.")
    assert own.current.note == "Begrip tonen voor het wachten"
    versions = page.locator("section.versions").inner_text()
    assert "Versie 1 (Gemeente Almere)" in versions and "Versie 1 (standaardbrief)" in versions
