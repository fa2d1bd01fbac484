"""The functioneel beheerder's admin: every page loads, the case tables are view-only, the Termijn
filter agrees with the deadline engine, and a changed term setting reaches the open cases."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casus.cases import services
from casus.cases.domain import EventKind, TeamRole
from casus.cases.models import (
    Case,
    CaseLink,
    CaseTypeSetting,
    Category,
    ContactAttempt,
    Event,
    GuidingPrinciple,
    Organisation,
    ReferenceCounter,
    Resident,
    Suspension,
    Team,
    TeamMembership,
)
from tests import factories

pytestmark = pytest.mark.django_db

ALL_MODELS: list[type[Model]] = [
    Organisation, CaseTypeSetting, Team, TeamMembership, Category, GuidingPrinciple, Resident, Case, Suspension,
    CaseLink, Event, ContactAttempt, ReferenceCounter,
]  # fmt: skip
READ_ONLY_MODELS: list[type[Model]] = [Case, Event, Suspension, ContactAttempt, CaseLink, ReferenceCounter]
VALID_BSN = "111222333"


@pytest.fixture
def admin_client(client: Any) -> Any:
    """The back office as a functioneel beheerder who is also coördinator of team Werk (so the case
    tables show that team's cases) and systeembeheerder (memberships), with two-factor verified."""
    beheerder = factories.user(
        "beheerder", first="Joost", last="Mulder", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER
    )
    for team_name, role in (("Werk", TeamRole.COORDINATOR), ("Beheer", TeamRole.SYSTEEMBEHEER)):
        TeamMembership.objects.create(team=factories.team(team_name), user=beheerder, role=role)
    factories.verified_login(client, beheerder)
    return client


def _today() -> date:
    return timezone.localdate()


def _url(model: type[Model], view: str, *args: Any) -> str:
    return reverse(f"admin:cases_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def dossier(behandelaar: Any, inwoner: Resident) -> dict[str, Case]:
    """Cases in every deadline state, plus a closed one, a suspension, a call attempt and a link."""
    inwoner.bsn = VALID_BSN
    inwoner.save()
    today = _today()
    overdue = factories.register(
        "klacht", today - timedelta(days=120), resident=inwoner, handler=behandelaar, description="Lang gewacht"
    )
    services.case_request_information(
        case=overdue, actor=behandelaar, requested_on=today - timedelta(days=100),
        repair_until=today - timedelta(days=86), what="Stuur de brief mee.",
    )  # fmt: skip
    at_risk = factories.register("vraag", today - timedelta(days=40))  # 6 weeks: due in 2 days
    on_time = factories.register("vraag", today - timedelta(days=1))
    closed = factories.register("klacht", today - timedelta(days=120))
    services.case_close(case=closed, actor=behandelaar, outcome="gegrond", closed_on=today - timedelta(days=10))
    callback = factories.register("terugbelverzoek", today - timedelta(days=1), channel="telefoon")
    services.case_record_contact_attempt(
        case=callback, actor=behandelaar, attempted_at=timezone.now() - timedelta(minutes=5), reached=False
    )
    services.case_link(case=closed, other=overdue, kind="related", actor=behandelaar)
    CaseTypeSetting.objects.create(organisation=factories.organisation(), case_type="woo", term_amount=3)
    return {"overdue": overdue, "at_risk": at_risk, "on_time": on_time, "closed": closed, "callback": callback}


# --- every page loads ----------------------------------------------------------------------------


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_it_loads_every_changelist(admin_client: Any, dossier: dict[str, Case], model: type[Model]) -> None:
    assert model.objects.exists()
    response = admin_client.get(_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_it_loads_a_change_page_of_every_model(admin_client: Any, dossier: dict[str, Case], model: type[Model]) -> None:
    obj = model.objects.order_by("pk").first()
    response = admin_client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_it_searches_every_changelist(admin_client: Any, dossier: dict[str, Case], model: type[Model]) -> None:
    response = admin_client.get(_url(model, "changelist"), {"q": "KL-"})
    assert response.status_code == 200


# --- the case tables are view-only -----------------------------------------------------------------


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=lambda m: m.__name__)
def test_it_refuses_to_add_change_or_delete_case_records(
    admin_client: Any, dossier: dict[str, Case], model: type[Model]
) -> None:
    obj = model.objects.order_by("pk").first()
    assert admin_client.get(_url(model, "add")).status_code == 403
    assert admin_client.post(_url(model, "change", obj.pk), {}).status_code == 403
    assert admin_client.get(_url(model, "delete", obj.pk)).status_code == 403
    changelist = admin_client.get(_url(model, "changelist"))
    assert _url(model, "add") not in changelist.content.decode()
    assert "delete_selected" not in changelist.content.decode()


def test_it_shows_a_case_read_only_with_its_timeline_oldest_first(admin_client: Any, dossier: dict[str, Case]) -> None:
    case = dossier["overdue"]
    html = admin_client.get(_url(Case, "change", case.pk)).content.decode()
    assert 'name="_save"' not in html
    assert 'name="description"' not in html
    received = html.index("Klacht ontvangen via e-mail")
    assigned = html.index("Toegewezen aan Sanne Bakker")
    requested = html.index("Aanvulling gevraagd: Stuur de brief mee.")
    assert received < assigned < requested
    assert "Stuur de brief mee." in html  # the suspension inline
    assert "te laat" in html


def test_it_never_changes_a_case_through_a_post(admin_client: Any, dossier: dict[str, Case]) -> None:
    case = dossier["on_time"]
    response = admin_client.post(_url(Case, "change", case.pk), {"due_on": "2026-01-05", "description": "x"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.due_on == case.received_on + timedelta(weeks=6)
    assert case.description == ""


# --- the case list -------------------------------------------------------------------------------


def _listed(admin_client: Any, **params: str) -> set[str]:
    response = admin_client.get(_url(Case, "changelist"), params)
    assert response.status_code == 200
    return {case.reference for case in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("state", "expected"),
    [("te_laat", {"overdue"}), ("dreigt", {"at_risk", "callback"}), ("op_tijd", {"on_time"})],
)
def test_it_filters_open_cases_by_termijn(
    admin_client: Any, dossier: dict[str, Case], state: str, expected: set[str]
) -> None:
    for name in expected:
        dossier[name].refresh_from_db()
        assert dossier[name].deadline_status().state == state
    assert _listed(admin_client, termijn=state) == {dossier[name].reference for name in expected}


def test_it_ignores_an_unknown_termijn(admin_client: Any, dossier: dict[str, Case]) -> None:
    assert len(_listed(admin_client, termijn="bestaat_niet")) == len(dossier)


def test_it_shows_the_deadline_state_and_masks_the_resident(admin_client: Any, dossier: dict[str, Case]) -> None:
    html = admin_client.get(_url(Case, "changelist")).content.decode()
    for label in ("te laat", "dreigt", "op tijd", "afgehandeld, te laat"):
        assert f">{label}<" in html
    assert "J. S. (*****2333)" in html
    assert VALID_BSN not in html
    assert "Smit" not in html


def test_it_searches_cases_by_resident_surname_and_filters_by_outcome(
    admin_client: Any, dossier: dict[str, Case]
) -> None:
    assert _listed(admin_client, q="smit") == {dossier["overdue"].reference}
    assert _listed(admin_client, outcome="gegrond") == {dossier["closed"].reference}
    questions = {dossier["at_risk"].reference, dossier["on_time"].reference}
    assert _listed(admin_client, case_type__exact="vraag") == questions


def test_it_lists_cases_without_a_query_per_row(admin_client: Any, behandelaar: Any, collega: Any) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(_url(Case, "changelist")).status_code == 200
        return len(context.captured_queries)

    factories.register("klacht", date(2026, 10, 1), handler=behandelaar, resident=factories.resident(surname="Smit"))
    few = queries()
    for number, handler in enumerate((behandelaar, collega, collega)):
        resident = factories.resident(surname=f"de Vries {number}", source_id=f"bron-{number}")
        factories.register("vraag", date(2026, 10, 2 + number), handler=handler, resident=resident)
    assert queries() == few


# --- residents -----------------------------------------------------------------------------------


def test_it_masks_the_bsn_in_the_resident_list_and_on_the_read_only_form(
    admin_client: Any, dossier: dict[str, Case], inwoner: Resident
) -> None:
    listing = admin_client.get(_url(Resident, "changelist"), {"q": "Smit"})
    html = listing.content.decode()
    assert "*****2333" in html
    assert VALID_BSN not in html
    assert listing.context["cl"].result_list[0].case_count == 1
    form = admin_client.get(_url(Resident, "change", inwoner.pk)).content.decode()
    assert VALID_BSN not in form  # the full number only through the audited BSN view (casus.privacy)
    assert "*****2333" in form
    assert 'name="_save"' not in form  # corrections go through the correction flow


# --- a term setting reaches the open cases -------------------------------------------------------


@pytest.fixture
def questions(behandelaar: Any) -> dict[str, Case]:
    today = _today()
    open_question = factories.register("vraag", today - timedelta(days=10))
    closed_question = factories.register("vraag", today - timedelta(days=30))
    yesterday = today - timedelta(days=1)
    services.case_close(case=closed_question, actor=behandelaar, outcome="beantwoord", closed_on=yesterday)
    complaint = factories.register("klacht", today - timedelta(days=10))
    return {"open": open_question, "closed": closed_question, "complaint": complaint}


def _due_dates(cases: dict[str, Case]) -> dict[str, date]:
    return {name: Case.objects.get(pk=case.pk).due_on for name, case in cases.items()}


def test_it_recomputes_open_questions_when_the_term_setting_is_saved(
    admin_client: Any, questions: dict[str, Case]
) -> None:
    before = _due_dates(questions)
    response = admin_client.post(
        _url(CaseTypeSetting, "add"),
        {"organisation": factories.organisation().pk, "case_type": "vraag", "term_amount": "3", "term_unit": "weeks",
         "atw": "unknown", "warning_days": ""},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    after = _due_dates(questions)
    assert after["open"] == questions["open"].received_on + timedelta(weeks=3)
    assert after["closed"] == before["closed"]
    assert after["complaint"] == before["complaint"]
    assert Event.objects.filter(case=questions["open"], kind=EventKind.UPDATED).count() == 1
    assert "1 van de 1 open zaken heeft nu een andere uiterste datum" in response.content.decode()


def test_it_recomputes_when_the_setting_changes_or_goes_in_the_organisation_form(
    admin_client: Any, questions: dict[str, Case]
) -> None:
    organisation = factories.organisation()
    prefix = "case_type_settings"
    data = {
        "name": organisation.name, "slug": organisation.slug, "phone": "", "email": "", "safety_protocol": "",
        f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000", f"{prefix}-0-case_type": "vraag", f"{prefix}-0-term_amount": "3",
        f"{prefix}-0-term_unit": "weeks", f"{prefix}-0-atw": "unknown", f"{prefix}-0-warning_days": "",
        f"{prefix}-0-organisation": str(organisation.pk), f"{prefix}-0-id": "",
    }  # fmt: skip
    response = admin_client.post(_url(Organisation, "change", organisation.pk), data, follow=True)
    assert response.status_code == 200
    assert _due_dates(questions)["open"] == questions["open"].received_on + timedelta(weeks=3)
    assert "1 van de 1 open zaken heeft nu een andere uiterste datum" in response.content.decode()

    setting = CaseTypeSetting.objects.get(organisation=organisation, case_type="vraag")
    response = admin_client.post(_url(CaseTypeSetting, "delete", setting.pk), {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert _due_dates(questions)["open"] == questions["open"].received_on + timedelta(weeks=6)


def test_it_loads_the_team_and_membership_admin_with_a_new_member(admin_client: Any, coordinator: Any) -> None:
    team = Team.objects.get(organisation=factories.organisation(), name="Werk")
    html = admin_client.get(_url(Team, "change", team.pk)).content.decode()
    assert "Coördinator / teamleider" in html
    listing = admin_client.get(_url(Team, "changelist"), {"q": "Werk"})
    assert listing.context["cl"].result_list[0].member_count == 2  # the coordinator and the beheerder
