"""Benchmark: the Monitor's year report in Casus against what an analyst does today with an export.

The same figures for one year (ctx.period, with the year before as comparison period) three ways:
- Casus: `figures.report(Filters(period, compare=year before))` plus json.dumps, on PostgreSQL;
- DuckDB SQL over a Parquet export (warm: the file is in the OS cache; connection and queries timed);
- pandas over a CSV export (read_csv timed too: the analyst reads the file each time).

The exports are what a registration system hands out: one row per case with the names of its team,
subject and nature (CSV through `COPY … TO STDOUT WITH CSV HEADER`; Parquet written by DuckDB from that
CSV). They are timed apart and are not part of the comparison. Both analyst versions produce the report's
JSON shape (the small grouped results are shaped by the same Python as Casus does: sort, shares), plus
per-type figures and the backlog at the end of the period, and every figure is checked against Casus on
the same database: `agree` says which figures are equal to the last digit.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casus_bench_analyst python bench/bench_analyst.py

runs it on its own against an existing benchmark database (bench/datagen.py fills one).
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.common import BenchContext, summary  # noqa: E402

UNKNOWN = "onbekend"
SIX_WEEKS, TEN_WEEKS = 42, 70
INFORMAL_OUTCOMES = ("informeel_afgehandeld", "informeel_opgelost")
PANDAS_BUDGET_SECONDS = 60.0  # pandas at a million rows takes seconds a run: stop repeating after this
MIN_REPEATS = 3

# The export: (column, DuckDB type). Merged residents are resolved in the export (the registration
# system shows the person a duplicate was merged into), so repeat filers need no resident table.
COLUMNS = [
    ("reference", "VARCHAR"), ("organisation", "VARCHAR"), ("case_type", "VARCHAR"), ("team", "VARCHAR"),
    ("subject", "VARCHAR"), ("nature", "VARCHAR"), ("channel", "VARCHAR"), ("received_on", "DATE"),
    ("due_on", "DATE"), ("closed_on", "DATE"), ("status", "VARCHAR"), ("outcome", "VARCHAR"),
    ("informal", "BOOLEAN"), ("resident_id", "BIGINT"), ("decision_sent_on", "DATE"),
    ("filed_at_court_on", "DATE"), ("committee", "BOOLEAN"), ("postponed_on", "DATE"), ("extended_to", "DATE"),
]  # fmt: skip
EXPORT_SQL = """
SELECT c.reference, o.name AS organisation, c.case_type, t.name AS team, s.name AS subject,
       n.name AS nature, NULLIF(c.channel, '') AS channel, c.received_on, c.due_on, c.closed_on, c.status,
       NULLIF(c.outcome, '') AS outcome, c.informal::text AS informal,
       COALESCE(r.merged_into_id, c.resident_id) AS resident_id, c.decision_sent_on, c.filed_at_court_on,
       c.committee::text AS committee, c.postponed_on, c.extended_to
FROM cases_case c
JOIN cases_organisation o ON o.id = c.organisation_id
LEFT JOIN cases_team t ON t.id = c.team_id
LEFT JOIN cases_category s ON s.id = c.subject_id
LEFT JOIN cases_category n ON n.id = c.nature_id
LEFT JOIN cases_resident r ON r.id = c.resident_id
ORDER BY c.id
"""

NOTES = [
    "Casus runs figures.report(Filters(period, compare_from/compare_to = the year before)) + json.dumps; "
    "the analyst versions compute the same figures plus per-type figures (received per month, closed, "
    "outcomes, within term, median, p90) and the backlog at the end of the period, which the report does "
    "not: they do a little more work than the Casus run they are compared with.",
    "Merged residents: the export carries the resident a duplicate was merged into (COALESCE(merged_into_id, "
    "resident_id)), so repeat filers are counted per person as the Monitor does; an export of raw resident "
    "numbers would count a merged duplicate as another person.",
    "On time = closed_on <= due_on as stored (the due date already includes postponement and committee "
    "terms); suspensions are not recomputed from the timeline by either side.",
    "Lead time = closed_on - received_on in calendar days; median and p90 by linear interpolation "
    "(PostgreSQL percentile_cont, DuckDB quantile_cont, pandas quantile), rounded to 1 decimal.",
    "The small grouped results (tens of rows) are shaped by the same Python code for DuckDB and pandas "
    "(sorting, shares rounded to 4 decimals, 'onbekend' for missing names): that is inside the timing.",
    "The exports are timed apart and left out of the ratios: the analyst's figures are as old as the last "
    "export, Casus's are live; a fresh export costs the two export timings on top.",
    "pandas reads with its default C parser (no pyarrow), dtypes given and the date columns parsed.",
]


# --- shaping: grouped rows into the report's JSON (§9), shared by both analyst versions -----------


def share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def name(value: Any) -> str:
    """A group key as a label: missing (None, NaN) as 'onbekend'."""
    return value if isinstance(value, str) and value else UNKNOWN


def months(date_from: date, date_to: date) -> list[str]:
    """The Monitor's own month list (imported late: Django is set up by then)."""
    from casus.monitor.figures import _months

    return _months(date_from, date_to)


