"""The privacy officer finds a resident, opens them, downloads the inzage PDF and corrects an address."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from casus.access.models import AuditAction, AuditEntry
from casus.cases.domain import TeamRole
from casus.cases.models import Organisation
from casus.privacy.models import Correction
from tests import factories
from tests.e2e.conftest import log_in, screenshot
from tests.privacy.conftest import VALID_BSN, build_dossier

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_privacy_officer_answers_an_inzage_and_corrects_an_address(
    live_server: Any, page: Any, behandelaar: Any, collega: Any, coordinator: Any
) -> None:
    fg = factories.user("fg", first="Fenna", last="Groen", team_name="Beheer", role=TeamRole.PRIVACY)
    Organisation.objects.filter(slug="almere").update(phone="14 036", email="privacy@almere.invalid")
    dossier = build_dossier(behandelaar, collega, coordinator, fg)
    log_in(page, live_server, fg)

    page.goto(f"{live_server.url}/privacy/inwoners/")
    page.get_by_label("Zoek een inwoner").fill("Smit")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"q=Smit"))
    assert "*****2333" in page.locator("main").inner_text()
    assert VALID_BSN not in page.content()
    screenshot(page, "privacy-zoeken")

    page.get_by_role("link", name="Jan Smit", exact=True).first.click()
    page.wait_for_url(re.compile(rf"/privacy/inwoners/{dossier.resident.pk}/$"))
    main = page.locator("main").inner_text()
    assert dossier.klacht.reference in main and dossier.bezwaar.reference in main
    screenshot(page, "privacy-inwoner")

    page.get_by_role("button", name="Toon volledig BSN").click()
    page.locator("#bsn-value", has_text=VALID_BSN).wait_for()
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_BSN, user=fg).count() == 1

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Inzage downloaden (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, user=fg, detail__format="pdf").count() == 1

    page.get_by_role("link", name="Gegevens corrigeren").click()
    page.get_by_label("Straat").fill("Esplanade")
    page.get_by_label("Huisnummer").fill("3")
    page.get_by_label("Postcode").fill("1315 hr")
    page.get_by_label("Reden van de correctie").fill("Verhuisd; doorgegeven per brief van 12-05-2026.")
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    screenshot(page, "privacy-corrigeren")
    page.get_by_role("button", name="Correctie opslaan").click()
    page.wait_for_url(re.compile(rf"/privacy/inwoners/{dossier.resident.pk}/$"))
    main = page.locator("main").inner_text()
    assert "De gegevens zijn gecorrigeerd." in main
    assert "Esplanade 3, 1315HR Almere" in main
    assert Correction.objects.filter(resident=dossier.resident, actor=fg).count() == 2  # one in the dossier
    screenshot(page, "privacy-gecorrigeerd")

    page.goto(f"{live_server.url}/privacy/inwoners/verzoeken/")
    assert "Inzage (AVG art. 15)" in page.locator("main").inner_text()
    screenshot(page, "privacy-verzoeken")
