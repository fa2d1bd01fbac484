"""Benchmark: the pages the handlers live in, timed through Django's test client against the benchmark data.

- a handler's work queue (Mijn werk, first page) for the handler with the most open cases and a few others;
- the team's lists (all open cases, unassigned) and the dashboard, as the coördinator of the biggest team;
- a case page with its timeline, over a sample of open and closed cases (those with the most events first);
- a resident's page with their cases (/privacy/inwoners/<pk>/), for the residents with the most cases, as
  a coördinator of the team that holds most of them.

Each request: two warm-ups, then at least MIN_RUNS (or ctx.repeats) timed requests (server time: the
whole request through the middleware, the view and the template, without a network). One more request
is made with the queries captured, for the number of queries, the slowest ones and the EXPLAIN (ANALYZE,
BUFFERS) plan of the slowest SELECT, written to ctx.plans_dir / "<page>.txt". Reading a case or a
resident writes an audit row, as in production; nothing else is changed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_web.py \
        [--database casus_bench_web] [--cases 100000] [--repeats 30]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")  # production settings, test secret

from bench.common import BenchContext, summary, target  # noqa: E402

WARM_UPS = 2
MIN_RUNS = 100  # a page takes ~50 ms: 100 runs keep the p95 (the 5th slowest) from hanging on one VM hiccup
SLOW_QUERIES = 5  # the slowest queries of a request kept in the results
HANDLERS = 3  # work queues measured: the busiest handler, a median one, a quiet one
CASE_SAMPLE = 8  # case pages: the open and closed cases with the most events, and some ordinary ones
RESIDENTS = 3  # resident pages: the residents with the most cases
TARGETS = {"work_queue": 50, "case_page": 100}  # p95 in ms at 1,000,000 cases (issue 10)


# --- logging in ----------------------------------------------------------------------------------


def logged_in(user: Any) -> Any:
    """A test client logged in as `user`, with a verified TOTP device where the two-factor middleware
    asks for one (the same idea as tests/factories.py::verified_login)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    if "django_otp.plugins.otp_totp" in settings.INSTALLED_APPS:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


class Clients(dict):
    """One logged-in client per user, made when first needed."""

    def __missing__(self, user: Any) -> Any:
        self[user] = logged_in(user)
        return self[user]


# --- whom and what to ask for --------------------------------------------------------------------


def open_cases() -> Any:
    from casus.cases.domain import OPEN_STATUSES
    from casus.cases.models import Case

    return Case.objects.filter(status__in=OPEN_STATUSES)


def coordinator_of(team_id: int) -> Any:
    from casus.cases.domain import TeamRole
    from casus.cases.models import TeamMembership

    membership = TeamMembership.objects.filter(team_id=team_id, role=TeamRole.COORDINATOR).order_by("pk").first()
    return membership.user


