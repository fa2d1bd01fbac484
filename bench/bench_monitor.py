"""Benchmark: the Monitor's JSON report for one year over 1,000,000 cases (target: under 2 s on PostgreSQL).

Run with `make bench` (DATABASE_URL=postgres://... ; on another database it says so and stops). The
benchmark works in a throwaway database of its own (casus_bench_monitor, created and dropped like the
test suite's), so no real data is touched. It generates the cases in PostgreSQL itself, set-based
(INSERT … SELECT over generate_series with setseed() and random() choices, so the same data every run):
two organisations, their teams, subjects, complaint natures, channels, the case-type mix, outcomes valid
for each type, residents of whom some file again and again (and some were merged into another), closing
dates after receipt, due dates after receipt, open cases at the end, call attempts. The check constraints
stay on; secondary indexes and foreign keys are dropped for the load and put back after it, which checks
every row. Generation is timed apart and is not part of the target.

Then it times `figures.report(Filters(2025-01-01 … 2025-12-31))` plus json.dumps: without filters, with
type klacht, and with 2024 as comparison period; `figures.full_report` too when it exists. Each variant:
one cold run on a new database connection (PostgreSQL's and the OS's page caches are not flushed: this
is the first query on a new connection, not a server restart), RUNS warm runs (median and best), and
the CPU seconds the server process spends on one report with parallel query off, a figure that does not
depend on what else the machine is doing (the load average is recorded too). Results go to
bench/results/monitor.json.

    python bench/bench_monitor.py [N] [--keep] [--database NAME]

--keep leaves the database in place and reuses it on the next run when it already holds N cases
(migrations are applied first; the generation figures of the run that made it are carried over), so
indexes and queries can be tried without generating again.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")  # production settings, test secret

DB_NAME = "casus_bench_monitor"
RUNS = 5
SERIAL_RUNS = 3
TARGET_SECONDS = 2.0
SEED = 0.20261123  # setseed(): the same data on every run
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2026, 11, 22)  # ~6 years; cases still open at the end
PERIOD = (date(2025, 1, 1), date(2025, 12, 31))
COMPARE = (date(2024, 1, 1), date(2024, 12, 31))
RESIDENTS_PER_CASE = 0.45
# The indexes migration cases 0007 added for the Monitor (their sizes go into the results).
MONITOR_INDEXES = ("case_closed_cover_idx", "case_received_cover_idx", "case_type_received_idx")

MIX = {
    "vraag": 30, "terugbelverzoek": 14, "klacht": 15, "bezwaar": 15, "aanvraag": 10, "wmo_melding": 4,
    "wmo_aanvraag": 4, "woo": 4, "beroep": 4,
}  # fmt: skip
OUTCOMES = {
    "vraag": {"beantwoord": 80, "doorverwezen": 15, "niet_bereikt": 3, "ingetrokken": 2},
    "terugbelverzoek": {"beantwoord": 75, "doorverwezen": 8, "niet_bereikt": 15, "ingetrokken": 2},
    "klacht": {
        "gegrond": 22, "deels_gegrond": 12, "ongegrond": 30, "geen_oordeel": 4, "informeel_afgehandeld": 25,
        "ingetrokken": 4, "niet_in_behandeling": 3,
    },
    "bezwaar": {
        "ongegrond": 45, "gegrond": 15, "deels_gegrond": 8, "niet_ontvankelijk": 12, "ingetrokken": 10,
        "informeel_opgelost": 10,
    },
    "beroep": {"ongegrond": 60, "gegrond": 15, "deels_gegrond": 5, "niet_ontvankelijk": 10, "ingetrokken": 10},
    "aanvraag": {"toegekend": 60, "deels_toegekend": 8, "afgewezen": 22, "buiten_behandeling": 6, "ingetrokken": 4},
    "wmo_aanvraag": {
        "toegekend": 65, "deels_toegekend": 10, "afgewezen": 17, "buiten_behandeling": 4, "ingetrokken": 4,
    },
    "wmo_melding": {"onderzoek_afgerond": 80, "doorverwezen": 15, "ingetrokken": 5},
    "woo": {
        "openbaar": 25, "deels_openbaar": 45, "niet_openbaar": 8, "geen_documenten": 15, "buiten_behandeling": 4,
        "ingetrokken": 3,
    },
}  # fmt: skip
# Term in calendar days (roughly the statutory or service term) and the mean lead time in days.
TERM = {
    "vraag": 14, "terugbelverzoek": 2, "klacht": 42, "bezwaar": 42, "beroep": 365, "aanvraag": 56,
    "wmo_melding": 42, "wmo_aanvraag": 14, "woo": 28,
}  # fmt: skip
MEAN_LEAD = {
    "vraag": 4, "terugbelverzoek": 1, "klacht": 30, "bezwaar": 55, "beroep": 150, "aanvraag": 35,
    "wmo_melding": 30, "wmo_aanvraag": 12, "woo": 30,
}  # fmt: skip
CHANNELS = {"email": 30, "telefoon": 25, "webformulier": 25, "post": 10, "balie": 7, "via_partner": 1, "": 2}
OPEN_STATUSES = {"ontvangen": 30, "in_behandeling": 50, "wacht_op_inwoner": 12, "ter_beoordeling": 8}
SUBJECTS = {
    "energietoeslag": 12, "bijzondere bijstand": 14, "terugvordering": 9, "afwijzing levensonderhoud": 8,
    "woonlastenfonds": 5, "boete": 4, "maatregel": 5, "beëindiging": 6, "buiten behandeling": 3, "Tozo": 3,
    "overig": 8, "afval": 6, "parkeren": 6, "WOZ-waarde": 5, "paspoort": 3, None: 3,
}  # fmt: skip
NATURES = {
    "bereikbaarheid en geen reactie": 25, "bejegening": 20, "onjuiste of onvolledige informatie": 15,
    "duurt lang": 22, "niet eens met de uitkomst": 13, "overig": 5,
}  # fmt: skip
FRONT_OFFICE = {"inwoner_lost_zelf_op": 50, "verwijzing": 35, "melding_aanvraag": 15}
# The seeded organisation (migration 0003) with three more teams, and a second one (a shared service).
ORGANISATIONS = {
    "almere": (
        "Gemeente Almere", 85,
        {"Klantcontactcentrum": 0, "Klachten": 12, "Bezwaar en beroep": 20, "Beheer": 8, "Werk": 14, "Inkomen": 22,
         "Handhaving": 6, "BBK": 18},
    ),
    "bench-oost": ("Gemeente Benchmark-Oost", 15, {"Publiekszaken": 0, "Sociaal domein": 60, "Juridische zaken": 40}),
}  # fmt: skip
FRONT_DESK_SHARE = 0.7  # of the questions and call-back requests, handled by the first (front-desk) team
HANDLERS = 40
TEXTS = [
    "Inwoner vraagt wanneer de aanvraag wordt behandeld.",
    "Klacht over de bejegening aan de balie.",
    "Bezwaar tegen de terugvordering van de bijstand.",
    "Terugbelverzoek over de container die niet is geleegd.",
    "Verzoek om stukken over de herinrichting van het plein.",
    "Inwoner is het niet eens met de afwijzing van de bijzondere bijstand.",
]
INITIALS = ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S."]
SURNAMES = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "El Amrani",
            "Mulder", "de Groot", "Bos", "Yilmaz", "Peters", "Hendriks", "Dekker", "Brouwer", "Kaya"]  # fmt: skip


# --- SQL builders (literals only come from the constants above) --------------------------------------


def lit(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def pick(weights: dict[Any, int | float], r: str) -> str:
    """A CASE choosing a key with probability ∝ its weight from the uniform random column r."""
    total, running, whens = sum(weights.values()), 0.0, []
    items = list(weights.items())
    for key, weight in items[:-1]:
        running += weight
        whens.append(f"WHEN {r} < {running / total!r} THEN {lit(key)}")
    return f"(CASE {' '.join(whens)} ELSE {lit(items[-1][0])} END)"


def by_type(values: dict[str, Any], column: str = "case_type") -> str:
    whens = " ".join(f"WHEN {lit(code)} THEN {value}" for code, value in values.items())
    return f"(CASE {column} {whens} END)"


def array(values: list[Any]) -> str:
    return "ARRAY[" + ", ".join(lit(v) for v in values) + "]"


def any_of(values: list[Any], r: str) -> str:
    return f"({array(values)})[1 + floor({r} * {len(values)})::int]"


RANDOMS = [
    "r_org", "r_type", "r_day", "r_chan", "r_team", "r_front", "r_subj", "r_nat", "r_res", "r_anon", "r_hand",
    "r_lead", "r_open", "r_out", "r_status", "r_comm", "r_post", "r_days", "r_flag", "r_text", "r_inf", "r_time",
]  # fmt: skip


def cases_sql(n: int, orgs: list[dict[str, Any]], ids: dict[str, Any]) -> str:
    """One INSERT … SELECT for n cases. orgs: id, share, team weights {id: weight}, front-desk team id,
    resident id range; ids: subject and nature ids by name, handler ids."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    cumulative, org_whens = 0.0, []
    for org in orgs[:-1]:
        cumulative += org["share"]
        org_whens.append(f"WHEN r_org < {cumulative!r} THEN {org['id']}")
    org_case = f"(CASE {' '.join(org_whens)} ELSE {orgs[-1]['id']} END)"
    team_case = (
        "(CASE organisation_id "
        + " ".join(
            f"WHEN {org['id']} THEN (CASE WHEN case_type IN ('vraag', 'terugbelverzoek')"
            f" AND r_front < {FRONT_DESK_SHARE} THEN {org['front_team']}"
            f" ELSE {pick(org['teams'], 'r_team / 0.97')} END)"
            for org in orgs
        )
        + " END)"
    )
    resident_case = (
        "(CASE WHEN r_anon < 0.08 THEN NULL ELSE (CASE organisation_id "
        + " ".join(
            f"WHEN {org['id']} THEN {org['resident_first']}"
            f" + floor(power(r_res, 1.5) * {org['resident_count']})::bigint"
            for org in orgs
        )
        + " END) END)"
    )  # power > 1 crowds the low ids: some residents file many times
    subject = pick({ids["subjects"].get(name): w for name, w in SUBJECTS.items()}, "r_subj")
    nature = f"(CASE WHEN case_type = 'klacht' AND r_nat < 0.95 THEN {pick(ids['natures'], 'r_nat / 0.95')} END)"
    outcome = by_type({code: pick(weights, "r_out") for code, weights in OUTCOMES.items()})
    informal_outcomes = "('informeel_afgehandeld', 'informeel_opgelost')"
    lead = by_type({code: f"least(365, floor(-ln(1 - r_lead) * {mean}))::int" for code, mean in MEAN_LEAD.items()})
    randoms = ", ".join(f"random() AS {name}" for name in RANDOMS)
    return f"""
INSERT INTO cases_case (
    reference, organisation_id, case_type, channel, received_on, team_id, handler_id, subject_id, nature_id,
    resident_id, description, status, outcome, informal, closed_on, closing_text, decision_sent_on, posted_on,
    filed_on_time, delay_excused, filed_at_court_on, committee, postponed_on, extended_to, default_notice_on,
    due_on, safety_flag, sensitive, front_office_result, complex, created_at, updated_at)
SELECT
    upper(left(case_type, 2)) || '-' || extract(year FROM received_on) || '-' || lpad(i::text, 7, '0'),
    organisation_id, case_type, {pick(CHANNELS, "r_chan")}, received_on,
    CASE WHEN r_team < 0.97 THEN {team_case} END,
    CASE WHEN r_hand < 0.9 THEN {any_of(ids["handlers"], "r_hand / 0.9")} END,
    {subject}, {nature}, {resident_case},
    {any_of(TEXTS, "r_text")},
    CASE WHEN is_closed THEN 'afgehandeld' ELSE {pick(OPEN_STATUSES, "r_status")} END,
    CASE WHEN is_closed THEN outcome ELSE '' END,
    is_closed AND (outcome IN {informal_outcomes} OR (case_type = 'klacht' AND r_inf < 0.05)),
    CASE WHEN is_closed THEN received_on + lead END,
    '',
    CASE WHEN case_type = 'bezwaar' THEN received_on - (1 + floor(r_days * 48)::int) END,
    NULL,
    CASE WHEN case_type = 'bezwaar' THEN r_days * 48 < 42 END,
    false,
    CASE WHEN case_type = 'beroep' THEN received_on - floor(-ln(1 - r_days) * 10)::int END,
    committee,
    CASE WHEN postponed THEN received_on + term - 3 END,
    NULL, NULL,
    received_on + term + CASE WHEN committee THEN 28 ELSE 0 END
        + CASE WHEN postponed THEN (CASE WHEN case_type = 'klacht' THEN 28 ELSE 42 END) ELSE 0 END,
    r_flag < 0.002, r_flag > 0.99,
    CASE WHEN case_type = 'vraag' THEN {pick(FRONT_OFFICE, "r_post")} ELSE '' END,
    r_inf > 0.98,
    (received_on + time '08:00' + r_time * interval '9 hours') AT TIME ZONE 'Europe/Amsterdam',
    (coalesce(received_on + CASE WHEN is_closed THEN lead END, received_on) + time '16:00')
        AT TIME ZONE 'Europe/Amsterdam'
FROM (
    SELECT d.*, received_on + lead <= DATE {lit(LAST_DAY.isoformat())} AND r_open >= 0.003 AS is_closed
    FROM (
        SELECT c.*,
            (case_type = 'klacht' AND r_comm < 0.15) OR (case_type = 'bezwaar' AND r_comm < 0.55) AS committee,
            case_type IN ('klacht', 'bezwaar') AND r_post < 0.05 AS postponed,
            {by_type(TERM)} AS term,
            {lead} + CASE WHEN case_type IN ('vraag', 'terugbelverzoek') THEN 0 ELSE 3 END
                + CASE WHEN case_type IN ('klacht', 'bezwaar') AND r_comm < 0.15 THEN 20 ELSE 0 END AS lead,
            {outcome} AS outcome
        FROM (
            SELECT b.*, {org_case} AS organisation_id, {pick(MIX, "r_type")} AS case_type,
                DATE {lit(FIRST_DAY.isoformat())} + floor((sqrt(1 + 0.96 * r_day) - 1) / 0.4 * {span})::int
                    AS received_on
            FROM (SELECT i, {randoms} FROM generate_series(1, {n}) AS i) AS b
        ) AS c
    ) AS d
) AS e
"""  # received_on: density rising linearly to 1.4 × the first day's by the last (~6% a year), for the trend


