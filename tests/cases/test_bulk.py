"""Bulk creation (cases_bulk_create): references per type and year, due dates as case_register computes
them, children and events in a few statements, and all or nothing.

Day names in the comments are Dutch: ma di wo do vr za zo.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from casus.cases import services
from casus.cases.bulk import NewCase, NewContactAttempt, NewEvent, NewSuspension, cases_bulk_create
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, ContactAttempt, Event, ReferenceCounter, Suspension
from casus.cases.services import CaseError
from tests import factories

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _create(*new_cases: NewCase) -> list[Case]:
    return cases_bulk_create(organisation=factories.organisation(), new_cases=list(new_cases))


def _closed_klacht(**fields: Any) -> NewCase:
    return NewCase("klacht", date(2026, 3, 2), status=Status.AFGEHANDELD, **fields)


def _nothing_written() -> bool:
    return not any(model.objects.exists() for model in (Case, Event, Suspension, ContactAttempt, ReferenceCounter))


def test_it_reserves_references_per_type_and_year_in_order_of_receipt() -> None:
    cases = _create(
        NewCase("klacht", date(2026, 4, 12)),
        NewCase("klacht", date(2026, 3, 2)),
        NewCase("bezwaar", date(2026, 3, 20)),
        NewCase("klacht", date(2025, 12, 30)),
        NewCase("klacht", date(2026, 1, 5), reference="OUD-123"),
    )

    assert [case.reference for case in cases] == [
        "KL-2026-000002",  # received after the klacht of 02-03
        "KL-2026-000001",
        "BZ-2026-000001",
        "KL-2025-000001",
        "OUD-123",  # an imported reference is kept
    ]
    assert set(Case.objects.values_list("reference", flat=True)) == {c.reference for c in cases}
    assert factories.register("klacht", date(2026, 5, 4)).reference == "KL-2026-000003"


@pytest.mark.parametrize(
    ("new", "register_fields", "due_on"),
    [
        # zo 12-04-2026 + 6 weken = zo 24-05; ma 25-05 Tweede Pinksterdag -> di 26-05-2026
        pytest.param(NewCase("klacht", date(2026, 4, 12)), {}, date(2026, 5, 26), id="klacht"),
        # ma 02-03-2026 + 10 weken = ma 11-05-2026
        pytest.param(
            NewCase("klacht", date(2026, 3, 2), committee=True), {"committee": True}, date(2026, 5, 11), id="commissie"
        ),
        # besluit di 03-03 -> bezwaartermijn tot di 14-04 + 6 weken = di 26-05-2026
        pytest.param(
            NewCase("bezwaar", date(2026, 3, 20), decision_sent_on=date(2026, 3, 3)),
            {"decision_sent_on": date(2026, 3, 3)}, date(2026, 5, 26), id="bezwaar-op-tijd",
        ),
        # te laat ontvangen wo 22-04 -> vanaf ontvangst: wo 03-06-2026
        pytest.param(
            NewCase("bezwaar", date(2026, 4, 22), decision_sent_on=date(2026, 3, 3)),
            {"decision_sent_on": date(2026, 3, 3)}, date(2026, 6, 3), id="bezwaar-te-laat",
        ),
        # ma 30-03-2026 + 4 weken = ma 27-04 Koningsdag -> di 28-04-2026
        pytest.param(NewCase("woo", date(2026, 3, 30)), {}, date(2026, 4, 28), id="woo"),
        # do 02-04-2026: Goede Vrijdag en Tweede Paasdag tellen niet -> wo 08-04-2026
        pytest.param(NewCase("terugbelverzoek", date(2026, 4, 2)), {}, date(2026, 4, 8), id="terugbel"),
    ],
)  # fmt: skip
def test_it_computes_the_same_due_date_and_filing_check_as_case_register(
    new: NewCase, register_fields: dict[str, Any], due_on: date
) -> None:
    [bulk] = _create(new)
    registered = factories.register(new.case_type, new.received_on, **register_fields)

    assert bulk.due_on == registered.due_on == due_on
    assert bulk.filed_on_time == registered.filed_on_time
    assert Case.objects.get(pk=bulk.pk).due_on == due_on


def test_it_counts_suspensions_and_postponement_as_the_services_do(behandelaar: Any) -> None:
    # aanvraag ma 05-01-2026 + 8 weken = ma 02-03; stil do 15-01 -> ma 19-01 = 4 dagen -> vr 06-03-2026
    # klacht zo 12-04-2026, verdaagd: zo 24-05 + 4 weken = zo 21-06 -> ma 22-06-2026
    aanvraag, klacht = _create(
        NewCase(
            "aanvraag", date(2026, 1, 5),
            suspensions=[NewSuspension(date(2026, 1, 15), date(2026, 1, 29), resolved_on=date(2026, 1, 19))],
        ),
        NewCase("klacht", date(2026, 4, 12), postponed_on=date(2026, 5, 18)),
    )  # fmt: skip

    assert aanvraag.due_on == date(2026, 3, 6)
    assert klacht.due_on == date(2026, 6, 22)
    for case in (aanvraag, klacht):
        stored = Case.objects.select_related("organisation").get(pk=case.pk)
        assert services.deadline_for(stored).due == case.due_on


def test_it_writes_children_and_events(behandelaar: Any) -> None:
    at = datetime(2026, 3, 3, 9, 5, tzinfo=AMSTERDAM)
    [case] = _create(
        NewCase(
            "terugbelverzoek", date(2026, 3, 2), handler=behandelaar, status=Status.AFGEHANDELD,
            outcome="beantwoord", closed_on=date(2026, 3, 3),
            contact_attempts=[NewContactAttempt(at, reached=True, by=behandelaar)],
            events=[
                NewEvent(EventKind.IMPORTED, at, "Geïmporteerd uit het belregister."),
                NewEvent(EventKind.CLOSED, at, "Afgehandeld.", actor=behandelaar, data={"outcome": "beantwoord"}),
            ],
        ),
    )  # fmt: skip

    assert case.contact_attempts.get().by == behandelaar
    events = list(case.events.order_by("id"))
    assert [e.kind for e in events] == [EventKind.IMPORTED, EventKind.CLOSED]
    assert (events[0].actor_name, events[1].actor_name) == ("Casus", "Sanne Bakker")
    assert events[1].data == {"outcome": "beantwoord"}
    assert Case.objects.get(pk=case.pk).within_term is True  # due wo 04-03-2026


def test_it_sets_informal_for_an_informal_outcome() -> None:
    [case] = _create(
        NewCase("klacht", date(2026, 3, 2), status=Status.AFGEHANDELD, outcome="informeel_afgehandeld",
                closed_on=date(2026, 3, 9)),
    )  # fmt: skip

    assert Case.objects.get(pk=case.pk).informal is True


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        pytest.param(
            _closed_klacht(outcome="toegekend", closed_on=date(2026, 3, 9)),
            "Uitkomst 'toegekend' past niet bij zaaktype 'klacht'.", id="uitkomst",
        ),
        pytest.param(
            _closed_klacht(outcome="gegrond", closed_on=date(2026, 3, 1)),
            "De afhandeldatum ligt vóór de ontvangstdatum.", id="afgehandeld-voor-ontvangst",
        ),
        pytest.param(
            NewCase("klacht", date(2026, 3, 2), status=Status.AFGEHANDELD),
            "Een afgehandelde zaak heeft een afhandeldatum en een uitkomst, een open zaak geen van beide.",
            id="afgehandeld-zonder-uitkomst",
        ),
    ],
)  # fmt: skip
def test_it_refuses_an_invalid_case_and_writes_nothing(bad: NewCase, message: str) -> None:
    good = NewCase(
        "klacht", date(2026, 2, 2), events=[NewEvent(EventKind.IMPORTED, datetime(2026, 2, 2, tzinfo=AMSTERDAM), "x")]
    )

    with pytest.raises(CaseError) as error:
        _create(good, bad)

    assert str(error.value) == message
    assert _nothing_written()


@pytest.mark.parametrize(
    "new",
    [
        pytest.param(NewCase("woo", date(2026, 3, 30), committee=True), id="woo-met-commissie"),
        pytest.param(NewCase("aanvraag", date(2026, 1, 5), postponed_on=date(2026, 2, 2)), id="aanvraag-verdaagd"),
    ],
)
def test_it_refuses_facts_the_type_does_not_have_like_case_register(new: NewCase) -> None:
    # A woo has no committee term; an aanvraag no fixed postponement (Awb 4:14: a notice with a date).
    with pytest.raises(CaseError, match="geen"):
        _create(new)
    assert _nothing_written()
