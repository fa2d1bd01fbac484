"""The penalty (dwangsom) for a late decision, Awb 4:17 (and 7:14 for objections).

Lid 3: the first day of the penalty is the day two weeks have passed after the day on which the
decision term had expired and the organisation had received a written notice of default
(ingebrekestelling). A notice received before the term expired has no effect (it is premature).
Lid 2: €23 a day for days 1-14, €35 for days 15-28, €45 for days 29-42. Lid 1: at most 42 days.
The Atw does not apply to these days (lid 3, last sentence). The penalty stops on the day the
decision is made: that day and later days do not count.

The amounts are a dated table: they were €20/€30/€40 from the Wet dwangsom (1 October 2009) and
were raised later. The date of the raise is not verified (shared/LEGAL-NOTES.md §4: between the
2015 text and 2021 sources); 2017-01-01 is used and is easy to correct here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["PENALTY_RATES", "Penalty", "PenaltyRates", "compute_penalty", "rates_on"]

MAX_DAYS = 42
_NOTICE_WAIT = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class PenaltyRates:
    valid_from: date
    per_day: tuple[int, int, int]  # euros a day in days 1-14, 15-28, 29-42

    @property
    def maximum(self) -> int:
        return 14 * sum(self.per_day)

    def amount_for(self, days: int) -> int:
        """Penalty in euros for `days` days (clamped to 0..42)."""
        days = max(0, min(days, MAX_DAYS))
        first, second, third = self.per_day
        return first * min(days, 14) + second * max(0, min(days, 28) - 14) + third * max(0, days - 28)


# Newest first.
PENALTY_RATES: tuple[PenaltyRates, ...] = (
    PenaltyRates(date(2017, 1, 1), (23, 35, 45)),
    PenaltyRates(date(2009, 10, 1), (20, 30, 40)),
)


def rates_on(day: date, table: tuple[PenaltyRates, ...] = PENALTY_RATES) -> PenaltyRates:
    """The rates in force on `day` (the oldest table before the first entry)."""
    for rates in table:
        if day >= rates.valid_from:
            return rates
    return table[-1]


@dataclass(frozen=True, slots=True)
class Penalty:
    notice_received: date
    premature: bool  # received on or before the due date: no penalty runs from this notice
    first_day: date | None
    max_reached_on: date | None
    days: int  # penalty days accrued on the given date
    amount: int  # euros accrued on the given date
    maximum: int  # euros, the most this notice can cost


def compute_penalty(
    due: date,
    notice_received: date,
    on: date,
    *,
    decided_on: date | None = None,
    table: tuple[PenaltyRates, ...] = PENALTY_RATES,
) -> Penalty:
    """The penalty accrued on `on` for a decision due on `due` (Awb 4:17)."""
    if notice_received <= due:
        rates = rates_on(notice_received, table)
        return Penalty(notice_received, True, None, None, 0, 0, rates.maximum)
    first_day = notice_received + _NOTICE_WAIT
    rates = rates_on(first_day, table)
    last_counted = on if decided_on is None else min(on, decided_on - timedelta(days=1))
    days = max(0, min((last_counted - first_day).days + 1, MAX_DAYS))
    return Penalty(
        notice_received=notice_received,
        premature=False,
        first_day=first_day,
        max_reached_on=first_day + timedelta(days=MAX_DAYS - 1),
        days=days,
        amount=rates.amount_for(days),
        maximum=rates.maximum,
    )
