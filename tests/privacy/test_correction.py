"""Correction of a resident's data (AVG art. 16): old and new value kept (a BSN only masked), the BSN
checked with the 11-test, the timeline of open cases told, the change in the audit log."""

from __future__ import annotations

from typing import Any

import pytest

from casus.access.models import AuditAction, AuditEntry
from casus.cases.domain import EventKind
from casus.cases.models import Resident
from casus.privacy import services
from casus.privacy.models import Correction
from tests import factories

from .conftest import OTHER_BSN, VALID_BSN, Dossier

FORM = {
    "initials": "", "given_name": "Jan", "surname_prefix": "", "surname": "Smit", "street": "Lindelaan",
    "house_number": "12", "postcode": "1312AB", "city": "Almere", "phone": "06-12345678", "email": "",
    "preferred_channel": "", "interpreter_language": "", "representative_kind": "", "representative_name": "",
    "representative_contact": "", "new_bsn": "", "reason": "Verhuisd, doorgegeven op 12-05-2026",
}  # fmt: skip


def _url(resident: Resident) -> str:
    return f"/privacy/inwoners/{resident.pk}/corrigeren/"


def test_it_corrects_an_address_and_keeps_old_and_new(fg_client: Any, fg: Any, inwoner: Resident) -> None:
    response = fg_client.post(
        _url(inwoner), {**FORM, "street": "Esplanade", "house_number": "3", "postcode": "1315 hr"}
    )
    assert response.status_code == 302
    inwoner.refresh_from_db()
    assert (inwoner.street, inwoner.house_number, inwoner.postcode) == ("Esplanade", "3", "1315HR")
    correction = Correction.objects.get(resident=inwoner)
    assert correction.changes == [
        {"field": "street", "label": "straat", "old": "Lindelaan", "new": "Esplanade"},
        {"field": "house_number", "label": "huisnummer", "old": "12", "new": "3"},
        {"field": "postcode", "label": "postcode", "old": "1312AB", "new": "1315HR"},
    ]
    assert (correction.actor, correction.reason) == (fg, "Verhuisd, doorgegeven op 12-05-2026")
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE, object_id=str(inwoner.pk))
    assert entry.detail["fields"] == ["street", "house_number", "postcode"]


def test_the_form_never_shows_the_full_bsn(fg_client: Any) -> None:
    resident = factories.resident(bsn=VALID_BSN)
    content = fg_client.get(_url(resident)).content.decode()
    assert "*****2333" in content and VALID_BSN not in content


def test_a_new_bsn_is_checked_with_the_11_test_and_nothing_typed_is_lost(fg_client: Any, inwoner: Resident) -> None:
    response = fg_client.post(_url(inwoner), {**FORM, "new_bsn": "111222334", "city": "Almere Haven"})
    assert response.status_code == 200
    assert "Dit is geen geldig BSN (de elfproef klopt niet)." in response.content.decode()
    assert 'value="Almere Haven"' in response.content.decode()
    inwoner.refresh_from_db()
    assert (inwoner.bsn, inwoner.city) == ("", "Almere")
    assert not Correction.objects.exists()


def test_a_new_bsn_is_stored_and_masked_in_the_record(fg_client: Any, inwoner: Resident) -> None:
    fg_client.post(_url(inwoner), {**FORM, "new_bsn": "1112.22.333"})
    inwoner.refresh_from_db()
    assert inwoner.bsn == VALID_BSN
    assert Correction.objects.get().changes == [{"field": "bsn", "label": "BSN", "old": "", "new": "*****2333"}]


def test_a_bsn_of_another_resident_is_refused(fg_client: Any, inwoner: Resident) -> None:
    factories.resident(given_name="Piet", bsn=OTHER_BSN)
    response = fg_client.post(_url(inwoner), {**FORM, "new_bsn": OTHER_BSN})
    assert "Er is al een andere inwoner met dit BSN" in response.content.decode()


def test_the_bsn_can_be_removed(fg_client: Any) -> None:
    resident = factories.resident(bsn=VALID_BSN)
    fg_client.post(_url(resident), {**FORM, "clear_bsn": "on"})
    resident.refresh_from_db()
    assert resident.bsn == ""
    assert Correction.objects.get().changes[0] == {"field": "bsn", "label": "BSN", "old": "*****2333", "new": ""}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({**FORM, "reason": ""}, "Vul de reden van de correctie in."),
        (FORM, "Er is niets gewijzigd."),
        ({**FORM, "email": "geen-adres"}, "Vul een geldig e-mailadres in"),
    ],
)
def test_invalid_input_gives_a_dutch_error(fg_client: Any, inwoner: Resident, changes: dict, message: str) -> None:
    response = fg_client.post(_url(inwoner), changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Correction.objects.exists()


def test_open_cases_get_a_line_on_their_timeline(fg: Any, inwoner: Resident) -> None:
    open_case = factories.register("klacht", resident=inwoner)
    services.resident_correct(inwoner, {"phone": "06-99999999"}, reason="Nieuw nummer", actor=fg)
    event = factories.last_event(open_case)
    assert event.kind == EventKind.UPDATED
    assert event.summary == "Gegevens van de inwoner gecorrigeerd (AVG art. 16): telefoonnummer."
    assert "06-99999999" not in event.summary


def test_the_service_refuses_fields_that_are_not_the_residents_own(fg: Any, inwoner: Resident) -> None:
    with pytest.raises(services.PrivacyError, match="kunnen niet worden gecorrigeerd: organisation"):
        services.resident_correct(inwoner, {"organisation": None}, reason="x", actor=fg)


def test_the_service_validates_like_the_model(fg: Any, inwoner: Resident) -> None:
    with pytest.raises(services.PrivacyError, match="elfproef"):
        services.resident_correct(inwoner, {"bsn": "123456789"}, reason="x", actor=fg)
    inwoner.refresh_from_db()
    assert inwoner.bsn == ""


def test_a_merged_duplicate_is_corrected_on_the_kept_resident(fg: Any, dossier: Dossier) -> None:
    duplicate = Resident.objects.get(merged_into=dossier.resident)
    with pytest.raises(services.PrivacyError, match="samengevoegd"):
        services.resident_correct(duplicate, {"city": "Lelystad"}, reason="x", actor=fg)


def test_the_handler_of_a_case_may_correct_too(client: Any, behandelaar: Any, inwoner: Resident) -> None:
    factories.register("vraag", resident=inwoner, handler=behandelaar)
    client.force_login(behandelaar)
    assert client.post(_url(inwoner), {**FORM, "phone": "06-11111111"}).status_code == 302
    assert Correction.objects.get().actor_name == "Sanne Bakker"
