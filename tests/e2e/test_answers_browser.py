"""Standard answers in the browser (issue 8, items 5 and 6): a behandelaar answers a question with the
standard answer used most for its subject, sees the plain-language check, and closes the case; a
functioneel beheerder writes an answer with the check live. Screenshots: answers-picker,
answers-picked, answers-library, answers-editor (each also an axe-core check)."""

from __future__ import annotations

import importlib
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from casus.answers.models import StandardAnswer, StandardAnswerUse
from casus.cases.domain import Status, TeamRole
from casus.cases.models import Case
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()
PAYOUT = "Wanneer wordt de energietoeslag uitbetaald?"


@pytest.fixture
def library(transactional_db: None) -> None:
    """The shared library of migration 0002 (a transactional test starts from a flushed database)."""
    importlib.import_module("casus.answers.migrations.0002_shared_library").seed(apps, None)


def _used_for_energy(title: str, times: int) -> None:
    chosen = StandardAnswer.objects.get(organisation=None, title=title)
    earlier = factories.register("vraag", TODAY - timedelta(days=30), subject=factories.subject("energietoeslag"))
    StandardAnswerUse.objects.bulk_create([StandardAnswerUse(answer=chosen, case=earlier) for _ in range(times)])


def test_a_behandelaar_answers_a_question_with_the_most_used_standard_answer(
    live_server: Any, page: Any, behandelaar: Any, inwoner: Any, library: None
) -> None:
    _used_for_energy("Hoe vraag ik de energietoeslag aan?", 2)
    _used_for_energy(PAYOUT, 5)
    case = factories.register(
        "vraag", TODAY - timedelta(days=3), handler=behandelaar, resident=inwoner,
        subject=factories.subject("energietoeslag"), description="Wanneer krijg ik de energietoeslag?",
    )  # fmt: skip
    log_in(page, live_server, behandelaar)
    page.goto(f"{live_server.url}/werk/zaken/{case.pk}/")
    close = page.locator("details.action", has_text="Afhandelen")
    close.locator("summary").click()
    first = close.locator(".answer-list li").first
    first.wait_for()
    assert PAYOUT in first.inner_text()
    assert "5× gebruikt bij energietoeslag" in first.inner_text()
    assert close.locator(".answer-title").nth(1).inner_text() == "Hoe vraag ik de energietoeslag aan?"

    search = close.get_by_label("Zoek een standaardantwoord")
    search.fill("WOZ")
    search.press("Enter")  # searches; it does not submit the close form
    close.locator(".answer-title", has_text="Mijn WOZ-beschikking klopt niet").wait_for()
    assert close.locator(".answer-list li").count() == 1
    search.fill("")
    search.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#antwoorden li').length > 1")
    first = close.locator(".answer-list li").first
    assert PAYOUT in first.inner_text()
    first.get_by_role("button", name=f"Kies {PAYOUT}").click()
    text = close.get_by_label("Toelichting bij de afhandeling")
    page.wait_for_function("() => document.querySelector('#id_close_closing_text').value.includes('Jan Smit')")
    assert f"Noem dan uw kenmerk {case.reference}." in text.input_value()
    assert f"U koos het antwoord ‘{PAYOUT}’." in close.locator("#antwoord-gekozen").inner_text()
    box = close.locator("#id_close_closing_text_leesbaarheid")
    page.wait_for_function(
        "() => document.querySelector('#id_close_closing_text_leesbaarheid').innerText.includes('score')"
    )
    assert "✓ Leesbaarheid: " in box.inner_text() and "makkelijk" in box.inner_text()
    close.locator("#kies-antwoord").evaluate("element => element.scrollIntoView()")
    screenshot(page, "answers-picker")
    box.evaluate("element => element.scrollIntoView({block: 'end'})")
    screenshot(page, "answers-picked")

    text.fill(text.input_value() + " Dit is een extra zin die de behandelaar zelf heeft geschreven voor deze inwoner.")
    page.wait_for_function(
        "() => document.querySelector('#id_close_closing_text_leesbaarheid').innerText.includes('extra zin')"
        " || document.querySelector('#id_close_closing_text_leesbaarheid').innerText.includes('woorden in')"
    )
    close.get_by_label("Uitkomst").select_option("beantwoord")
    close.get_by_role("button", name="Afhandelen", exact=True).click()
    page.wait_for_load_state()
    assert "De zaak is afgehandeld: beantwoord." in page.locator(".messages").inner_text()
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.AFGEHANDELD
    assert case.closing_text.startswith("Beste Jan Smit,") and "extra zin" in case.closing_text
    assert StandardAnswerUse.objects.get(case=case).answer.title == PAYOUT


def test_a_beheerder_writes_a_standard_answer_with_the_check_live(live_server: Any, page: Any, library: None) -> None:
    beheerder = factories.user("bkok", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    log_in(page, live_server, beheerder)
    page.goto(f"{live_server.url}/antwoorden/")
    assert PAYOUT in page.locator("table").inner_text()
    screenshot(page, "answers-library")

    page.get_by_role("link", name="Nieuw standaardantwoord").click()
    page.get_by_label("Titel").fill("Wanneer krijg ik de afvalpas?")
    page.get_by_label("Tekst van het antwoord").fill(
        "Beste {naam},\n\nNaar aanleiding van uw verzoek d.d. heden inzake de verstrekking van een "
        "afvalpas delen wij u mede dat de verstrekking, gelet op de geldende beleidsregels en de "
        "noodzakelijke administratieve verwerking, binnen een termijn van ten hoogste twee weken "
        "geëffectueerd zal worden."
    )
    box = page.locator("#id_text_leesbaarheid")
    page.wait_for_function("() => document.querySelector('#id_text_leesbaarheid').innerText.includes('Lange woorden')")
    assert "langer dan 20 woorden" in box.inner_text()
    assert "Leesbaarheid: zeer moeilijk" in box.inner_text() or "Leesbaarheid: moeilijk" in box.inner_text()
    page.get_by_label("Vraag", exact=True).check()
    page.get_by_label("overig").check()
    page.get_by_role("heading", name="Nieuw standaardantwoord").evaluate("element => element.scrollIntoView()")
    screenshot(page, "answers-editor")

    page.get_by_label("Tekst van het antwoord").fill("Beste {naam},\n\nU krijgt de afvalpas binnen 2 weken thuis.")
    page.wait_for_function("() => document.querySelector('#id_text_leesbaarheid').innerText.includes('makkelijk')")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert (
        "Het standaardantwoord 'Wanneer krijg ik de afvalpas?' is opgeslagen." in page.locator(".messages").inner_text()
    )
    made = StandardAnswer.objects.get(title="Wanneer krijg ik de afvalpas?")
    assert made.organisation == factories.organisation() and made.case_type_list == ["vraag"]
