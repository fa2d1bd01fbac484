"""Mijn werk, the team's cases and the unassigned cases: urgency order, filters, search (audited),
callback attempts, htmx partials and scope."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from casus.access.models import AuditAction, AuditEntry
from casus.cases import services
from casus.cases.models import Case
from casus.workspace.templatetags.workspace import days_text, workspace_url
from casus.workspace.views_queue import my_work_summary
from tests import factories

pytestmark = pytest.mark.django_db


def _case(handler: Any, due_in_days: int, case_type: str = "klacht", **fields: Any) -> Case:
    """A case of team Werk whose due date is `due_in_days` calendar days from today."""
    case = factories.register(case_type, timezone.localdate() - timedelta(days=60), handler=handler, **fields)
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() + timedelta(days=due_in_days))
    case.refresh_from_db()
    return case


def _references(response: Any) -> list[str]:
    return [case.reference for case in response.context["page"]]


def test_it_orders_mijn_werk_overdue_first_then_by_time_left(behandelaar: Any) -> None:
    later = _case(behandelaar, 30)
    overdue = _case(behandelaar, -3)
    soon = _case(behandelaar, 2)
    response = factories.logged_in(behandelaar).get(reverse("workspace:my-work"))
    assert response.status_code == 200
    assert _references(response) == [overdue.reference, soon.reference, later.reference]
    body = response.content.decode()
    assert "te laat" in body and "dreigt" in body and "op tijd" in body
    assert "Hoe geteld?" in body and "Uiterste datum:" in body


def test_mijn_werk_holds_only_open_cases_of_the_user(behandelaar: Any, collega: Any) -> None:
    mine = _case(behandelaar, 10)
    _case(collega, 10)
    closed = _case(behandelaar, 10)
    services.case_close(case=closed, actor=behandelaar, outcome="gegrond")
    assert _references(factories.logged_in(behandelaar).get(reverse("workspace:my-work"))) == [mine.reference]


def test_it_filters_by_type_subject_team_and_state(behandelaar: Any) -> None:
    klacht = _case(behandelaar, -1, subject=factories.subject("boete"))
    vraag = _case(behandelaar, 40, case_type="vraag")
    client = factories.logged_in(behandelaar)
    url = reverse("workspace:my-work")
    assert _references(client.get(url, {"case_type": "vraag"})) == [vraag.reference]
    assert _references(client.get(url, {"subject": factories.subject("boete").pk})) == [klacht.reference]
    assert _references(client.get(url, {"state": "te_laat"})) == [klacht.reference]
    assert _references(client.get(url, {"state": "op_tijd"})) == [vraag.reference]
    assert _references(client.get(url, {"team": factories.team("Werk").pk})) == [klacht.reference, vraag.reference]


def test_a_team_of_someone_else_is_not_a_filter_choice(behandelaar: Any) -> None:
    _case(behandelaar, 5)
    response = factories.logged_in(behandelaar).get(reverse("workspace:my-work"), {"team": factories.team("Beheer").pk})
    assert response.context["form"].errors["team"]


def test_search_finds_reference_name_and_text_and_is_audited(behandelaar: Any, inwoner: Any) -> None:
    by_name = _case(behandelaar, 5, resident=inwoner)
    by_text = _case(behandelaar, 6, description="Het loket was dicht")
    other = _case(behandelaar, 7)
    client = factories.logged_in(behandelaar)
    url = reverse("workspace:my-work")
    assert _references(client.get(url, {"q": "jan smit"})) == [by_name.reference]
    assert _references(client.get(url, {"q": "loket"})) == [by_text.reference]
    assert _references(client.get(url, {"q": other.reference})) == [other.reference]
    entries = AuditEntry.objects.filter(action=AuditAction.SEARCH, user=behandelaar).order_by("id")
    assert [(e.detail["term"], e.detail["results"]) for e in entries] == [
        ("jan smit", 1), ("loket", 1), (other.reference, 1),
    ]  # fmt: skip
    assert entries[0].detail["via"] == "workspace:my-work"


def test_filters_without_a_search_term_are_not_audited(behandelaar: Any) -> None:
    factories.logged_in(behandelaar).get(reverse("workspace:my-work"), {"state": "dreigt"})
    assert not AuditEntry.objects.filter(action=AuditAction.SEARCH).exists()


def test_a_callback_request_shows_its_attempts_and_the_two_working_day_term(behandelaar: Any) -> None:
    callback = factories.register("terugbelverzoek", timezone.localdate() - timedelta(days=1), handler=behandelaar)
    for hour in (90, 60, 30):
        services.case_record_contact_attempt(
            case=callback, actor=behandelaar, reached=False,
            attempted_at=timezone.now() - timedelta(minutes=hour),
        )  # fmt: skip
    body = factories.logged_in(behandelaar).get(reverse("workspace:my-work")).content.decode()
    assert "Terugbellen binnen 2 werkdagen." in body
    assert "3 pogingen, 3 niet bereikt." in body
    assert "Mag afgesloten worden als niet bereikt." in body


def test_an_htmx_request_gets_the_list_only(behandelaar: Any) -> None:
    _case(behandelaar, 5)
    client = factories.logged_in(behandelaar)
    full = client.get(reverse("workspace:my-work"))
    partial = client.get(reverse("workspace:my-work"), {"state": "dreigt"}, HTTP_HX_REQUEST="true")
    assert "<html" in full.content.decode()
    assert "<html" not in partial.content.decode()
    assert 'id="resultaten"' in partial.content.decode()
    assert "HX-Request" in partial.headers["Vary"]


def test_the_list_takes_a_fixed_number_of_queries(behandelaar: Any, django_assert_max_num_queries: Any) -> None:
    for days in range(8):
        _case(behandelaar, days, resident=factories.resident(surname=f"Smit{days}"))
    client = factories.logged_in(behandelaar)
    client.get(reverse("workspace:my-work"))  # warm the session
    with django_assert_max_num_queries(14):
        client.get(reverse("workspace:my-work"))
    for days in range(8):
        _case(behandelaar, days + 10)
    with django_assert_max_num_queries(14):
        client.get(reverse("workspace:my-work"))


def test_the_team_list_shows_the_teams_open_cases_but_no_sensitive_ones(behandelaar: Any, collega: Any) -> None:
    colleague_case = _case(collega, 4)
    unassigned = _case(None, 8)
    sensitive = _case(collega, 2)
    Case.objects.filter(pk=sensitive.pk).update(sensitive=True)
    beheer = factories.register("klacht", team=factories.team("Beheer"))
    client = factories.logged_in(behandelaar)
    team = _references(client.get(reverse("workspace:team-queue")))
    assert team == [colleague_case.reference, unassigned.reference]
    assert beheer.reference not in team
    assert _references(client.get(reverse("workspace:unassigned"))) == [unassigned.reference]


def test_the_summary_counts_mijn_werk_per_state(behandelaar: Any) -> None:
    _case(behandelaar, -2)
    _case(behandelaar, -1)
    _case(behandelaar, 1)
    _case(behandelaar, 60)
    assert my_work_summary(behandelaar) == {"te_laat": 2, "dreigt": 1, "op_tijd": 1, "total": 4}


def test_the_start_page_of_a_behandelaar_shows_mijn_werk(behandelaar: Any) -> None:
    _case(behandelaar, -2)
    body = factories.logged_in(behandelaar).get(reverse("home")).content.decode()
    assert "Mijn werk" in body and "Naar mijn werk" in body
    assert reverse("workspace:my-work") in body


def test_users_without_a_handling_role_have_no_work_list(db: None) -> None:
    mt = factories.user("hmulder", first="Henk", last="Mulder", team_name="BBK", role="mt")
    client = factories.logged_in(mt)
    assert client.get(reverse("workspace:my-work")).status_code == 403
    assert "Mijn werk" not in client.get(reverse("home")).content.decode()


def test_workspace_url_is_empty_for_a_page_that_does_not_exist() -> None:
    assert workspace_url("workspace:no-such-page") == ""
    assert workspace_url("workspace:my-work") == reverse("workspace:my-work")


@pytest.mark.parametrize(
    ("left", "text"),
    [(3, "nog 3 werkdagen"), (1, "nog 1 werkdag"), (0, "vandaag de laatste dag"), (-2, "2 werkdagen te laat")],
)
def test_days_text(left: int, text: str) -> None:
    assert days_text(left) == text