def ordered(rows: list[dict[str, Any]], key: str, count: str = "count") -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: (-row[count], row[key]))


def rounded(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 1)


def slope(points: list[tuple[int, int]]) -> float | None:
    """The Monitor's own least-squares slope (imported late: Django is set up by then)."""
    from casus.monitor.figures import slope as monitor_slope

    return monitor_slope(points)


def buckets(n: int, b6: int, b10: int, over: int) -> dict[str, float | None]:
    return {"within_6_weeks": share(b6, n), "6_to_10_weeks": share(b10, n), "over_10_weeks": share(over, n)}


def shape(g: dict[str, Any], period: tuple[date, date]) -> dict[str, Any]:
    """The grouped figures `g` (plain Python values, keyed as below) as the report's JSON."""
    by_month = dict.fromkeys(months(*period), 0)
    for (month, _case_type), n in g["received_type_month"].items():
        by_month[month] += n
    total = sum(by_month.values())
    subjects = ordered(
        [{"subject": name(k), "count": n, "share": share(n, total)} for k, n in g["received_subject"].items()],
        "subject",
    )
    teams: dict[str, dict[str, Any]] = {}
    for k, n in g["received_team"].items():
        teams[name(k)] = {"team": name(k), "received": n, "closed": 0, "gegrond": 0, "deels_gegrond": 0}
    for k, (n, gegrond, deels) in g["closed_team"].items():
        row = teams.setdefault(name(k), {"team": name(k), "received": 0})
        row.update(closed=n, gegrond=gegrond, deels_gegrond=deels)
    outcomes = ordered([{"outcome": name(k), "count": n} for k, n in g["closed_outcome"].items()], "outcome")
    c = g["closed"]
    founded = [
        {"subject": name(k), "closed": n, "gegrond": gegrond, "rate": share(gegrond, n)}
        for k, (n, gegrond) in g["closed_subject"].items()
    ]
    before = g["compare_total"]
    by_year = {str(y): n for y, n in sorted(g["received_year"].items())}
    known = [row["count"] for row in subjects if row["subject"] != UNKNOWN][:3]
    return {
        "received": {"total": total, "by_month": by_month, "change_vs_compare": share(total - before, before)},
        "by_subject": subjects,
        "top3_subjects_share": share(sum(known), sum(row["count"] for row in subjects)),
        "by_channel": ordered([{"channel": name(k), "count": n} for k, n in g["received_channel"].items()], "channel"),
        "by_nature": ordered([{"nature": k, "count": n} for k, n in g["received_nature"].items()], "nature"),
        "by_team": sorted(teams.values(), key=lambda t: (-t["received"], -t["closed"], t["team"])),
        "repeat_filers": dict(zip(("2", "3", "4+"), g["repeat"], strict=True)),
        "closed": {
            "total": sum(r["count"] for r in outcomes),
            "by_outcome": {r["outcome"]: r["count"] for r in outcomes},
        },
        "founded_by_subject": ordered(founded, "subject", count="closed"),
        "informal_rate": share(c["informal"], c["n"]),
        "lead_time": {
            **buckets(c["n"], c["b6"], c["b10"], c["over"]),
            "median_days": rounded(c["median"]),
            "p90_days": rounded(c["p90"]),
            "within_term": share(c["in_term"], c["n"]),
            "by_close_month": {m: buckets(*v) for m, v in sorted(g["closed_month"].items())},
        },
        "trend": {"by_year": by_year, "slope_per_year": slope([(int(y), n) for y, n in by_year.items()])},
        "by_type": shape_types(g, period),
        "backlog": g["backlog"],
    }


