"""Invariants of the deadline engine, checked with generated input (hypothesis)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from casus.deadlines import (
    RULES,
    Suspension,
    compute_deadline,
    compute_penalty,
    deadline_status,
    get_rule,
    is_closed,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
rules = st.sampled_from(list(RULES.values()))


@st.composite
def suspensions(draw: st.DrawFn, around: date) -> Suspension:
    start = around + timedelta(days=draw(st.integers(0, 60)))
    return Suspension(start, start + timedelta(days=draw(st.integers(0, 60))))


@st.composite
def cases(draw: st.DrawFn) -> dict:
    rule = draw(rules)
    received = draw(days)
    args: dict = {"rule": rule, "received": received}
    if rule.code == "bezwaar" and draw(st.booleans()):
        args["decision_sent"] = received - timedelta(days=draw(st.integers(0, 80)))
    if rule.committee_term and draw(st.booleans()):
        args["committee"] = True
    if rule.postponement and draw(st.booleans()):
        args["postponed"] = True
    args["suspensions"] = draw(st.lists(suspensions(received), max_size=3))
    return args


@given(cases())
def test_a_due_date_is_never_a_closed_day_when_the_atw_applies(case: dict) -> None:
    deadline = compute_deadline(**case)
    if deadline.atw_applies:
        assert not is_closed(deadline.due)


@given(cases())
def test_a_due_date_is_never_before_the_unextended_end(case: dict) -> None:
    deadline = compute_deadline(**case)
    assert deadline.due >= deadline.raw_end > deadline.received


@given(cases(), st.data())
def test_adding_a_suspension_never_makes_a_term_shorter(case: dict, data: st.DataObject) -> None:
    before = compute_deadline(**case)
    extra = data.draw(suspensions(case["received"]))
    after = compute_deadline(**{**case, "suspensions": [*case["suspensions"], extra]})
    assert after.due >= before.due


@given(cases())
def test_postponement_never_makes_a_term_shorter(case: dict) -> None:
    if not case["rule"].postponement:
        return
    plain = compute_deadline(**{**case, "postponed": False})
    postponed = compute_deadline(**{**case, "postponed": True})
    assert postponed.due >= plain.due
    # The postponement itself is added in full; only the Atw may then move the end (Good Friday can
    # push a plain term 4 days, so the gap between the two due dates can be smaller than 7·N).
    assert postponed.raw_end == plain.raw_end + timedelta(days=7 * case["rule"].postponement.amount)


@given(days, st.integers(0, 20), st.integers(-30, 120), st.integers(0, 60))
def test_the_penalty_never_exceeds_the_maximum_and_never_decreases(
    due: date, notice_after: int, on_after: int, later: int
) -> None:
    notice = due + timedelta(days=notice_after)
    on = notice + timedelta(days=on_after)
    first = compute_penalty(due, notice, on)
    second = compute_penalty(due, notice, on + timedelta(days=later))
    assert 0 <= first.amount <= second.amount <= 1442
    assert first.days <= 42


@given(days, days)
def test_status_follows_the_due_date(due: date, on: date) -> None:
    status = deadline_status(due, on)
    assert (status.state.value == "te_laat") == (on > due)
    if on <= due:
        assert status.working_days_left >= 0


@given(days)
def test_a_callback_is_due_on_the_second_working_day(received: date) -> None:
    due = compute_deadline(get_rule("terugbelverzoek"), received).due
    open_days = [received + timedelta(days=n) for n in range(1, (due - received).days + 1)]
    assert sum(not is_closed(d) for d in open_days) == 2
    assert not is_closed(due)
