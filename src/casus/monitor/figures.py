"""The Monitor's figures (DOMAIN.md §5, JSON contract §9), one function per figure.

Every figure is a SQL aggregate over the case table (ORM annotate/aggregate); Python only shapes the
handful of grouped rows the database returns. Two cohorts: *received* (received_on in the period) and
*closed* (closed_on in the period); the filters apply to both. Definitions and choices: docs/monitor.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, Count, F, FloatField, Func, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncMonth

from casus.cases.domain import INFORMAL_OUTCOMES, CaseType, Channel, Outcome
from casus.cases.models import Case, Organisation, Resident
from casus.dbrouting import read_connection

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
    channel: str | None = None
    without_subject: str | None = None  # §5.1: the intake once more with this subject left out


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
    if f.channel:
        qs = qs.filter(channel="" if f.channel == UNKNOWN else f.channel)
    return qs


def received_cohort(f: Filters, date_from: date | None = None, date_to: date | None = None) -> QuerySet[Case]:
    return base(f).filter(received_on__range=(date_from or f.date_from, date_to or f.date_to))


def closed_cohort(f: Filters) -> QuerySet[Case]:
    return base(f).filter(closed_on__range=(f.date_from, f.date_to))


# --- SQL helpers ----------------------------------------------------------------------------------


class LeadDays(Func):
    """end − start in calendar days (by default closed_on − received_on), as an integer, on PostgreSQL
    and SQLite."""

    output_field = IntegerField()

    def __init__(self, end: str = "closed_on", start: str = "received_on") -> None:
        super().__init__(F(end), F(start))

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


def _connection() -> BaseDatabaseWrapper:
    """The connection the router chose for reading cases: the replica inside casus.dbrouting.reporting()
    when one is configured, else default. Raw SQL and the vendor checks follow the ORM's queries."""
    return read_connection(Case)


def percentile(qs: QuerySet[Case], p: float, days: LeadDays | None = None) -> float | None:
    """The p-th percentile (0–1) of the lead time in days (or of `days`) over qs, by linear interpolation.
    PostgreSQL: percentile_cont in one aggregate. Other databases (SQLite): the count, then the one or
    two ordered rows around position (n − 1)·p fetched with ORDER BY/LIMIT/OFFSET, interpolated."""
    qs = qs.annotate(days=days or LeadDays())
    if _connection().vendor == "postgresql":
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