def handlers_to_measure() -> list[tuple[Any, int]]:
    """(handler, open cases) for the busiest handler, one in the middle and the quietest one."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    rows = list(
        open_cases().filter(handler__isnull=False).values("handler").annotate(n=Count("id")).order_by("-n", "handler")
    )
    picked = [rows[0], rows[len(rows) // 2], rows[-1]][:HANDLERS] if rows else []
    users = get_user_model().objects.in_bulk([row["handler"] for row in picked])
    return [(users[row["handler"]], row["n"]) for row in picked]


def biggest_team() -> tuple[int, int]:
    """(team id, open cases) of the team with the most open cases."""
    from django.db.models import Count

    row = open_cases().filter(team__isnull=False).values("team").annotate(n=Count("id")).order_by("-n", "team")[0]
    return row["team"], row["n"]


def cases_to_measure() -> list[dict[str, Any]]:
    """Open and closed cases (with a team, so its coördinator may read them) with the most timeline
    events, and a few ordinary ones spread over the table."""
    from django.db.models import Count, Max, Min

    from casus.cases.models import Case

    with_team = Case.objects.filter(team__isnull=False)
    counted = with_team.annotate(n=Count("events")).values("pk", "team_id", "status", "n")
    busiest_open = list(counted.filter(pk__in=open_cases().values("pk")).order_by("-n", "pk")[:2])
    busiest_closed = list(counted.filter(closed_on__isnull=False).order_by("-n", "pk")[:2])
    span = with_team.aggregate(low=Min("pk"), high=Max("pk"))
    ordinary = []
    for share in (0.1, 0.35, 0.6, 0.85):
        pk = span["low"] + int(share * (span["high"] - span["low"]))
        ordinary.extend(counted.filter(pk__gte=pk).order_by("pk")[:1])
    picked = {row["pk"]: row for row in [*busiest_open, *busiest_closed, *ordinary]}
    return list(picked.values())[:CASE_SAMPLE]


def residents_to_measure() -> list[dict[str, Any]]:
    """The residents with the most cases, each with the team that holds most of them."""
    from django.db.models import Count

    from casus.cases.models import Case

    top = (
        Case.objects.filter(resident__isnull=False, resident__merged_into__isnull=True)
        .values("resident")
        .annotate(n=Count("id"))
        .order_by("-n", "resident")[:RESIDENTS]
    )
    found = []
    for row in top:
        teams = Case.objects.filter(resident_id=row["resident"], team__isnull=False).values("team")
        team = teams.annotate(n=Count("id")).order_by("-n", "team")[0]["team"]
        found.append({"pk": row["resident"], "cases": row["n"], "team_id": team})
    return found


# --- measuring -----------------------------------------------------------------------------------


def fetch(client: Any, url: str) -> Any:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"bench_web: GET {url} answered {response.status_code}")
    return response


def captured(client: Any, url: str) -> tuple[Any, list[dict[str, str]]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, url)
    return response, list(queries.captured_queries)


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def slowest(queries: list[dict[str, str]]) -> list[dict[str, Any]]:
    ranked = sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:SLOW_QUERIES]
    return [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:200]} for q in ranked]


def write_plan(ctx: BenchContext, page: str, url: str, queries: list[dict[str, str]]) -> str | None:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest SELECT of the request, to ctx.plans_dir / <page>.txt."""
    selects = [q for q in queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    if not selects:
        return None
    main = max(selects, key=lambda q: float(q["time"]))
    ctx.plans_dir.mkdir(parents=True, exist_ok=True)
    path = ctx.plans_dir / f"{page}.txt"
    header = f"-- {page}: GET {url} ({ctx.cases:,} cases), the slowest SELECT of {len(queries)} queries\n"
    path.write_text(header + main["sql"] + "\n\n" + explain(main["sql"]) + "\n")
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def measure(ctx: BenchContext, page: str, requests: list[tuple[Any, str]], **more: Any) -> dict[str, Any]:
    """Warm up every (client, url), time ctx.repeats requests going round them, then capture the queries
    of one request per url (for their number) and keep the plan of the first url's slowest SELECT."""
    for client, url in requests:
        for _ in range(WARM_UPS):
            fetch(client, url)
    gc.collect()  # what earlier steps left behind is not collected during this page's series
    gc.freeze()  # as ops/gunicorn.conf.py does in every worker once Casus is loaded: no pauses for old objects
    seconds = []
    for i in range(max(ctx.repeats, MIN_RUNS)):
        client, url = requests[i % len(requests)]
        began = time.perf_counter()
        fetch(client, url)
        seconds.append(time.perf_counter() - began)
    per_url = []
    for client, url in requests:
        response, queries = captured(client, url)
        per_url.append({"url": url, "queries": len(queries), "bytes": len(response.content), "top": queries})
    first = per_url[0]
    plan = write_plan(ctx, page, first["url"], first["top"])
    return summary(
        seconds,
        urls=[row["url"] for row in per_url],
        queries=max(row["queries"] for row in per_url),
        queries_per_url=[row["queries"] for row in per_url],
        bytes=max(row["bytes"] for row in per_url),
        slowest_queries=slowest(first["top"]),
        plan=plan,
        **more,
    )


# --- the pages -----------------------------------------------------------------------------------


def run(ctx: BenchContext) -> dict[str, Any]:
    from django.urls import reverse

    clients = Clients()
    measurements: dict[str, Any] = {}
    handlers = handlers_to_measure()
    busiest, busiest_open = handlers[0]
    my_work = reverse("workspace:my-work")
    measurements["work_queue"] = measure(
        ctx, "work_queue", [(clients[busiest], my_work)], user=busiest.username, open_cases=busiest_open
    )
    for label, (handler, count) in zip(("median", "quietest"), handlers[1:], strict=False):
        measurements[f"work_queue_{label}"] = measure(
            ctx, f"work_queue_{label}", [(clients[handler], my_work)], user=handler.username, open_cases=count
        )
    team_id, team_open = biggest_team()
    coordinator = coordinator_of(team_id)
    for page, name in (("team_queue", "team-queue"), ("unassigned", "unassigned"), ("dashboard", "dashboard")):
        measurements[page] = measure(
            ctx, page, [(clients[coordinator], reverse(f"workspace:{name}"))],
            user=coordinator.username, team_open_cases=team_open,
        )  # fmt: skip
    cases = cases_to_measure()
    measurements["case_page"] = measure(
        ctx, "case_page",
        [(clients[coordinator_of(c["team_id"])], reverse("workspace:case", args=[c["pk"]])) for c in cases],
        events=[c["n"] for c in cases], statuses=[c["status"] for c in cases],
    )  # fmt: skip
    residents = residents_to_measure()
    measurements["resident_history"] = measure(
        ctx, "resident_history",
        [(clients[coordinator_of(r["team_id"])], reverse("privacy:resident", args=[r["pk"]])) for r in residents],
        resident_cases=[r["cases"] for r in residents],
    )  # fmt: skip
    # The machine may be shared: the load average says how much the timings owe to other work.
    return {"measurements": measurements, "targets": targets(ctx, measurements), "load_average": os.getloadavg()}


def targets(ctx: BenchContext, measurements: dict[str, Any]) -> list[dict[str, Any]]:
    at = "1,000,000 cases" if ctx.cases >= 1_000_000 else f"{ctx.cases:,} cases"
    found = []
    pages = {
        "work_queue": "Work queue (Mijn werk, first page; the slowest of three handlers: busiest, middle, quietest)",
        "case_page": "Case page with its timeline (cases with the most events, open and closed)",
    }
    for page, label in pages.items():
        series = [m for key, m in measurements.items() if key == page or key.startswith(f"{page}_")]
        worst = max(series, key=lambda m: m["p95_ms"])
        p95, median = worst["p95_ms"], worst["median_ms"]
        measured = f"p95 {p95:.1f} ms (median {median:.1f} ms)"
        found.append(target(label, f"p95 < {TARGETS[page]} ms", measured, p95 < TARGETS[page], at=at))
    return found


# --- on its own, for development -------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="casus_bench_web")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    import django

    django.setup()
    from bench.datagen import EVENTS_PER_CASE, ensure_database

    generation = ensure_database(args.database, args.cases)
    base = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0]
    ctx = BenchContext(
        scale="quick" if args.cases < 1_000_000 else "full", cases=args.cases, events_per_case=EVENTS_PER_CASE,
        database=args.database, database_url=f"{base}/{args.database}", repeats=args.repeats,
    )  # fmt: skip
    result = run(ctx)
    print(json.dumps({"generation": generation, **result}, indent=2, default=str))


if __name__ == "__main__":
    main()
