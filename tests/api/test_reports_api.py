"""`GET /api/v1/reports/`: the Monitor's §9 JSON through the API, for the caller's organisation only,
with the permission reports.view, the token scope `reports`, Dutch problem+json errors and an audit entry."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from casus.access.models import AuditAction, AuditEntry
from casus.api.models import ApiApplication, ApiRole
from casus.api.services import api_application_create
from casus.cases import services
from casus.cases.domain import CaseType, TeamRole
from casus.cases.models import TeamMembership
from casus.monitor import figures
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"
PERIOD = {"from": "2025-01-01", "to": "2025-12-31"}


def session_client(person: Any) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


@pytest.fixture
def cases(db: None) -> dict[str, Any]:
    """Almere: complaints and a question in 2024 and 2025, some closed; Zeewolde: cases of its own
    (same team and subject names) that must never be counted for Almere."""
    almere, zeewolde = factories.organisation(), factories.other_organisation()
    resident = factories.resident()
    handler = factories.user("afhandelaar", first="Fenna", last="de Groot", team_name="Werk")
    made = []
    for received, case_type, subject, closing in [
        (date(2024, 11, 4), "klacht", "bijzondere bijstand", ("gegrond", date(2025, 1, 10))),
        (date(2025, 2, 3), "klacht", "bijzondere bijstand", ("ongegrond", date(2025, 3, 3))),
        (date(2025, 2, 17), "klacht", "energietoeslag", ("gegrond", date(2025, 5, 20))),
        (date(2025, 6, 2), "klacht", "energietoeslag", None),
        (date(2025, 7, 1), "vraag", None, ("beantwoord", date(2025, 7, 2))),
    ]:
        case = factories.register(
            case_type, received, resident=resident, handler=handler,
            subject=factories.subject(subject) if subject else None, nature=factories.nature(),
        )  # fmt: skip
        if closing:
            services.case_close(case=case, actor=handler, outcome=closing[0], closed_on=closing[1])
        made.append(case)
    energy = factories.subject("energietoeslag")
    factories.register("klacht", date(2025, 3, 1), team=factories.team("Beheer"), subject=energy)
    elsewhere = factories.team("Werk", zeewolde)
    for day in (3, 4, 5):
        factories.register("klacht", date(2025, 4, day), organisation=zeewolde, team=elsewhere, subject=energy)
    return {"almere": almere, "zeewolde": zeewolde, "cases": made}


def expected(**filters: Any) -> dict[str, Any]:
    """figures.report for the same filters, as JSON on the wire."""
    defaults = {"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31), "organisation": factories.organisation()}
    return json.loads(json.dumps(figures.report(figures.Filters(**{**defaults, **filters}))))


# --- the figures ----------------------------------------------------------------------------------


def test_the_answer_is_exactly_the_monitors_report(coordinator: Any, cases: dict[str, Any]) -> None:
    response = session_client(coordinator).get(URL, PERIOD)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json() == expected()
    assert response.json()["received"]["total"] == 5  # four of Werk and one of Beheer, all Almere
    assert response.json()["closed"]["total"] == 4
    assert response.json()["trend"]["by_year"] == {"2024": 1, "2025": 5}


def test_another_organisations_cases_are_not_counted(coordinator: Any, cases: dict[str, Any]) -> None:
    body = session_client(coordinator).get(URL, PERIOD).json()
    everything = json.loads(json.dumps(figures.report(figures.Filters(date(2025, 1, 1), date(2025, 12, 31)))))
    assert everything["received"]["total"] == body["received"]["total"] + 3  # Zeewolde's three complaints
    assert body["received"]["by_month"]["2025-04"] == 0
    assert {row["subject"]: row["count"] for row in body["by_subject"]}["energietoeslag"] == 3


def test_the_filters_are_passed_on(coordinator: Any, cases: dict[str, Any]) -> None:
    query = {**PERIOD, "type": "klacht", "team": "Werk", "subject": "energietoeslag",
             "compare_from": "2024-01-01", "compare_to": "2024-12-31"}  # fmt: skip
    response = session_client(coordinator).get(URL, query)
    assert response.status_code == 200, response.content
    compare = {"compare_from": date(2024, 1, 1), "compare_to": date(2024, 12, 31)}
    assert response.json() == expected(case_type="klacht", team="Werk", subject="energietoeslag", **compare)
    assert response.json()["filters"] == {"type": "klacht", "team": "Werk", "subject": "energietoeslag"}
    assert response.json()["received"]["total"] == 2


def test_the_call_is_audited_as_an_export(coordinator: Any, cases: dict[str, Any]) -> None:
    session_client(coordinator).get(URL, {**PERIOD, "type": "klacht"})
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, user=coordinator)
    assert entry.organisation_id == cases["almere"].pk and entry.allowed
    assert entry.object_type == "cases.organisation" and entry.object_id == str(cases["almere"].pk)
    assert entry.detail["via"] == "api" and entry.detail["format"] == "json"
    assert entry.detail["filters"] == {"from": "2025-01-01", "to": "2025-12-31", "type": "klacht"}


# --- who may --------------------------------------------------------------------------------------


def test_a_behandelaar_is_refused_and_the_refusal_audited(behandelaar: Any, cases: dict[str, Any]) -> None:
    response = session_client(behandelaar).get(URL, PERIOD)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "U heeft geen toegang tot deze gegevens of deze handeling."
    assert AuditEntry.objects.filter(user=behandelaar, action=AuditAction.DENIED, allowed=False).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_anonymous_is_refused(cases: dict[str, Any]) -> None:
    assert APIClient().get(URL, PERIOD).status_code == 403


@pytest.mark.parametrize("role", [TeamRole.COORDINATOR, TeamRole.KWALITEIT, TeamRole.MT, TeamRole.FUNCTIONEEL_BEHEER])
def test_reporting_roles_may(role: str, cases: dict[str, Any]) -> None:
    person = factories.user(f"lezer_{role}", first="Anouk", last="Smits", team_name="BBK", role=role)
    client = APIClient()
    factories.verified_login(client, person)  # a functioneel beheerder needs two-factor
    response = client.get(URL, PERIOD)
    assert response.status_code == 200, response.content
    assert response.json() == expected()


def test_someone_of_another_organisation_sees_only_theirs(cases: dict[str, Any]) -> None:
    person = factories.user("z_mt", first="Lotte", last="Hendriks")
    TeamMembership.objects.create(team=factories.team("Werk", cases["zeewolde"]), user=person, role=TeamRole.MT)
    body = session_client(person).get(URL, PERIOD).json()
    assert body == expected(organisation=cases["zeewolde"])
    assert body["received"]["total"] == 3


def test_several_organisations_need_a_choice(coordinator: Any, cases: dict[str, Any]) -> None:
    TeamMembership.objects.create(team=factories.team("Werk", cases["zeewolde"]), user=coordinator, role=TeamRole.MT)
    client = session_client(coordinator)
    ambiguous = client.get(URL, PERIOD)
    assert ambiguous.status_code == 400
    assert ambiguous.json()["detail"] == (
        "U mag de cijfers van meer dan één organisatie zien; kies er een met organisation (almere, zeewolde)."
    )
    assert client.get(URL, {**PERIOD, "organisation": "zeewolde"}).json() == expected(organisation=cases["zeewolde"])
    assert client.get(URL, {**PERIOD, "organisation": "almere"}).json() == expected()
    unknown = client.get(URL, {**PERIOD, "organisation": "lelystad"})
    assert unknown.status_code == 400
    assert unknown.json()["invalid_params"] == [
        {"name": "organisation", "reason": "Onbekende organisatie 'lelystad', of u mag haar cijfers niet zien."}
    ]
    assert client.get(URL, {**PERIOD, "organisation": "almere\x00"}).status_code == 400


def test_an_organisation_one_may_not_read_is_refused(coordinator: Any, cases: dict[str, Any]) -> None:
    response = session_client(coordinator).get(URL, {**PERIOD, "organisation": "zeewolde"})
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "organisation"


# --- token scopes ---------------------------------------------------------------------------------


def _application(name: str, scopes: tuple[str, ...], role: str = ApiRole.COORDINATOR) -> tuple[ApiApplication, str]:
    return api_application_create(team=factories.team("Werk"), name=name, role=role, scopes=scopes)


def test_a_reports_token_reads_the_report_and_nothing_else(cases: dict[str, Any]) -> None:
    _, token = _application("BI", ("reports",))
    client = token_client(token)
    response = client.get(URL, PERIOD)
    assert response.status_code == 200, response.content
    assert response.json() == expected()
    assert client.get("/api/v1/cases/").status_code == 403
    assert client.get(f"/api/v1/cases/{cases['cases'][0].pk}/").status_code == 403
    assert client.get("/api/v1/teams/").status_code == 403
    assert client.post("/api/v1/cases/", {"case_type": "vraag"}, format="json").status_code == 403
    assert client.post(URL, PERIOD, format="json").status_code == 403


def test_read_cases_does_not_include_reports(cases: dict[str, Any]) -> None:
    application, token = _application("Zaaksysteem", ("read_cases", "write_cases"))
    response = token_client(token).get(URL, PERIOD)
    assert response.status_code == 403
    entry = AuditEntry.objects.get(user=application.user, action=AuditAction.DENIED)
    assert entry.detail["scopes"] == ["read_cases", "write_cases"]


def test_the_scope_does_not_lift_the_role(cases: dict[str, Any]) -> None:
    """A token acts as a member of its team: a behandelaar's token gets no figures, whatever its scopes."""
    _, token = _application("Formulier", ("read_cases", "reports"), role=ApiRole.BEHANDELAAR)
    assert token_client(token).get(URL, PERIOD).status_code == 403


