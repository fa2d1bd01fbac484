"""Registering a case for a resident who is not in Casus yet: `new_resident` in POST /api/v1/cases/.
A known source id links the existing resident instead of making a duplicate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.api.models import ApiApplication
from casus.cases.models import Case, Resident
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/cases/"
NEW = {
    "given_name": "Femke", "surname_prefix": "van", "surname": "Dijk", "street": "Stationsstraat",
    "house_number": "8a", "postcode": "1315 kl", "city": "Almere", "phone": "06-98765432",
    "email": "femke@example.nl", "bsn": "111222333", "preferred_channel": "email",
}  # fmt: skip


def _register(client: Any, **fields: Any) -> Any:
    data = {"case_type": "klacht", "received_on": str(timezone.localdate()), "channel": "webformulier", **fields}
    return client.post(URL, data, format="json")


def test_a_brand_new_resident_is_created_with_the_case(zaaksysteem: tuple[ApiApplication, str]) -> None:
    client = token_client(zaaksysteem[1])
    response = _register(client, new_resident={**NEW, "source_id": "ZS-4711"})
    assert response.status_code == 201, response.json()
    case = Case.objects.select_related("resident").get(pk=response.json()["id"])
    resident = case.resident
    assert resident is not None and resident.organisation == factories.organisation()
    assert (resident.full_name, resident.address) == ("Femke van Dijk", "Stationsstraat 8a, 1315KL Almere")
    assert (resident.phone, resident.email, resident.bsn) == ("06-98765432", "femke@example.nl", "111222333")
    assert resident.source_id == "ZS-4711" and resident.preferred_channel == "email"
    assert response.json()["resident"] == resident.pk
    # The system can read back the resident it registered (through the case), with the BSN masked.
    shown = client.get(f"/api/v1/residents/{resident.pk}/").json()
    assert shown["bsn"] == "*****2333" and shown["name"] == "Femke van Dijk"


def test_a_known_source_id_links_the_existing_resident(zaaksysteem: tuple[ApiApplication, str]) -> None:
    known = factories.resident(source_id="ZS-4711", given_name="Femke", surname="Dijk", phone="06-1")
    client = token_client(zaaksysteem[1])
    first = _register(client, new_resident={"source_id": "ZS-4711", "surname": "Dijk", "phone": "06-2"})
    second = _register(client, new_resident={"source_id": "ZS-4711"})
    assert first.status_code == 201 and second.status_code == 201, (first.json(), second.json())
    assert first.json()["resident"] == second.json()["resident"] == known.pk
    assert Resident.objects.filter(source_id="ZS-4711").count() == 1
    known.refresh_from_db()
    assert known.phone == "06-1"  # the existing record is not overwritten by what a system sends


def test_a_new_source_id_twice_makes_one_resident(zaaksysteem: tuple[ApiApplication, str]) -> None:
    client = token_client(zaaksysteem[1])
    ids = {_register(client, new_resident={**NEW, "source_id": "ZS-9"}).json()["resident"] for _ in range(2)}
    assert len(ids) == 1 and Resident.objects.filter(source_id="ZS-9").count() == 1


def test_a_merged_duplicate_stands_for_the_resident_it_was_merged_into(
    zaaksysteem: tuple[ApiApplication, str],
) -> None:
    keep = factories.resident(source_id="ZS-1")
    factories.resident(source_id="ZS-2", merged_into=keep)
    response = _register(token_client(zaaksysteem[1]), new_resident={"source_id": "ZS-2"})
    assert response.json()["resident"] == keep.pk


def test_the_same_source_id_in_another_organisation_is_another_person(
    zaaksysteem: tuple[ApiApplication, str],
) -> None:
    elsewhere = factories.resident(source_id="ZS-4711", organisation=factories.other_organisation())
    response = _register(token_client(zaaksysteem[1]), new_resident={"source_id": "ZS-4711", "surname": "Dijk"})
    assert response.status_code == 201
    assert response.json()["resident"] != elsewhere.pk
    assert Resident.objects.get(pk=response.json()["resident"]).organisation == factories.organisation()


@pytest.mark.parametrize(
    ("new_resident", "name", "reason"),
    [
        ({**NEW, "bsn": "111222334"}, "new_resident.bsn", "Dit is geen geldig BSN (de elfproef klopt niet)."),
        ({**NEW, "bsn": "1234567890"}, "new_resident.bsn", "Een BSN heeft 9 cijfers."),
        ({**NEW, "postcode": "13150"}, "new_resident.postcode",
         "Vul een postcode in zoals 1312 AB: vier cijfers en twee letters."),
        ({"given_name": "Femke"}, "new_resident.surname",
         "Geef minstens de achternaam of het id in het bronsysteem (source_id) van de inwoner."),
    ],
)  # fmt: skip
def test_invalid_resident_data_is_a_400_and_nothing_is_created(
    zaaksysteem: tuple[ApiApplication, str], new_resident: dict[str, str], name: str, reason: str
) -> None:
    before = Resident.objects.count()
    response = _register(token_client(zaaksysteem[1]), new_resident=new_resident)
    assert response.status_code == 400
    assert {"name": name, "reason": reason} in response.json()["invalid_params"]
    assert Resident.objects.count() == before and not Case.objects.exists()


def test_a_bsn_with_spaces_or_dots_is_accepted(zaaksysteem: tuple[ApiApplication, str]) -> None:
    response = _register(token_client(zaaksysteem[1]), new_resident={**NEW, "bsn": "1112.22.333"})
    assert response.status_code == 201, response.json()
    assert Resident.objects.get(pk=response.json()["resident"]).bsn == "111222333"


def test_resident_and_new_resident_together_are_refused(zaaksysteem: tuple[ApiApplication, str]) -> None:
    response = _register(token_client(zaaksysteem[1]), resident=factories.resident().pk, new_resident=NEW)
    assert response.status_code == 400
    assert response.json()["invalid_params"] == [
        {
            "name": "new_resident",
            "reason": "Geef óf een bestaande inwoner (resident), óf een nieuwe inwoner (new_resident).",
        }
    ]


def test_a_refused_registration_leaves_no_resident_behind(zaaksysteem: tuple[ApiApplication, str]) -> None:
    """The service refuses the case (received in the future): the new resident goes with it."""
    future = str(timezone.localdate() + timedelta(days=3))
    response = _register(token_client(zaaksysteem[1]), received_on=future, new_resident={**NEW, "source_id": "X"})
    assert response.status_code == 422
    assert response.json()["detail"] == "De ontvangstdatum ligt in de toekomst."
    assert not Resident.objects.filter(source_id="X").exists()
