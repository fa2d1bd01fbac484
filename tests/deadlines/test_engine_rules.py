"""Engine behaviour beyond the hand-checked table: errors, overrides, explanations."""

from datetime import date

import pytest

from casus.deadlines import (
    DeadlineError,
    Suspension,
    Term,
    Unit,
    compute_deadline,
    get_rule,
    parse_term,
    suspended_days,
)
from casus.deadlines.explain import explain_deadline


def test_it_refuses_an_unknown_case_type() -> None:
    with pytest.raises(DeadlineError, match="Onbekend zaaktype 'melding'"):
        get_rule("melding")


def test_it_refuses_a_suspension_that_ends_before_it_starts() -> None:
    with pytest.raises(DeadlineError, match="kan niet eindigen"):
        Suspension(date(2026, 3, 10), date(2026, 3, 9))


def test_overlapping_suspensions_count_each_day_once() -> None:
    # (1 Mar, 11 Mar] and (6 Mar, 16 Mar] together cover (1 Mar, 16 Mar]: 15 days, not 20.
    both = [Suspension(date(2026, 3, 1), date(2026, 3, 11)), Suspension(date(2026, 3, 6), date(2026, 3, 16))]
    assert suspended_days(both) == 15
    # Apart they simply add up: 10 + 5.
    apart = [Suspension(date(2026, 3, 1), date(2026, 3, 11)), Suspension(date(2026, 4, 1), date(2026, 4, 6))]
    assert suspended_days(apart) == 15


def test_it_refuses_a_committee_where_the_law_has_none() -> None:
    with pytest.raises(DeadlineError, match="geen termijn met adviescommissie"):
        compute_deadline(get_rule("woo"), date(2026, 3, 2), committee=True)


def test_it_asks_for_a_date_when_a_type_has_no_fixed_postponement() -> None:
    # Awb 4:14: an application's term is extended by a notice naming a new term, not by a fixed length.
    with pytest.raises(DeadlineError, match="geen vaste verdaging"):
        compute_deadline(get_rule("aanvraag"), date(2026, 3, 2), postponed=True)


def test_a_further_delay_by_consent_sets_the_agreed_date_without_the_atw() -> None:
    # Awb 7:10 lid 4: further delay with consent, for a stated period. Sat 4 July 2026 stays Sat.
    deadline = compute_deadline(
        get_rule("bezwaar"), date(2026, 3, 20), decision_sent=date(2026, 3, 3), extended_to=date(2026, 7, 4)
    )
    assert deadline.due == date(2026, 7, 4)
    with pytest.raises(DeadlineError, match="ligt vóór de termijn"):
        compute_deadline(get_rule("bezwaar"), date(2026, 3, 20), extended_to=date(2026, 4, 1))


def test_a_decision_date_belongs_to_a_bezwaar_only() -> None:
    with pytest.raises(DeadlineError, match="alleen bij een bezwaar"):
        compute_deadline(get_rule("klacht"), date(2026, 3, 20), decision_sent=date(2026, 3, 3))
    with pytest.raises(DeadlineError, match="niet later verzonden"):
        compute_deadline(get_rule("bezwaar"), date(2026, 3, 2), decision_sent=date(2026, 3, 3))


def test_an_organisation_can_set_its_own_service_norm() -> None:
    # A ministry answering questions within 3 weeks: Mon 2 March 2026 + 21 days = Mon 23 March.
    rule = get_rule("vraag").with_term(parse_term("3w"))
    assert compute_deadline(rule, date(2026, 3, 2)).due == date(2026, 3, 23)
    # In working days: 15 working days after Mon 2 March = Mon 23 March as well.
    rule = get_rule("vraag").with_term(Term(15, Unit.WORKING_DAYS))
    assert compute_deadline(rule, date(2026, 3, 2)).due == date(2026, 3, 23)


@pytest.mark.parametrize("text", ["", "0w", "3 maanden", "w3", "1000w"])
def test_it_refuses_a_term_it_cannot_read(text: str) -> None:
    with pytest.raises(DeadlineError, match="Onbekende termijn"):
        parse_term(text)


def test_it_explains_the_count_in_dutch() -> None:
    # The README example: received Sun 12 April 2026, + 6 weeks = Sun 24 May; Mon 25 May is
    # Tweede Pinksterdag, so the complaint is due Tue 26 May.
    lines = explain_deadline(compute_deadline(get_rule("klacht"), date(2026, 4, 12)))
    assert lines[1] == "6 weken na ontvangst = zo 24 mei 2026."
    assert lines[2] == "Atw: zo 24 mei (zondag), ma 25 mei (Tweede Pinksterdag) → di 26 mei 2026."
    assert lines[-1] == "Uiterste datum: di 26 mei 2026."


def test_it_says_when_the_atw_does_not_apply() -> None:
    lines = explain_deadline(compute_deadline(get_rule("vraag"), date(2026, 4, 11)))
    assert any("geldt niet voor deze termijn" in line for line in lines)
    lines = explain_deadline(compute_deadline(get_rule("bezwaar"), date(2026, 4, 11), committee=True, postponed=True))
    assert any("Atw art. 4" in line for line in lines)
