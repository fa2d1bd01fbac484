"""The safety, link and four-eyes actions through the API: the same services, rules and refusals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from casus.cases.models import Case, CaseLink
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def session_client(person: Any) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


def _case(**fields: Any) -> Case:
    return factories.register("klacht", timezone.localdate() - timedelta(days=3), **fields)


def _post(client: APIClient, case: Case, name: str, **data: Any) -> Any:
    return client.post(f"/api/v1/cases/{case.pk}/{name}/", data, format="json")


def test_flag_safety_marks_the_case_sensitive(behandelaar: Any) -> None:
    case = _case(handler=behandelaar)
    response = _post(session_client(behandelaar), case, "flag-safety", note="Dreigt zichzelf iets aan te doen.")
    assert response.status_code == 200, response.json()
    assert response.json()["safety_flag"] is True and response.json()["sensitive"] is True
    assert "veiligheidssignaal" in factories.event_kinds(case)
    again = _post(session_client(behandelaar), case, "flag-safety")
    assert again.status_code == 422
    assert again.json()["detail"] == "Deze zaak heeft al een veiligheidssignaal."


def test_flag_safety_is_refused_for_another_team_and_the_kwaliteitsmedewerker(
    behandelaar: Any, behandelaar_beheer: Any, kwaliteitsmedewerker: Any
) -> None:
    other_team = _case(team=factories.team("Beheer"), handler=behandelaar_beheer)
    assert _post(session_client(behandelaar), other_team, "flag-safety").status_code == 403
    assert session_client(behandelaar).post("/api/v1/cases/999999/flag-safety/", {}, format="json").status_code == 404
    bbk = _case(team=factories.team("BBK"))
    assert _post(session_client(kwaliteitsmedewerker), bbk, "flag-safety").status_code == 403
    assert not Case.objects.get(pk=other_team.pk).safety_flag and not Case.objects.get(pk=bbk.pk).safety_flag


def test_link_by_id_and_by_reference(behandelaar: Any) -> None:
    case, first, second = _case(handler=behandelaar), _case(handler=behandelaar), _case(handler=behandelaar)
    client = session_client(behandelaar)
    assert _post(client, case, "link", other=first.pk, kind="follows_from").status_code == 200
    response = _post(client, case, "link", other_reference=second.reference, kind="related")
    assert response.status_code == 200, response.json()
    assert set(CaseLink.objects.filter(from_case=case).values_list("to_case_id", "kind")) == {
        (first.pk, "follows_from"), (second.pk, "related"),
    }  # fmt: skip
    assert "gekoppeld" in factories.event_kinds(first)
    twice = _post(client, case, "link", other=first.pk, kind="follows_from")
    assert twice.status_code == 422
    assert twice.json()["detail"] == f"{case.reference} is al zo gekoppeld aan {first.reference}."


def test_link_refuses_a_case_the_caller_may_not_see(behandelaar: Any, behandelaar_beheer: Any) -> None:
    case = _case(handler=behandelaar)
    hidden = _case(team=factories.team("Beheer"), handler=behandelaar_beheer)
    client = session_client(behandelaar)
    for data in ({"other": hidden.pk}, {"other_reference": hidden.reference}, {"other": 999999}):
        response = _post(client, case, "link", kind="related", **data)
        assert response.status_code == 400
        assert response.json()["invalid_params"] == [
            {"name": "other", "reason": "Deze zaak bestaat niet of u mag deze niet zien."}
        ]
    neither = _post(client, case, "link", kind="related")
    assert neither.status_code == 400 and neither.json()["invalid_params"][0]["name"] == "other"
    assert _post(client, case, "link", other=case.pk, kind="onzin").status_code == 400
    assert _post(session_client(behandelaar_beheer), case, "link", other=hidden.pk, kind="related").status_code == 403
    assert not CaseLink.objects.exists()


def test_four_eyes_propose_and_approve(behandelaar: Any, collega: Any) -> None:
    case = _case(handler=behandelaar)
    proposer = session_client(behandelaar)
    response = _post(proposer, case, "propose-close", outcome="gegrond", closing_text="Excuses gemaakt.")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "ter_beoordeling"
    own = _post(proposer, case, "review-approve")
    assert own.status_code == 422
    assert own.json()["detail"] == "U kunt uw eigen voorstel niet beoordelen. Een collega van het team doet dat."
    response = _post(session_client(collega), case, "review-approve")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "afgehandeld" and response.json()["outcome"] == "gegrond"


def test_four_eyes_return_needs_a_remark(behandelaar: Any, collega: Any) -> None:
    case = _case(handler=behandelaar)
    assert _post(session_client(behandelaar), case, "propose-close", outcome="gegrond").status_code == 200
    reviewer = session_client(collega)
    missing = _post(reviewer, case, "review-return")
    assert missing.status_code == 400 and missing.json()["invalid_params"][0]["name"] == "remark"
    own = _post(session_client(behandelaar), case, "review-return", remark="Zelf terug.")
    assert own.status_code == 422
    response = _post(reviewer, case, "review-return", remark="Eerst de inwoner bellen.")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "in_behandeling"


def test_four_eyes_is_refused_outside_the_team(
    behandelaar: Any, behandelaar_beheer: Any, kwaliteitsmedewerker: Any
) -> None:
    case = _case(handler=behandelaar)
    assert _post(session_client(behandelaar_beheer), case, "propose-close", outcome="gegrond").status_code == 403
    assert _post(session_client(behandelaar), case, "propose-close", outcome="gegrond").status_code == 200
    assert _post(session_client(behandelaar_beheer), case, "review-approve").status_code == 403
    bbk = _case(team=factories.team("BBK"))
    quality = session_client(kwaliteitsmedewerker)
    assert _post(quality, bbk, "propose-close", outcome="gegrond").status_code == 403
    assert _post(quality, bbk, "review-approve").status_code == 403
    assert _post(quality, bbk, "review-return", remark="x").status_code == 403
    assert Case.objects.get(pk=case.pk).status == "ter_beoordeling"


def test_a_read_only_token_cannot_use_the_new_actions(bi_tool: tuple[Any, str], zaaksysteem: tuple[Any, str]) -> None:
    case = _case()
    assert token_client(bi_tool[1]).post(f"/api/v1/cases/{case.pk}/flag-safety/", {}, format="json").status_code == 403
    response = token_client(zaaksysteem[1]).post(f"/api/v1/cases/{case.pk}/flag-safety/", {}, format="json")
    assert response.status_code == 200, response.json()
