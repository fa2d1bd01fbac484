"""One resident's page: their data and cases, logged as a view; the full BSN only on purpose (POST),
logged separately."""

from __future__ import annotations

from typing import Any

from casus.access.models import AuditAction, AuditEntry
from tests import factories

from .conftest import VALID_BSN, Dossier


def _url(dossier: Dossier, suffix: str = "") -> str:
    return f"/privacy/inwoners/{dossier.resident.pk}/{suffix}"


def test_the_privacy_officer_sees_data_and_every_case_and_the_view_is_logged(
    fg_client: Any, fg: Any, dossier: Dossier
) -> None:
    response = fg_client.get(_url(dossier))
    assert response.status_code == 200
    content = response.content.decode()
    for case in (dossier.klacht, dossier.bezwaar, dossier.callback):
        assert case.reference in content
    assert "VR-2026-000001" in content  # moved here from the merged duplicate
    assert "Lindelaan 12, 1312AB Almere" in content
    assert "*****2333" in content and VALID_BSN not in content
    assert response["Cache-Control"].startswith("max-age=0")
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, user=fg).latest("id")
    assert (entry.object_type, entry.object_id) == ("cases.resident", str(dossier.resident.pk))


def test_the_page_lists_history_of_corrections_merges_and_requests(fg_client: Any, dossier: Dossier) -> None:
    content = fg_client.get(_url(dossier)).content.decode()
    assert "06-12345678 → 06-87654321" in content
    assert "Dubbel geïmporteerd" in content
    assert "Inzage (AVG art. 15)" in content


def test_the_full_bsn_is_shown_on_post_and_logged(fg_client: Any, fg: Any, dossier: Dossier) -> None:
    response = fg_client.post(_url(dossier, "bsn/"), HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 200
    assert VALID_BSN in response.content.decode()
    assert "<html" not in response.content.decode()  # a fragment for the page
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_BSN)
    assert (entry.user, entry.object_id) == (fg, str(dossier.resident.pk))


def test_without_javascript_the_full_bsn_opens_as_a_page(fg_client: Any, dossier: Dossier) -> None:
    response = fg_client.post(_url(dossier, "bsn/"))
    assert "<html" in response.content.decode() and VALID_BSN in response.content.decode()


def test_the_full_bsn_is_never_shown_on_a_get(fg_client: Any, dossier: Dossier) -> None:
    assert fg_client.get(_url(dossier, "bsn/")).status_code == 405
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_BSN).exists()


def test_the_handler_sees_the_resident_but_only_cases_they_may_see(
    client: Any, behandelaar: Any, dossier: Dossier
) -> None:
    other_team_case = factories.register("vraag", resident=dossier.resident, team=factories.team("Inkomen"))
    client.force_login(behandelaar)
    content = client.get(_url(dossier)).content.decode()
    assert dossier.klacht.reference in content
    assert other_team_case.reference not in content
    assert "Inzage downloaden" not in content  # inzage is the privacy officer's


def test_a_behandelaar_of_another_team_gets_403_and_a_denied_entry(
    client: Any, behandelaar_beheer: Any, dossier: Dossier
) -> None:
    client.force_login(behandelaar_beheer)
    for suffix, method in (("", "get"), ("bsn/", "post"), ("corrigeren/", "get"), ("inzage.json", "get")):
        assert getattr(client, method)(_url(dossier, suffix)).status_code == 403
    denied = AuditEntry.objects.filter(action=AuditAction.DENIED, user=behandelaar_beheer, allowed=False)
    assert denied.count() == 4
    assert set(denied.values_list("object_id", flat=True)) == {str(dossier.resident.pk)}
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_BSN).exists()


def test_the_privacy_officer_of_another_municipality_gets_403(client: Any, fg_elsewhere: Any, dossier: Dossier) -> None:
    client.force_login(fg_elsewhere)
    assert client.get(_url(dossier)).status_code == 403
    assert client.get(_url(dossier, "inzage.pdf")).status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, user=fg_elsewhere).count() == 2
