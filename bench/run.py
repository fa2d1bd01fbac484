"""Run the benchmarks: `make bench` (quick, 100,000 cases) and `make bench-full` (1,000,000 cases).

    python bench/run.py --scale quick|full [--only web,monitor,…] [--fresh] [--repeats N]

Needs PostgreSQL (DATABASE_URL=postgres://…; the database named there is only used to connect). The
cases, residents and timeline are generated once into a benchmark database of their own
(casus_bench_quick or casus_bench_full, see bench/datagen.py) and reused by later runs; --fresh
generates them again. Then each benchmark runs against that database, in this order:

    web        a handler's work queue, a team queue, a case page, a resident's history (bench_web.py)
    monitor    the Monitor's JSON report for one year, without and with each filter (bench_monitor.py)
    api        the REST API under concurrent load from wrk on loopback, gunicorn serving (bench_api.py)
    analyst    the same figures by DuckDB on Parquet and by pandas on CSV, as ratios (bench_analyst.py)
    import     a 100,000-row spreadsheet, in a throwaway database of its own (bench_import.py)
    deadlines  the deadline engine: due dates per second (no database)

A benchmark that fails is recorded with its error and the others still run. The results go to
bench/results/latest.json and bench/results/<scale>.json (machine, date, commit, data, every
measurement and every target with its measured figure), and the tables between the bench markers in
docs/performance.md are rewritten from the newest quick and full results.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")  # production settings, test secret

from bench.common import PLANS_DIR, RESULTS_DIR, BenchContext  # noqa: E402

SCALES = {
    # cases, timeline events per case, timed requests per page/report, seconds per load run
    "quick": {"cases": 100_000, "events_per_case": 5, "repeats": 30, "load_seconds": 10},
    "full": {"cases": 1_000_000, "events_per_case": 5, "repeats": 50, "load_seconds": 15},
}
BENCHMARKS = ["web", "monitor", "api", "analyst", "import", "deadlines"]  # the big in-memory ones last
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        memory_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        memory_kb = 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    return sha + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def server() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
            "current_setting('work_mem'), current_setting('effective_cache_size'), current_setting('jit'), "
            "pg_size_pretty(pg_database_size(current_database())), "
            "(SELECT count(*) FROM cases_event), pg_size_pretty(pg_total_relation_size('cases_event')), "
            "pg_size_pretty(pg_total_relation_size('cases_case'))"
        )
        row = cursor.fetchone()
    keys = ["version", "shared_buffers", "work_mem", "effective_cache_size", "jit", "database_size", "events",
            "event_table_size", "case_table_size"]  # fmt: skip
    return dict(zip(keys, row, strict=True))


def database_url(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + name))


def run_one(name: str, ctx: BenchContext) -> dict[str, Any]:
    began = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.bench_{name}")
        result = module.run(ctx)
    except Exception as error:  # one failing benchmark must not hide the others' figures
        traceback.print_exc()
        result = {"error": f"{type(error).__name__}: {error}"}
    result["seconds"] = round(time.perf_counter() - began, 1)
    result["commit"], result["finished_at"] = commit(), datetime.now().isoformat(timespec="seconds")
    print(f"bench: {name} done in {result['seconds']} s" + (f" — {result['error']}" if "error" in result else ""))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="quick")
    parser.add_argument("--only", default="", help=f"a comma-separated subset of {','.join(BENCHMARKS)}")
    parser.add_argument("--fresh", action="store_true", help="generate the data again")
    parser.add_argument("--repeats", type=int, default=0, help="timed runs per measurement (default per scale)")
    args = parser.parse_args()
    chosen = [b for b in BENCHMARKS if not args.only or b in args.only.split(",")]
    if "DATABASE_URL" not in os.environ or not os.environ["DATABASE_URL"].startswith("postgres"):
        raise SystemExit("bench: set DATABASE_URL=postgres://… (the benchmarks are for PostgreSQL)")
    settings = SCALES[args.scale]
    import django

    django.setup()
    from bench import datagen

    name = f"casus_bench_{args.scale}"
    print(f"bench: {settings['cases']:,} cases in {name} (generated once, then reused)")
    began = time.perf_counter()
    generation = datagen.ensure_database(name, settings["cases"], settings["events_per_case"], fresh=args.fresh)
    print(f"bench: data ready in {time.perf_counter() - began:.0f} s ({'reused' if generation['reused'] else 'new'})")
    ctx = BenchContext(
        scale=args.scale, cases=settings["cases"], events_per_case=settings["events_per_case"], database=name,
        database_url=database_url(name), repeats=args.repeats or settings["repeats"],
        load_seconds=settings["load_seconds"], plans_dir=PLANS_DIR / args.scale,
    )  # fmt: skip
    ctx.plans_dir.mkdir(parents=True, exist_ok=True)
    load_before = [round(x, 2) for x in os.getloadavg()]
    results = {bench: run_one(bench, ctx) for bench in chosen}
    report = {
        "scale": args.scale,
        "cases": settings["cases"],
        "events_per_case": settings["events_per_case"],
        "date": date.today().isoformat(),
        "finished_at": datetime.now().isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "postgresql": server(),
        "generation": generation,
        "repeats": ctx.repeats,
        "load_average_1_5_15_min": {"before": load_before, "after": [round(x, 2) for x in os.getloadavg()]},
        "results": results,
        "targets": [t for result in results.values() for t in result.get("targets", [])],
    }
    if args.only:  # a partial run keeps the other benchmarks' results of the last run at this scale
        previous = RESULTS_DIR / f"{args.scale}.json"
        if previous.exists():
            kept = json.loads(previous.read_text())["results"]
            report["results"] = {**{k: v for k, v in kept.items() if k not in results}, **results}
            report["partial"] = sorted(results)
            report["targets"] = [t for r in report["results"].values() for t in r.get("targets", [])]
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{args.scale}.json").write_text(text)
    (RESULTS_DIR / "latest.json").write_text(text)
    from bench import tables

    tables.update_document(DOC, BEGIN, END)
    for t in report["targets"]:
        state = {True: "met", False: "NOT MET", None: "n/a"}[t["met"]]
        print(f"  {t['name']}: {t['goal']} → {t['measured']} [{state}] ({t['at']})")
    print(f"bench: results in {RESULTS_DIR / 'latest.json'} and the table in {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
