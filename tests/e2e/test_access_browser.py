"""A behandelaar of team Werk tries to open a case of team Beheer; the privacy officer finds the attempt
in the audit log; a coördinator gives a colleague access to a sensitive dossier."""

from __future__ import annotations

import re

import pytest

from casus.access.models import AuditAction, AuditEntry, CaseGrant
from casus.cases.domain import TeamRole
from casus.cases.models import Case
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_refused_look_is_found_by_the_privacy_officer(live_server, page) -> None:
    behandelaar = factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")
    fg = factories.user("nvos", first="Nora", last="Vos", team_name="Beheer", role=TeamRole.PRIVACY)
    beheer_case = factories.register("klacht", team=factories.team("Beheer"), description="Geheime klacht")

    log_in(page, live_server, behandelaar)
    page.goto(f"{live_server.url}/zaken/{beheer_case.pk}/toegang/")
    assert page.get_by_role("heading", name="Geen toegang").is_visible()
    assert "Geheime klacht" not in page.content()
    screenshot(page, "geen-toegang")

    page.context.clear_cookies()
    log_in(page, live_server, fg)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Auditlog").click()
    page.wait_for_url(re.compile(r"/privacy/audit/"))
    page.get_by_label("Zoek (gebruiker, kenmerk, adres)").fill("sbakker")
    page.get_by_label("Uitkomst").select_option("0")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"allowed=0"))
    row = page.locator("tbody tr").first
    assert "sbakker" in row.inner_text()
    assert beheer_case.reference in row.inner_text()
    assert "geweigerd" in row.inner_text()
    screenshot(page, "auditlog")

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteren (CSV)").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert beheer_case.reference in text and "sbakker" in text
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, user=fg).exists()


def test_a_coordinator_gives_a_colleague_access_to_a_sensitive_dossier(live_server, page) -> None:
    coordinator = factories.user("mvisser", first="Mark", last="Visser", team_name="Werk", role=TeamRole.COORDINATOR)
    handler = factories.user("rmeijer", first="Rachid", last="Meijer", team_name="Werk")
    factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")
    case = factories.register("klacht", handler=handler)
    Case.objects.filter(pk=case.pk).update(sensitive=True)

    log_in(page, live_server, coordinator)
    page.goto(f"{live_server.url}/zaken/{case.pk}/toegang/")
    assert "gevoelig dossier" in page.content()
    page.get_by_role("button", name="Toegang geven").click()  # nothing chosen: Dutch errors, nothing stored
    assert page.get_by_text("Dit veld is verplicht.").first.is_visible()
    page.get_by_label("Collega").select_option(label="Sanne Bakker")
    page.get_by_label("Reden").fill("Vervangt Rachid tijdens zijn vakantie")
    page.get_by_role("button", name="Toegang geven").click()
    assert page.get_by_text("Toegang gegeven.").is_visible()
    assert page.locator("tbody tr").first.get_by_text("actief").is_visible()
    screenshot(page, "toegang-geven")
    grant = CaseGrant.objects.get(case=case)
    assert grant.user.username == "sbakker" and grant.granted_by == coordinator

    page.get_by_role("button", name="Intrekken").click()
    assert page.get_by_text("Toegang ingetrokken.").is_visible()
    grant.refresh_from_db()
    assert grant.revoked_at is not None
