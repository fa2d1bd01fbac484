"""Due dates, bezwaar filing terms and deadline status.

Counting (shared/DOMAIN.md §4, shared/LEGAL-NOTES.md "Counting rules"):
- "within N weeks after X" ends on X + 7·N days: the same weekday as X;
- suspensions (Awb 4:15, 7:10 lid 2) add the days from the day after the request up to and including
  the repair day: a suspension F→T adds T − F days; overlapping suspensions count each day once;
- a postponement (verdaging) adds its statutory length once; a further delay by consent replaces the
  due date by the agreed date, to which the Atw does not apply;
- then the Atw (when the rule says it applies and art. 4 does not exclude the term) moves an end on a
  Saturday, Sunday or holiday to the next working day (art. 1) and makes a term of 3 days or more
  contain 2 working days (art. 2).

Art. 4 is applied to the statutory length of the whole term: base term plus postponement. A bezwaar
with an advisory committee (12 weeks) is covered; postponed by 6 weeks (18 weeks) it is not. Whether
the Atw covers such a postponed term is not settled (LEGAL-NOTES §5: UNVERIFIED); not extending it
is the choice that never lets a team miss the term.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from .calendar import add_working_days_ordinal, is_closed_ordinal, next_open_day_ordinal, working_days_between
from .rules import FILING_TERM, POSTING_GRACE, DeadlineError, Rule, Start, Term, Unit

__all__ = [
    "Deadline",
    "Filing",
    "State",
    "Status",
    "Suspension",
    "compute_deadline",
    "deadline_status",
    "filing_check",
    "filing_deadline",
    "suspended_days",
]

# Atw art. 4: no extension for terms of more than 12 weeks or 90 days.
_ATW_MAX_WEEKS_DAYS = 84
_ATW_MAX_DAYS = 90


@dataclass(frozen=True, slots=True)
class Suspension:
    """A period the term stands still: from the request to repair (F) to the repair day (T)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DeadlineError(
                f"Een opschorting kan niet eindigen ({self.end:%d-%m-%Y}) vóór zij begint ({self.start:%d-%m-%Y})."
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def suspended_days(suspensions: Iterable[Suspension]) -> int:
    """Days not counted: the union of the intervals (F, T] of all suspensions."""
    total, reach = 0, None
    for item in sorted(suspensions, key=lambda s: s.start):
        start = item.start if reach is None or item.start > reach else reach
        if item.end > start:
            total += (item.end - start).days
        if reach is None or item.end > reach:
            reach = item.end
    return total


class Deadline(NamedTuple):
    """A computed due date with every fact needed to explain how it was counted.

    A NamedTuple rather than a frozen dataclass: as immutable, and cheap enough to build a million
    of them in a few seconds (bench/bench_deadlines.py).
    """

    rule: Rule
    received: date
    anchor: date  # the day the term is counted from; the term starts the day after
    term: Term  # the term used (base or committee)
    base_end_ordinal: int  # anchor + term, before suspension and postponement
    suspended_days: int
    postponement: Term | None
    raw_end_ordinal: int  # after suspension and postponement, before the Atw
    atw_applies: bool
    due: date
    filing_deadline: date | None = None
    extended_to: date | None = None

    @property
    def start(self) -> date:
        return self.anchor + timedelta(days=1)

    @property
    def base_end(self) -> date:
        return date.fromordinal(self.base_end_ordinal)

    @property
    def raw_end(self) -> date:
        return date.fromordinal(self.raw_end_ordinal)

    @property
    def atw_moved(self) -> bool:
        return self.extended_to is None and self.due.toordinal() != self.raw_end_ordinal


def _term_end(anchor: int, term: Term) -> int:
    if term.unit is Unit.WORKING_DAYS:
        return add_working_days_ordinal(anchor, term.amount)
    return anchor + (7 * term.amount if term.unit is Unit.WEEKS else term.amount)


def _atw_covers(term: Term, postponement: Term | None) -> bool:
    """Atw art. 4: not for terms in working days (already counted in them), > 12 weeks or > 90 days."""
    unit = term.unit
    if unit is Unit.WORKING_DAYS:
        return False
    days = term.amount * 7 if unit is Unit.WEEKS else term.amount
    if postponement is not None:
        days += postponement.amount * 7 if postponement.unit is Unit.WEEKS else postponement.amount
    return days <= (_ATW_MAX_WEEKS_DAYS if unit is Unit.WEEKS else _ATW_MAX_DAYS)


def atw_extend_ordinal(start: int, end: int) -> int:
    """Atw art. 1 and 2 on a term running from ordinal `start` to `end` inclusive."""
    end = next_open_day_ordinal(end)
    # Art. 2: a term of at least 3 days holds at least 2 working days. Any 14 days hold at least
    # 2 working days (tests/deadlines/test_calendar.py proves it for 1900-2199), so only shorter
    # terms need the count.
    if 3 <= end - start + 1 < 14:
        while not _has_two_working_days(start, end):
            end = next_open_day_ordinal(end + 1)
    return end


def _has_two_working_days(start: int, end: int) -> bool:
    found = 0
    for ordinal in range(start, end + 1):
        if not is_closed_ordinal(ordinal):
            found += 1
            if found == 2:
                return True
    return False


def filing_deadline(decision_sent: date) -> date:
    """End of the bezwaar filing term: 6 weeks after the decision was sent (Awb 6:7, 6:8; Atw)."""
    anchor = decision_sent.toordinal()
    return date.fromordinal(atw_extend_ordinal(anchor + 1, _term_end(anchor, FILING_TERM)))


def compute_deadline(
    rule: Rule,
    received: date,
    *,
    decision_sent: date | None = None,
    committee: bool = False,
    postponed: bool = False,
    suspensions: Sequence[Suspension] = (),
    extended_to: date | None = None,
) -> Deadline:
    """The due date of a case of `rule`'s type received on `received`.

    bezwaar (Awb 7:10 lid 1): counted from the day after the filing term ended, or from the day after
    receipt when the objection arrived later than that (the term cannot run before the objection
    exists) or when the decision's dispatch date is unknown.
    """
    term = _chosen_term(rule, committee)
    postponement = _chosen_postponement(rule, postponed)
    filing = None
    anchor = received
    if decision_sent is not None:
        filing = _filing_for(rule, decision_sent, received)
        anchor = max(filing, received)
    anchor_ord = anchor.toordinal()
    base_end = anchor_ord + 7 * term.amount if term.unit is Unit.WEEKS else _term_end(anchor_ord, term)
    raw_end = base_end
    if suspensions:
        raw_end += suspended_days(suspensions)
    if postponement is not None:
        raw_end += 7 * postponement.amount
    atw = rule.atw and _atw_covers(term, postponement)
    if atw:
        due = atw_extend_ordinal(anchor_ord + 1, raw_end)
    elif term.unit is Unit.WORKING_DAYS:
        due = next_open_day_ordinal(raw_end)
    else:
        due = raw_end
    if extended_to is not None:
        due = _agreed_date(extended_to, due)
    # Positional tuple construction: this runs a million times in the bulk recompute and bench.
    return _new_tuple(Deadline, (
        rule, received, anchor, term, base_end, raw_end - base_end - (7 * postponement.amount if postponement else 0),
        postponement, raw_end, atw, date.fromordinal(due), filing, extended_to,
    ))  # fmt: skip


_new_tuple = tuple.__new__


def _filing_for(rule: Rule, decision_sent: date, received: date) -> date:
    if rule.start is not Start.AFTER_FILING_TERM:
        raise DeadlineError(
            f"De verzenddatum van een besluit hoort alleen bij een bezwaar, niet bij {rule.label.lower()}."
        )
    if decision_sent > received:
        raise DeadlineError("Het besluit kan niet later verzonden zijn dan het bezwaar is ontvangen.")
    return filing_deadline(decision_sent)


def _agreed_date(extended_to: date, due: int) -> int:
    if extended_to.toordinal() < due:
        raise DeadlineError(
            f"De nieuwe datum ({extended_to:%d-%m-%Y}) ligt vóór de termijn ({date.fromordinal(due):%d-%m-%Y})."
        )
    return extended_to.toordinal()


def _chosen_term(rule: Rule, committee: bool) -> Term:
    if not committee:
        return rule.term
    if rule.committee_term is None:
        raise DeadlineError(f"Bij {rule.label.lower()} bestaat geen termijn met adviescommissie.")
    return rule.committee_term


def _chosen_postponement(rule: Rule, postponed: bool) -> Term | None:
    if not postponed:
        return None
    if rule.postponement is None:
        raise DeadlineError(
            f"Bij {rule.label.lower()} bestaat geen vaste verdaging. "
            "Geef de nieuwe datum op die u hebt afgesproken of meegedeeld."
        )
    return rule.postponement


@dataclass(frozen=True, slots=True)
class Filing:
    """Whether a bezwaar was filed on time (Awb 6:7, 6:9)."""

    deadline: date
    grace_until: date  # posted before the deadline and received by this day is on time (6:9 lid 2)
    on_time: bool
    by_posting: bool  # on time only thanks to the posting rule


def filing_check(decision_sent: date, received: date, posted: date | None = None) -> Filing:
    """Check the filing term: on time if received by the deadline, or posted by it and received
    within one week after it (Awb 6:9 lid 2; the Atw applies to that week as to any statutory term).
    Not on time means Casus proposes `niet_ontvankelijk` unless the handler records the delay as
    excusable (Awb 6:11).
    """
    deadline = filing_deadline(decision_sent)
    anchor = deadline.toordinal()
    grace = date.fromordinal(atw_extend_ordinal(anchor + 1, _term_end(anchor, POSTING_GRACE)))
    if received <= deadline:
        return Filing(deadline, grace, on_time=True, by_posting=False)
    posted_ok = posted is not None and posted <= deadline and received <= grace
    return Filing(deadline, grace, on_time=posted_ok, by_posting=posted_ok)


class State(StrEnum):
    OP_TIJD = "op_tijd"
    DREIGT = "dreigt"
    TE_LAAT = "te_laat"


STATE_LABELS = {State.OP_TIJD: "op tijd", State.DREIGT: "dreigt", State.TE_LAAT: "te laat"}


@dataclass(frozen=True, slots=True)
class Status:
    state: State
    working_days_left: int  # 0 on the due date; negative when overdue
    days_left: int  # calendar days


def deadline_status(due: date, on: date, *, warning_days: int = 5) -> Status:
    """The state of a term on day `on`: te_laat after the due date; dreigt when at most
    `warning_days` working days are left (the due date itself included); op_tijd otherwise.
    """
    left = working_days_between(on, due)
    if on > due:
        state = State.TE_LAAT
    elif left <= warning_days:
        state = State.DREIGT
    else:
        state = State.OP_TIJD
    return Status(state, left, (due - on).days)