def shape_types(g: dict[str, Any], period: tuple[date, date]) -> dict[str, dict[str, Any]]:
    """Per case type: received (total, per month), closed, outcomes, within term, median and p90."""
    types: dict[str, dict[str, Any]] = {}

    def of(case_type: str) -> dict[str, Any]:
        empty = {"received": 0, "by_month": dict.fromkeys(months(*period), 0), "closed": 0, "by_outcome": {}}
        return types.setdefault(case_type, {**empty, "within_term": None, "median_days": None, "p90_days": None})

    for (month, case_type), n in g["received_type_month"].items():
        row = of(case_type)
        row["by_month"][month] += n
        row["received"] += n
    for case_type, (n, in_term, median, p90) in g["closed_type"].items():
        of(case_type).update(
            closed=n, within_term=share(in_term, n), median_days=rounded(median), p90_days=rounded(p90)
        )
    for (case_type, outcome), n in g["closed_type_outcome"].items():
        of(case_type)["by_outcome"][name(outcome)] = n
    return dict(sorted(types.items()))


# --- DuckDB over Parquet --------------------------------------------------------------------------

RECEIVED = "received_on BETWEEN $date_from AND $date_to"
CLOSED = "closed_on BETWEEN $date_from AND $date_to"
DAYS = "date_diff('day', received_on, closed_on)"
INFORMAL = "(informal OR outcome IN ('informeel_afgehandeld', 'informeel_opgelost'))"
BUCKET_COUNTS = (
    f"count(*), count(*) FILTER ({DAYS} <= {SIX_WEEKS}), "
    f"count(*) FILTER ({DAYS} > {SIX_WEEKS} AND {DAYS} <= {TEN_WEEKS}), count(*) FILTER ({DAYS} > {TEN_WEEKS})"
)
DUCKDB_QUERIES = {
    "received_type_month": f"SELECT strftime(received_on, '%Y-%m'), case_type, count(*) FROM cases WHERE {RECEIVED} "
    "GROUP BY ALL",
    "received_subject": f"SELECT subject, count(*) FROM cases WHERE {RECEIVED} GROUP BY ALL",
    "received_channel": f"SELECT channel, count(*) FROM cases WHERE {RECEIVED} GROUP BY ALL",
    "received_nature": f"SELECT nature, count(*) FROM cases WHERE {RECEIVED} AND nature IS NOT NULL GROUP BY ALL",
    "received_team": f"SELECT team, count(*) FROM cases WHERE {RECEIVED} GROUP BY ALL",
    "received_year": "SELECT year(received_on), count(*) FROM cases GROUP BY ALL",
    "compare_total": "SELECT count(*) FROM cases WHERE received_on BETWEEN $compare_from AND $compare_to",
    "repeat": "SELECT count(*) FILTER (n = 2), count(*) FILTER (n = 3), count(*) FILTER (n >= 4) FROM ("
    f"SELECT count(*) AS n FROM cases WHERE {RECEIVED} AND resident_id IS NOT NULL GROUP BY resident_id)",
    "closed": f"SELECT {BUCKET_COUNTS}, count(*) FILTER ({INFORMAL}), count(*) FILTER (closed_on <= due_on), "
    f"quantile_cont({DAYS}, 0.5), quantile_cont({DAYS}, 0.9) FROM cases WHERE {CLOSED}",
    "closed_month": f"SELECT strftime(closed_on, '%Y-%m'), {BUCKET_COUNTS} FROM cases WHERE {CLOSED} GROUP BY 1",
    "closed_team": "SELECT team, count(*), count(*) FILTER (outcome = 'gegrond'), "
    f"count(*) FILTER (outcome = 'deels_gegrond') FROM cases WHERE {CLOSED} GROUP BY ALL",
    "closed_outcome": f"SELECT outcome, count(*) FROM cases WHERE {CLOSED} GROUP BY ALL",
    "closed_subject": "SELECT subject, count(*), count(*) FILTER (outcome = 'gegrond') "
    f"FROM cases WHERE {CLOSED} GROUP BY ALL",
    "closed_type": "SELECT case_type, count(*), count(*) FILTER (closed_on <= due_on), "
    f"quantile_cont({DAYS}, 0.5), quantile_cont({DAYS}, 0.9) FROM cases WHERE {CLOSED} GROUP BY ALL",
    "closed_type_outcome": f"SELECT case_type, outcome, count(*) FROM cases WHERE {CLOSED} GROUP BY ALL",
    "backlog": "SELECT count(*) FROM cases WHERE received_on <= $date_to "
    "AND (closed_on IS NULL OR closed_on > $date_to)",
}  # fmt: skip