def residents_sql(organisation_id: int, first: int, count: int) -> str:
    return f"""
INSERT INTO cases_resident (
    organisation_id, source_id, initials, given_name, surname_prefix, surname, street, house_number, postcode,
    city, phone, email, bsn, preferred_channel, interpreter_language, low_digital_skills, representative_kind,
    representative_name, representative_contact, merged_into_id, created_at)
SELECT {organisation_id}, 'P-' || lpad(j::text, 7, '0'), {any_of(INITIALS, "random()")}, '', '',
    {any_of(SURNAMES, "random()")}, '', '', '', '', '', '', '', '', '', random() < 0.05, '', '', '', NULL,
    now() - random() * interval '6 years'
FROM generate_series({first}, {first + count - 1}) AS j ORDER BY j
"""


# Call-back requests get one to three call attempts, the last one reaching the resident in 85% of them;
# 15% of the questions get one call back (the Monitor's "personal contact").
CONTACT_ATTEMPTS_SQL = """
INSERT INTO cases_contactattempt (case_id, attempted_at, by_id, reached, note)
SELECT id, created_at + k * interval '3 hours', handler_id, k = attempts AND r < 0.85, ''
FROM (
    SELECT id, created_at, handler_id, 1 + floor(random() * 3)::int AS attempts, random() AS r
    FROM cases_case WHERE case_type = 'terugbelverzoek'
    UNION ALL
    SELECT id, created_at, handler_id, 1, random() FROM cases_case WHERE case_type = 'vraag' AND random() < 0.15
) AS called, generate_series(1, attempts) AS k
"""


