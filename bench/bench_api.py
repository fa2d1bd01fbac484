"""Benchmark: the REST API under concurrent load, through a real gunicorn server on loopback.

What runs:
- gunicorn with the production WSGI app (casus.wsgi:application, casus.settings: DEBUG off, its own
  SECRET_KEY and ALLOWED_HOSTS, DATABASE_URL = the benchmark database) on a free loopback port; stopped
  at the end, also after an error (its whole process group);
- an API application "Benchmark API" (scopes read_cases and write_cases) whose service user is
  coördinator of every team of the bigger organisation, so it sees that organisation's cases as a
  shared-service integration would; made through the ORM once and reused, with a new token each run;
- per scenario a single-client baseline (one keep-alive connection, requests one after another), then
  ctx.concurrency clients for ctx.load_seconds with wrk (bench/wrk/api.lua; a small thread-pool
  generator with http.client when wrk is missing: the result says which ran).

Scenarios:
- list_first: GET /api/v1/cases/ with filters (type, received range), the first page of 50;
- list_deep: the same list at a cursor about 80 % down the list. The API pages with DRF's cursor
  pagination over (-received_on, -id): a cursor holds a received_on position and an offset within that
  day. The cursor is built for the day of the case at 80 % of the filtered list (offset 0: the cases
  received before that day), and the `next` link of that page, made by the server, is the one measured;
- register: POST /api/v1/cases/ with a complaint and a new resident (each run adds cases: that is fine);
- retrieve: GET /api/v1/cases/{id}/ of one case with its timeline (audited, as in production).

Also written: the queries each request makes and the EXPLAIN (ANALYZE, BUFFERS) plans of the list query
(first and deep page) in ctx.plans_dir / "api_case_list.txt".

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casus_bench_api .venv/bin/python bench/bench_api.py \
        [--seconds 10] [--concurrency 16] [--workers 5] [--worker-class sync] [--generator wrk|python]

On its own it uses the database of DATABASE_URL as it is (it must hold the benchmark data, see
bench/datagen.py) and writes bench/results/api.json.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")  # production settings, test secret

from bench.common import BenchContext, summary, target  # noqa: E402

LUA = ROOT / "bench" / "wrk" / "api.lua"
APPLICATION = "Benchmark API"
LIST_FILTERS = {"type": "klacht", "received_from": "2021-01-01", "received_to": "2026-12-31"}
DEEP = 0.8  # the deep page: this far down the filtered list
BASELINE_MIN = 30  # single-client requests per scenario, at least
TARGET_MS = 100  # API list p95 at 16 concurrent clients (issue 10), at 1,000,000 cases
SWEEP = (1, 4, 8)  # the first list page again with fewer clients: how many stay within the target
WARM_UP_SECONDS = 3  # concurrent load before the first timing, not measured
STARTUP_SECONDS = 60
TOKEN_FACTS = {"application": APPLICATION, "role": "coördinator of every team of one organisation",
               "scopes": ["read_cases", "write_cases"]}  # fmt: skip


# --- the token -------------------------------------------------------------------------------------


def api_token() -> tuple[Any, str]:
    """The benchmark's API application (made once, reused) and a fresh token for it. Its service user
    is coördinator of every team of the organisation with the most cases."""
    from django.db.models import Count

    from casus.api.models import ApiApplication
    from casus.api.services import api_application_create, api_application_new_token
    from casus.cases.domain import TeamRole
    from casus.cases.models import Organisation, Team, TeamMembership

    organisation = Organisation.objects.annotate(n=Count("cases")).order_by("-n", "id").first()
    assert organisation is not None, "bench: no organisation: generate the data first (bench/datagen.py)"
    teams = list(Team.objects.filter(organisation=organisation, active=True).order_by("id"))
    application = ApiApplication.objects.filter(organisation=organisation, name=APPLICATION).first()
    if application is None:
        scopes = ("read_cases", "write_cases")
        application, token = api_application_create(
            team=teams[0], name=APPLICATION, role=TeamRole.COORDINATOR, scopes=scopes
        )
    else:
        token = api_application_new_token(application=application)
    for team in teams:
        TeamMembership.objects.get_or_create(team=team, user=application.user, role=TeamRole.COORDINATOR)
    return application, token


# --- the scenarios ---------------------------------------------------------------------------------


def encode_cursor(position: str, offset: int = 0) -> str:
    """A DRF cursor as CursorPagination.encode_cursor makes it: base64 of "o=<offset>&p=<position>"."""
    tokens = {"o": str(offset)} if offset else {}
    tokens["p"] = position
    return base64.b64encode(urlencode(tokens).encode("ascii")).decode("ascii")


def list_path(**more: str) -> str:
    return "/api/v1/cases/?" + urlencode({**LIST_FILTERS, **more})


def deep_cursor_path(application: Any, get: Any) -> tuple[str, dict[str, Any]]:
    """The `next` link of the page that starts at the day of the case DEEP down the filtered list."""
    from casus.access.permissions import visible_cases

    visible = visible_cases(application.user).filter(
        case_type=LIST_FILTERS["type"],
        received_on__gte=LIST_FILTERS["received_from"],
        received_on__lte=LIST_FILTERS["received_to"],
    )
    total = visible.count()
    index = int(total * DEEP)
    day = visible.order_by("-received_on", "-id").values_list("received_on", flat=True)[index]
    built = list_path(cursor=encode_cursor(day.isoformat()))
    status, body = get(built)
    assert status == 200, f"bench: the built cursor answered {status}"
    next_link = json.loads(body)["next"]
    assert next_link, "bench: no page after the deep cursor"
    parts = urlsplit(next_link)
    path = f"{parts.path}?{parts.query}"
    return path, {"filtered_cases": total, "position": index, "day": day.isoformat(), "built": built}


def register_body(application: Any) -> dict[str, Any]:
    """A complaint as a front-office system sends it: type, date, channel, team, subject, a new resident."""
    from casus.cases.domain import CategoryKind
    from casus.cases.models import Category

    categories = Category.objects.filter(active=True).order_by("id")
    subject = categories.filter(kind=CategoryKind.SUBJECT).first()
    nature = categories.filter(kind=CategoryKind.NATURE).first()
    body: dict[str, Any] = {
        "case_type": "klacht",
        "received_on": date.today().isoformat(),
        "channel": "email",
        "team": application.team_id,
        "description": "De container in onze straat is al drie weken niet geleegd, ondanks twee meldingen.",
        "new_resident": {
            "initials": "J.", "given_name": "Jan", "surname_prefix": "de", "surname": "Vries",
            "street": "Stationsstraat", "house_number": "12", "postcode": "1315 AB", "city": "Almere",
            "email": "jan.de.vries@example.nl", "preferred_channel": "email",
        },
    }  # fmt: skip
    body.update({name: category.pk for name, category in (("subject", subject), ("nature", nature)) if category})
    return body


def a_case_id(application: Any) -> int:
    """An ordinary visible case in the middle of the list (by id)."""
    from casus.access.permissions import visible_cases

    ids = visible_cases(application.user).filter(sensitive=False, safety_flag=False).order_by("id")
    return ids.values_list("id", flat=True)[ids.count() // 2]


# --- the server ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the production settings on a free loopback port, in a process group of its own."""

    def __init__(self, database_url: str, workers: int, worker_class: str, threads: int) -> None:
        self.port = free_port()
        self.workers, self.worker_class, self.threads = workers, worker_class, threads
        self.database_url = database_url
        handle, log = tempfile.mkstemp(prefix="casus-bench-gunicorn-", suffix=".log")
        os.close(handle)
        self.log = Path(log)
        self.process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return [
            str(gunicorn) if gunicorn.exists() else "gunicorn", "-c", str(ROOT / "ops" / "gunicorn.conf.py"),
            "casus.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--worker-class", self.worker_class, "--threads", str(self.threads),
            "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning",
            # No worker recycling during the runs: a restart would land in the timings and take the dead
            # worker's CPU seconds out of the per-request figure.
            "--max-requests", "0",
        ]  # fmt: skip

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="casus.settings", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost", DATABASE_URL=self.database_url,
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH", "")])),
        )  # fmt: skip
        return env

    def start(self, probe: str, token: str) -> None:
        with self.log.open("wb") as log:  # the server keeps its own copy of the file descriptor
            self.process = subprocess.Popen(
                self.command(), env=self.environment(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"bench: gunicorn stopped at start:\n{self.log_tail()}")
            try:
                status, _ = Client(self.port, token).request("GET", probe)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"bench: gunicorn did not answer within {STARTUP_SECONDS} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass

    def cpu_seconds(self) -> float | None:
        """User + system CPU of the master and its workers so far (Linux /proc; None elsewhere). The
        server's own cost per request, whatever else the machine is doing."""
        if self.process is None:
            return None
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            ticks = 0
            for pid in [str(self.process.pid), *children]:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            return None
        return ticks / os.sysconf("SC_CLK_TCK")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


class Client:
    """One keep-alive HTTP connection with the token (reconnects when the server closes it)."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()  # gunicorn's sync worker closes after each response
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


# --- measuring -------------------------------------------------------------------------------------


def single_client(port: int, token: str, scenario: dict[str, Any], runs: int) -> dict[str, Any]:
    """Requests one after another on one connection: the latency without contention."""
    client, timings, statuses = Client(port, token), [], {}
    for _ in range(2):  # warm-up
        client.request(scenario["method"], scenario["path"], scenario["body"])
    for _ in range(runs):
        began = time.perf_counter()
        status, _ = client.request(scenario["method"], scenario["path"], scenario["body"])
        timings.append(time.perf_counter() - began)
        statuses[status] = statuses.get(status, 0) + 1
    non2xx = sum(n for status, n in statuses.items() if not 200 <= status < 300)
    return summary(timings, non2xx=non2xx, statuses={str(k): v for k, v in statuses.items()})


def with_wrk(port: int, token: str, scenario: dict[str, Any], seconds: int, clients: int) -> dict[str, Any]:
    threads = max(1, min(os.cpu_count() or 1, clients))
    env = {**os.environ, "CASUS_TOKEN": token, "CASUS_METHOD": scenario["method"]}
    env["CASUS_BODY"] = scenario["body"].decode() if scenario["body"] else ""
    command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA)]
    command.append(f"http://127.0.0.1:{port}{scenario['path']}")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60, check=False)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("CASUS_RESULT ")), None)
    if line is None:
        raise RuntimeError(f"bench: wrk gave no result ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    raw = json.loads(line.removeprefix("CASUS_RESULT "))
    latency = raw["latency_us"]
    seconds_run = raw["duration_us"] / 1e6
    errors = raw["errors"]
    return {
        "generator": f"wrk {threads} threads",
        "clients": clients,
        "seconds": round(seconds_run, 2),
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / seconds_run, 1),
        "median_ms": round(latency["p50"] / 1000, 2),
        "p95_ms": round(latency["p95"] / 1000, 2),
        "p99_ms": round(latency["p99"] / 1000, 2),
        "max_ms": round(latency["max"] / 1000, 2),
        "non2xx": raw["non2xx"],
        "first_non2xx_status": raw["first_non2xx_status"] or None,
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
    }


def with_threads(port: int, token: str, scenario: dict[str, Any], seconds: int, clients: int) -> dict[str, Any]:
    """The fallback: `clients` threads, each with its own connection, as fast as they are answered.
    Python's lock between the threads makes it a weaker generator than wrk (it shares the 2 cores)."""
    stop_at = time.monotonic() + seconds
    timings: list[float] = []
    statuses: dict[int, int] = {}
    errors = [0]
    lock = threading.Lock()

    def work() -> None:
        client = Client(port, token)
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                status, _ = client.request(scenario["method"], scenario["path"], scenario["body"])
            except OSError:
                with lock:
                    errors[0] += 1
                continue
            elapsed = time.perf_counter() - began
            with lock:
                timings.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    began = time.perf_counter()
    workers = [threading.Thread(target=work) for _ in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    figures = summary(timings)
    return {
        "generator": "python threads (http.client)",
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "median_ms": figures["median_ms"],
        "p95_ms": figures["p95_ms"],
        "max_ms": figures["max_ms"],
        "non2xx": sum(n for status, n in statuses.items() if not 200 <= status < 300),
        "socket_errors": errors[0],
    }


# --- queries and plans -----------------------------------------------------------------------------


def queries_and_plans(token: str, scenarios: dict[str, dict[str, Any]], plans: Path) -> dict[str, Any]:
    """Each scenario once through Django's test client with the queries captured; the EXPLAIN
    (ANALYZE, BUFFERS) of the case list query of the first and the deep page to `plans`."""
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    client = TestClient(HTTP_AUTHORIZATION=f"Token {token}")
    counts: dict[str, Any] = {}
    sections = []
    for name, scenario in scenarios.items():
        with CaptureQueriesContext(connection) as captured:
            if scenario["method"] == "POST":
                response = client.post(scenario["path"], scenario["body"], content_type="application/json")
            else:
                response = client.get(scenario["path"])
        assert response.status_code in (200, 201), f"bench: {name} answered {response.status_code}"
        counts[name] = len(captured)
        if not name.startswith("list"):
            continue
        sql = next(q["sql"] for q in captured.captured_queries if 'FROM "cases_case"' in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        sections.append(f"-- {name}: GET {scenario['path']}\n{sql}\n\n{plan}\n")
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "api_case_list.txt").write_text("\n\n".join(sections))
    return counts


# --- the benchmark ---------------------------------------------------------------------------------


def scenarios_for(application: Any, get: Any) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    deep_path, deep = deep_cursor_path(application, get)
    body = json.dumps(register_body(application)).encode()
    scenarios = {
        "list_first": {"method": "GET", "path": list_path(), "body": None},
        "list_deep": {"method": "GET", "path": deep_path, "body": None},
        "register": {"method": "POST", "path": "/api/v1/cases/", "body": body},
        "retrieve": {"method": "GET", "path": f"/api/v1/cases/{a_case_id(application)}/", "body": None},
    }
    return scenarios, deep


def run(ctx: BenchContext) -> dict:
    application, token = api_token()
    options = ctx.extra.get("api", {})
    workers = int(options.get("workers", (os.cpu_count() or 1) + 1))  # ops/gunicorn.conf.py's default
    worker_class = options.get("worker_class", "sync")
    threads = int(options.get("threads", 1))
    generator = options.get("generator") or ("wrk" if shutil.which("wrk") else "python")
    load = with_wrk if generator == "wrk" else with_threads
    server = Server(ctx.database_url, workers, worker_class, threads)
    server_facts = {"gunicorn_workers": workers, "worker_class": worker_class, "threads": threads,
                    "settings": "casus.settings (DEBUG off)", "cpus": os.cpu_count()}  # fmt: skip
    load_before = [round(x, 2) for x in os.getloadavg()]
    try:
        server.start(list_path(page_size="1"), token)
        client = Client(server.port, token)
        scenarios, deep = scenarios_for(application, lambda path: client.request("GET", path))
        queries = queries_and_plans(token, scenarios, ctx.plans_dir)
        runs = max(ctx.repeats, BASELINE_MIN)
        measurements: dict[str, Any] = {}
        # Every worker warm (imports, caches, prepared connections) before anything is timed.
        load(server.port, token, scenarios["list_first"], WARM_UP_SECONDS, ctx.concurrency)
        for name, scenario in scenarios.items():
            single = single_client(server.port, token, scenario, runs)
            cpu_before = server.cpu_seconds()
            loaded = load(server.port, token, scenario, ctx.load_seconds, ctx.concurrency)
            cpu_after = server.cpu_seconds()
            if cpu_before is not None and cpu_after is not None and loaded["requests"]:
                cpu_ms = (cpu_after - cpu_before) * 1000 / loaded["requests"]
                loaded["gunicorn_cpu_ms_per_request"] = round(cpu_ms, 2)
            measurements[f"api_{name}"] = {
                "method": scenario["method"],
                "path": scenario["path"],
                "queries": queries.get(name),
                "single_client": single,
                "concurrent": loaded,
            }
            print(
                f"api {name:11} single: median {single['median_ms']:7.2f} ms  p95 {single['p95_ms']:7.2f} ms | "
                f"{ctx.concurrency} clients: {loaded['requests_per_second']:6.1f} req/s  median "
                f"{loaded['median_ms']:7.2f} ms  p95 {loaded['p95_ms']:7.2f} ms  non-2xx {loaded['non2xx']}  "
                f"gunicorn CPU/request {loaded.get('gunicorn_cpu_ms_per_request')} ms",
                flush=True,
            )
        # How many clients the list serves within the target on this machine: the same load with fewer.
        sweep = {}
        for clients in SWEEP:
            loaded = load(server.port, token, scenarios["list_first"], max(3, ctx.load_seconds // 2), clients)
            sweep[str(clients)] = {k: loaded[k] for k in ("requests_per_second", "median_ms", "p95_ms", "non2xx")}
        measurements["api_list_first"]["concurrency_sweep"] = sweep
    finally:
        server.stop()
    server.log.unlink(missing_ok=True)  # kept only when the run failed
    return {
        "measurements": measurements,
        "targets": targets(ctx, measurements),
        "server": server_facts,
        "load_generator": generator,
        "load_average_1_5_15_min": {"before": load_before, "after": [round(x, 2) for x in os.getloadavg()]},
        "deep_page": deep,
        "token": TOKEN_FACTS,
    }


def targets(ctx: BenchContext, measurements: dict[str, Any]) -> list[dict[str, Any]]:
    at = f"{ctx.cases:,} cases, {ctx.concurrency} clients"
    full = ctx.cases >= 1_000_000
    lines = []
    for name, label in (("list_first", "first page"), ("list_deep", "deep page")):
        loaded = measurements[f"api_{name}"]["concurrent"]
        met = loaded["p95_ms"] < TARGET_MS and loaded["non2xx"] == 0 and loaded["socket_errors"] == 0
        measured = f"p95 {loaded['p95_ms']:.0f} ms, {loaded['requests_per_second']:.0f} req/s"
        goal = f"p95 < {TARGET_MS} ms at 16 concurrent clients"
        lines.append(target(f"API list cases, {label}", goal, measured, met if full else None, at=at))
    main = measurements["api_list_first"]["concurrent"]
    sweep = {**measurements["api_list_first"].get("concurrency_sweep", {}), str(ctx.concurrency): main}
    within = [int(n) for n, m in sweep.items() if m["p95_ms"] < TARGET_MS and not m["non2xx"]]
    if sweep:
        figures = ", ".join(f"{n}: {m['p95_ms']:.0f} ms" for n, m in sweep.items())
        lines.append(
            target(
                "API list cases, first page: clients served within the target on this machine",
                f"p95 < {TARGET_MS} ms",
                f"up to {max(within) if within else 0} clients (p95 by clients: {figures})",
                None,
                at=f"{ctx.cases:,} cases",
            )
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=BASELINE_MIN)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--generator", choices=["wrk", "python"], default=None)
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection

    from casus.cases.models import Case

    if connection.vendor != "postgresql":
        raise SystemExit("bench: set DATABASE_URL=postgres://… to the benchmark database (stopped)")
    settings = connection.settings_dict
    url = os.environ["DATABASE_URL"]
    options = {"workers": args.workers, "worker_class": args.worker_class, "threads": args.threads}
    ctx = BenchContext(
        scale="dev", cases=Case.objects.count(), events_per_case=5, database=settings["NAME"], database_url=url,
        repeats=args.repeats, load_seconds=args.seconds, concurrency=args.concurrency,
        extra={"api": {**options, "generator": args.generator}},
    )  # fmt: skip
    result = run(ctx)
    out = ctx.results_dir / "api.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    print(json.dumps(result["targets"], indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