def grouped(rows: list[tuple[Any, ...]], keys: int = 1) -> dict[Any, Any]:
    """Rows of (key…, value…) as {key or (keys…): value or (values…)}."""
    found = {}
    for row in rows:
        key = row[0] if keys == 1 else tuple(row[:keys])
        rest = row[keys:]
        found[key] = rest[0] if len(rest) == 1 else tuple(rest)
    return found


def duckdb_report(parquet: Path, period: tuple[date, date], compare: tuple[date, date]) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect()
    try:
        path = str(parquet).replace("'", "''")
        con.execute(f"CREATE VIEW cases AS SELECT * FROM read_parquet('{path}')")
        params = {"date_from": period[0], "date_to": period[1], "compare_from": compare[0], "compare_to": compare[1]}
        g: dict[str, Any] = {}
        for key, sql in DUCKDB_QUERIES.items():
            used = {k: v for k, v in params.items() if f"${k}" in sql}
            rows = con.execute(sql, used).fetchall()
            if key in ("compare_total", "backlog"):
                g[key] = rows[0][0]
            elif key == "repeat":
                g[key] = rows[0]
            elif key == "closed":
                n, b6, b10, over, informal, in_term, median, p90 = rows[0]
                g[key] = {"n": n, "b6": b6, "b10": b10, "over": over, "informal": informal, "in_term": in_term,
                          "median": median, "p90": p90}  # fmt: skip
            else:
                g[key] = grouped(rows, 2 if key in ("received_type_month", "closed_type_outcome") else 1)
    finally:
        con.close()
    return shape(g, period)


# --- pandas over CSV ------------------------------------------------------------------------------


def pandas_read(csv: Path) -> Any:
    import pandas as pd

    kinds = {"VARCHAR": "str", "BOOLEAN": "bool", "BIGINT": "Int64"}
    dtypes = {column: kinds[kind] for column, kind in COLUMNS if kind != "DATE"}
    dates = [column for column, kind in COLUMNS if kind == "DATE"]
    return pd.read_csv(csv, dtype=dtypes, parse_dates=dates)


def counts(series: Any) -> dict[Any, int]:
    """value_counts with missing values kept (as None)."""
    return {(None if not isinstance(k, str) else k): int(n) for k, n in series.value_counts(dropna=False).items()}


