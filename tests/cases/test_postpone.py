"""Postponement and further delay: case_postpone, case_extend, case_set_committee, case_record_default_notice.

Hand-counted (shared/DOMAIN.md §4). Day names in the comments are Dutch: ma di wo do vr za zo.
- klacht received zo 12-04-2026: + 6 weken = zo 24-05 (Pinksteren), ma 25-05 Tweede Pinksterdag -> di 26-05-2026.
- bezwaar, decision sent di 03-03-2026: filing term ends di 14-04-2026; + 6 weken = di 26-05-2026.
- aanvraag received ma 05-01-2026: + 8 weken = ma 02-03-2026.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from casus.cases import services
from casus.cases.domain import EventKind
from casus.cases.models import Case
from casus.cases.services import CaseError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def klacht(behandelaar: Any) -> Case:
    case = factories.register("klacht", date(2026, 4, 12), handler=behandelaar, actor=behandelaar)
    assert case.due_on == date(2026, 5, 26)
    return case


@pytest.fixture
def bezwaar(behandelaar: Any) -> Case:
    case = factories.register(
        "bezwaar", date(2026, 3, 20), decision_sent_on=date(2026, 3, 3), handler=behandelaar, actor=behandelaar
    )
    assert case.due_on == date(2026, 5, 26)
    return case


@pytest.fixture
def aanvraag(behandelaar: Any) -> Case:
    case = factories.register("aanvraag", date(2026, 1, 5), handler=behandelaar, actor=behandelaar)
    assert case.due_on == date(2026, 3, 2)
    return case


def _postpone(case: Case, actor: Any, notice_sent_on: date, reason: str = "Wij wachten op advies van Inkomen.") -> Case:
    return services.case_postpone(case=case, actor=actor, notice_sent_on=notice_sent_on, reason=reason)


def _due(case: Case) -> date:
    return Case.objects.get(pk=case.pk).due_on


# --- case_postpone ---------------------------------------------------------------------------------


def test_it_postpones_a_klacht_by_four_weeks(klacht: Case, behandelaar: Any) -> None:
    # zo 24-05 + 4 weken = zo 21-06-2026 -> Atw (10 weken in totaal): ma 22-06-2026
    _postpone(klacht, behandelaar, date(2026, 5, 18))

    klacht.refresh_from_db()
    assert klacht.postponed_on == date(2026, 5, 18)
    assert klacht.due_on == date(2026, 6, 22)
    event = factories.last_event(klacht)
    assert event.kind == EventKind.POSTPONED
    assert event.summary == (
        "Verdaagd met 4 weken (bericht verzonden 18-05-2026): Wij wachten op advies van Inkomen. "
        "Uiterste datum nu 22-06-2026 (was 26-05-2026)."
    )
    assert event.data == {
        "notice_sent_on": "2026-05-18",
        "reason": "Wij wachten op advies van Inkomen.",
        "due_before": "2026-05-26",
        "due_after": "2026-06-22",
    }


def test_it_postpones_a_bezwaar_by_six_weeks(bezwaar: Case, behandelaar: Any) -> None:
    # di 26-05 + 6 weken = di 07-07-2026 (12 weken in totaal: de Atw geldt nog, maar het is een werkdag)
    _postpone(bezwaar, behandelaar, date(2026, 5, 20))

    assert _due(bezwaar) == date(2026, 7, 7)


def test_it_adds_the_woo_postponement_to_the_term_before_the_atw(behandelaar: Any) -> None:
    # ontvangen ma 30-03-2026 + 4 weken = ma 27-04 Koningsdag -> di 28-04-2026.
    # verdaagd: ma 27-04 + 2 weken = ma 11-05-2026 (niet di 28-04 + 2 weken = di 12-05)
    woo = factories.register("woo", date(2026, 3, 30))
    assert woo.due_on == date(2026, 4, 28)

    _postpone(woo, behandelaar, date(2026, 4, 20), reason="Veel documenten.")

    assert _due(woo) == date(2026, 5, 11)


def test_it_does_not_extend_a_postponed_committee_bezwaar_by_the_atw(behandelaar: Any) -> None:
    # besluit vr 10-07-2026 + 6 weken = vr 21-08-2026 (bezwaartermijn). Met commissie: + 12 weken = vr 13-11-2026.
    # verdaagd: + 6 weken = vr 25-12-2026 (Eerste Kerstdag). 18 weken > 12 weken: Atw art. 4, niet verlengd.
    case = factories.register("bezwaar", date(2026, 7, 20), decision_sent_on=date(2026, 7, 10), committee=True)
    assert case.due_on == date(2026, 11, 13)

    _postpone(case, behandelaar, date(2026, 11, 10))

    assert _due(case) == date(2026, 12, 25)


def test_it_accepts_a_notice_sent_on_the_last_day_of_the_term(klacht: Case, behandelaar: Any) -> None:
    _postpone(klacht, behandelaar, date(2026, 5, 26))

    assert _due(klacht) == date(2026, 6, 22)


def test_it_refuses_a_notice_sent_after_the_due_date(klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=r"Verdagen kan alleen vóór het einde van de termijn \(26-05-2026\)."):
        _postpone(klacht, behandelaar, date(2026, 5, 27))

    klacht.refresh_from_db()
    assert (klacht.postponed_on, klacht.due_on) == (None, date(2026, 5, 26))


def test_it_refuses_to_postpone_twice(klacht: Case, behandelaar: Any) -> None:
    _postpone(klacht, behandelaar, date(2026, 5, 18))

    with pytest.raises(
        CaseError, match=re.escape("Deze zaak is al verdaagd op 18-05-2026. Verdagen kan maar één keer.")
    ):
        _postpone(klacht, behandelaar, date(2026, 6, 1))

    assert _due(klacht) == date(2026, 6, 22)
    assert factories.event_kinds(klacht).count(EventKind.POSTPONED) == 1


def test_it_refuses_to_postpone_a_type_without_fixed_postponement(aanvraag: Case, behandelaar: Any) -> None:
    with pytest.raises(
        CaseError, match=re.escape("Een aanvraag kent geen vaste verdaging. Leg een nieuwe datum vast.")
    ):
        _postpone(aanvraag, behandelaar, date(2026, 2, 20))

    assert _due(aanvraag) == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("notice_sent_on", "reason", "message"),
    [
        pytest.param(
            date(2026, 4, 11), "Advies nodig.",
            "De datum van het verdagingsbericht moet tussen de ontvangst en vandaag liggen.", id="voor-ontvangst",
        ),
        pytest.param(
            date(2026, 5, 18), " ",
            "Geef de reden van de verdaging; die staat ook in de brief aan de inwoner.", id="zonder-reden",
        ),
    ],
)  # fmt: skip
def test_it_refuses_an_invalid_notice(
    klacht: Case, behandelaar: Any, notice_sent_on: date, reason: str, message: str
) -> None:
    with pytest.raises(CaseError) as error:
        _postpone(klacht, behandelaar, notice_sent_on, reason=reason)

    assert str(error.value) == message
    assert Case.objects.get(pk=klacht.pk).postponed_on is None


def test_it_refuses_a_notice_dated_in_the_future(behandelaar: Any) -> None:
    # ontvangen ma 02-11-2026 + 6 weken = ma 14-12-2026: 30-11 ligt vóór de uiterste datum, maar na vandaag.
    case = factories.register("klacht", date(2026, 11, 2))

    with pytest.raises(CaseError, match="moet tussen de ontvangst en vandaag liggen"):
        _postpone(case, behandelaar, date(2026, 11, 30))


def test_it_refuses_to_postpone_a_closed_case(klacht: Case, behandelaar: Any) -> None:
    services.case_close(case=klacht, actor=behandelaar, outcome="ongegrond", closed_on=date(2026, 5, 1))

    with pytest.raises(CaseError, match="is al afgehandeld"):
        _postpone(klacht, behandelaar, date(2026, 5, 18))


# --- case_extend -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case_fixture", ["klacht", "bezwaar"])
def test_it_refuses_further_delay_without_consent(case_fixture: str, behandelaar: Any, request: Any) -> None:
    case = request.getfixturevalue(case_fixture)

    with pytest.raises(
        CaseError, match=re.escape("Verder uitstellen kan alleen met schriftelijke toestemming van de inwoner.")
    ):
        services.case_extend(case=case, actor=behandelaar, until=date(2026, 6, 30), reason="Gesprek gepland.")

    case.refresh_from_db()
    assert (case.extended_to, case.due_on) == (None, date(2026, 5, 26))


def test_it_extends_a_klacht_with_consent_to_the_agreed_date_without_the_atw(klacht: Case, behandelaar: Any) -> None:
    # afgesproken za 04-07-2026: een afgesproken datum wordt niet door de Atw verlengd.
    services.case_extend(
        case=klacht, actor=behandelaar, until=date(2026, 7, 4), reason="Inwoner wil eerst een gesprek.",
        consent_on=date(2026, 5, 20),
    )  # fmt: skip

    klacht.refresh_from_db()
    assert klacht.extended_to == date(2026, 7, 4)
    assert klacht.due_on == date(2026, 7, 4)
    event = factories.last_event(klacht)
    assert event.kind == EventKind.EXTENDED
    assert event.summary == (
        "Uitgesteld tot 04-07-2026 met toestemming van 20-05-2026: Inwoner wil eerst een gesprek. (was 26-05-2026)."
    )
    assert event.data == {
        "until": "2026-07-04",
        "consent_on": "2026-05-20",
        "reason": "Inwoner wil eerst een gesprek.",
        "due_before": "2026-05-26",
        "due_after": "2026-07-04",
    }


def test_it_extends_a_bezwaar_with_consent(bezwaar: Case, behandelaar: Any) -> None:
    services.case_extend(
        case=bezwaar, actor=behandelaar, until=date(2026, 6, 30), reason="Hoorzitting verplaatst.",
        consent_on=date(2026, 5, 15),
    )  # fmt: skip

    assert _due(bezwaar) == date(2026, 6, 30)


def test_it_extends_an_aanvraag_by_notice_without_consent(aanvraag: Case, behandelaar: Any) -> None:
    # Awb 4:14: een aanvraag krijgt een nieuwe termijn met een bericht, zonder toestemming.
    services.case_extend(case=aanvraag, actor=behandelaar, until=date(2026, 3, 30), reason="Medisch advies nodig.")

    assert _due(aanvraag) == date(2026, 3, 30)
    assert (
        factories.last_event(aanvraag).summary == "Uitgesteld tot 30-03-2026: Medisch advies nodig. (was 02-03-2026)."
    )


@pytest.mark.parametrize(
    ("until", "reason", "message"),
    [
        pytest.param(
            date(2026, 3, 2),
            "Advies.",
            "De nieuwe datum moet na de huidige uiterste datum (02-03-2026) liggen.",
            id="niet-later",
        ),
        pytest.param(date(2026, 3, 30), "", "Geef de reden van het uitstel.", id="zonder-reden"),
    ],
)
def test_it_refuses_an_invalid_extension(
    aanvraag: Case, behandelaar: Any, until: date, reason: str, message: str
) -> None:
    with pytest.raises(CaseError) as error:
        services.case_extend(case=aanvraag, actor=behandelaar, until=until, reason=reason)

    assert str(error.value) == message
    assert _due(aanvraag) == date(2026, 3, 2)


# --- case_set_committee ----------------------------------------------------------------------------


def test_it_gives_a_klacht_ten_weeks_with_an_advisory_committee(klacht: Case, behandelaar: Any) -> None:
    # zo 12-04 + 10 weken = zo 21-06-2026 -> ma 22-06-2026
    services.case_set_committee(case=klacht, actor=behandelaar, committee=True)

    klacht.refresh_from_db()
    assert (klacht.committee, klacht.due_on) == (True, date(2026, 6, 22))
    event = factories.last_event(klacht)
    assert event.kind == EventKind.COMMITTEE
    assert event.summary == "Advies van de adviescommissie. Uiterste datum nu 22-06-2026 (was 26-05-2026)."
    assert event.data == {"committee": True, "due_before": "2026-05-26", "due_after": "2026-06-22"}


def test_it_goes_back_to_six_weeks_without_the_committee(klacht: Case, behandelaar: Any) -> None:
    services.case_set_committee(case=klacht, actor=behandelaar, committee=True)

    services.case_set_committee(case=klacht, actor=behandelaar, committee=False)

    assert _due(klacht) == date(2026, 5, 26)
    assert factories.last_event(klacht).summary == (
        "Geen advies van de adviescommissie. Uiterste datum nu 26-05-2026 (was 22-06-2026)."
    )


def test_it_gives_a_bezwaar_twelve_weeks_with_a_committee(bezwaar: Case, behandelaar: Any) -> None:
    # di 14-04 (einde bezwaartermijn) + 12 weken = di 07-07-2026
    services.case_set_committee(case=bezwaar, actor=behandelaar, committee=True)

    assert _due(bezwaar) == date(2026, 7, 7)


def test_it_refuses_to_record_the_same_committee_choice_twice(klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=re.escape("Dit staat al zo vastgelegd.")):
        services.case_set_committee(case=klacht, actor=behandelaar, committee=False)


def test_it_refuses_a_committee_for_a_woo(behandelaar: Any) -> None:
    woo = factories.register("woo", date(2026, 3, 30))

    with pytest.raises(CaseError, match=re.escape("Bij een woo-verzoek bestaat geen adviescommissie-termijn.")):
        services.case_set_committee(case=woo, actor=behandelaar, committee=True)

    assert Case.objects.get(pk=woo.pk).committee is False


# --- case_record_default_notice --------------------------------------------------------------------


def test_it_records_a_premature_notice_of_default(aanvraag: Case, behandelaar: Any) -> None:
    # ontvangen op de uiterste datum ma 02-03-2026 zelf: de termijn was nog niet voorbij (Awb 4:17).
    services.case_record_default_notice(case=aanvraag, actor=behandelaar, received_on=date(2026, 3, 2))

    aanvraag.refresh_from_db()
    assert aanvraag.default_notice_on == date(2026, 3, 2)
    assert aanvraag.due_on == date(2026, 3, 2)
    event = factories.last_event(aanvraag)
    assert event.kind == EventKind.DEFAULT_NOTICE
    assert event.summary == (
        "Ingebrekestelling ontvangen op 02-03-2026, vóór het einde van de termijn: die telt niet (Awb 4:17)."
    )
    assert event.data == {"received_on": "2026-03-02", "premature": True, "first_day": None}


def test_it_records_a_valid_notice_of_default_and_the_first_penalty_day(aanvraag: Case, behandelaar: Any) -> None:
    # ontvangen di 03-03-2026, na de uiterste datum; dwangsom vanaf di 03-03 + 14 dagen = di 17-03-2026.
    # maximum 14 × (23 + 35 + 45) = € 1442
    services.case_record_default_notice(case=aanvraag, actor=behandelaar, received_on=date(2026, 3, 3))

    event = factories.last_event(aanvraag)
    assert event.summary == (
        "Ingebrekestelling ontvangen op 03-03-2026. Beslis vóór 17-03-2026; "
        "daarna loopt een dwangsom tot maximaal € 1442."
    )
    assert event.data == {"received_on": "2026-03-03", "premature": False, "first_day": "2026-03-17"}
    assert Case.objects.get(pk=aanvraag.pk).default_notice_on == date(2026, 3, 3)


def test_it_records_a_notice_of_default_on_a_bezwaar(bezwaar: Case, behandelaar: Any) -> None:
    # Awb 7:14: ook bij een bezwaar. Ontvangen wo 27-05, na di 26-05: dwangsom vanaf wo 10-06-2026.
    services.case_record_default_notice(case=bezwaar, actor=behandelaar, received_on=date(2026, 5, 27))

    assert factories.last_event(bezwaar).data["first_day"] == "2026-06-10"


def test_it_refuses_a_notice_of_default_on_a_klacht(klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match=r"Bij een klacht geldt geen dwangsom \(Awb 4:17\)."):
        services.case_record_default_notice(case=klacht, actor=behandelaar, received_on=date(2026, 6, 1))

    assert Case.objects.get(pk=klacht.pk).default_notice_on is None


@pytest.mark.parametrize("received_on", [date(2026, 1, 4), date(2026, 12, 1)], ids=["voor-ontvangst", "toekomst"])
def test_it_refuses_a_notice_of_default_dated_outside_the_case(
    aanvraag: Case, behandelaar: Any, received_on: date
) -> None:
    with pytest.raises(
        CaseError, match=re.escape("De datum van ontvangst moet tussen de ontvangst van de zaak en vandaag liggen.")
    ):
        services.case_record_default_notice(case=aanvraag, actor=behandelaar, received_on=received_on)

    assert Case.objects.get(pk=aanvraag.pk).default_notice_on is None