# --- the data --------------------------------------------------------------------------------------


def loosen(cursor: Any, table: str) -> list[str]:
    """Drop a table's secondary indexes, foreign keys and unique constraints for a bulk load, as the
    PostgreSQL manual advises ("Populating a Database"); return the statements that put them back (the
    same definitions, read from the catalogue). Adding a foreign key back checks every row in one join."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
        "AND contype IN ('f', 'u')",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    indexes = cursor.fetchall()
    for name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, definition in constraints] + [
        definition for _name, definition in indexes
    ]


def generate(n: int) -> dict[str, Any]:
    """Reference data through the ORM (a few dozen rows); residents, cases and call attempts set-based in
    SQL, loaded without their secondary indexes and foreign keys, which are put back (and checked) after."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Max, Min

    from casus.cases.domain import OUTCOMES_BY_TYPE, CategoryKind
    from casus.cases.models import Category, Organisation, Resident, Team

    for code, weights in OUTCOMES.items():  # the check constraint would refuse them anyway; say which
        assert set(weights) <= {o.value for o in OUTCOMES_BY_TYPE[code]}, code

    seconds = {}
    began = time.perf_counter()
    with transaction.atomic():
        orgs = []
        residents_total = int(n * RESIDENTS_PER_CASE)
        first = 1
        for slug, (name, share, teams) in ORGANISATIONS.items():
            organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name})
            team_ids = {
                team_name: Team.objects.get_or_create(organisation=organisation, name=team_name)[0].pk
                for team_name in teams
            }
            front = next(iter(teams))
            count = round(residents_total * share / 100)
            orgs.append({
                "id": organisation.pk, "share": share / 100, "front_team": team_ids[front],
                "teams": {team_ids[t]: w for t, w in teams.items() if w}, "first": first, "count": count,
            })  # fmt: skip
            first += count
        subjects = {}
        for name in SUBJECTS:
            if name is not None:
                subjects[name] = Category.objects.get_or_create(kind=CategoryKind.SUBJECT, name=name)[0].pk
        natures = {Category.objects.get_or_create(kind=CategoryKind.NATURE, name=name)[0].pk: w
                   for name, w in NATURES.items()}  # fmt: skip
        User = get_user_model()
        User.objects.bulk_create([User(username=f"bench-behandelaar-{k:02d}") for k in range(1, HANDLERS + 1)])
        handlers = list(User.objects.filter(username__startswith="bench-behandelaar-").values_list("pk", flat=True))
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the reference data now: no pending events
            restore = [
                statement
                for table in ("cases_resident", "cases_case", "cases_contactattempt")
                for statement in loosen(cursor, table)
            ]
            cursor.execute("SELECT setseed(%s)", [SEED])
            for org in orgs:
                cursor.execute(residents_sql(org["id"], org["first"], org["count"]))
            for org in orgs:
                span = Resident.objects.filter(organisation_id=org["id"]).aggregate(low=Min("pk"), high=Max("pk"))
                assert span["high"] - span["low"] + 1 == org["count"], "resident ids are not contiguous"
                org["resident_first"], org["resident_count"] = span["low"], org["count"]
                # One in a hundred residents was registered twice and merged into the one registered before.
                cursor.execute(
                    "UPDATE cases_resident SET merged_into_id = id - 1 WHERE organisation_id = %s AND id > %s "
                    "AND id %% 100 = 0",
                    [org["id"], org["resident_first"]],
                )
            seconds["residents"] = time.perf_counter() - began
            began = time.perf_counter()
            cursor.execute(cases_sql(n, orgs, {"subjects": subjects, "natures": natures, "handlers": handlers}))
            seconds["cases"] = time.perf_counter() - began
            began = time.perf_counter()
            cursor.execute(CONTACT_ATTEMPTS_SQL)
            seconds["contact_attempts"] = time.perf_counter() - began
            began = time.perf_counter()
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in restore:
                cursor.execute(statement)
    seconds["indexes_and_foreign_keys"] = time.perf_counter() - began
    began = time.perf_counter()
    with connection.cursor() as cursor:
        for table in ("cases_resident", "cases_case", "cases_contactattempt"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")  # what autovacuum does after a bulk load, done now
    seconds["vacuum_analyze"] = time.perf_counter() - began
    return {
        "residents": residents_total,
        **{f"seconds_{step}": round(value, 1) for step, value in seconds.items()},
        "seconds_total": round(sum(seconds.values()), 1),
        "restored": len(restore),
    }


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


def measure(fn: Callable[[Any], dict[str, Any]], filters: Any) -> dict[str, Any]:
    from django.db import connection

    def once() -> float:
        began = time.perf_counter()
        json.dumps(fn(filters))
        return time.perf_counter() - began

    connection.close()  # cold: the first run on a new connection (a new server backend)
    cold = once()
    warm = [once() for _ in range(RUNS)]
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
    return {
        "seconds_cold": round(cold, 3),
        "seconds_warm_median": round(statistics.median(warm), 3),
        "seconds_warm_best": round(min(warm), 3),
        "server_cpu_seconds_serial": server,
        "client_cpu_seconds": round((client_after - client_before) / SERIAL_RUNS, 3),
        "queries": len(clock.queries),
        "slowest_queries": [{"ms": round(s * 1000, 1), "sql": " ".join(sql.split())[:240]} for s, sql in slowest],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000, help="number of cases (default 1,000,000)")
    parser.add_argument("--keep", action="store_true", help="keep the database and reuse it next time")
    parser.add_argument("--database", default=DB_NAME, help=f"the throwaway database (default {DB_NAME})")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from casus.cases.models import Case
    from casus.monitor import figures

    if connection.vendor != "postgresql":
        print("bench_monitor: the target is for PostgreSQL; set DATABASE_URL=postgres://… (skipped)")
        return
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = args.database
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=args.keep)
    try:
        existing = Case.objects.count()
        if args.keep and existing == args.n:  # the figures of the run that generated it, kept on the table
            with connection.cursor() as cursor:
                cursor.execute("SELECT obj_description('cases_case'::regclass, 'pg_class')")
                generation: dict[str, Any] = {**json.loads(cursor.fetchone()[0] or "{}"), "reused": True}
        else:
            assert existing == 0, f"{args.database} holds {existing} cases, not {args.n}: drop it or run without --keep"
            generation = generate(args.n)
            with connection.cursor() as cursor:  # COMMENT takes no parameters: a literal, quotes doubled
                cursor.execute("COMMENT ON TABLE cases_case IS '{}'".format(json.dumps(generation).replace("'", "''")))
        with connection.cursor() as cursor:
            cursor.execute("SELECT version(), current_setting('shared_buffers'), current_setting('work_mem'), "
                           "current_setting('jit'), pg_size_pretty(pg_table_size('cases_case')), "
                           "pg_size_pretty(pg_indexes_size('cases_case'))")  # fmt: skip
            version, shared_buffers, work_mem, jit, table_size, indexes_size = cursor.fetchone()
            cursor.execute(
                "SELECT indexname, pg_size_pretty(pg_relation_size(indexname::regclass)) FROM pg_indexes "
                "WHERE tablename = 'cases_case' AND indexname = ANY(%s) ORDER BY 1",
                [list(MONITOR_INDEXES)],
            )
            monitor_indexes = dict(cursor.fetchall())
        assert Case.objects.count() == args.n
        received = Case.objects.filter(received_on__range=PERIOD).count()
        closed = Case.objects.filter(closed_on__range=PERIOD).count()
        variants = {
            "all": figures.Filters(*PERIOD),
            "klacht": figures.Filters(*PERIOD, case_type="klacht"),
            "compare_2024": figures.Filters(*PERIOD, compare_from=COMPARE[0], compare_to=COMPARE[1]),
        }
        functions = {"report": figures.report}
        if hasattr(figures, "full_report"):
            functions["full_report"] = figures.full_report
        load_before = os.getloadavg()
        timings = {
            f"{name}/{variant}": measure(fn, filters)
            for name, fn in functions.items()
            for variant, filters in variants.items()
        }
        load_after = os.getloadavg()
        assert figures.report(variants["all"])["received"]["total"] == received
        for key, timing in timings.items():
            print(
                f"{key:26} cold {timing['seconds_cold']:6.3f} s  warm median {timing['seconds_warm_median']:6.3f} s"
                f"  server CPU (serial) {timing['server_cpu_seconds_serial']} s"
            )
    finally:
        if args.keep:
            connection.close()
            connection.settings_dict["NAME"] = old_name
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def slowest(function: str) -> float:
        chosen = [t for key, t in timings.items() if key.startswith(function)]
        return max(max(t["seconds_cold"], t["seconds_warm_median"]) for t in chosen)

    result = {
        "benchmark": "monitor_report",
        "cases": args.n,
        "period": f"{PERIOD[0]} – {PERIOD[1]}",
        "received_in_period": received,
        "closed_in_period": closed,
        "database": connection.vendor,
        "server": version.split(" on ")[0],
        "server_settings": {"shared_buffers": shared_buffers, "work_mem": work_mem, "jit": jit},
        "case_table_size": table_size,
        "case_indexes_size": indexes_size,
        "monitor_indexes": monitor_indexes,
        "generation": generation,
        "load_average_1_5_15_min": {
            "before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in load_after],
        },
        "runs": RUNS,
        "timings": timings,
        "target": "full JSON report for one year over 1,000,000 cases in under 2 s on PostgreSQL",
        "met": args.n >= 1_000_000 and slowest("report/") < TARGET_SECONDS,
        "full_report_under_target": slowest("full_report/") < TARGET_SECONDS if "full_report" in functions else None,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "date": date.today().isoformat(),
    }
    out = Path(__file__).parent / "results" / "monitor.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