def percentiles(qs: QuerySet[Case], ps: tuple[float, ...], days: LeadDays | None = None) -> list[float | None]:
    """Several percentiles at once; on PostgreSQL one aggregate, so the cohort is sorted once."""
    if _connection().vendor != "postgresql":
        return [percentile(qs, p, days) for p in ps]
    values = qs.annotate(days=days or LeadDays()).aggregate(
        **{f"p{i}": PercentileCont("days", p) for i, p in enumerate(ps)}
    )
    return [None if values[f"p{i}"] is None else round(values[f"p{i}"], 1) for i in range(len(ps))]


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
    # Only merged residents change the person: a LEFT JOIN on just those (found by the index on
    # merged_into_id) instead of joining every resident of the cohort (bench/bench_monitor.py: half the time).
    cases = received_cohort(f).filter(resident__isnull=False).values("resident_id").order_by()
    connection = _connection()
    inner, params = cases.query.get_compiler(connection=connection).as_sql()
    sql = (
        "SELECT COALESCE(SUM(CASE WHEN n = 2 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN n = 3 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN n >= 4 THEN 1 ELSE 0 END), 0) FROM ("
        f"SELECT COUNT(*) AS n FROM ({inner}) AS c LEFT JOIN {Resident._meta.db_table} AS r "
        "ON r.id = c.resident_id AND r.merged_into_id IS NOT NULL "
        "GROUP BY COALESCE(r.merged_into_id, c.resident_id)) AS per_resident"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        two, three, more = cursor.fetchone()
    return {"2": int(two), "3": int(three), "4+": int(more)}


def closed_outcomes(f: Filters) -> dict[str, Any]:
    """§5.3: closed total and the count per outcome (outcomes that occur, largest first)."""
    qs = closed_cohort(f)
    rows = [
        {"outcome": r["outcome"] or UNKNOWN, "count": r["count"]}
        for r in qs.values("outcome").annotate(count=Count("id"))
    ]
    by_outcome = {r["outcome"]: r["count"] for r in _ordered(rows, "outcome")}
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
    median, p90 = percentiles(qs, (0.5, 0.9))
    return {
        **_bucket_shares(totals),
        "median_days": median,
        "p90_days": p90,
        "within_term": share(totals["in_term"], totals["n"]),
        "by_close_month": {_month_key(r["month"]): _bucket_shares(r) for r in per_month},
    }


def trend(f: Filters) -> dict[str, Any]:
    """§5.9: received per calendar year over all data matching the filters (the period ignored), with the
    least-squares slope per year (None with fewer than two years)."""
    by_year = received_per_year(base(f))
    return {"by_year": by_year, "slope_per_year": slope([(int(y), n) for y, n in by_year.items()])}


def received_per_year(qs: QuerySet[Case]) -> dict[str, int]:
    """Received per calendar year, in year order. Grouped by day in SQL (a cheap group on an indexed date,
    one row per day with cases) and added up per year here: EXTRACT(YEAR …) per row was the dearest part
    of the report at a million cases (bench/bench_monitor.py)."""
    by_year: dict[str, int] = {}
    for row in qs.order_by().values("received_on").annotate(n=Count("*")):
        year = str(row["received_on"].year)
        by_year[year] = by_year.get(year, 0) + row["n"]
    return dict(sorted(by_year.items()))


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


# --- beyond §9: the web Monitor, the exports and the PDF ------------------------------------------


def compare_block(f: Filters) -> dict[str, Any] | None:
    """The comparison period and what it received, or None without one."""
    if f.compare_from is None or f.compare_to is None:
        return None
    total = received_cohort(f, f.compare_from, f.compare_to).count()
    return {"from": f.compare_from.isoformat(), "to": f.compare_to.isoformat(), "total": total}


def _without(qs: QuerySet[Case], subject: str) -> QuerySet[Case]:
    """Leave one subject out; cases without a subject stay in."""
    return qs.exclude(subject__name=subject)


def without_subject(f: Filters) -> dict[str, Any] | None:
    """§5.1 "the same with one subject left out": received without that subject, in the period and in the
    comparison period, and the change between them ("zonder energietoeslag −3%")."""
    if not f.without_subject:
        return None
    total = _without(received_cohort(f), f.without_subject).count()
    compare_total = None
    if f.compare_from is not None and f.compare_to is not None:
        compare_total = _without(received_cohort(f, f.compare_from, f.compare_to), f.without_subject).count()
    change = share(total - compare_total, compare_total) if compare_total is not None else None
    return {"subject": f.without_subject, "total": total, "compare_total": compare_total, "change_vs_compare": change}


def _of_type(f: Filters, case_type: str) -> Filters | None:
    """The filters narrowed to one case type, or None when the type filter excludes it."""
    if f.case_type and f.case_type != case_type:
        return None
    return replace(f, case_type=case_type)


PERSONAL_CHANNELS = (Channel.TELEFOON, Channel.BALIE)


def _personal_contact() -> Q:
    """A question had personal contact when it came in by phone or at the desk, or when someone reached
    the resident on a call (a reached contact attempt)."""
    return Q(channel__in=PERSONAL_CHANNELS) | Q(contact_attempts__reached=True)


def _backlog(f: Filters) -> QuerySet[Case]:
    """Received on or before the end of the period and not closed by then."""
    return base(f).filter(received_on__lte=f.date_to).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=f.date_to))


