"""Token authentication for systems: a service user with its team's permissions, limited by scopes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.api.models import ApiApplication
from casus.api.services import api_application_new_token, token_hash
from casus.cases.models import Case
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_only_the_hash_of_the_token_is_stored(zaaksysteem: tuple[ApiApplication, str]) -> None:
    application, token = zaaksysteem
    assert application.token_hash == token_hash(token) and token not in application.token_hash
    assert not application.user.has_usable_password()
    assert application.user.memberships.get().team == factories.team("Werk")


def test_an_external_system_registers_and_closes_a_case(zaaksysteem: tuple[ApiApplication, str]) -> None:
    client = token_client(zaaksysteem[1])
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/cases/{id}/close/" in schema.content
    data = {"case_type": "vraag", "received_on": str(timezone.localdate()), "channel": "webformulier"}
    created = client.post("/api/v1/cases/", data, format="json")
    assert created.status_code == 201, created.json()
    case_id = created.json()["id"]
    closed = client.post(f"/api/v1/cases/{case_id}/close/", {"outcome": "beantwoord"}, format="json")
    assert closed.status_code == 200, closed.json()
    assert Case.objects.get(pk=case_id).status == "afgehandeld"
    assert ApiApplication.objects.get(pk=zaaksysteem[0].pk).last_used_at is not None


def test_the_system_sees_only_its_teams_cases(zaaksysteem: tuple[ApiApplication, str], behandelaar_beheer: Any) -> None:
    own = factories.register("klacht", timezone.localdate() - timedelta(days=2))
    other = factories.register("klacht", timezone.localdate() - timedelta(days=2), team=factories.team("Beheer"))
    client = token_client(zaaksysteem[1])
    assert [row["id"] for row in client.get("/api/v1/cases/").json()["results"]] == [own.pk]
    assert client.get(f"/api/v1/cases/{other.pk}/").status_code == 403


def test_read_scope_cannot_write(bi_tool: tuple[ApiApplication, str]) -> None:
    case = factories.register("klacht", timezone.localdate() - timedelta(days=2))
    client = token_client(bi_tool[1])
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    response = client.post(f"/api/v1/cases/{case.pk}/note/", {"text": "x"}, format="json")
    assert response.status_code == 403
    assert client.post("/api/v1/cases/", {"case_type": "vraag"}, format="json").status_code == 403


def test_write_scope_alone_cannot_read(db: None) -> None:
    from casus.api.services import api_application_create

    _, token = api_application_create(team=factories.team("Werk"), name="Formulier", scopes=("write_cases",))
    assert token_client(token).get("/api/v1/cases/").status_code == 403


def test_an_inactive_or_unknown_token_is_401(zaaksysteem: tuple[ApiApplication, str]) -> None:
    application, token = zaaksysteem
    assert token_client("onzin").get("/api/v1/cases/").status_code == 401
    ApiApplication.objects.filter(pk=application.pk).update(active=False)
    response = token_client(token).get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Het token is onbekend of ingetrokken."


def test_a_new_token_replaces_the_old(zaaksysteem: tuple[ApiApplication, str]) -> None:
    application, old = zaaksysteem
    new = api_application_new_token(application=application)
    assert token_client(old).get("/api/v1/cases/").status_code == 401
    assert token_client(new).get("/api/v1/cases/").status_code == 200
