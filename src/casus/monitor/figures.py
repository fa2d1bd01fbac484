"""The Monitor's figures (DOMAIN.md §5, JSON contract §9), one function per figure.

Every figure is a SQL aggregate over the case table (ORM annotate/aggregate); Python only shapes the
handful of grouped rows the database returns. Two cohorts: *received* (received_on in the period) and
*closed* (closed_on in the period); the filters apply to both. Definitions and choices: docs/monitor.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth

from casus.cases.domain import INFORMAL_OUTCOMES, Outcome
from casus.cases.models import Case, Organisation

UNKNOWN = "onbekend"  # label for cases without subject, channel or team
SIX_WEEKS = 42
TEN_WEEKS = 70


@dataclass(frozen=True)
class Filters:
    date_from: date
    date_to: date
    case_type: str | None = None
    team: str | None = None  # team name
    subject: str | None = None  # subject (or social-domain) category name
    organisation: Organisation | None = None  # None: all organisations
    compare_from: date | None = None
    compare_to: date | None = None


def share(part: int | float, whole: int | float) -> float | None:
    """A fraction 0–1 rounded to 4 decimals; None when the whole is empty."""
    if not whole:
        return None
    return round(part / whole, 4)


# --- querysets ------------------------------------------------------------------------------------


def base(f: Filters) -> QuerySet[Case]:
    """All cases matching the filters, regardless of the period."""
    qs = Case.objects.all()
    if f.organisation is not None:
        qs = qs.filter(organisation=f.organisation)
    if f.case_type:
        qs = qs.filter(case_type=f.case_type)
    if f.team:
        qs = qs.filter(team__name=f.team)
    if f.subject:
        qs = qs.filter(subject__name=f.subject)
    return qs


def received_cohort(f: Filters, date_from: date | None = None, date_to: date | None = None) -> QuerySet[Case]:
    return base(f).filter(received_on__range=(date_from or f.date_from, date_to or f.date_to))


def closed_cohort(f: Filters) -> QuerySet[Case]:
    return base(f).filter(closed_on__range=(f.date_from, f.date_to))


# --- SQL helpers ----------------------------------------------------------------------------------


class LeadDays(Func):
    """closed_on − received_on in calendar days, as an integer, on PostgreSQL and SQLite."""

    output_field = IntegerField()

    def __init__(self) -> None:
        super().__init__(F("closed_on"), F("received_on"))

    def as_sql(self, compiler: Any, conn: Any, **extra: Any) -> Any:  # PostgreSQL: date − date is an integer
        return super().as_sql(compiler, conn, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler: Any, conn: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler, conn, template="CAST(julianday(%(expressions)s) AS INTEGER)", arg_joiner=") - julianday(",
            **extra,
        )  # fmt: skip


class PercentileCont(Aggregate):
    """PostgreSQL's percentile_cont (linear interpolation, numpy's default)."""

    function = "percentile_cont"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, percentile: float, **extra: Any) -> None:
        super().__init__(expression, percentile=float(percentile), **extra)


def percentile(qs: QuerySet[Case], p: float) -> float | None:
    """The p-th percentile (0–1) of the lead time in days over qs, by linear interpolation.
    PostgreSQL: percentile_cont in one aggregate. Other databases (SQLite): the count, then the one or
    two ordered rows around position (n − 1)·p fetched with ORDER BY/LIMIT/OFFSET, interpolated."""
    qs = qs.annotate(days=LeadDays())
    if connection.vendor == "postgresql":
        value = qs.aggregate(v=PercentileCont("days", p))["v"]
        return None if value is None else round(value, 1)
    n = qs.count()
    if not n:
        return None
    position = (n - 1) * p
    low = math.floor(position)
    values = list(qs.order_by("days").values_list("days", flat=True)[low : low + 2])
    upper = values[1] if len(values) > 1 else values[0]
    return round(values[0] + (upper - values[0]) * (position - low), 1)


def _months(date_from: date, date_to: date) -> list[str]:
    """'YYYY-MM' for every month the period touches."""
    months, year, month = [], date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_key(value: Any) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def _ordered(rows: list[dict[str, Any]], name: str, count: str = "count") -> list[dict[str, Any]]:
    """Largest first, then by name (§9)."""
    return sorted(rows, key=lambda row: (-row[count], row[name]))


# --- figures --------------------------------------------------------------------------------------


def intake(f: Filters) -> dict[str, Any]:
    """§5.1: received total, per month (every month of the period, zeros included), change vs comparison."""
    qs = received_cohort(f)
    per_month = dict.fromkeys(_months(f.date_from, f.date_to), 0)
    for row in qs.annotate(month=TruncMonth("received_on")).values("month").annotate(n=Count("id")):
        per_month[_month_key(row["month"])] = row["n"]
    total = sum(per_month.values())
    return {"total": total, "by_month": per_month, "change_vs_compare": change_vs_compare(f, total)}


def change_vs_compare(f: Filters, total: int | None = None) -> float | None:
    """(received − received in the comparison period) / received in the comparison period, or None
    without a comparison period or when the comparison period received nothing."""
    if f.compare_from is None or f.compare_to is None:
        return None
    if total is None:
        total = received_cohort(f).count()
    before = received_cohort(f, f.compare_from, f.compare_to).count()
    return share(total - before, before)


def by_subject(f: Filters) -> list[dict[str, Any]]:
    """§5.2: count and share of received.total per subject; cases without subject as 'onbekend'."""
    qs = received_cohort(f)
    total = qs.count()
    rows = qs.values(name=Coalesce("subject__name", Value(UNKNOWN))).annotate(count=Count("id"))
    listed = [{"subject": r["name"], "count": r["count"], "share": share(r["count"], total)} for r in rows]
    return _ordered(listed, "subject")


def top3_subjects_share(f: Filters, subjects: list[dict[str, Any]] | None = None) -> float | None:
    """Combined share of the three largest known subjects (cases without subject do not compete)."""
    subjects = by_subject(f) if subjects is None else subjects
    total = sum(row["count"] for row in subjects)
    top = [row["count"] for row in subjects if row["subject"] != UNKNOWN][:3]
    return share(sum(top), total)


def by_channel(f: Filters) -> list[dict[str, Any]]:
    """Count per channel in the received cohort; an empty channel as 'onbekend'."""
    rows = received_cohort(f).values("channel").annotate(count=Count("id"))
    return _ordered([{"channel": r["channel"] or UNKNOWN, "count": r["count"]} for r in rows], "channel")


def by_nature(f: Filters) -> list[dict[str, Any]]:
    """§5.7: count per complaint nature (aard) in the received cohort; cases without a nature are left out."""
    rows = received_cohort(f).filter(nature__isnull=False).values("nature__name").annotate(count=Count("id"))
    return _ordered([{"nature": r["nature__name"], "count": r["count"]} for r in rows], "nature")


def by_team(f: Filters) -> list[dict[str, Any]]:
    """§5.6: per team received (received cohort) and closed, gegrond, deels gegrond (closed cohort)."""
    teams: dict[str, dict[str, Any]] = {}

    def row(name: str | None) -> dict[str, Any]:
        name = name or UNKNOWN
        return teams.setdefault(name, {"team": name, "received": 0, "closed": 0, "gegrond": 0, "deels_gegrond": 0})

    for r in received_cohort(f).values("team__name").annotate(n=Count("id")):
        row(r["team__name"])["received"] = r["n"]
    closed = (
        closed_cohort(f)
        .values("team__name")
        .annotate(
            n=Count("id"),
            gegrond=Count("id", filter=Q(outcome=Outcome.GEGROND)),
            deels=Count("id", filter=Q(outcome=Outcome.DEELS_GEGROND)),
        )
    )
    for r in closed:
        target = row(r["team__name"])
        target.update(closed=r["n"], gegrond=r["gegrond"], deels_gegrond=r["deels"])
    return sorted(teams.values(), key=lambda t: (-t["received"], -t["closed"], t["team"]))


def repeat_filers(f: Filters) -> dict[str, int]:
    """§5.8: residents (a merged duplicate counts as the resident it was merged into) with exactly 2,
    exactly 3, and 4 or more cases in the received cohort. One SQL statement over the grouped cohort."""
    grouped = (
        received_cohort(f)
        .filter(resident__isnull=False)
        .annotate(person=Coalesce("resident__merged_into_id", "resident_id"))
        .values("person")
        .annotate(n=Count("id"))
        .values("n")
    )
    inner, params = grouped.query.sql_with_params()
    sql = (
        "SELECT COALESCE(SUM(CASE WHEN n = 2 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN n = 3 THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN n >= 4 THEN 1 ELSE 0 END), 0) FROM ({inner}) AS per_resident"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        two, three, more = cursor.fetchone()
    return {"2": int(two), "3": int(three), "4+": int(more)}


def closed_outcomes(f: Filters) -> dict[str, Any]:
    """§5.3: closed total and the count per outcome (outcomes that occur, largest first)."""
    qs = closed_cohort(f)
    rows = _ordered(list(qs.values("outcome").annotate(count=Count("id"))), "outcome")
    by_outcome = {r["outcome"]: r["count"] for r in rows}
    return {"total": sum(by_outcome.values()), "by_outcome": by_outcome}


def founded_by_subject(f: Filters) -> list[dict[str, Any]]:
    """§5.3 per subject: closed, gegrond and rate = gegrond / closed (closed cohort)."""
    rows = (
        closed_cohort(f)
        .values(name=Coalesce("subject__name", Value(UNKNOWN)))
        .annotate(closed=Count("id"), gegrond=Count("id", filter=Q(outcome=Outcome.GEGROND)))
    )
    listed = [
        {"subject": r["name"], "closed": r["closed"], "gegrond": r["gegrond"], "rate": share(r["gegrond"], r["closed"])}
        for r in rows
    ]
    return _ordered(listed, "subject", count="closed")


def informal_rate(f: Filters) -> float | None:
    """§5.5: closed cases marked informal (or with an informal outcome) / closed total."""
    totals = closed_cohort(f).aggregate(
        total=Count("id"), informal=Count("id", filter=Q(informal=True) | Q(outcome__in=INFORMAL_OUTCOMES))
    )
    return share(totals["informal"], totals["total"])


def _bucket_counts() -> dict[str, Any]:
    return {
        "n": Count("id"),
        "b6": Count("id", filter=Q(days__lte=SIX_WEEKS)),
        "b10": Count("id", filter=Q(days__gt=SIX_WEEKS, days__lte=TEN_WEEKS)),
        "b_over": Count("id", filter=Q(days__gt=TEN_WEEKS)),
    }


def _bucket_shares(row: dict[str, Any]) -> dict[str, float | None]:
    return {
        "within_6_weeks": share(row["b6"], row["n"]),
        "6_to_10_weeks": share(row["b10"], row["n"]),
        "over_10_weeks": share(row["b_over"], row["n"]),
    }


def lead_time(f: Filters) -> dict[str, Any]:
    """§5.4 over the closed cohort: buckets ≤ 42, 43–70, > 70 days, median, p90, within term, and the
    buckets per month of decision (only months with decisions)."""
    qs = closed_cohort(f)
    with_days = qs.annotate(days=LeadDays())
    totals = with_days.aggregate(**_bucket_counts(), in_term=Count("id", filter=Q(closed_on__lte=F("due_on"))))
    per_month = (
        with_days.annotate(month=TruncMonth("closed_on")).values("month").annotate(**_bucket_counts()).order_by("month")
    )
    return {
        **_bucket_shares(totals),
        "median_days": percentile(qs, 0.5),
        "p90_days": percentile(qs, 0.9),
        "within_term": share(totals["in_term"], totals["n"]),
        "by_close_month": {_month_key(r["month"]): _bucket_shares(r) for r in per_month},
    }


def trend(f: Filters) -> dict[str, Any]:
    """§5.9: received per calendar year over all data matching the filters (the period ignored), with the
    least-squares slope per year (None with fewer than two years)."""
    rows = base(f).annotate(year=ExtractYear("received_on")).values("year").annotate(n=Count("id")).order_by("year")
    by_year = {str(r["year"]): r["n"] for r in rows}
    return {"by_year": by_year, "slope_per_year": slope([(int(y), n) for y, n in by_year.items()])}


def slope(points: list[tuple[int, int]]) -> float | None:
    """Least-squares slope of count against year."""
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return round(sum((x - mean_x) * (y - mean_y) for x, y in points) / spread, 4)


# --- the whole report -----------------------------------------------------------------------------


def report(f: Filters) -> dict[str, Any]:
    """The report as §9's JSON (a dict ready for json.dumps)."""
    given = {"type": f.case_type, "team": f.team, "subject": f.subject}  # §9: the filters, nothing else
    subjects = by_subject(f)
    return {
        "period": {"from": f.date_from.isoformat(), "to": f.date_to.isoformat()},
        "filters": {key: value for key, value in given.items() if value},
        "received": intake(f),
        "by_subject": subjects,
        "top3_subjects_share": top3_subjects_share(f, subjects),
        "by_channel": by_channel(f),
        "by_nature": by_nature(f),
        "by_team": by_team(f),
        "repeat_filers": repeat_filers(f),
        "closed": closed_outcomes(f),
        "founded_by_subject": founded_by_subject(f),
        "informal_rate": informal_rate(f),
        "lead_time": lead_time(f),
        "trend": trend(f),
    }