def questions(f: Filters) -> dict[str, Any] | None:
    """§5.11 (seed 000), over the case type vraag: received per year over all data, received and closed in
    the period, the share of the closed ones answered within the service norm (closed on or before the due
    date), the share with personal contact, and the backlog at the end of the period. None when a type
    filter leaves no questions."""
    q = _of_type(f, CaseType.VRAAG)
    if q is None:
        return None
    closed = closed_cohort(q)
    totals = closed.aggregate(n=Count("id"), in_norm=Count("id", filter=Q(closed_on__lte=F("due_on"))))
    personal = closed.filter(_personal_contact()).values("id").distinct().count()
    return {
        "by_year": received_per_year(base(q)),
        "received": received_cohort(q).count(),
        "closed": totals["n"],
        "within_norm": share(totals["in_norm"], totals["n"]),
        "personal_contact": share(personal, totals["n"]),
        "backlog": _backlog(q).count(),
    }


# Notification lag of appeals (filed at court → notified to the team), in days: (key, from, to, label).
LAG_BUCKETS = [
    ("0-7", 0, 7, "binnen een week"),
    ("8-14", 8, 14, "1 tot 2 weken"),
    ("15-28", 15, 28, "2 tot 4 weken"),
    ("29+", 29, None, "meer dan 4 weken"),
]


def _lag_filter(bucket: str) -> Q:
    for key, low, high, _label in LAG_BUCKETS:
        if key == bucket:
            return Q(lag__gte=low) if high is None else Q(lag__gte=low, lag__lte=high)
    raise ValueError(f"unknown lag bucket {bucket!r}")


def _appeals_with_lag(q: Filters) -> QuerySet[Case]:
    return (
        received_cohort(q)
        .filter(filed_at_court_on__isnull=False)
        .annotate(lag=LeadDays("received_on", "filed_at_court_on"))
    )


def spikes(by_month: dict[str, int]) -> list[str]:
    """Months with more than twice the average of the other months of the period."""
    months = list(by_month.items())
    if len(months) < 2:
        return []
    total = sum(by_month.values())
    return [month for month, n in months if n > 2 * (total - n) / (len(months) - 1)]


def appeals(f: Filters) -> dict[str, Any] | None:
    """§5.10, over the case type beroep received (= notified to the team) in the period: the notification
    lag (received_on − filed_at_court_on; cases without a court date are counted as unknown), its
    distribution, the count per month and the spike months. None when a type filter leaves no appeals."""
    q = _of_type(f, CaseType.BEROEP)
    if q is None:
        return None
    lagged = _appeals_with_lag(q)
    counts = lagged.aggregate(n=Count("id"), **{key: Count("id", filter=_lag_filter(key)) for key, *_ in LAG_BUCKETS})
    by_month = intake(replace(q, compare_from=None, compare_to=None))["by_month"]
    total = sum(by_month.values())
    lag_days = LeadDays("received_on", "filed_at_court_on")
    known = received_cohort(q).filter(filed_at_court_on__isnull=False)
    lag_median, lag_p90 = percentiles(known, (0.5, 0.9), lag_days)
    return {
        "total": total,
        "lag": {
            "median_days": lag_median,
            "p90_days": lag_p90,
            "buckets": [
                {"bucket": key, "label": label, "count": counts[key]} for key, _low, _high, label in LAG_BUCKETS
            ],
            "unknown": total - counts["n"],
        },
        "by_month": by_month,
        "spike_months": spikes(by_month),
    }


def full_report(f: Filters) -> dict[str, Any]:
    """§9's report plus what the web Monitor, the exports and the PDF show besides it."""
    return {
        **report(f),
        "compare": compare_block(f),
        "without_subject": without_subject(f),
        "questions": questions(f),
        "appeals": appeals(f),
    }


# --- drilling down: the cases behind one number ---------------------------------------------------

