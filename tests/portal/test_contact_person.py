"""contact_person(case): the handler with their direct line, falling back to the team's and then the
organisation's number and address; without a handler the team; without a team the organisation. Staff
set their direct line on "Mijn account", a functioneel beheerder in the admin."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from casus.access.models import AuditAction, AuditEntry
from casus.cases import services
from casus.cases.domain import TeamRole
from casus.cases.models import Organisation
from casus.portal.contact import ContactPerson, contact_person
from casus.portal.models import ContactDetails
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def almere(db: None) -> Organisation:
    Organisation.objects.filter(slug="almere").update(phone="14 036", email="info@almere.example")
    return factories.organisation()


def test_the_handler_with_their_own_direct_line(almere: Organisation, behandelaar: Any) -> None:
    ContactDetails.objects.create(user=behandelaar, phone="036 539 4321", email="s.bakker@almere.example")
    case = factories.register("klacht", handler=behandelaar)

    assert contact_person(case) == ContactPerson(
        name="Sanne Bakker", phone="036 539 4321", email="s.bakker@almere.example", team_name="Werk", is_person=True,
        organisation_name="Gemeente Almere",
    )  # fmt: skip


def test_an_empty_detail_falls_back_to_the_team_then_the_organisation(almere: Organisation, behandelaar: Any) -> None:
    team = factories.team("Werk")
    team.phone = "036 539 1000"
    team.save()
    ContactDetails.objects.create(user=behandelaar, phone="", email="")
    case = factories.register("klacht", handler=behandelaar)

    found = contact_person(case)
    assert (found.name, found.phone, found.email) == ("Sanne Bakker", "036 539 1000", "info@almere.example")


def test_never_the_handlers_login_address(almere: Organisation, behandelaar: Any) -> None:
    Organisation.objects.filter(pk=almere.pk).update(email="")
    case = factories.register("klacht", handler=behandelaar)

    assert contact_person(case).email == ""  # not sbakker@casus.invalid


def test_without_a_handler_the_team_is_the_contact(almere: Organisation) -> None:
    team = factories.team("BBK")
    team.phone, team.email = "036 539 1234", "bbk@almere.example"
    team.save()
    case = factories.register("klacht", team=team)

    found = contact_person(case)
    assert (found.name, found.phone, found.email, found.is_person) == (
        "Team BBK", "036 539 1234", "bbk@almere.example", False,
    )  # fmt: skip
    assert found.team == "BBK" and found.phone_href == "tel:0365391234"


def test_without_a_team_the_organisation_is_the_contact(almere: Organisation) -> None:
    case = factories.register("vraag", team=None)

    found = contact_person(case)
    assert (found.name, found.phone, found.team_name) == ("Gemeente Almere", "14 036", "")


def test_a_handler_without_a_full_name_is_named_by_user_name(almere: Organisation) -> None:
    nameless = factories.user("t.tester", first="", last="", team_name="Werk")

    assert contact_person(factories.register("klacht", handler=nameless)).name == "t.tester"


def test_a_staff_member_sets_their_direct_line_from_their_account(behandelaar: Any) -> None:
    client = Client()
    factories.verified_login(client, behandelaar)
    account = client.get("/account/").content.decode()
    assert 'href="/account/contactgegevens/"' in account
    assert "Het telefoonnummer en e-mailadres van uw team" in account

    refused = client.post("/account/contactgegevens/", {"phone": "", "email": "geen-adres"})
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in refused.content.decode()
    response = client.post("/account/contactgegevens/", {"phone": "036 539 4321", "email": "s.bakker@almere.example"})

    assert response.status_code == 302 and response["Location"] == "/account/"
    details = ContactDetails.objects.get(user=behandelaar)
    assert (details.phone, details.email) == ("036 539 4321", "s.bakker@almere.example")
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="auth.user").latest("at")
    assert entry.object_id == str(behandelaar.pk)
    assert entry.detail["change"] == "contactgegevens voor inwoners gewijzigd"
    assert "036 539 4321, s.bakker@almere.example" in client.get("/account/").content.decode()


def test_a_functioneel_beheerder_sets_a_colleagues_line_in_the_admin(behandelaar: Any) -> None:
    beheerder = factories.user("fb", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    elsewhere = factories.user("zw", first="Lotte", last="Hendriks")
    factories.team("Werk", factories.other_organisation()).memberships.create(user=elsewhere)
    client = Client()
    factories.verified_login(client, beheerder)

    form = client.get("/admin/portal/contactdetails/add/").content.decode()
    assert "Sanne Bakker" in form or "sbakker" in form
    assert "zw" not in re.findall(r"<option[^>]*>([^<]*)</option>", form)
    response = client.post("/admin/portal/contactdetails/add/", {"user": behandelaar.pk, "phone": "036 1", "email": ""})

    assert response.status_code == 302
    assert ContactDetails.objects.get(user=behandelaar).phone == "036 1"
    case = factories.register("klacht", handler=behandelaar)
    services.case_start(case=case, actor=behandelaar)
    assert contact_person(case).phone == "036 1"
