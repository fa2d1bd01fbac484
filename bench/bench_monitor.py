"""Benchmark: the Monitor's JSON report for one year (target at 1,000,000 cases: under 2 s on PostgreSQL).

Part of `make bench` / `make bench-full` (bench/run.py calls `run(ctx)` on the benchmark database that
bench/datagen.py filled). It times `figures.report(Filters(one year))` plus json.dumps without filters and
with each filter (case type, team, subject, channel, organisation, a subject left out, a comparison
period), and `figures.full_report` (the web Monitor's larger report) without filters and compared. Each
variant: one cold run on a new database connection (PostgreSQL's and the OS's page caches are not
flushed: this is the first query on a new connection, not a server restart), ctx.repeats warm runs
(median, p95, best), the number of queries and the slowest ones, and the CPU seconds the server process
spends on one report with parallel query off, a figure that does not depend on what else the machine is
doing.

On its own:  python bench/bench_monitor.py [N] [--database NAME]  (default 1,000,000 cases in
casus_bench_full, generated when it is not there yet; results printed, not written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import BenchContext, summary, target

TARGET_SECONDS = 2.0
SERIAL_RUNS = 3
MAX_RUNS = 15  # warm runs per variant at most: ten variants of ~1.5 s at 1M cases stay within 5 minutes
# The indexes migration cases 0007 added for the Monitor (their sizes go into the results).
MONITOR_INDEXES = ("case_closed_cover_idx", "case_received_cover_idx", "case_type_received_idx")


# --- the timings -----------------------------------------------------------------------------------


class QueryClock:
    """execute_wrapper: the seconds each SQL statement took."""

    def __init__(self) -> None:
        self.queries: list[tuple[float, str]] = []

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - began, sql))


def backend_cpu_seconds() -> float | None:
    """CPU seconds the server process behind this connection has used, when the server runs on this
    machine (read from /proc); None otherwise."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        if not Path(f"/proc/{pid}/comm").read_text().startswith("postgres"):
            return None
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def measure(fn: Callable[[Any], dict[str, Any]], filters: Any, runs: int) -> dict[str, Any]:
    from django.db import connection

    def once() -> float:
        began = time.perf_counter()
        json.dumps(fn(filters))
        return time.perf_counter() - began

    connection.close()  # cold: the first run on a new connection (a new server backend)
    cold = once()
    warm = [once() for _ in range(runs)]
    clock = QueryClock()
    with connection.execute_wrapper(clock):
        fn(filters)
    slowest = sorted(clock.queries, reverse=True)[:5]
    # The work itself, whatever else the machine is doing: CPU seconds of the server process (parallel
    # query off, so it all happens in that one process) and of this Python process, per report.
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    server_before, client_before = backend_cpu_seconds(), time.process_time()
    for _ in range(SERIAL_RUNS):
        json.dumps(fn(filters))
    server_after, client_after = backend_cpu_seconds(), time.process_time()
    with connection.cursor() as cursor:
        cursor.execute("RESET max_parallel_workers_per_gather")
    server = None if server_before is None else round((server_after - server_before) / SERIAL_RUNS, 3)
    return summary(
        warm,
        cold_ms=round(cold * 1000, 1),
        best_ms=round(min(warm) * 1000, 1),
        server_cpu_ms_serial=None if server is None else round(server * 1000),
        client_cpu_ms=round((client_after - client_before) / SERIAL_RUNS * 1000),
        queries=len(clock.queries),
        slowest_queries=[{"ms": round(s * 1000, 1), "sql": " ".join(sql.split())[:240]} for s, sql in slowest],
    )


def variants(ctx: BenchContext) -> dict[str, Any]:
    """The period without filters and with each filter, one at a time, on values the data has."""
    from datetime import date

    from django.db.models import Count

    from casus.cases.models import Case, Organisation
    from casus.monitor import figures

    start, end = ctx.period
    period = Case.objects.filter(received_on__range=ctx.period)

    def busiest(field: str) -> Any:
        rows = period.exclude(**{f"{field}__isnull": True}).values(field).annotate(n=Count("id")).order_by("-n")
        return rows[0][field] if rows else None

    team = busiest("team__name")
    subject = busiest("subject__name")
    organisation = Organisation.objects.filter(pk=busiest("organisation")).first()
    compare = (date(start.year - 1, start.month, start.day), date(end.year - 1, end.month, end.day))
    return {
        "all": figures.Filters(start, end),
        "type_klacht": figures.Filters(start, end, case_type="klacht"),
        "team": figures.Filters(start, end, team=team),
        "subject": figures.Filters(start, end, subject=subject),
        "channel_email": figures.Filters(start, end, channel="email"),
        "organisation": figures.Filters(start, end, organisation=organisation),
        "without_subject": figures.Filters(start, end, without_subject=subject),
        "compare_previous_year": figures.Filters(start, end, compare_from=compare[0], compare_to=compare[1]),
    }


def run(ctx: BenchContext) -> dict[str, Any]:
    from django.db import connection

    from casus.cases.models import Case
    from casus.monitor import figures

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, pg_size_pretty(pg_relation_size(indexname::regclass)) FROM pg_indexes "
            "WHERE tablename = 'cases_case' AND indexname = ANY(%s) ORDER BY 1",
            [list(MONITOR_INDEXES)],
        )
        monitor_indexes = dict(cursor.fetchall())
    chosen = variants(ctx)
    runs = min(ctx.repeats, MAX_RUNS)
    measurements = {f"report/{name}": measure(figures.report, f, runs) for name, f in chosen.items()}
    for name in ("all", "compare_previous_year"):
        measurements[f"full_report/{name}"] = measure(figures.full_report, chosen[name], runs)
    assert (
        figures.report(chosen["all"])["received"]["total"] == Case.objects.filter(received_on__range=ctx.period).count()
    )
    worst = max(max(m["p95_ms"], m["cold_ms"]) for key, m in measurements.items() if key.startswith("report/"))
    at = f"{ctx.cases:,} cases"
    return {
        "period": f"{ctx.period[0]} – {ctx.period[1]}",
        "filters": {name: {k: str(v) for k, v in vars(f).items() if v} for name, f in chosen.items()},
        "received_in_period": Case.objects.filter(received_on__range=ctx.period).count(),
        "closed_in_period": Case.objects.filter(closed_on__range=ctx.period).count(),
        "monitor_indexes": monitor_indexes,
        "measurements": measurements,
        "targets": [
            target(
                "Monitor: JSON report for one year, without and with each filter (slowest, cold or p95)",
                "< 2 s",
                f"{worst / 1000:.2f} s",
                worst < TARGET_SECONDS * 1000,
                at=at,
            ),
            target(
                "Monitor: the web Monitor's full report for one year (p95)",
                "< 2 s",
                f"{measurements['full_report/all']['p95_ms'] / 1000:.2f} s",
                measurements["full_report/all"]["p95_ms"] < TARGET_SECONDS * 1000,
                at=at,
            ),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="number of cases (default 1,000,000)")
    parser.add_argument("--database", default="casus_bench_full")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django

    django.setup()
    from bench import datagen

    datagen.ensure_database(args.database, args.n)
    ctx = BenchContext(scale="adhoc", cases=args.n, events_per_case=datagen.EVENTS_PER_CASE, database=args.database,
                       database_url="", repeats=args.repeats)  # fmt: skip
    print(json.dumps(run(ctx), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
