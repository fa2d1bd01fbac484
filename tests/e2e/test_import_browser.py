"""A functioneel beheerder uploads a spreadsheet with one bad row, reads the check, and imports the
good rows with "Alleen geldige rijen importeren"."""

from __future__ import annotations

import re

import pytest

from casus.cases.domain import TeamRole
from casus.cases.models import Case
from tests import factories
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = (
    "kenmerk;zaaktype;ontvangen_op;kanaal;team;onderwerp;inwoner;afgehandeld_op;uitkomst;omschrijving;kleur\r\n"
    "KL-2023-0001;klacht;12-01-2023;email;BBK;parkeren;P-001;20-02-2023;gegrond;Wachtte lang op antwoord;rood\r\n"
    "KL-2023-0002;klacht;31-02-2023;post;BBK;parkeren;P-002;;;Datum bestaat niet;\r\n"
    "VR-2023-0003;vraag;2023-03-07;telefoon;Team Inkomen;bijzondere bijstand;P-003;;;Vraag over de aanvraag;\r\n"
)


def test_upload_check_and_import_the_valid_rows(live_server, page, tmp_path) -> None:
    beheerder = factories.user("bkok", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    path = tmp_path / "registraties-bbk-2023.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV.encode())

    log_in(page, live_server, beheerder)
    page.goto(f"{live_server.url}/beheer/import/")
    page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_url(re.compile(r"/beheer/import/\d+/$"))
    assert page.get_by_role("heading", name="Import van registraties-bbk-2023.csv").is_visible()
    row = page.locator("tr", has_text="ontvangen_op")
    assert "Deze datum bestaat niet" in row.inner_text() and "31-02-2023" in row.inner_text()
    assert "Team Inkomen" in page.content() and "kleur" in page.content()
    screenshot(page, "import-rapport")
    assert not Case.objects.exists()

    page.get_by_label("Alleen geldige rijen importeren").check()
    page.get_by_role("button", name="Importeren").click()
    page.wait_for_url(re.compile(r"/beheer/import/\d+/$"))
    assert "Klaar. 2 nieuwe zaken" in page.content()
    assert set(Case.objects.values_list("reference", flat=True)) == {"KL-2023-0001", "VR-2023-0003"}
