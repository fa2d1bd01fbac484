"""Cases through the API: the same team permissions, services and audit as the UI."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from casus.access.models import AuditAction, AuditEntry
from casus.cases.models import Case
from tests import factories

pytestmark = pytest.mark.django_db


def session_client(person: Any) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


def _case(**fields: Any) -> Case:
    return factories.register("klacht", timezone.localdate() - timedelta(days=3), **fields)


def test_it_lists_only_cases_of_the_own_team(behandelaar: Any, collega: Any, behandelaar_beheer: Any) -> None:
    own = _case(handler=collega)
    _case(team=factories.team("Beheer"), handler=behandelaar_beheer)
    sensitive = _case(handler=collega)
    Case.objects.filter(pk=sensitive.pk).update(sensitive=True)
    body = session_client(behandelaar).get("/api/v1/cases/").json()
    assert [row["reference"] for row in body["results"]] == [own.reference]
    assert body["next"] is None


def test_it_filters_and_paginates_with_a_cursor(behandelaar: Any) -> None:
    cases = [_case(handler=behandelaar) for _ in range(3)]
    factories.register("vraag", timezone.localdate() - timedelta(days=1), handler=behandelaar)
    client = session_client(behandelaar)
    first = client.get("/api/v1/cases/", {"type": "klacht", "page_size": 2}).json()
    assert len(first["results"]) == 2
    second = client.get(first["next"]).json()
    seen = {row["id"] for row in first["results"] + second["results"]}
    assert seen == {case.pk for case in cases}
    team = factories.team("Werk").pk
    assert (
        len(client.get("/api/v1/cases/", {"team": team, "state": "op_tijd", "status": "ontvangen"}).json()["results"])
        == 4
    )
    assert client.get("/api/v1/cases/", {"received_from": "2999-01-01"}).status_code == 400


def test_a_bad_filter_is_a_problem_with_invalid_params(behandelaar: Any) -> None:
    response = session_client(behandelaar).get("/api/v1/cases/", {"type": "onzin", "received_to": "gisteren"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] == "Ongeldige invoer"
    assert body["detail"] == "Niet alle gegevens zijn goed ingevuld."
    assert body["instance"].startswith("/api/v1/cases/")
    assert {param["name"] for param in body["invalid_params"]} == {"type", "received_to"}


def test_retrieve_shows_the_timeline_and_is_audited(behandelaar: Any, collega: Any) -> None:
    case = _case(handler=collega)
    response = session_client(behandelaar).get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200
    assert [event["kind"] for event in response.json()["timeline"]] == factories.event_kinds(case)
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_id=str(case.pk))
    assert entry.user == behandelaar and entry.detail == {"via": "api"}


def test_another_teams_case_is_refused_audited_and_in_dutch(behandelaar: Any, behandelaar_beheer: Any) -> None:
    case = _case(team=factories.team("Beheer"), handler=behandelaar_beheer)
    response = session_client(behandelaar).get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 403
    assert response.json()["detail"] == "U heeft geen toegang tot deze gegevens of deze handeling."
    assert case.description not in response.content.decode() or not case.description
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, object_id=str(case.pk), user=behandelaar).exists()


def test_a_sensitive_case_is_for_its_coordinator_not_the_team(behandelaar: Any, collega: Any, coordinator: Any) -> None:
    case = _case(handler=collega)
    Case.objects.filter(pk=case.pk).update(sensitive=True)
    assert session_client(behandelaar).get(f"/api/v1/cases/{case.pk}/").status_code == 403
    assert session_client(coordinator).get(f"/api/v1/cases/{case.pk}/").status_code == 200


def test_an_unknown_case_is_404_problem(behandelaar: Any) -> None:
    response = session_client(behandelaar).get("/api/v1/cases/999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit bestaat niet, of u mag het niet zien."


def test_the_kwaliteitsmedewerker_reads_but_does_not_act(kwaliteitsmedewerker: Any) -> None:
    case = _case(team=factories.team("BBK"))
    client = session_client(kwaliteitsmedewerker)
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert client.post(f"/api/v1/cases/{case.pk}/note/", {"text": "x"}, format="json").status_code == 403


def test_every_action_calls_the_service(behandelaar: Any, collega: Any) -> None:
    case = factories.register("klacht", timezone.localdate() - timedelta(days=10))
    client = session_client(behandelaar)
    today = timezone.localdate()

    def post(name: str, **data: Any) -> dict[str, Any]:
        response = client.post(f"/api/v1/cases/{case.pk}/{name}/", data, format="json")
        assert response.status_code == 200, response.json()
        return response.json()

    assert post("assign", handler=behandelaar.pk)["handler"] == behandelaar.pk
    assert post("start")["status"] == "in_behandeling"
    assert (
        post("request-information", repair_until=str(today + timedelta(days=14)), what="Stuur het besluit.")["status"]
        == "wacht_op_inwoner"
    )
    assert post("information-received")["suspensions"][0]["resolved_on"] == str(today)
    assert post("postpone", reason="Advies nodig.")["postponed_on"] == str(today)
    body = post("extend", until=str(today + timedelta(days=120)), reason="Met toestemming.", consent_on=str(today))
    assert body["extended_to"] == str(today + timedelta(days=120))
    post("contact-attempt", reached=False, note="Voicemail.")
    post("note", text="Gebeld met de afdeling.")
    assert post("assign", handler=collega.pk, reason="Vakantie.")["handler"] == collega.pk
    assert post("close", outcome="gegrond", closing_text="Excuses gemaakt.")["status"] == "afgehandeld"
    assert post("reopen", reason="Nieuwe informatie.")["status"] == "in_behandeling"
    kinds = factories.event_kinds(case)
    assert {"overgedragen", "notitie", "contactpoging", "verdaagd", "uitgesteld", "afgehandeld", "heropend"} <= set(
        kinds
    )


def test_a_step_that_is_not_allowed_is_422_with_the_services_dutch_message(behandelaar: Any) -> None:
    case = _case(handler=behandelaar)
    client = session_client(behandelaar)
    response = client.post(f"/api/v1/cases/{case.pk}/reopen/", {"reason": "x"}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"] == f"Zaak {case.reference} is niet afgehandeld."
    response = client.post(f"/api/v1/cases/{case.pk}/assign/", {"handler": 10**9}, format="json")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "handler"


def test_register_through_the_api(behandelaar: Any, inwoner: Any) -> None:
    other = _case(handler=behandelaar, resident=inwoner)
    data = {"case_type": "vraag", "received_on": str(timezone.localdate()), "channel": "email",
            "resident": inwoner.pk, "description": "Vraag over de energietoeslag."}  # fmt: skip
    response = session_client(behandelaar).post("/api/v1/cases/", data, format="json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert case.team == factories.team("Werk") and case.resident == inwoner and other.pk != case.pk
    assert response.json()["timeline"][0]["kind"] == "ontvangen"


def test_register_refuses_a_team_of_someone_else(behandelaar: Any) -> None:
    data = {"case_type": "vraag", "received_on": str(timezone.localdate()), "team": factories.team("Beheer").pk}
    response = session_client(behandelaar).post("/api/v1/cases/", data, format="json")
    assert response.status_code == 400
    assert response.json()["invalid_params"] == [
        {"name": "team", "reason": "U kunt geen zaak registreren voor dit team."}
    ]


def test_anonymous_gets_403_problem() -> None:
    response = APIClient().get("/api/v1/cases/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Log in of stuur een token mee."