FIGURE_TITLES = {
    "received": "Ontvangen in de periode",
    "compare": "Ontvangen in de vergelijkingsperiode",
    "without_subject": "Ontvangen in de periode, zonder het weggelaten onderwerp",
    "without_subject_compare": "Ontvangen in de vergelijkingsperiode, zonder het weggelaten onderwerp",
    "subject": "Ontvangen per onderwerp",
    "channel": "Ontvangen per kanaal",
    "nature": "Ontvangen per aard van de klacht",
    "team_received": "Ontvangen per team",
    "team_closed": "Afgehandeld per team",
    "team_gegrond": "Gegrond per team",
    "team_deels_gegrond": "Deels gegrond per team",
    "repeat": "Zaken van inwoners die vaker indienden",
    "closed": "Afgehandeld in de periode",
    "founded": "Afgehandeld per onderwerp",
    "founded_gegrond": "Gegrond per onderwerp",
    "informal": "Informeel afgehandeld",
    "lead": "Doorlooptijd",
    "within_term": "Afgehandeld binnen de termijn",
    "over_term": "Afgehandeld na de termijn",
    "trend": "Ontvangen per jaar",
    "questions_received": "Vragen ontvangen",
    "questions_closed": "Vragen beantwoord",
    "questions_within_norm": "Vragen beantwoord binnen de servicenorm",
    "questions_personal_contact": "Vragen met persoonlijk contact",
    "questions_backlog": "Openstaande vragen aan het eind van de periode",
    "appeals": "Beroepszaken",
}
DRILLS = frozenset(FIGURE_TITLES)
BUCKETS = {
    "within_6_weeks": Q(days__lte=SIX_WEEKS),
    "6_to_10_weeks": Q(days__gt=SIX_WEEKS, days__lte=TEN_WEEKS),
    "over_10_weeks": Q(days__gt=TEN_WEEKS),
}


def _need(key: str | None, figure: str) -> str:
    if not key:
        raise ValueError(f"figure {figure!r} needs a key")
    return key


def _named(qs: QuerySet[Case], field: str, key: str | None, figure: str) -> QuerySet[Case]:
    """Filter on a named relation (subject, team, nature); 'onbekend' means none."""
    key = _need(key, figure)
    return qs.filter(**{f"{field}__isnull": True} if key == UNKNOWN else {f"{field}__name": key})


def _year(key: str) -> int:
    """A calendar year as four digits (1900–2100), or ValueError."""
    if not (len(key) == 4 and key.isascii() and key.isdigit() and 1900 <= int(key) <= 2100):
        raise ValueError(f"not a year: {key!r}")
    return int(key)


def _month(qs: QuerySet[Case], field: str, key: str) -> QuerySet[Case]:
    year, _, month = key.partition("-")
    if not (len(month) == 2 and month.isascii() and month.isdigit() and 1 <= int(month) <= 12):
        raise ValueError(f"not a month: {key!r}")
    return qs.filter(**{f"{field}__year": _year(year), f"{field}__month": int(month)})


def _repeat(f: Filters, key: str | None) -> QuerySet[Case]:
    key = _need(key, "repeat")
    person = Coalesce("resident__merged_into_id", "resident_id")
    counted = received_cohort(f).filter(resident__isnull=False).annotate(person=person).values("person")
    counted = counted.annotate(n=Count("id"))
    if key == "4+":
        people = counted.filter(n__gte=4)
    elif key in ("2", "3"):
        people = counted.filter(n=int(key))
    else:
        raise ValueError(f"unknown repeat key {key!r}")
    return received_cohort(f).annotate(person=person).filter(person__in=people.values("person"))


def _lead(f: Filters, key: str | None) -> QuerySet[Case]:
    key = _need(key, "lead")
    month, _, bucket = key.rpartition(":")
    if bucket not in BUCKETS:
        raise ValueError(f"unknown lead-time bucket {bucket!r}")
    qs = closed_cohort(f).annotate(days=LeadDays()).filter(BUCKETS[bucket])
    return _month(qs, "closed_on", month) if month else qs


