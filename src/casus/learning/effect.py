"""Effect of an improvement action on its theme (issue 9 §5): the theme's cases received in two windows
of the same length, just before and just after the day the action was finished.

Honest about small numbers: with two counts a (before) and b (after) over equal windows, "nothing
changed" means each of the a + b cases was as likely to fall after as before, so b follows a
binomial(a + b, ½) distribution. The exact two-sided p-value of that test says whether the difference
could well be chance. Below MIN_CASES cases in total, or with a window shorter than MIN_DAYS, Casus
says it cannot tell. A real difference still does not prove the action caused it (season, new rules):
the sentence says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from casus.cases.models import Case

WINDOW_DAYS = 91  # a quarter
MIN_DAYS = 28  # four weeks after the action before comparing at all
MIN_CASES = 10  # fewer cases in both windows together: too few to say anything
SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class Effect:
    completed_on: date
    days: int  # length of each window
    before_from: date
    before_to: date
    after_from: date
    after_to: date
    before: int
    after: int
    p_value: float | None
    sentence: str

    @property
    def change(self) -> float | None:
        return None if not self.before else round((self.after - self.before) / self.before, 4)

    @property
    def total(self) -> int:
        return self.before + self.after


def binomial_p_value(before: int, after: int) -> float:
    """Exact two-sided p-value of `after` out of `before + after` under a fair split (½): the summed
    probability of every split at least as unlikely as the one seen."""
    n = before + after
    if n == 0:
        return 1.0
    probabilities = [math.comb(n, k) / 2**n for k in range(n + 1)]
    seen = probabilities[after]
    return min(1.0, sum(p for p in probabilities if p <= seen * (1 + 1e-9)))


def windows(completed_on: date, today: date, window_days: int = WINDOW_DAYS) -> tuple[int, date, date, date, date]:
    """(days, before_from, before_to, after_from, after_to): the day of completion itself is in neither."""
    days = max(0, min(window_days, (today - completed_on).days))
    return (
        days,
        completed_on - timedelta(days=days),
        completed_on - timedelta(days=1),
        completed_on + timedelta(days=1),
        completed_on + timedelta(days=days),
    )


def compare_windows(
    cases: QuerySet[Case], completed_on: date, *, today: date | None = None, window_days: int = WINDOW_DAYS
) -> Effect:
    """Count `cases` received in the two windows (one aggregate) and judge the difference."""
    today = today or timezone.localdate()
    days, before_from, before_to, after_from, after_to = windows(completed_on, today, window_days)
    counts = cases.aggregate(
        before=Count("id", filter=Q(received_on__range=(before_from, before_to))),
        after=Count("id", filter=Q(received_on__range=(after_from, after_to))),
    )
    before, after = (counts["before"], counts["after"]) if days else (0, 0)
    p_value = binomial_p_value(before, after) if days >= MIN_DAYS else None
    return Effect(
        completed_on=completed_on, days=days, before_from=before_from, before_to=before_to, after_from=after_from,
        after_to=after_to, before=before, after=after, p_value=p_value,
        sentence=effect_sentence(days, before, after, p_value),
    )  # fmt: skip


def effect_sentence(days: int, before: int, after: int, p_value: float | None) -> str:
    """What the numbers say, in plain Dutch, with the caveat that fits them."""
    if days < MIN_DAYS:
        return (
            f"De actie is pas {days} {'dag' if days == 1 else 'dagen'} gereed. Na {MIN_DAYS} dagen vergelijkt Casus "
            "het aantal zaken ervoor en erna."
        )
    counted = f"In de {days} dagen ervoor kwamen {before} zaken binnen, in de {days} dagen erna {after}."
    if before + after < MIN_CASES:
        return f"{counted} Dat zijn te weinig zaken (N={before + after}) om iets over het effect te zeggen."
    if p_value is None or p_value >= SIGNIFICANCE:
        return f"{counted} Dit verschil is zo klein dat het ook toeval kan zijn."
    direction = "minder" if after < before else "meer"
    return (
        f"{counted} Dat is duidelijk {direction}: waarschijnlijk geen toeval. Let op: dat bewijst niet dat de "
        "actie de oorzaak is. Ook het seizoen of nieuwe regels kunnen meespelen."
    )