def pandas_report(csv: Path, period: tuple[date, date], compare: tuple[date, date]) -> dict[str, Any]:
    import pandas as pd

    df = pandas_read(csv)
    start, end = pd.Timestamp(period[0]), pd.Timestamp(period[1])
    rec = df[df["received_on"].between(start, end)]
    closed = df[df["closed_on"].between(start, end)].copy()
    closed["days"] = (closed["closed_on"] - closed["received_on"]).dt.days
    closed["b6"] = closed["days"] <= SIX_WEEKS
    closed["b10"] = (closed["days"] > SIX_WEEKS) & (closed["days"] <= TEN_WEEKS)
    closed["over"] = closed["days"] > TEN_WEEKS
    closed["in_term"] = closed["closed_on"] <= closed["due_on"]
    closed["gegrond"] = closed["outcome"] == "gegrond"
    closed["deels"] = closed["outcome"] == "deels_gegrond"
    days = closed["days"]
    month = rec["received_on"].dt.strftime("%Y-%m")
    per_resident = rec["resident_id"].dropna().value_counts()
    g: dict[str, Any] = {
        "received_type_month": {k: int(n) for k, n in rec.groupby([month, rec["case_type"]]).size().items()},
        "received_subject": counts(rec["subject"]),
        "received_channel": counts(rec["channel"]),
        "received_nature": counts(rec["nature"].dropna()),
        "received_team": counts(rec["team"]),
        "received_year": {int(k): int(n) for k, n in df["received_on"].dt.year.value_counts().items()},
        "compare_total": int(df["received_on"].between(pd.Timestamp(compare[0]), pd.Timestamp(compare[1])).sum()),
        "repeat": (int((per_resident == 2).sum()), int((per_resident == 3).sum()), int((per_resident >= 4).sum())),
        "closed": {
            "n": len(closed),
            "b6": int(closed["b6"].sum()),
            "b10": int(closed["b10"].sum()),
            "over": int(closed["over"].sum()),
            "in_term": int(closed["in_term"].sum()),
            "informal": int((closed["informal"] | closed["outcome"].isin(INFORMAL_OUTCOMES)).sum()),
            "median": days.quantile(0.5) if len(days) else None,
            "p90": days.quantile(0.9) if len(days) else None,
        },
        **pandas_closed_groups(closed),
        "backlog": int(((df["received_on"] <= end) & ~(df["closed_on"] <= end)).sum()),
    }
    return shape(g, period)


def pandas_closed_groups(closed: Any) -> dict[str, Any]:
    """The closed cohort grouped per month, team, outcome, subject and type."""
    month = closed["closed_on"].dt.strftime("%Y-%m")
    per_month = closed.groupby(month)[["b6", "b10", "over"]].agg(["size", "sum"])
    by_team = closed.groupby("team", dropna=False)[["gegrond", "deels"]].agg(["size", "sum"])
    by_subject = closed.groupby("subject", dropna=False)["gegrond"].agg(["size", "sum"])
    by_type = closed.groupby("case_type").agg(
        n=("days", "size"), in_term=("in_term", "sum"),
        median=("days", lambda d: d.quantile(0.5)), p90=("days", lambda d: d.quantile(0.9)),
    )  # fmt: skip
    outcome = closed["outcome"]
    return {
        "closed_month": {
            m: (int(r[("b6", "size")]), int(r[("b6", "sum")]), int(r[("b10", "sum")]), int(r[("over", "sum")]))
            for m, r in per_month.iterrows()
        },
        "closed_team": {
            (k if isinstance(k, str) else None): (
                int(r[("gegrond", "size")]),
                int(r[("gegrond", "sum")]),
                int(r[("deels", "sum")]),
            )
            for k, r in by_team.iterrows()
        },
        "closed_outcome": counts(outcome),
        "closed_subject": {
            (k if isinstance(k, str) else None): (int(r["size"]), int(r["sum"])) for k, r in by_subject.iterrows()
        },
        "closed_type": {
            k: (int(r["n"]), int(r["in_term"]), float(r["median"]), float(r["p90"])) for k, r in by_type.iterrows()
        },
        "closed_type_outcome": {
            (t, o if isinstance(o, str) else None): int(n)
            for (t, o), n in closed.groupby(["case_type", outcome], dropna=False).size().items()
        },
    }


# --- Casus, the exports, the check and the timing -------------------------------------------------


def year_before(period: tuple[date, date]) -> tuple[date, date]:
    def back(day: date) -> date:
        try:
            return day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year - 1, day=28)

    return back(period[0]), back(period[1])


def casus_filters(period: tuple[date, date]) -> Any:
    from casus.monitor.figures import Filters

    compare = year_before(period)
    return Filters(period[0], period[1], compare_from=compare[0], compare_to=compare[1])


def casus_report(period: tuple[date, date]) -> str:
    from casus.monitor import figures

    return json.dumps(figures.report(casus_filters(period)))


