"""Registering a case (case_register): its reference, its due date from the engine, its first Events.

Every due date below is counted by hand from shared/DOMAIN.md §4, not by running the engine.
Day names in the comments are Dutch: ma di wo do vr za zo. Atw holidays 2026 used here: Goede Vrijdag
vr 03-04, Tweede Paasdag ma 06-04, Koningsdag ma 27-04, Bevrijdingsdag di 05-05, Hemelvaart do 14-05,
Tweede Pinksterdag ma 25-05.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.db import transaction

from casus.cases.bulk import NewCase, cases_bulk_create
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, Event, ReferenceCounter
from casus.cases.services import CaseError
from tests import factories

pytestmark = pytest.mark.django_db


def _nothing_written() -> bool:
    return not Case.objects.exists() and not Event.objects.exists() and not ReferenceCounter.objects.exists()


# --- references ------------------------------------------------------------------------------------


def test_it_numbers_the_first_klacht_of_the_year_kl_2026_000001() -> None:
    case = factories.register("klacht", date(2026, 4, 12))

    assert case.reference == "KL-2026-000001"
    assert Case.objects.get(reference="KL-2026-000001") == case


def test_it_numbers_gap_free_per_organisation_type_and_year() -> None:
    klachten = [factories.register("klacht", date(2026, 4, day)) for day in (12, 13, 14)]
    bezwaar = factories.register("bezwaar", date(2026, 4, 15))
    klacht_2025 = factories.register("klacht", date(2025, 12, 30))
    elsewhere = factories.register("klacht", date(2026, 4, 16), organisation=factories.other_organisation(), team=None)
    fourth = factories.register("klacht", date(2026, 4, 17))

    assert [c.reference for c in klachten] == ["KL-2026-000001", "KL-2026-000002", "KL-2026-000003"]
    assert bezwaar.reference == "BZ-2026-000001"
    assert klacht_2025.reference == "KL-2025-000001"  # the year of receipt, not of registration
    assert elsewhere.reference == "KL-2026-000001"  # another organisation counts on its own
    assert fourth.reference == "KL-2026-000004"


@pytest.mark.parametrize(
    ("case_type", "reference"),
    [
        ("vraag", "VR-2026-000001"),
        ("terugbelverzoek", "TB-2026-000001"),
        ("klacht", "KL-2026-000001"),
        ("bezwaar", "BZ-2026-000001"),
        ("beroep", "BR-2026-000001"),
        ("aanvraag", "AV-2026-000001"),
        ("wmo_melding", "WM-2026-000001"),
        ("wmo_aanvraag", "WA-2026-000001"),
        ("woo", "WOO-2026-000001"),
    ],
)
def test_it_uses_the_prefix_of_each_case_type(case_type: str, reference: str) -> None:
    assert factories.register(case_type, date(2026, 3, 2)).reference == reference


def test_it_gives_the_number_of_a_rolled_back_registration_back() -> None:
    first = factories.register("klacht", date(2026, 4, 12))
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.register("klacht", date(2026, 4, 13))
        raise RuntimeError("de server valt uit na het registreren")
    after = factories.register("klacht", date(2026, 4, 14))

    assert first.reference == "KL-2026-000001"
    assert after.reference == "KL-2026-000002"  # no gap where the rolled-back case was
    assert list(Case.objects.values_list("reference", flat=True).order_by("reference")) == [
        "KL-2026-000001",
        "KL-2026-000002",
    ]


def test_it_skips_a_number_an_imported_case_already_carries() -> None:
    cases_bulk_create(
        organisation=factories.organisation(),
        new_cases=[NewCase(case_type="klacht", received_on=date(2026, 1, 5), reference="KL-2026-000001")],
    )

    assert factories.register("klacht", date(2026, 4, 12)).reference == "KL-2026-000002"
    assert factories.register("klacht", date(2026, 4, 13)).reference == "KL-2026-000003"


# --- due dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case_type", "received_on", "due_on"),
    [
        # zo 12-04-2026 + 6 weken = zo 24-05 (Pinksteren); ma 25-05 Tweede Pinksterdag -> di 26-05-2026
        pytest.param("klacht", date(2026, 4, 12), date(2026, 5, 26), id="klacht-pinksteren"),
        # ma 02-03-2026 + 6 weken = ma 13-04-2026, een werkdag
        pytest.param("klacht", date(2026, 3, 2), date(2026, 4, 13), id="klacht-gewoon"),
        # do 15-01-2026 + 6 weken = do 26-02-2026 (servicenorm)
        pytest.param("vraag", date(2026, 1, 15), date(2026, 2, 26), id="vraag-gewoon"),
        # zo 12-04-2026 + 6 weken = zo 24-05-2026; servicenorm, geen Atw: blijft zondag
        pytest.param("vraag", date(2026, 4, 12), date(2026, 5, 24), id="vraag-geen-atw"),
        # ma 02-03-2026: di 03-03 = 1, wo 04-03 = 2 werkdagen
        pytest.param("terugbelverzoek", date(2026, 3, 2), date(2026, 3, 4), id="terugbel-maandag"),
        # do 02-04-2026: vr 03-04 Goede Vrijdag, za, zo, ma 06-04 Tweede Paasdag; di 07-04 = 1, wo 08-04 = 2
        pytest.param("terugbelverzoek", date(2026, 4, 2), date(2026, 4, 8), id="terugbel-pasen"),
        # ma 30-03-2026 + 4 weken = ma 27-04 Koningsdag -> di 28-04-2026
        pytest.param("woo", date(2026, 3, 30), date(2026, 4, 28), id="woo-koningsdag"),
        # ma 05-01-2026 + 8 weken = ma 02-03-2026
        pytest.param("aanvraag", date(2026, 1, 5), date(2026, 3, 2), id="aanvraag"),
        # wo 01-04-2026 + 4 weken = wo 29-04-2026 (verweerschrift)
        pytest.param("beroep", date(2026, 4, 1), date(2026, 4, 29), id="beroep"),
        # di 24-03-2026 + 6 weken = di 05-05 Bevrijdingsdag (elk jaar) -> wo 06-05-2026
        pytest.param("wmo_melding", date(2026, 3, 24), date(2026, 5, 6), id="wmo-melding-bevrijdingsdag"),
        # do 30-04-2026 + 2 weken = do 14-05 Hemelvaartsdag -> vr 15-05-2026
        pytest.param("wmo_aanvraag", date(2026, 4, 30), date(2026, 5, 15), id="wmo-aanvraag-hemelvaart"),
        # bezwaar zonder verzenddatum besluit: vanaf ontvangst, vr 20-03-2026 + 6 weken = vr 01-05-2026
        pytest.param("bezwaar", date(2026, 3, 20), date(2026, 5, 1), id="bezwaar-zonder-besluitdatum"),
    ],
)
def test_it_computes_the_due_date_with_the_engine(case_type: str, received_on: date, due_on: date) -> None:
    case = factories.register(case_type, received_on)

    assert case.due_on == due_on
    case.refresh_from_db()
    assert case.due_on == due_on
    assert factories.last_event(case).data["due_on"] == due_on.isoformat()


def test_it_counts_ten_weeks_for_a_klacht_with_an_advisory_committee() -> None:
    # ma 02-03-2026 + 10 weken = ma 11-05-2026
    case = factories.register("klacht", date(2026, 3, 2), committee=True)

    assert case.committee is True
    assert case.due_on == date(2026, 5, 11)


def test_it_counts_a_bezwaar_from_the_end_of_the_filing_term() -> None:
    # besluit verzonden di 03-03-2026; bezwaartermijn + 6 weken = di 14-04-2026.
    # ontvangen vr 20-03-2026: op tijd. Beslistermijn vanaf de dag na 14-04: + 6 weken = di 26-05-2026
    # (vanaf ontvangst zou het vr 01-05-2026 zijn).
    case = factories.register("bezwaar", date(2026, 3, 20), decision_sent_on=date(2026, 3, 3))

    assert case.filed_on_time is True
    assert case.due_on == date(2026, 5, 26)
    assert "niet-ontvankelijk" not in factories.last_event(case).summary


def test_it_extends_the_filing_term_by_the_atw_before_counting_the_decision_term() -> None:
    # besluit verzonden ma 16-03-2026 + 6 weken = ma 27-04 Koningsdag -> bezwaartermijn tot di 28-04-2026.
    # ontvangen wo 22-04-2026: op tijd. 28-04 + 6 weken = di 09-06-2026.
    case = factories.register("bezwaar", date(2026, 4, 22), decision_sent_on=date(2026, 3, 16))

    assert case.filed_on_time is True
    assert case.due_on == date(2026, 6, 9)


def test_it_marks_a_late_bezwaar_and_proposes_niet_ontvankelijk() -> None:
    # besluit verzonden di 03-03-2026, bezwaartermijn tot di 14-04-2026; ontvangen wo 22-04-2026, geen poststempel.
    # Beslistermijn vanaf de dag na ontvangst: wo 22-04 + 6 weken = wo 03-06-2026.
    case = factories.register("bezwaar", date(2026, 4, 22), decision_sent_on=date(2026, 3, 3))

    assert case.filed_on_time is False
    assert case.due_on == date(2026, 6, 3)
    event = factories.last_event(case)
    assert event.kind == EventKind.RECEIVED
    assert event.data["filed_on_time"] is False
    assert "te laat ingediend: voorstel niet-ontvankelijk" in event.summary


def test_it_accepts_a_bezwaar_posted_in_time_and_received_within_a_week() -> None:
    # bezwaartermijn tot di 14-04-2026; gepost ma 13-04, ontvangen ma 20-04 (uiterlijk di 21-04): op tijd (Awb 6:9).
    # Ontvangen na de bezwaartermijn, dus vanaf ontvangst: ma 20-04 + 6 weken = ma 01-06-2026.
    case = factories.register(
        "bezwaar", date(2026, 4, 20), decision_sent_on=date(2026, 3, 3), posted_on=date(2026, 4, 13)
    )

    assert case.filed_on_time is True
    assert case.due_on == date(2026, 6, 1)


def test_it_refuses_the_posting_rule_when_the_letter_came_after_the_grace_week() -> None:
    # gepost ma 13-04 (op tijd), maar ontvangen wo 22-04: na di 21-04, de week na de bezwaartermijn.
    case = factories.register(
        "bezwaar", date(2026, 4, 22), decision_sent_on=date(2026, 3, 3), posted_on=date(2026, 4, 13)
    )

    assert case.filed_on_time is False


def test_it_does_not_propose_niet_ontvankelijk_when_the_delay_is_excused() -> None:
    case = factories.register("bezwaar", date(2026, 4, 22), decision_sent_on=date(2026, 3, 3), delay_excused=True)

    assert (case.filed_on_time, case.delay_excused) == (False, True)
    summary = factories.last_event(case).summary
    assert "voorstel niet-ontvankelijk" not in summary
    assert "verschoonbaar (Awb 6:11)" in summary


# --- invalid input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case_type", "received_on", "fields", "message"),
    [
        pytest.param("klacht", date(2026, 12, 1), {}, "De ontvangstdatum ligt in de toekomst.", id="toekomst"),
        pytest.param("zienswijze", date(2026, 4, 12), {}, "Onbekend zaaktype 'zienswijze'.", id="onbekend-type"),
        pytest.param(
            "klacht", date(2026, 4, 12), {"decision_sent_on": date(2026, 3, 3)},
            "De verzenddatum van een besluit hoort alleen bij een bezwaar.", id="besluitdatum-bij-klacht",
        ),
        pytest.param(
            "woo", date(2026, 4, 12), {"committee": True},
            "Bij een woo-verzoek bestaat geen adviescommissie-termijn.", id="commissie-bij-woo",
        ),
        pytest.param(
            "klacht", date(2026, 4, 12), {"filed_at_court_on": date(2026, 4, 1)},
            "De datum van indiening bij de rechtbank hoort alleen bij een beroep.", id="rechtbank-bij-klacht",
        ),
        pytest.param(
            "beroep", date(2026, 4, 1), {"filed_at_court_on": date(2026, 4, 2)},
            "Het beroep kan niet later bij de rechtbank zijn ingediend dan wij het bericht kregen.",
            id="rechtbank-na-ontvangst",
        ),
        pytest.param(
            "bezwaar", date(2026, 3, 20), {"decision_sent_on": date(2026, 3, 23)},
            "Het besluit kan niet later verzonden zijn dan het bezwaar is ontvangen.", id="besluit-na-bezwaar",
        ),
    ],
)  # fmt: skip
def test_it_refuses_invalid_input_with_a_dutch_message(
    case_type: str, received_on: date, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(CaseError) as error:
        factories.register(case_type, received_on, **fields)

    assert str(error.value) == message
    assert _nothing_written()


def test_it_refuses_a_team_of_another_organisation() -> None:
    foreign_team = factories.team("Klantcontact", org=factories.other_organisation())

    with pytest.raises(CaseError, match=re.escape("Team Klantcontact hoort niet bij Gemeente Almere.")):
        factories.register("klacht", date(2026, 4, 12), team=foreign_team)
    assert _nothing_written()


def test_it_refuses_a_resident_of_another_organisation() -> None:
    stranger = factories.resident(organisation=factories.other_organisation())

    with pytest.raises(CaseError, match=re.escape("Deze inwoner hoort bij een andere organisatie.")):
        factories.register("klacht", date(2026, 4, 12), resident=stranger)
    assert _nothing_written()


def test_it_gives_the_next_number_after_a_refused_registration() -> None:
    with pytest.raises(CaseError):
        factories.register("klacht", date(2026, 12, 1))

    assert factories.register("klacht", date(2026, 4, 12)).reference == "KL-2026-000001"


# --- the timeline ----------------------------------------------------------------------------------


def test_it_writes_the_event_ontvangen(behandelaar: Any, inwoner: Any) -> None:
    case = factories.register(
        "klacht", date(2026, 4, 12), actor=behandelaar, resident=inwoner, description="  Lang wachten  "
    )

    assert case.status == Status.ONTVANGEN
    assert case.handler is None
    assert case.description == "Lang wachten"
    [event] = case.events.all()
    assert event.kind == EventKind.RECEIVED
    assert event.actor == behandelaar
    assert event.actor_name == "Sanne Bakker"
    assert event.summary == "Klacht ontvangen via e-mail. Uiterste datum 26-05-2026."
    assert event.data == {"channel": "email", "due_on": "2026-05-26", "filed_on_time": None}


def test_it_names_casus_as_the_actor_of_a_registration_without_a_person() -> None:
    event = factories.last_event(factories.register("vraag", date(2026, 1, 15), channel=""))

    assert event.actor is None
    assert event.actor_name == "Casus"
    assert event.summary == "Vraag ontvangen. Uiterste datum 26-02-2026."


def test_it_writes_toegewezen_when_registered_with_a_handler(
    behandelaar: Any,
    coordinator: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        case = factories.register("klacht", date(2026, 4, 12), actor=coordinator, handler=behandelaar)
        assert mailoutbox == []  # not before the registration is committed

    case.refresh_from_db()
    assert case.handler == behandelaar
    assert factories.event_kinds(case) == [EventKind.RECEIVED, EventKind.ASSIGNED]
    assigned = factories.last_event(case)
    assert assigned.summary == "Toegewezen aan Sanne Bakker."
    assert assigned.actor == coordinator
    assert assigned.data == {"to_handler": behandelaar.pk}
    [mail] = mailoutbox
    assert mail.to == ["sbakker@casus.invalid"]
    assert mail.subject == "Casus: zaak KL-2026-000001 aan u toegewezen"


def test_it_sends_no_mail_to_a_handler_who_registers_for_themselves(
    behandelaar: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        case = factories.register("klacht", date(2026, 4, 12), actor=behandelaar, handler=behandelaar)

    assert factories.event_kinds(case) == [EventKind.RECEIVED, EventKind.ASSIGNED]
    assert mailoutbox == []
