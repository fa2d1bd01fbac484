"""The import in the browser: upload, see the check, confirm; only for the functioneel beheerder."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casus.access.models import AuditAction, AuditEntry
from casus.cases.domain import TeamRole
from casus.cases.models import Case
from casus.imports.models import ImportRun, RunStatus
from tests import factories

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db

ROWS = [
    "KL-W1;klacht;12-01-2023;email;BBK;parkeren;P-001;;20-02-2023;gegrond;Wachtte lang",
    "KL-W2;klacht;31-02-2022;email;BBK;parkeren;P-002;;;;Datum kan niet",
    "VR-W3;vraag;2023-03-07;telefoon;Nieuw team;afval;P-003;;;;Vraag",
]


@pytest.fixture
def beheerder():
    return factories.user("fb", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)


def _upload(client, content: bytes, name: str = "bbk.csv"):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(reverse("imports:upload"), {"file": file, "organisation": factories.organisation().pk})


def test_upload_shows_the_check_and_confirm_imports_the_valid_rows(beheerder) -> None:
    client = factories.logged_in(beheerder)
    assert client.get(reverse("imports:upload")).status_code == 200
    response = _upload(client, csv_bytes(*ROWS))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:run", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Deze datum bestaat niet" in page and "Nieuw team" in page
    assert (run.read, run.imported, run.rejected, run.status) == (3, 2, 1, RunStatus.CHECKED)
    assert not Case.objects.exists()

    client.post(reverse("imports:confirm", args=[run.pk]))  # without "alleen geldige rijen": nothing
    assert not Case.objects.exists()
    run.refresh_from_db()
    assert run.status == RunStatus.CHECKED

    client.post(reverse("imports:confirm", args=[run.pk]), {"only_valid": "on"})
    run.refresh_from_db()
    assert run.status == RunStatus.IMPORTED and run.content in (b"", memoryview(b""))
    assert set(Case.objects.values_list("reference", flat=True)) == {"KL-W1", "VR-W3"}
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_type="imports.importrun")
    assert entry.detail["imported"] == 2 and entry.detail["rejected"] == 1
    again = client.post(reverse("imports:confirm", args=[run.pk]), {"only_valid": "on"})
    assert again.status_code == 302 and Case.objects.count() == 2


def test_a_file_that_cannot_be_read(beheerder) -> None:
    client = factories.logged_in(beheerder)
    _upload(client, b"naam;adres\nJan;Dorpsstraat 1\n")
    run = ImportRun.objects.get()
    assert run.status == RunStatus.STOPPED
    page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert "Deze kolommen ontbreken: kenmerk, zaaktype, ontvangen_op" in page


def test_a_behandelaar_may_not_import(behandelaar) -> None:
    client = factories.logged_in(behandelaar)
    assert client.get(reverse("imports:upload")).status_code == 403
    assert _upload(client, csv_bytes(*ROWS)).status_code == 403
    assert not ImportRun.objects.exists()
