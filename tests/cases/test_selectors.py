"""Reads: work queues, deadline-state filters, a resident's history, the chain of a case, the case page.

Today is after every due date in 2026 up to November, so those cases are overdue.
Day names in the comments are Dutch: ma di wo do vr za zo.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from casus.cases import selectors, services
from casus.cases.domain import LinkKind
from casus.cases.models import Case, Resident
from casus.deadlines import State
from tests import factories

pytestmark = pytest.mark.django_db


def _refs(cases: Any) -> list[str]:
    return [case.reference for case in cases]


# --- queues ----------------------------------------------------------------------------------------


@pytest.fixture
def queue(behandelaar: Any, collega: Any, behandelaar_beheer: Any) -> dict[str, Case]:
    """Cases registered out of order of urgency, so the queue has to sort them."""
    mine = {"handler": behandelaar, "actor": behandelaar}
    cases = {
        # vr 20-11-2026 + 6 weken = vr 01-01-2027 (servicenorm, geen Atw)
        "vraag": factories.register("vraag", date(2026, 11, 20), **mine),
        # ma 02-11-2026 + 6 weken = ma 14-12-2026
        "klacht_december": factories.register("klacht", date(2026, 11, 2), **mine),
        # zo 12-04-2026 -> di 26-05-2026: te laat
        "klacht_mei": factories.register("klacht", date(2026, 4, 12), **mine),
        # vr 20-11-2026: ma 23-11 = 1, di 24-11 = 2 werkdagen -> di 24-11-2026
        "terugbel": factories.register("terugbelverzoek", date(2026, 11, 20), **mine),
        # ma 05-01-2026 -> ma 02-03; wacht op inwoner, 14 dagen stil -> ma 16-03-2026: te laat, nog open
        "aanvraag": factories.register("aanvraag", date(2026, 1, 5), **mine),
        "gesloten": factories.register("klacht", date(2026, 3, 2), **mine),
        "van_collega": factories.register("klacht", date(2026, 3, 3), handler=collega, actor=collega),
        "zonder_behandelaar": factories.register("klacht", date(2026, 3, 4)),
        "beheer": factories.register(
            "klacht", date(2026, 3, 5), team=factories.team("Beheer"), handler=behandelaar_beheer
        ),
    }
    services.case_request_information(
        case=cases["aanvraag"], actor=behandelaar, requested_on=date(2026, 1, 15), repair_until=date(2026, 1, 29),
        what="Loonstroken.",
    )  # fmt: skip
    services.case_close(case=cases["gesloten"], actor=behandelaar, outcome="gegrond", closed_on=date(2026, 4, 1))
    return {name: Case.objects.get(pk=case.pk) for name, case in cases.items()}


def test_it_orders_the_work_queue_overdue_first_then_by_due_date(queue: dict[str, Case], behandelaar: Any) -> None:
    result = list(selectors.work_queue(user=behandelaar))

    assert [case.due_on for case in result] == [
        date(2026, 3, 16),
        date(2026, 5, 26),
        date(2026, 11, 24),
        date(2026, 12, 14),
        date(2027, 1, 1),
    ]
    assert _refs(result) == _refs(
        queue[name] for name in ("aanvraag", "klacht_mei", "terugbel", "klacht_december", "vraag")
    )


def test_it_leaves_closed_and_other_peoples_cases_out_of_the_work_queue(
    queue: dict[str, Case], behandelaar: Any
) -> None:
    references = set(_refs(selectors.work_queue(user=behandelaar)))

    for name in ("gesloten", "van_collega", "zonder_behandelaar", "beheer"):
        assert queue[name].reference not in references


def test_it_shows_the_team_all_open_cases_assigned_or_not(queue: dict[str, Case]) -> None:
    result = _refs(selectors.team_queue(team=factories.team("Werk")))

    # van_collega: di 03-03 + 6 weken = di 14-04-2026; zonder_behandelaar: wo 04-03 + 6 weken = wo 15-04-2026
    expected = ["aanvraag", "van_collega", "zonder_behandelaar", "klacht_mei", "terugbel", "klacht_december", "vraag"]
    assert result == [queue[name].reference for name in expected]
    assert _refs(selectors.unassigned_cases(team=factories.team("Werk"))) == [queue["zonder_behandelaar"].reference]


def test_it_reads_a_queue_in_one_query(
    queue: dict[str, Case], behandelaar: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        rows = [
            (case.reference, case.team.name, case.handler.username, case.organisation.slug, case.subject, case.resident)
            for case in selectors.work_queue(user=behandelaar)
        ]

    assert len(rows) == 5


# --- deadline states -------------------------------------------------------------------------------


ON = date(2026, 4, 20)  # ma; werkdagen erna: di 21, wo 22, do 23, vr 24, (ma 27 Koningsdag), di 28, wo 29


@pytest.fixture
def spread() -> list[Case]:
    """vraag cases (6 weeks, no Atw) due on every day from wo 15-04 to zo 10-05-2026."""
    first_due = date(2026, 4, 15)
    return [factories.register("vraag", first_due + timedelta(days=n) - timedelta(weeks=6)) for n in range(26)]


@pytest.mark.parametrize("state", list(State))
def test_it_filters_by_state_consistent_with_the_deadline_status_of_each_case(spread: list[Case], state: State) -> None:
    in_sql = set(selectors.filter_state(Case.objects.all(), state, on=ON).values_list("pk", flat=True))
    in_python = {case.pk for case in spread if case.deadline_status(on=ON).state == state}

    assert in_sql == in_python
    assert in_sql


@pytest.mark.parametrize(
    ("due_on", "state"),
    [
        (date(2026, 4, 19), State.TE_LAAT),  # zo, de dag vóór vandaag
        (date(2026, 4, 20), State.DREIGT),  # vandaag: 0 werkdagen over
        (date(2026, 4, 27), State.DREIGT),  # Koningsdag: 4 werkdagen over
        (date(2026, 4, 28), State.DREIGT),  # di: 5 werkdagen over, de grens
        (date(2026, 4, 29), State.OP_TIJD),  # wo: 6 werkdagen over
    ],
)
def test_it_puts_the_warning_window_at_five_working_days(spread: list[Case], due_on: date, state: State) -> None:
    [case] = [case for case in spread if case.due_on == due_on]

    assert case.deadline_status(on=ON).state == state
    assert selectors.filter_state(Case.objects.filter(pk=case.pk), state, on=ON).exists()


def test_it_honours_a_warning_window_of_zero_days(spread: list[Case]) -> None:
    [case] = [case for case in spread if case.due_on == date(2026, 4, 28)]  # 5 werkdagen over

    assert case.deadline_status(on=ON, warning_days=0).state == State.OP_TIJD


# --- a resident's history --------------------------------------------------------------------------


def test_it_includes_the_cases_of_a_merged_duplicate_in_the_history(inwoner: Resident) -> None:
    duplicate = factories.resident(given_name="J.", surname="Smit", phone="")
    other = factories.resident(given_name="Anna", surname="de Vries")
    own = [factories.register("klacht", date(2026, 2, 2), resident=inwoner)]
    own.append(factories.register("vraag", date(2026, 6, 1), resident=inwoner))
    merged = factories.register("bezwaar", date(2026, 4, 1), resident=duplicate)
    factories.register("klacht", date(2026, 5, 1), resident=other)
    Resident.objects.filter(pk=duplicate.pk).update(merged_into=inwoner)

    history = list(selectors.resident_history(resident=inwoner))

    assert history == [own[1], merged, own[0]]  # newest first


# --- the chain klacht -> bezwaar -> beroep ---------------------------------------------------------


def test_it_finds_the_whole_chain_from_any_member(behandelaar: Any) -> None:
    klacht = factories.register("klacht", date(2026, 2, 2))
    bezwaar = factories.register("bezwaar", date(2026, 4, 1))
    beroep = factories.register("beroep", date(2026, 8, 3))
    related = factories.register("vraag", date(2026, 1, 15))
    services.case_link(case=bezwaar, other=klacht, kind=LinkKind.FOLLOWS_FROM, actor=behandelaar)
    services.case_link(case=beroep, other=bezwaar, kind=LinkKind.FOLLOWS_FROM, actor=behandelaar)
    services.case_link(case=klacht, other=related, kind=LinkKind.RELATED, actor=behandelaar)

    for member in (klacht, bezwaar, beroep):
        assert selectors.case_chain(case=member) == [klacht, bezwaar, beroep]
    assert selectors.case_chain(case=related) == [related]


# --- the case page ---------------------------------------------------------------------------------


def _case_page(pk: int) -> list[Any]:
    """Everything the case page shows, touched the way a template would."""
    case = selectors.case_detail(pk=pk)
    shown: list[Any] = [
        case.reference, case.organisation.name, case.team.name, case.handler.get_full_name(), case.subject.name,
        case.nature.name, case.resident.full_name, case.resident.merged_into,
    ]  # fmt: skip
    shown += [(event.summary, event.actor and event.actor.get_full_name()) for event in case.events.all()]
    shown += [suspension.effective_end for suspension in case.suspensions.all()]
    shown += [(attempt.attempted_at, attempt.by and attempt.by.username) for attempt in case.contact_attempts.all()]
    return shown


@pytest.mark.parametrize("notes", [1, 25])
def test_it_reads_the_case_page_in_a_fixed_number_of_queries(
    notes: int, behandelaar: Any, collega: Any, inwoner: Resident, django_assert_num_queries: Any
) -> None:
    case = factories.register(
        "klacht", date(2026, 4, 12), resident=inwoner, subject=factories.subject(), nature=factories.nature(),
        handler=behandelaar, actor=behandelaar,
    )  # fmt: skip
    services.case_request_information(
        case=case, actor=behandelaar, requested_on=date(2026, 4, 14), repair_until=date(2026, 4, 28), what="Brief."
    )
    services.case_record_contact_attempt(
        case=case, actor=collega, attempted_at=datetime(2026, 4, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
        reached=True,
    )  # fmt: skip
    for number in range(notes):
        services.case_add_note(case=case, actor=(behandelaar, collega)[number % 2], text=f"Notitie {number}.")

    # 1 case with its foreign keys, then 1 each for events (with actors), suspensions and contact attempts
    with django_assert_num_queries(4):
        shown = _case_page(case.pk)

    assert len(shown) == 8 + 4 + notes + 1 + 1  # ontvangen, toegewezen, informatie_gevraagd, contactpoging
