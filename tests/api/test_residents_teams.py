"""Residents (visible only, BSN masked, reads audited), teams and categories, and the admin's token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from casus.access.models import AuditAction, AuditEntry
from casus.api.models import ApiApplication
from casus.cases.domain import TeamRole
from tests import factories

pytestmark = pytest.mark.django_db


def session_client(person: Any) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


def test_residents_are_those_with_a_visible_case_and_the_bsn_is_masked(
    behandelaar: Any, behandelaar_beheer: Any
) -> None:
    own = factories.resident(surname="Hollebeek", bsn="111222333")
    other = factories.resident(surname="Zwanenburg")
    received = timezone.localdate() - timedelta(days=2)
    factories.register("klacht", received, resident=own)
    factories.register("klacht", received, resident=other, team=factories.team("Beheer"))
    client = session_client(behandelaar)
    rows = client.get("/api/v1/residents/").json()["results"]
    assert [(row["id"], row["bsn"]) for row in rows] == [(own.pk, "*****2333")]
    assert "111222333" not in client.get(f"/api/v1/residents/{own.pk}/").content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_type="cases.resident", object_id=str(own.pk))
    assert client.get(f"/api/v1/residents/{other.pk}/").status_code == 403


def test_teams_are_of_the_own_organisation_and_categories_are_shared(behandelaar: Any) -> None:
    factories.team("Werk", factories.other_organisation())
    client = session_client(behandelaar)
    teams = client.get("/api/v1/teams/").json()["results"]
    assert {team["organisation"] for team in teams} == {factories.organisation().pk}
    categories = client.get("/api/v1/categories/").json()["results"]
    assert {"kind", "name"} <= set(categories[0])


def test_the_admin_shows_a_new_token_once(db: None) -> None:
    beheerder = factories.user("tdekker", first="Tim", last="Dekker", team_name="Beheer", role=TeamRole.SYSTEEMBEHEER)
    client = factories.logged_in(beheerder)
    data = {"name": "Website", "team": factories.team("Werk").pk, "role": "behandelaar",
            "scope_read_cases": "on", "scope_write_cases": "on", "active": "on"}  # fmt: skip
    response = client.post("/admin/api/apiapplication/add/", data, follow=True)
    assert response.status_code == 200
    application = ApiApplication.objects.get(name="Website")
    message = next(str(m) for m in response.context["messages"] if "token" in str(m))
    token = message.split("is: ")[1].split(" ")[0]
    assert token.startswith(application.token_prefix)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/cases/").status_code == 200
