"""Merging a duplicate registration: cases move, the duplicate row stays (history), empty fields are
filled; never across organisations, into itself or twice; the actor needs the right on both."""

from __future__ import annotations

from typing import Any

import pytest

from casus.access.models import AuditAction, AuditEntry
from casus.cases.domain import EventKind
from casus.cases.models import Resident
from casus.privacy import services
from casus.privacy.models import Merge
from tests import factories

from .conftest import VALID_BSN


@pytest.fixture
def pair(db: None) -> tuple[Resident, Resident]:
    keep = factories.resident(email="", bsn="")
    duplicate = factories.resident(
        given_name="J.", street="", email="jan@example.invalid", bsn=VALID_BSN, source_id="X1"
    )
    return keep, duplicate


def _url(keep: Resident) -> str:
    return f"/privacy/inwoners/{keep.pk}/samenvoegen/"


def test_it_moves_the_cases_and_keeps_the_duplicate_row(fg: Any, pair: tuple[Resident, Resident]) -> None:
    keep, duplicate = pair
    first = factories.register("klacht", resident=duplicate)
    second = factories.register("vraag", resident=duplicate)
    merge = services.residents_merge(keep, duplicate, actor=fg, reason="Zelfde persoon")
    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert duplicate.merged_into == keep  # the row stays
    assert set(keep.cases.all()) == {first, second}
    assert (keep.email, keep.bsn, keep.street) == ("jan@example.invalid", VALID_BSN, "Lindelaan")  # filled, kept
    assert duplicate.source_id == "X1" and keep.source_id == ""
    assert merge.case_ids == [first.pk, second.pk]
    assert merge.case_references == [first.reference, second.reference]
    assert merge.filled_fields == ["e-mailadres", "BSN"]
    assert factories.last_event(first).kind == EventKind.UPDATED
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, object_id=str(keep.pk)).exists()
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, object_id=str(duplicate.pk)).exists()


def test_earlier_duplicates_follow_to_the_kept_resident(fg: Any, pair: tuple[Resident, Resident]) -> None:
    keep, duplicate = pair
    older = factories.resident(given_name="Jantje")
    services.residents_merge(duplicate, older, actor=fg, reason="Dubbel")
    services.residents_merge(keep, duplicate, actor=fg, reason="Dubbel")
    older.refresh_from_db()
    assert older.merged_into == keep


@pytest.mark.parametrize("case", ["self", "other_org", "keep_merged", "duplicate_merged"])
def test_it_refuses_what_is_not_a_merge(fg: Any, pair: tuple[Resident, Resident], case: str) -> None:
    keep, duplicate = pair
    if case == "self":
        duplicate = keep
    elif case == "other_org":
        duplicate = factories.resident(organisation=factories.other_organisation())
    else:
        third = factories.resident(given_name="Derde")
        merged = keep if case == "keep_merged" else duplicate
        services.residents_merge(third, merged, actor=fg, reason="eerder")
    with pytest.raises(services.PrivacyError):
        services.residents_merge(keep, duplicate, actor=fg, reason="x")


def test_the_actor_needs_the_right_on_both(coordinator: Any, pair: tuple[Resident, Resident]) -> None:
    keep, duplicate = pair
    factories.register("klacht", resident=keep)  # team Werk: the coördinator sees keep, not the duplicate
    factories.register("klacht", resident=duplicate, team=factories.team("Inkomen"))
    with pytest.raises(services.PrivacyError, match="niet samenvoegen"):
        services.residents_merge(keep, duplicate, actor=coordinator, reason="x")
    assert not Merge.objects.exists()


def test_the_page_searches_previews_and_merges(fg_client: Any, pair: tuple[Resident, Resident]) -> None:
    keep, duplicate = pair
    case = factories.register("vraag", resident=duplicate)
    found = fg_client.get(_url(keep), {"q": "smit"}).context["found"]
    assert list(found) == [duplicate]  # not keep itself
    assert AuditEntry.objects.filter(action=AuditAction.SEARCH, detail__term="smit").exists()
    preview = fg_client.get(_url(keep), {"dubbel": duplicate.pk}).content.decode()
    assert case.reference in preview and "*****2333" in preview and VALID_BSN not in preview
    assert "wordt aangevuld" in preview
    response = fg_client.post(_url(keep), {"duplicate": duplicate.pk, "reason": "Zelfde persoon", "confirm": "on"})
    assert response.status_code == 302
    assert Merge.objects.get().duplicate == duplicate


def test_the_page_asks_for_a_reason_and_a_check(fg_client: Any, pair: tuple[Resident, Resident]) -> None:
    keep, duplicate = pair
    response = fg_client.post(_url(keep), {"duplicate": duplicate.pk, "reason": ""})
    content = response.content.decode()
    assert "Vul de reden van het samenvoegen in." in content
    assert "Vink aan dat u heeft gecontroleerd" in content
    assert not Merge.objects.exists()


def test_the_page_shows_why_a_merge_cannot_be_done(fg_client: Any, pair: tuple[Resident, Resident]) -> None:
    keep, _ = pair
    content = fg_client.get(_url(keep), {"dubbel": keep.pk}).content.decode()
    assert "niet met zichzelf samenvoegen" in content


def test_a_duplicate_the_user_may_not_merge_gives_403_and_a_denied_entry(
    client: Any, coordinator: Any, pair: tuple[Resident, Resident]
) -> None:
    keep, duplicate = pair
    factories.register("klacht", resident=keep)
    factories.register("klacht", resident=duplicate, team=factories.team("Inkomen"))
    client.force_login(coordinator)
    response = client.post(_url(keep), {"duplicate": duplicate.pk, "reason": "x", "confirm": "on"})
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action=AuditAction.DENIED)
    assert (entry.object_id, entry.detail["permission"]) == (str(duplicate.pk), "resident.merge")
    assert not Merge.objects.exists()


def test_the_privacy_officer_of_another_organisation_cannot_merge(
    client: Any, fg_elsewhere: Any, pair: tuple[Resident, Resident]
) -> None:
    keep, duplicate = pair
    client.force_login(fg_elsewhere)
    assert client.post(_url(keep), {"duplicate": duplicate.pk, "reason": "x", "confirm": "on"}).status_code == 403