def casus_reference(period: tuple[date, date]) -> dict[str, Any]:
    """The report plus, for the check only, the same per type (report with a type filter) and the backlog."""
    from casus.cases.models import Case
    from casus.monitor import figures

    f = casus_filters(period)
    report = figures.report(f)
    received = Case.objects.filter(received_on__range=period).order_by()  # no Meta ordering in DISTINCT
    types = sorted(received.values_list("case_type", flat=True).distinct())
    by_type = {}
    for case_type in types:
        one = figures.report(replace(f, case_type=case_type))
        by_type[case_type] = {
            "received": one["received"]["total"], "by_month": one["received"]["by_month"],
            "closed": one["closed"]["total"], "by_outcome": one["closed"]["by_outcome"],
            "within_term": one["lead_time"]["within_term"], "median_days": one["lead_time"]["median_days"],
            "p90_days": one["lead_time"]["p90_days"],
        }  # fmt: skip
    return {**report, "by_type": by_type, "backlog": figures._backlog(f).count()}


def export_csv(path: Path) -> None:
    from django.db import connection

    sql = f"COPY ({EXPORT_SQL}) TO STDOUT WITH (FORMAT csv, HEADER)"
    with connection.cursor() as cursor, path.open("wb") as out, cursor.cursor.copy(sql) as copy:
        for block in copy:
            out.write(block)


def export_parquet(csv: Path, parquet: Path) -> None:
    import duckdb

    columns = "{" + ", ".join(f"'{column}': '{kind}'" for column, kind in COLUMNS) + "}"
    source, target = str(csv).replace("'", "''"), str(parquet).replace("'", "''")
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT * FROM read_csv('{source}', header = true, columns = {columns})) "
            f"TO '{target}' (FORMAT parquet)"
        )


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def repeat(fn: Callable[[], Any], runs: int, budget: float | None = None) -> list[float]:
    """One untimed warm-up run, then `runs` timed ones (at least MIN_REPEATS; fewer than `runs` when the
    budget in seconds is spent)."""
    fn()
    seconds: list[float] = []
    while len(seconds) < max(runs, MIN_REPEATS):
        seconds.append(timed(fn)[0])
        if budget is not None and len(seconds) >= MIN_REPEATS and sum(seconds) > budget:
            break
    return seconds


FIGURES = [
    "received.total", "received.by_month", "received.change_vs_compare", "by_subject", "top3_subjects_share",
    "by_channel", "by_nature", "by_team", "repeat_filers", "closed.total", "closed.by_outcome",
    "founded_by_subject", "informal_rate", "lead_time.within_6_weeks", "lead_time.6_to_10_weeks",
    "lead_time.over_10_weeks", "lead_time.median_days", "lead_time.p90_days", "lead_time.within_term",
    "lead_time.by_close_month", "trend.by_year", "trend.slope_per_year", "backlog",
]  # fmt: skip
TYPE_FIGURES = ["received", "by_month", "closed", "by_outcome", "within_term", "median_days", "p90_days"]


def pick(report: dict[str, Any], dotted: str) -> Any:
    value: Any = report
    for part in dotted.split("."):
        value = value[part]
    return value


def agreement(mine: dict[str, Any], casus: dict[str, Any]) -> tuple[dict[str, bool], list[str]]:
    """Figure → equal to Casus's number to the last digit; and a short description of each difference."""
    agree, differences = {}, []
    for figure in FIGURES:
        agree[figure] = pick(mine, figure) == pick(casus, figure)
        if not agree[figure]:
            differences.append(f"{figure}: {str(pick(mine, figure))[:160]} != {str(pick(casus, figure))[:160]}")
    for figure in TYPE_FIGURES:
        wrong = [t for t in casus["by_type"] if mine["by_type"].get(t, {}).get(figure) != casus["by_type"][t][figure]]
        agree[f"by_type.{figure}"] = not wrong and set(mine["by_type"]) == set(casus["by_type"])
        differences += [f"by_type.{figure} {t}: {mine['by_type'].get(t, {}).get(figure)}" for t in wrong]
    return agree, differences


def ratio(a: dict[str, Any], b: dict[str, Any], key: str) -> float | None:
    return round(a[key] / b[key], 2) if b[key] else None