def _questions(f: Filters, figure: str, key: str | None) -> QuerySet[Case]:
    q = _of_type(f, CaseType.VRAAG)
    if q is None:
        return Case.objects.none()
    if figure == "questions_received":
        return base(q).filter(received_on__year=int(key)) if key else received_cohort(q)
    if figure == "questions_closed":
        return closed_cohort(q)
    if figure == "questions_within_norm":
        return closed_cohort(q).filter(closed_on__lte=F("due_on"))
    if figure == "questions_personal_contact":
        return closed_cohort(q).filter(pk__in=closed_cohort(q).filter(_personal_contact()).values("pk"))
    return _backlog(q)


def _appeals(f: Filters, key: str | None) -> QuerySet[Case]:
    q = _of_type(f, CaseType.BEROEP)
    received = received_cohort(q) if q is not None else Case.objects.none()
    if not key:
        return received
    if any(key == bucket for bucket, *_ in LAG_BUCKETS):
        return _appeals_with_lag(q).filter(_lag_filter(key)) if q is not None else received
    return _month(received, "received_on", key)


def drill(f: Filters, figure: str, key: str | None = None) -> QuerySet[Case]:
    """The cases behind one number of the report (not access-filtered: the caller decides what the user
    may see of them). Raises ValueError for an unknown figure or key."""
    if figure not in DRILLS:
        raise ValueError(f"unknown figure {figure!r}")
    if key and ("\x00" in key or len(key) > 200):
        raise ValueError("unreadable key")
    qs = _drill(f, figure, key or None)
    return qs.order_by("received_on", "reference")


def _drill(f: Filters, figure: str, key: str | None) -> QuerySet[Case]:
    received, closed = received_cohort(f), closed_cohort(f)
    if figure == "received":
        return _month(received, "received_on", key) if key else received
    if figure in ("compare", "without_subject_compare"):
        if f.compare_from is None or f.compare_to is None:
            raise ValueError("no comparison period")
        qs = received_cohort(f, f.compare_from, f.compare_to)
        return _without(qs, _need(f.without_subject, figure)) if figure == "without_subject_compare" else qs
    if figure == "without_subject":
        return _without(received, _need(f.without_subject, figure))
    if figure == "subject":
        return _named(received, "subject", key, figure)
    if figure == "channel":
        return received.filter(channel="" if _need(key, figure) == UNKNOWN else key)
    if figure == "nature":
        return _named(received, "nature", key, figure)
    if figure == "team_received":
        return _named(received, "team", key, figure)
    if figure.startswith("team_"):
        outcome = {"team_gegrond": Outcome.GEGROND, "team_deels_gegrond": Outcome.DEELS_GEGROND}.get(figure)
        qs = _named(closed, "team", key, figure)
        return qs.filter(outcome=outcome) if outcome else qs
    if figure == "repeat":
        return _repeat(f, key)
    if figure == "closed":
        return closed.filter(outcome="" if key == UNKNOWN else key) if key else closed
    if figure in ("founded", "founded_gegrond"):
        qs = _named(closed, "subject", key, figure)
        return qs.filter(outcome=Outcome.GEGROND) if figure == "founded_gegrond" else qs
    if figure == "informal":
        return closed.filter(Q(informal=True) | Q(outcome__in=INFORMAL_OUTCOMES))
    if figure == "lead":
        return _lead(f, key)
    if figure == "within_term":
        return closed.filter(closed_on__lte=F("due_on"))
    if figure == "over_term":
        return closed.filter(closed_on__gt=F("due_on"))
    if figure == "trend":
        return base(f).filter(received_on__year=_year(_need(key, figure)))
    if figure.startswith("questions_"):
        if figure == "questions_received" and key:
            _year(key)
        return _questions(f, figure, key)
    return _appeals(f, key)