# --- bad input: 400 problem+json with the report command's Dutch messages -------------------------


@pytest.mark.parametrize(
    ("query", "name", "reason"),
    [
        ({"from": "2025-13-01", "to": "2025-12-31"}, "from",
         "from: '2025-13-01' is geen geldige datum; gebruik JJJJ-MM-DD."),
        ({"from": "31-12-2025", "to": "2025-12-31"}, "from",
         "from: '31-12-2025' is geen geldige datum; gebruik JJJJ-MM-DD."),
        ({"from": "2025-01-01", "to": "2025-02-30"}, "to",
         "to: '2025-02-30' is geen geldige datum; gebruik JJJJ-MM-DD."),
        ({"from": "2025-01-01"}, "to", "to: vul een datum in (JJJJ-MM-DD)."),
        ({}, "from", "from: vul een datum in (JJJJ-MM-DD)."),
        ({"from": "1900-01-01", "to": "2025-12-31"}, "from", "from: '1900-01-01' ligt buiten de jaren 1990-2100."),
        ({"from": "2025-12-31", "to": "2025-01-01"}, "from", "from ligt na to: de periode is leeg."),
        ({**PERIOD, "compare_from": "2024-01-01"}, "compare_to",
         "Geef voor de vergelijkingsperiode zowel compare_from als compare_to."),
        ({**PERIOD, "compare_from": "2024-12-31", "compare_to": "2024-01-01"}, "compare_from",
         "compare_from ligt na compare_to: de vergelijkingsperiode is leeg."),
        ({**PERIOD, "type": "klachten"}, "type",
         f"Onbekend zaaktype 'klachten'. Kies uit: {', '.join(CaseType.values)}."),
        ({**PERIOD, "team": "Onbekend"}, "team", "Onbekend team 'Onbekend'."),
        ({**PERIOD, "team": "Werk\x00"}, "team", "Onbekend team 'Werk\x00'."),
        ({**PERIOD, "subject": "energie"}, "subject", "Onbekend onderwerp 'energie'."),
    ],
)  # fmt: skip
def test_bad_input_is_a_400_in_dutch(coordinator: Any, query: dict[str, str], name: str, reason: str) -> None:
    response = session_client(coordinator).get(URL, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["detail"] == reason
    assert body["invalid_params"] == [{"name": name, "reason": reason}]
    assert body["title"] == "Ongeldige invoer" and body["instance"].startswith(URL)


def test_a_team_of_another_organisation_is_unknown(coordinator: Any, cases: dict[str, Any]) -> None:
    factories.team("Vergunningen", cases["zeewolde"])
    response = session_client(coordinator).get(URL, {**PERIOD, "team": "Vergunningen"})
    assert response.status_code == 400 and response.json()["detail"] == "Onbekend team 'Vergunningen'."


def test_the_message_matches_the_report_command(coordinator: Any) -> None:
    """The same words as `manage.py report` (with the parameter's name where it names its option)."""
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as command:
        call_command("report", "--from", "2025-13-01", "--to", "2025-12-31")
    response = session_client(coordinator).get(URL, {"from": "2025-13-01", "to": "2025-12-31"})
    assert response.json()["detail"] == str(command.value).replace("--from", "from")


# --- the contract ---------------------------------------------------------------------------------


def test_the_schema_documents_the_endpoint(db: None) -> None:
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"][URL]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == {"from", "to", "type", "team", "subject", "compare_from", "compare_to", "organisation"}
    assert parameters["from"]["required"] and parameters["to"]["required"]
    assert parameters["from"]["schema"] == {"type": "string", "format": "date"}
    report = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    properties = schema["components"]["schemas"][report]["properties"]
    assert set(properties) == SECTION_9_KEYS


SECTION_9_KEYS = {  # DOMAIN.md §9
    "period", "filters", "received", "by_subject", "top3_subjects_share", "by_channel", "by_nature", "by_team",
    "repeat_filers", "closed", "founded_by_subject", "informal_rate", "lead_time", "trend",
}  # fmt: skip