def run(ctx: BenchContext) -> dict[str, Any]:
    import duckdb
    import pandas as pd

    period, compare = ctx.period, year_before(ctx.period)
    runs = max(ctx.repeats, MIN_REPEATS)
    load_before = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="casus-analyst-") as tmp:
        csv, parquet = Path(tmp) / "cases.csv", Path(tmp) / "cases.parquet"
        csv_seconds, _ = timed(lambda: export_csv(csv))
        parquet_seconds, _ = timed(lambda: export_parquet(csv, parquet))
        casus = casus_reference(period)
        in_duckdb = duckdb_report(parquet, period, compare)
        in_pandas = pandas_report(csv, period, compare)
        duckdb_agree, duckdb_differences = agreement(in_duckdb, casus)
        pandas_agree, pandas_differences = agreement(in_pandas, casus)
        casus_runs = repeat(lambda: casus_report(period), runs)
        duckdb_runs = repeat(lambda: duckdb_report(parquet, period, compare), runs)
        pandas_runs = repeat(lambda: pandas_report(csv, period, compare), runs, PANDAS_BUDGET_SECONDS)
        sizes = {"csv_bytes": csv.stat().st_size, "parquet_bytes": parquet.stat().st_size}
    rows = casus["received"]["total"]
    m = {
        "analyst_export_csv": summary([csv_seconds], rows=ctx.cases, bytes=sizes["csv_bytes"]),
        "analyst_export_parquet": summary([parquet_seconds], bytes=sizes["parquet_bytes"]),
        "analyst_casus_report": summary(casus_runs, received=rows),
    }
    casus_m = m["analyst_casus_report"]
    # "ratio": Casus's median over this one's (above 1: Casus is slower), the figure the table shows.
    m["analyst_duckdb_parquet"] = summary(duckdb_runs, ratio=ratio(casus_m, summary(duckdb_runs), "median_ms"))
    m["analyst_pandas_csv"] = summary(pandas_runs, ratio=ratio(casus_m, summary(pandas_runs), "median_ms"))
    duckdb_m, pandas_m = m["analyst_duckdb_parquet"], m["analyst_pandas_csv"]
    return {
        "measurements": m,
        "targets": [],
        "analyst": {
            "period": [period[0].isoformat(), period[1].isoformat()],
            "compare": [compare[0].isoformat(), compare[1].isoformat()],
            "ratios": {
                "casus_over_duckdb_median": ratio(casus_m, duckdb_m, "median_ms"),
                "casus_over_duckdb_p95": ratio(casus_m, duckdb_m, "p95_ms"),
                "casus_over_pandas_median": ratio(casus_m, pandas_m, "median_ms"),
                "casus_over_pandas_p95": ratio(casus_m, pandas_m, "p95_ms"),
            },
            "agree": {"duckdb": duckdb_agree, "pandas": pandas_agree},
            "differences": {"duckdb": duckdb_differences[:20], "pandas": pandas_differences[:20]},
            "files": sizes,
            "load_average_1_min": {"before": load_before, "after": round(os.getloadavg()[0], 2)},
            "versions": {"duckdb": duckdb.__version__, "pandas": pd.__version__, "duckdb_threads": duckdb_threads()},
            "notes": NOTES,
        },
    }


def duckdb_threads() -> int:
    import duckdb

    with duckdb.connect() as con:
        return int(con.execute("SELECT current_setting('threads')").fetchone()[0])


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")
    import django

    django.setup()
    from django.db import connection

    from casus.cases.models import Case

    if connection.vendor != "postgresql":
        raise SystemExit("bench_analyst: set DATABASE_URL=postgres://… of a benchmark database (stopped)")
    ctx = BenchContext(
        scale="quick", cases=Case.objects.count(), events_per_case=5, database=connection.settings_dict["NAME"],
        database_url=os.environ.get("DATABASE_URL", ""), repeats=int(os.environ.get("BENCH_REPEATS", "5")),
    )  # fmt: skip
    print(json.dumps(run(ctx), indent=2, default=str))


if __name__ == "__main__":
    main()
