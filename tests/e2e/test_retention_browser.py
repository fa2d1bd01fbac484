"""The functioneel beheerder checks a destruction list, keeps one case, approves the rest and sees it done."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from casus.cases import services
from casus.cases.domain import TeamRole
from casus.cases.models import Case
from casus.retention.models import DestroyedCase, DestructionList, ListStatus
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CASES = [
    ("klacht", "ongegrond", date(2019, 9, 2), date(2019, 10, 14), "Werk"),
    ("klacht", "ingetrokken", date(2024, 3, 4), date(2024, 3, 20), "Inkomen"),
    ("bezwaar", "niet_ontvankelijk", date(2024, 5, 6), date(2024, 6, 17), "Inkomen"),
    ("vraag", "beantwoord", date(2025, 1, 6), date(2025, 1, 9), "Werk"),
    ("vraag", "doorverwezen", date(2025, 2, 3), date(2025, 2, 4), "BBK"),
    ("aanvraag", "afgewezen", date(2024, 11, 4), date(2024, 12, 16), "Inkomen"),
    ("woo", "niet_openbaar", date(2025, 3, 3), date(2025, 3, 28), "Beheer"),
    ("aanvraag", "toegekend", date(2020, 8, 3), date(2020, 9, 14), "Werk"),
]


def _closed_cases() -> list[Case]:
    resident = factories.resident()
    cases = []
    for case_type, outcome, received, closed, team in CASES:
        case = factories.register(
            case_type, received, team=factories.team(team), resident=resident, description="Persoonlijk verhaal."
        )
        cases.append(services.case_close(case=case, actor=None, outcome=outcome, closed_on=closed))
    return cases


def test_the_beheerder_approves_a_destruction_list(live_server: Any, page: Any, client: Any) -> None:
    fb = factories.user(
        "fbeheer", first="Fatima", last="El Amrani", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER
    )
    cases = _closed_cases()
    call_command("retention_list", "--organisation", "almere", stdout=io.StringIO())
    destruction_list = DestructionList.objects.get()
    kept = cases[0]
    log_in(page, live_server, fb)
    page.set_viewport_size({"width": 1280, "height": 1480})  # the whole list and the decision in one picture

    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vernietiging").click()
    page.wait_for_url(re.compile(r"/bewaartermijnen/$"))
    page.get_by_role("link", name=f"Vernietigingslijst {destruction_list.pk}").click()
    page.wait_for_url(re.compile(rf"/bewaartermijnen/{destruction_list.pk}/$"))
    assert page.get_by_role("cell", name=kept.reference).count() == 1
    screenshot(page, "vernietigingslijst")

    row = page.locator("tr", has=page.get_by_role("cell", name=kept.reference, exact=True))
    row.get_by_text("Van de lijst halen").first.click()
    row.get_by_label("Waarom moet deze zaak bewaard blijven?").fill("Loopt nog bij de Nationale ombudsman.")
    row.get_by_role("button", name="Van de lijst halen").click()
    page.get_by_text(f"Zaak {kept.reference} is van de lijst gehaald en blijft bewaard.").wait_for()

    page.get_by_role("button", name="Goedkeuren en vernietigen").click()
    page.get_by_text("Zet eerst een vinkje").wait_for()  # nothing happens without the confirmation
    assert DestructionList.objects.get().status == ListStatus.CONCEPT
    page.get_by_label("Ik heb de lijst gecontroleerd.").check()
    page.get_by_role("button", name="Goedkeuren en vernietigen").click()
    page.get_by_text(f"Vernietigingslijst {destruction_list.pk} is uitgevoerd.").wait_for()
    screenshot(page, "vernietigingslijst-uitgevoerd")
    page.get_by_role("link", name="Alle vernietigingslijsten").click()
    page.get_by_text("Uitgevoerd: vernietigd").wait_for()
    screenshot(page, "vernietigingslijsten")

    assert DestructionList.objects.get().status == ListStatus.UITGEVOERD
    destroyed = set(DestroyedCase.objects.values_list("case_id", flat=True))
    assert kept.pk not in destroyed and len(destroyed) == destruction_list.items.count() - 1
    assert Case.objects.get(pk=kept.pk).description == "Persoonlijk verhaal."
    assert set(Case.objects.filter(pk__in=destroyed).values_list("description", flat=True)) == {""}
