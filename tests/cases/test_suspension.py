"""Suspension (opschorting, Awb 4:15 / 7:10 lid 2): case_request_information and case_information_received.

The days from the day after the request F up to and including the repair day T do not count: the due date
moves by T − F days, before the Atw. While nothing has come in, the end of the repair term counts as T.

The aanvraag used throughout: received ma 05-01-2026, 8 weeks -> due ma 02-03-2026.
Day names in the comments are Dutch: ma di wo do vr za zo.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from casus.cases import services
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, Suspension
from casus.cases.services import CaseError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanvraag(behandelaar: Any) -> Case:
    case = factories.register("aanvraag", date(2026, 1, 5), handler=behandelaar, actor=behandelaar)
    assert case.due_on == date(2026, 3, 2)
    return case


def _ask(
    case: Case, actor: Any, requested_on: date, repair_until: date, what: str = "Loonstroken van december."
) -> Any:
    return services.case_request_information(
        case=case, actor=actor, requested_on=requested_on, repair_until=repair_until, what=what
    )


def test_it_moves_the_due_date_by_the_repair_term_while_waiting(aanvraag: Case, behandelaar: Any) -> None:
    # gevraagd do 15-01, hersteltermijn tot en met do 29-01: 14 dagen stil.
    # ma 02-03-2026 + 14 = ma 16-03-2026 (werkdag)
    suspension = _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))

    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.WACHT_OP_INWONER
    assert aanvraag.due_on == date(2026, 3, 16)
    assert (suspension.requested_on, suspension.repair_until, suspension.resolved_on) == (
        date(2026, 1, 15),
        date(2026, 1, 29),
        None,
    )
    assert suspension.reason == "Loonstroken van december."
    event = factories.last_event(aanvraag)
    assert event.kind == EventKind.INFORMATION_REQUESTED
    assert event.summary == (
        "Aanvulling gevraagd: Loonstroken van december. Hersteltermijn tot en met 29-01-2026. "
        "De termijn staat stil. Uiterste datum nu 16-03-2026 (was 02-03-2026)."
    )
    assert event.data == {
        "requested_on": "2026-01-15",
        "repair_until": "2026-01-29",
        "due_before": "2026-03-02",
        "due_after": "2026-03-16",
    }


def test_it_sets_the_due_date_by_the_actual_repair_day(aanvraag: Case, behandelaar: Any) -> None:
    # gevraagd do 15-01, aangevuld ma 19-01: T − F = 4 dagen. ma 02-03 + 4 = vr 06-03-2026
    _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))

    services.case_information_received(case=aanvraag, actor=behandelaar, received_on=date(2026, 1, 19))

    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert aanvraag.due_on == date(2026, 3, 6)
    assert aanvraag.suspensions.get().resolved_on == date(2026, 1, 19)
    event = factories.last_event(aanvraag)
    assert event.kind == EventKind.INFORMATION_RECEIVED
    assert event.summary == "Aanvulling ontvangen op 19-01-2026. Uiterste datum nu 06-03-2026 (was 16-03-2026)."
    assert event.data == {"received_on": "2026-01-19", "due_before": "2026-03-16", "due_after": "2026-03-06"}


def test_it_applies_the_atw_after_adding_the_suspended_days(aanvraag: Case, behandelaar: Any) -> None:
    # gevraagd do 15-01, aangevuld di 20-01: 5 dagen. ma 02-03 + 5 = za 07-03 -> Atw: ma 09-03-2026
    _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))

    services.case_information_received(case=aanvraag, actor=behandelaar, received_on=date(2026, 1, 20))

    aanvraag.refresh_from_db()
    assert aanvraag.due_on == date(2026, 3, 9)


def test_it_counts_late_information_only_up_to_the_end_of_the_repair_term(aanvraag: Case, behandelaar: Any) -> None:
    # hersteltermijn tot en met do 29-01; aangevuld di 03-02 (te laat): telt tot 29-01, dus 14 dagen.
    # ma 02-03 + 14 = ma 16-03-2026
    _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))

    services.case_information_received(case=aanvraag, actor=behandelaar, received_on=date(2026, 2, 3))

    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.IN_BEHANDELING
    assert aanvraag.due_on == date(2026, 3, 16)
    assert factories.last_event(aanvraag).summary == (
        "Aanvulling ontvangen op 03-02-2026 (na afloop van de hersteltermijn). "
        "Uiterste datum nu 16-03-2026 (was 16-03-2026)."
    )


def test_it_adds_up_several_suspensions(aanvraag: Case, behandelaar: Any) -> None:
    # eerste: do 15-01 -> ma 19-01 = 4 dagen; tweede: ma 02-02 -> ma 09-02 = 7 dagen; samen 11.
    # ma 02-03 + 11 = vr 13-03-2026
    _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))
    services.case_information_received(case=aanvraag, actor=behandelaar, received_on=date(2026, 1, 19))
    _ask(aanvraag, behandelaar, date(2026, 2, 2), date(2026, 2, 16), what="Het huurcontract.")
    services.case_information_received(case=aanvraag, actor=behandelaar, received_on=date(2026, 2, 9))

    aanvraag.refresh_from_db()
    assert aanvraag.due_on == date(2026, 3, 13)
    assert aanvraag.suspensions.count() == 2
    assert factories.event_kinds(aanvraag)[-4:] == [
        EventKind.INFORMATION_REQUESTED,
        EventKind.INFORMATION_RECEIVED,
        EventKind.INFORMATION_REQUESTED,
        EventKind.INFORMATION_RECEIVED,
    ]


def test_it_suspends_the_decision_term_of_a_bezwaar(behandelaar: Any) -> None:
    # besluit di 03-03-2026 -> bezwaartermijn tot di 14-04; uiterste datum di 26-05-2026.
    # gevraagd wo 22-04, hersteld wo 29-04: 7 dagen. di 26-05 + 7 = di 02-06-2026
    case = factories.register("bezwaar", date(2026, 3, 20), decision_sent_on=date(2026, 3, 3))
    _ask(case, behandelaar, date(2026, 4, 22), date(2026, 5, 6), what="Een ondertekend bezwaarschrift.")
    services.case_information_received(case=case, actor=behandelaar, received_on=date(2026, 4, 29))

    case.refresh_from_db()
    assert case.due_on == date(2026, 6, 2)


def test_it_refuses_a_second_request_while_waiting(aanvraag: Case, behandelaar: Any) -> None:
    _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))

    with pytest.raises(
        CaseError, match=re.escape("Er loopt al een verzoek om aanvulling. Registreer eerst de ontvangst daarvan.")
    ):
        _ask(aanvraag, behandelaar, date(2026, 1, 20), date(2026, 2, 3))

    aanvraag.refresh_from_db()
    assert aanvraag.suspensions.count() == 1
    assert aanvraag.due_on == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("requested_on", "repair_until", "what", "message"),
    [
        pytest.param(
            date(2026, 1, 15), date(2026, 1, 29), "  ", "Schrijf op wat u de inwoner vraagt aan te vullen.", id="leeg"
        ),
        pytest.param(
            date(2026, 1, 4), date(2026, 1, 18), "Loonstroken.",
            "De datum van het verzoek moet tussen de ontvangst van de zaak en vandaag liggen.", id="voor-ontvangst",
        ),
        pytest.param(
            date(2026, 12, 1), date(2026, 12, 15), "Loonstroken.",
            "De datum van het verzoek moet tussen de ontvangst van de zaak en vandaag liggen.", id="in-de-toekomst",
        ),
        pytest.param(
            date(2026, 1, 15), date(2026, 1, 14), "Loonstroken.",
            "De hersteltermijn kan niet eindigen vóór het verzoek.", id="termijn-voor-verzoek",
        ),
    ],
)  # fmt: skip
def test_it_refuses_an_invalid_request(
    aanvraag: Case, behandelaar: Any, requested_on: date, repair_until: date, what: str, message: str
) -> None:
    with pytest.raises(CaseError) as error:
        _ask(aanvraag, behandelaar, requested_on, repair_until, what=what)

    assert str(error.value) == message
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.due_on) == (Status.ONTVANGEN, date(2026, 3, 2))
    assert not Suspension.objects.exists()
    assert factories.event_kinds(aanvraag) == [EventKind.RECEIVED, EventKind.ASSIGNED]


def test_it_refuses_information_when_nothing_was_asked(aanvraag: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=re.escape("Er loopt geen verzoek om aanvulling bij deze zaak.")):
        services.case_information_received(case=aanvraag, actor=behandelaar, received_on=date(2026, 1, 19))


@pytest.mark.parametrize("received_on", [date(2026, 1, 14), date(2026, 12, 1)], ids=["voor-verzoek", "toekomst"])
def test_it_refuses_information_dated_outside_the_request_and_today(
    aanvraag: Case, behandelaar: Any, received_on: date
) -> None:
    _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))

    with pytest.raises(CaseError, match=re.escape("De datum van ontvangst moet tussen het verzoek en vandaag liggen.")):
        services.case_information_received(case=aanvraag, actor=behandelaar, received_on=received_on)

    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.WACHT_OP_INWONER
    assert aanvraag.suspensions.get().resolved_on is None


def test_it_refuses_a_request_on_a_closed_case(aanvraag: Case, behandelaar: Any) -> None:
    services.case_close(case=aanvraag, actor=behandelaar, outcome="toegekend", closed_on=date(2026, 2, 2))

    with pytest.raises(CaseError, match="is al afgehandeld"):
        _ask(aanvraag, behandelaar, date(2026, 1, 15), date(2026, 1, 29))
