"""Contact attempts, closing and reopening, notes, links and the safety flag.

A klacht received zo 12-04-2026 is due di 26-05-2026; a terugbelverzoek received ma 02-03-2026 is due
wo 04-03-2026 (test_register.py counts both).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from casus.cases import services
from casus.cases.domain import EventKind, LinkKind, Status, TeamRole
from casus.cases.models import Case, CaseLink, ContactAttempt
from casus.cases.services import CaseError
from tests import factories

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def klacht(behandelaar: Any) -> Case:
    return factories.register("klacht", date(2026, 4, 12), handler=behandelaar, actor=behandelaar)


@pytest.fixture
def terugbelverzoek(behandelaar: Any) -> Case:
    case = factories.register("terugbelverzoek", date(2026, 3, 2), channel="telefoon", handler=behandelaar)
    assert case.due_on == date(2026, 3, 4)
    return case


def _call(case: Case, actor: Any, at: datetime, reached: bool = False, note: str = "") -> ContactAttempt:
    return services.case_record_contact_attempt(case=case, actor=actor, attempted_at=at, reached=reached, note=note)


def _close(case: Case, actor: Any, outcome: str, closed_on: date | None = None, **fields: Any) -> Case:
    return services.case_close(case=case, actor=actor, outcome=outcome, closed_on=closed_on, **fields)


# --- contact attempts ------------------------------------------------------------------------------


def test_it_logs_a_contact_attempt_with_its_time(terugbelverzoek: Case, behandelaar: Any) -> None:
    attempt = _call(terugbelverzoek, behandelaar, _at(3, 9, 5), note=" Voicemail ingesproken. ")

    assert attempt.by == behandelaar
    assert attempt.reached is False
    assert attempt.note == "Voicemail ingesproken."
    event = factories.last_event(terugbelverzoek)
    assert event.kind == EventKind.CONTACT_ATTEMPT
    assert event.summary == "Gebeld op 03-03-2026 om 09:05: niet bereikt. Voicemail ingesproken."
    assert event.data["reached"] is False
    assert datetime.fromisoformat(event.data["attempted_at"]) == _at(3, 9, 5)


def test_it_logs_a_successful_call(terugbelverzoek: Case, behandelaar: Any) -> None:
    _call(terugbelverzoek, behandelaar, _at(3, 14, 30), reached=True)

    assert factories.last_event(terugbelverzoek).summary == "Gebeld op 03-03-2026 om 14:30: bereikt."


def test_it_refuses_a_contact_attempt_in_the_future(terugbelverzoek: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=re.escape("Een contactpoging kan niet in de toekomst liggen.")):
        _call(terugbelverzoek, behandelaar, timezone.now() + timedelta(hours=1))

    assert not ContactAttempt.objects.exists()


def test_it_refuses_a_contact_attempt_on_a_closed_case(terugbelverzoek: Case, behandelaar: Any) -> None:
    _close(terugbelverzoek, behandelaar, "beantwoord", date(2026, 3, 3))

    with pytest.raises(CaseError, match="is al afgehandeld"):
        _call(terugbelverzoek, behandelaar, _at(3, 16, 0))


def test_it_closes_a_callback_as_niet_bereikt_only_after_three_failed_attempts(
    terugbelverzoek: Case, behandelaar: Any
) -> None:
    _call(terugbelverzoek, behandelaar, _at(3, 9, 5))
    _call(terugbelverzoek, behandelaar, _at(3, 13, 30))
    _call(terugbelverzoek, behandelaar, _at(3, 11, 0), reached=True)  # reached: does not count as failed

    with pytest.raises(CaseError, match=r"'Niet bereikt' kan pas na 3 mislukte belpogingen \(nu 2\)."):
        _close(terugbelverzoek, behandelaar, "niet_bereikt", date(2026, 3, 4))
    assert Case.objects.get(pk=terugbelverzoek.pk).status == Status.ONTVANGEN

    _call(terugbelverzoek, behandelaar, _at(4, 9, 15))
    _close(terugbelverzoek, behandelaar, "niet_bereikt", date(2026, 3, 4))

    terugbelverzoek.refresh_from_db()
    assert (terugbelverzoek.status, terugbelverzoek.outcome) == (Status.AFGEHANDELD, "niet_bereikt")


def test_it_refuses_niet_bereikt_on_a_callback_without_attempts(terugbelverzoek: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=r"\(nu 0\)"):
        _close(terugbelverzoek, behandelaar, "niet_bereikt", date(2026, 3, 4))

    assert Case.objects.get(pk=terugbelverzoek.pk).status == Status.ONTVANGEN


# --- closing ---------------------------------------------------------------------------------------


def test_it_closes_a_klacht_within_its_term(klacht: Case, behandelaar: Any) -> None:
    _close(klacht, behandelaar, "gegrond", date(2026, 5, 20), closing_text="  Excuses gemaakt. ")

    klacht.refresh_from_db()
    assert (klacht.status, klacht.outcome, klacht.closed_on) == (Status.AFGEHANDELD, "gegrond", date(2026, 5, 20))
    assert klacht.closing_text == "Excuses gemaakt."
    assert klacht.informal is False
    assert klacht.within_term is True
    event = factories.last_event(klacht)
    assert event.kind == EventKind.CLOSED
    assert event.summary == "Afgehandeld op 20-05-2026: gegrond, binnen de termijn."
    assert event.data == {"outcome": "gegrond", "closed_on": "2026-05-20", "informal": False, "within_term": True}


@pytest.mark.parametrize(
    ("closed_on", "within_term", "summary"),
    [
        (date(2026, 5, 26), True, "Afgehandeld op 26-05-2026: ongegrond, binnen de termijn."),
        (date(2026, 5, 27), False, "Afgehandeld op 27-05-2026: ongegrond, na de termijn (26-05-2026)."),
    ],
    ids=["op-de-uiterste-datum", "een-dag-te-laat"],
)
def test_it_records_whether_the_case_was_closed_within_term(
    klacht: Case, behandelaar: Any, closed_on: date, within_term: bool, summary: str
) -> None:
    _close(klacht, behandelaar, "ongegrond", closed_on)

    assert Case.objects.get(pk=klacht.pk).within_term is within_term
    assert factories.last_event(klacht).summary == summary
    assert factories.last_event(klacht).data["within_term"] is within_term


def test_it_closes_today_when_no_date_is_given(klacht: Case, behandelaar: Any) -> None:
    _close(klacht, behandelaar, "ongegrond")

    assert Case.objects.get(pk=klacht.pk).closed_on == timezone.localdate()


@pytest.mark.parametrize(
    ("case_type", "outcome"),
    [("klacht", "toegekend"), ("bezwaar", "geen_oordeel"), ("vraag", "gegrond"), ("aanvraag", "beantwoord"),
     ("woo", "gegrond"), ("terugbelverzoek", "toegekend"), ("klacht", "onzin")],
)  # fmt: skip
def test_it_refuses_an_outcome_that_does_not_fit_the_type(case_type: str, outcome: str, behandelaar: Any) -> None:
    case = factories.register(case_type, date(2026, 3, 2))

    with pytest.raises(CaseError, match=f"Uitkomst '{outcome}' past niet bij een"):
        _close(case, behandelaar, outcome, date(2026, 3, 20))

    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on) == (Status.ONTVANGEN, "", None)
    assert factories.event_kinds(case) == [EventKind.RECEIVED]


def test_it_lists_the_allowed_outcomes_in_the_message(klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError) as error:
        _close(klacht, behandelaar, "toegekend", date(2026, 5, 20))

    assert str(error.value) == (
        "Uitkomst 'toegekend' past niet bij een klacht. Kies: gegrond, deels gegrond, ongegrond, geen oordeel, "
        "informeel afgehandeld, ingetrokken, niet in behandeling genomen."
    )


@pytest.mark.parametrize(
    ("closed_on", "message"),
    [
        (date(2026, 4, 11), "De afhandeldatum ligt vóór de ontvangstdatum."),
        (date(2026, 12, 1), "De afhandeldatum ligt in de toekomst."),
    ],
    ids=["voor-ontvangst", "toekomst"],
)
def test_it_refuses_a_closing_date_outside_the_case(
    klacht: Case, behandelaar: Any, closed_on: date, message: str
) -> None:
    with pytest.raises(CaseError) as error:
        _close(klacht, behandelaar, "gegrond", closed_on)

    assert str(error.value) == message
    assert Case.objects.get(pk=klacht.pk).status == Status.ONTVANGEN


@pytest.mark.parametrize(
    ("case_type", "outcome", "informal", "expected"),
    [
        pytest.param("klacht", "informeel_afgehandeld", False, True, id="klacht-informeel-afgehandeld"),
        pytest.param("bezwaar", "informeel_opgelost", False, True, id="bezwaar-informeel-opgelost"),
        pytest.param("klacht", "gegrond", True, True, id="gegrond-na-gesprek"),
        pytest.param("klacht", "gegrond", False, False, id="gegrond-formeel"),
    ],
)
def test_it_sets_informal_for_informal_outcomes(
    case_type: str, outcome: str, informal: bool, expected: bool, behandelaar: Any
) -> None:
    case = factories.register(case_type, date(2026, 3, 2))

    _close(case, behandelaar, outcome, date(2026, 3, 20), informal=informal)

    assert Case.objects.get(pk=case.pk).informal is expected
    assert factories.last_event(case).summary.endswith(" Informeel afgehandeld.") is expected


def test_it_refuses_to_close_a_closed_case(klacht: Case, behandelaar: Any) -> None:
    _close(klacht, behandelaar, "gegrond", date(2026, 5, 20))

    with pytest.raises(CaseError, match=re.escape("Zaak KL-2026-000001 is al afgehandeld. Heropen de zaak eerst.")):
        _close(klacht, behandelaar, "ongegrond", date(2026, 5, 21))

    assert Case.objects.get(pk=klacht.pk).outcome == "gegrond"


# --- reopening -------------------------------------------------------------------------------------


def test_it_reopens_and_keeps_the_earlier_outcome_on_the_timeline(klacht: Case, behandelaar: Any) -> None:
    _close(klacht, behandelaar, "informeel_afgehandeld", date(2026, 5, 20), closing_text="Gebeld.")

    services.case_reopen(case=klacht, actor=behandelaar, reason=" Inwoner belt: het is toch niet opgelost. ")

    klacht.refresh_from_db()
    assert klacht.status == Status.IN_BEHANDELING
    assert (klacht.outcome, klacht.closed_on, klacht.informal, klacht.closing_text) == ("", None, False, "")
    assert klacht.within_term is None
    assert factories.event_kinds(klacht) == [
        EventKind.RECEIVED,
        EventKind.ASSIGNED,
        EventKind.CLOSED,
        EventKind.REOPENED,
    ]
    closed = klacht.events.get(kind=EventKind.CLOSED)
    assert closed.data["outcome"] == "informeel_afgehandeld"
    reopened = factories.last_event(klacht)
    assert reopened.summary == "Heropend: Inwoner belt: het is toch niet opgelost."
    assert reopened.data == {
        "reason": "Inwoner belt: het is toch niet opgelost.",
        "previous_outcome": "informeel_afgehandeld",
        "previous_closed_on": "2026-05-20",
        "previous_informal": True,
    }


def test_it_closes_a_reopened_case_again(klacht: Case, behandelaar: Any) -> None:
    _close(klacht, behandelaar, "informeel_afgehandeld", date(2026, 5, 20))
    services.case_reopen(case=klacht, actor=behandelaar, reason="Toch niet opgelost.")

    _close(klacht, behandelaar, "gegrond", date(2026, 5, 22))

    klacht.refresh_from_db()
    assert (klacht.outcome, klacht.informal) == ("gegrond", False)
    assert factories.event_kinds(klacht).count(EventKind.CLOSED) == 2


def test_it_refuses_to_reopen_an_open_case(klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=re.escape("Zaak KL-2026-000001 is niet afgehandeld.")):
        services.case_reopen(case=klacht, actor=behandelaar, reason="Waarom niet.")


def test_it_requires_a_reason_to_reopen(klacht: Case, behandelaar: Any) -> None:
    _close(klacht, behandelaar, "gegrond", date(2026, 5, 20))

    with pytest.raises(CaseError, match=re.escape("Geef de reden om de zaak te heropenen.")):
        services.case_reopen(case=klacht, actor=behandelaar, reason="  ")

    assert Case.objects.get(pk=klacht.pk).status == Status.AFGEHANDELD


# --- notes -----------------------------------------------------------------------------------------


def test_it_adds_a_note_to_the_timeline(klacht: Case, behandelaar: Any) -> None:
    event = services.case_add_note(case=klacht, actor=behandelaar, text="  Inwoner is slecht bereikbaar na 15 uur. ")

    assert event.kind == EventKind.NOTE
    assert event.summary == "Inwoner is slecht bereikbaar na 15 uur."
    assert (event.actor, event.actor_name) == (behandelaar, "Sanne Bakker")
    assert factories.last_event(klacht) == event


def test_it_refuses_an_empty_note(klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=re.escape("Een notitie kan niet leeg zijn.")):
        services.case_add_note(case=klacht, actor=behandelaar, text=" \n ")

    assert EventKind.NOTE not in factories.event_kinds(klacht)


# --- links -----------------------------------------------------------------------------------------


def test_it_links_a_bezwaar_to_the_klacht_it_follows_from_with_an_event_on_both(klacht: Case, behandelaar: Any) -> None:
    bezwaar = factories.register("bezwaar", date(2026, 6, 1))

    link = services.case_link(case=bezwaar, other=klacht, kind=LinkKind.FOLLOWS_FROM, actor=behandelaar)

    assert (link.from_case, link.to_case, link.kind) == (bezwaar, klacht, LinkKind.FOLLOWS_FROM)
    for case, other in ((bezwaar, klacht), (klacht, bezwaar)):
        event = factories.last_event(case)
        assert event.kind == EventKind.LINKED
        assert event.summary == "Gekoppeld: BZ-2026-000001 volgt uit KL-2026-000001."
        assert event.data == {"other": other.reference, "link": "follows_from"}


def test_it_refuses_to_link_a_case_to_itself(klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=re.escape("Een zaak kan niet aan zichzelf gekoppeld worden.")):
        services.case_link(case=klacht, other=klacht, kind=LinkKind.RELATED, actor=behandelaar)

    assert not CaseLink.objects.exists()


def test_it_refuses_to_link_cases_of_different_organisations(klacht: Case, behandelaar: Any) -> None:
    elsewhere = factories.register("klacht", date(2026, 4, 13), organisation=factories.other_organisation(), team=None)

    with pytest.raises(
        CaseError, match=re.escape("Zaken van verschillende organisaties kunnen niet gekoppeld worden.")
    ):
        services.case_link(case=klacht, other=elsewhere, kind=LinkKind.RELATED, actor=behandelaar)

    assert not CaseLink.objects.exists()
    assert EventKind.LINKED not in factories.event_kinds(elsewhere)


def test_it_refuses_an_unknown_link_kind(klacht: Case, behandelaar: Any) -> None:
    other = factories.register("klacht", date(2026, 4, 13))

    with pytest.raises(CaseError, match=re.escape("Onbekende soort koppeling 'ouder_van'.")):
        services.case_link(case=klacht, other=other, kind="ouder_van", actor=behandelaar)


def test_it_refuses_the_same_link_twice(klacht: Case, behandelaar: Any) -> None:
    other = factories.register("klacht", date(2026, 4, 13))
    services.case_link(case=other, other=klacht, kind=LinkKind.DUPLICATE_OF, actor=behandelaar)

    with pytest.raises(CaseError, match=re.escape("KL-2026-000002 is al zo gekoppeld aan KL-2026-000001.")):
        services.case_link(case=other, other=klacht, kind=LinkKind.DUPLICATE_OF, actor=behandelaar)

    assert CaseLink.objects.count() == 1
    assert factories.event_kinds(klacht).count(EventKind.LINKED) == 1


# --- safety flag -----------------------------------------------------------------------------------


def test_it_flags_safety_marks_the_case_sensitive_and_alerts_the_coordinator_after_commit(
    klacht: Case,
    behandelaar: Any,
    collega: Any,
    coordinator: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    elders = factories.user("tdekker", first="Tim", last="Dekker", team_name="Beheer", role=TeamRole.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_flag_safety(case=klacht, actor=behandelaar, note=" Inwoner noemde zelfdoding aan de telefoon. ")
        assert mailoutbox == []

    klacht.refresh_from_db()
    assert (klacht.safety_flag, klacht.sensitive) == (True, True)
    event = factories.last_event(klacht)
    assert event.kind == EventKind.SAFETY_FLAG
    assert event.summary == (
        "Veiligheidssignaal gemeld. Volg het protocol (113 Zelfmoordpreventie: 0800-0113; nood: 112). "
        "Inwoner noemde zelfdoding aan de telefoon."
    )
    [mail] = mailoutbox
    assert mail.to == [coordinator.email]  # not the behandelaars of Werk, not the coördinator of Beheer
    assert elders.email not in mail.to
    assert mail.subject == "Casus: veiligheidssignaal KL-2026-000001"
    assert "Inwoner noemde zelfdoding aan de telefoon." in mail.body


def test_it_does_not_alert_an_inactive_coordinator(
    klacht: Case,
    behandelaar: Any,
    coordinator: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])

    with django_capture_on_commit_callbacks(execute=True):
        services.case_flag_safety(case=klacht, actor=behandelaar)

    assert mailoutbox == []
    assert Case.objects.get(pk=klacht.pk).safety_flag is True


def test_it_refuses_a_second_safety_flag(klacht: Case, behandelaar: Any) -> None:
    services.case_flag_safety(case=klacht, actor=behandelaar)

    with pytest.raises(CaseError, match=re.escape("Deze zaak heeft al een veiligheidssignaal.")):
        services.case_flag_safety(case=klacht, actor=behandelaar)

    assert factories.event_kinds(klacht).count(EventKind.SAFETY_FLAG) == 1


def test_it_refuses_a_contact_attempt_before_the_case_was_received(behandelaar: Any) -> None:
    case = factories.register("terugbelverzoek", received_on=date(2026, 4, 2))
    before = datetime(2026, 4, 1, 15, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with pytest.raises(CaseError, match="vóór de ontvangst"):
        services.case_record_contact_attempt(case=case, actor=behandelaar, attempted_at=before, reached=False)
    assert not ContactAttempt.objects.filter(case=case).exists()


def test_a_safety_flag_without_a_team_alerts_the_organisations_coordinators(
    behandelaar: Any, coordinator: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list
) -> None:
    case = factories.register("klacht", team=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_flag_safety(case=case, actor=behandelaar, note="Dreigde met geweld.")
    assert [m.to for m in mailoutbox] == [[coordinator.email]]


def test_starting_a_closed_case_says_it_is_closed(behandelaar: Any) -> None:
    case = factories.register("vraag")
    services.case_close(case=case, actor=behandelaar, outcome="beantwoord", closed_on=date(2026, 4, 20))
    with pytest.raises(CaseError, match="al afgehandeld"):
        services.case_start(case=case, actor=behandelaar)
