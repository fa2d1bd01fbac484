"""The functional administrator works in the admin: log in, find overdue cases, read a timeline."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from casus.cases.models import Case
from casus.cases.selectors import filter_state
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_beheerder_finds_overdue_cases_and_reads_a_timeline(live_server, page, settings) -> None:
    # Two-factor enrolment has its own browser test (test_login_browser.py); here the beheerder goes
    # straight to the admin after the password.
    settings.CASUS_TWO_FACTOR_ENFORCED = False
    page.set_viewport_size({"width": 1600, "height": 900})
    call_command("seed_demo", cases=300, seed=11, stdout=io.StringIO())
    # The demo beheerder coordinates team BBK: the admin shows that team's cases only (casus.access).
    open_bbk = Case.objects.exclude(status="afgehandeld").filter(team__name="BBK")
    overdue = filter_state(open_bbk, "te_laat").order_by("due_on").first()
    assert overdue is not None
    elsewhere = filter_state(Case.objects.exclude(team__name="BBK").exclude(status="afgehandeld"), "te_laat").first()
    assert elsewhere is not None

    page.goto(f"{live_server.url}/admin/")
    page.wait_for_url(re.compile(r"/inloggen/"))
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill("Casus-demo-2026")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/"))
    # The app is called "Zaken" too; the case list is the model row of that app.
    page.locator("tr.model-case th a").click()
    page.wait_for_url(re.compile(r"/admin/cases/case/"))
    # The deadline state filter ("Termijn") narrows the list to overdue open cases.
    page.get_by_role("link", name="te laat", exact=True).first.click()
    page.wait_for_url(re.compile(r"termijn=te_laat"))
    assert page.get_by_role("link", name=overdue.reference).count() == 1
    assert page.get_by_role("link", name=elsewhere.reference).count() == 0  # another team's case
    screenshot(page, "admin-zaken")

    page.get_by_role("link", name=overdue.reference).click()
    page.wait_for_url(re.compile(rf"/admin/cases/case/{overdue.pk}/"))
    body = page.locator("body").inner_text()
    assert overdue.reference in body
    assert "ontvangen" in body.lower()  # the timeline's first event
    screenshot(page, "admin-zaak")
