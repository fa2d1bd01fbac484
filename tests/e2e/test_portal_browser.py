"""The residents' portal in a real browser on a phone-sized screen (390 × 844), by keyboard only: an
inwoner files a complaint, hears about mistakes (an alert, the focus on the summary, each field
described by its error), gets the receipt and the e-mail, follows the status link and sees the name of
the handler who took the case. Every page is checked with axe-core (tests.e2e.conftest.screenshot)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from casus.cases import services
from casus.cases.models import Case, Organisation
from casus.portal.models import Attachment, ContactDetails
from tests import factories
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="nl-NL", viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _portal(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.CASUS_UPLOAD_DIR = str(tmp_path / "bijlagen")
    Organisation.objects.filter(slug="almere").update(phone="14 036", email="info@almere.example")
    team = factories.team("BBK")
    team.phone, team.email = "036 539 1234", "bbk@almere.example"
    team.save()
    cache.clear()
    yield
    cache.clear()


def _focused(page: Any) -> str:
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return el ? (el.id || el.textContent.replace(/\\s+/g, ' ').trim() || el.tagName) : ''; }"
    )


def tab_to(page: Any, target: str, *, limit: int = 60) -> None:
    """Press Tab until the element whose id (or text) is `target` has the focus, as a keyboard user does."""
    for _ in range(limit):
        if _focused(page) == target:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target!r}; the focus is on {_focused(page)!r}")


def type_in(page: Any, element_id: str, text: str) -> None:
    tab_to(page, element_id)
    page.keyboard.type(text)


def test_a_resident_files_a_complaint_on_a_phone_by_keyboard(live_server: Any, phone: Any) -> None:
    page = phone
    page.goto(f"{live_server.url}/contact/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # one column, no sideways scroll
    screenshot(page, "portal-contact")
    tab_to(page, "Klacht indienen U bent niet tevreden over hoe wij u hebben behandeld.")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/klacht-indienen/$"))

    type_in(page, "id_description_text", "Ik heb drie keer gebeld over mijn bijstand en niemand belde terug.")
    type_in(page, "id_given_name", "Femke")
    type_in(page, "id_email", "femke@voorbeeld.nl")
    tab_to(page, "id_preferred_0")
    page.keyboard.press("Space")  # "Per e-mail"
    tab_to(page, "Versturen")
    page.keyboard.press("Enter")  # the surname is missing

    page.wait_for_selector(".portal-error-summary")
    assert _focused(page) == "foutmeldingen"  # the focus is on the summary
    assert page.locator("#foutmeldingen").get_attribute("role") == "alert"
    assert "Vul uw achternaam in." in page.locator("#foutmeldingen").inner_text()
    assert page.locator("#id_surname").get_attribute("aria-invalid") == "true"
    assert "id_surname_error" in page.locator("#id_surname").get_attribute("aria-describedby")
    assert page.locator("#id_description_text").input_value().startswith("Ik heb drie keer gebeld")  # nothing lost
    assert page.title().startswith("Fout: ")
    screenshot(page, "portal-klacht-fout")
    page.keyboard.press("Tab")  # the summary's link to the field
    page.keyboard.press("Enter")
    assert _focused(page) == "id_surname"
    page.keyboard.type("de Vries")
    tab_to(page, "Versturen")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/ontvangen/$"))
    case = Case.objects.get()
    assert "Wij hebben uw klacht ontvangen" in page.locator("h1").inner_text()
    assert case.reference in page.locator(".portal-reference").inner_text()
    screenshot(page, "portal-ontvangen")
    [receipt_mail] = [m for m in mail.outbox if m.to == ["femke@voorbeeld.nl"] and case.reference in m.subject
                      and "uw klacht ontvangen" in m.subject and "/status/" in m.body]  # fmt: skip
    status_url = re.search(r"http://\S+/status/[\w-]+/", receipt_mail.body).group(0)

    page.goto(status_url)
    assert "We hebben uw klacht ontvangen" in page.locator("h1").inner_text()
    assert "Team BBK" in page.locator(".portal-contact").inner_text()
    sanne = factories.user("sbakker", first="Sanne", last="Bakker", team_name="BBK")
    ContactDetails.objects.create(user=sanne, phone="036 539 4321", email="s.bakker@almere.example")
    services.case_assign(case=case, handler=sanne, actor=sanne)
    services.case_add_note(case=case, actor=sanne, text="Interne notitie die de inwoner niet ziet.")
    page.reload()

    assert "Uw klacht is in behandeling bij Sanne Bakker" in page.locator("h1").inner_text()
    assert "036 539 4321" in page.locator(".portal-contact").inner_text()
    assert "Interne notitie" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "portal-status")


def test_the_four_forms_on_a_phone(live_server: Any, phone: Any) -> None:
    for url, name in (("/vraag-stellen/", "portal-vraag"), ("/bel-mij-terug/", "portal-bel-mij-terug"),
                      ("/klacht-indienen/", "portal-klacht")):  # fmt: skip
        phone.goto(f"{live_server.url}{url}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(phone, name)


def test_a_late_bezwaar_is_told_while_typing(live_server: Any, phone: Any) -> None:
    page = phone
    sent = timezone.localdate() - timedelta(days=60)
    page.goto(f"{live_server.url}/bezwaar-maken/")
    type_in(page, "id_decision_sent_on", f"{sent.day}-{sent.month}-{sent.year}")

    notice = page.locator("#termijn .portal-notice--warning")
    notice.wait_for()
    assert "de termijn voor bezwaar is voorbij" in notice.inner_text()
    assert page.locator("#termijn").get_attribute("aria-live") == "polite"
    page.locator("#id_decision_sent_on").scroll_into_view_if_needed()
    screenshot(page, "portal-bezwaar")
    type_in(page, "id_description_text", "Mijn inkomen is verkeerd berekend.")
    type_in(page, "id_late_reason", "Ik lag in het ziekenhuis.")
    for field, text in (("id_given_name", "Jan"), ("id_surname", "Smit"), ("id_phone", "06 12345678")):
        type_in(page, field, text)
    tab_to(page, "id_preferred_0")
    page.keyboard.press("ArrowDown")  # in a radio group the arrow keys choose: "Telefonisch"
    assert page.locator("#id_preferred_1").is_checked()
    tab_to(page, "Versturen")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/ontvangen/$"))
    case = Case.objects.get()
    assert case.filed_on_time is False and "ziekenhuis" in case.description


def test_attachments_are_accepted_or_refused_by_their_content(live_server: Any, phone: Any, tmp_path: Path) -> None:
    page = phone
    renamed = tmp_path / "besluit.pdf"
    renamed.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)  # a program named .pdf
    real = tmp_path / "brief.pdf"
    real.write_bytes(b"%PDF-1.7\n%%EOF\n")
    page.goto(f"{live_server.url}/vraag-stellen/")
    page.fill("#id_description_text", "Klopt deze brief?")
    page.fill("#id_given_name", "Femke")
    page.fill("#id_surname", "de Vries")
    page.fill("#id_email", "femke@voorbeeld.nl")
    page.check("#id_preferred_0")
    page.set_input_files("#id_files", [str(renamed)])
    page.click("text=Versturen")

    page.wait_for_selector(".portal-error-summary")
    assert "besluit.pdf is geen PDF, JPG of PNG." in page.locator("#foutmeldingen").inner_text()
    assert "kies uw bijlagen opnieuw" in page.locator("#foutmeldingen").inner_text()
    assert not Case.objects.exists()
    page.set_input_files("#id_files", [str(real)])
    page.click("text=Versturen")

    page.wait_for_url(re.compile(r"/ontvangen/$"))
    assert Attachment.objects.get().original_name == "brief.pdf"
