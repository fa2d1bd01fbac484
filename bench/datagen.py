"""The benchmark data: a realistic case load generated in PostgreSQL itself, at 100,000 to millions of cases.

Used by `bench/run.py` (`make bench`, `make bench-full`) and `bench/bench_monitor.py`. Everything is
generated set-based in the server (INSERT … SELECT over generate_series with setseed() and random()
choices, so the same data on every run): no row crosses the wire and no ORM object is made per row,
which loads faster than COPY from a client would (the rows would have to be produced in Python first).
The secondary indexes, foreign keys and unique constraints of the big tables are dropped for the load
and put back after it, as the PostgreSQL manual advises ("Populating a Database"); putting a foreign
key back checks every row, and all check constraints stay on, so the data respects the schema.

What is generated:
- two organisations (85/15 %: a shared service), 11 teams, 40 handlers with Dutch names who are members
  of a team (and a coördinator per team); a case's handler is a member of its team;
- cases received 2021-01-01 – 2026-11-22, about 6 % more every year, the nine case types in a realistic
  mix, subjects, complaint natures, channels, outcomes valid for each type, closing dates after receipt,
  due dates from the term (committee, postponement), cases still open at the end;
- residents (0.45 per case), 8 % of the cases anonymous, skewed so some file again and again, 1 % merged;
- call attempts for call-back requests and some questions;
- the timeline: on average EVENTS_PER_CASE events per case (2 to 2 × mean − 2), the first "ontvangen",
  the last "afgehandeld" when the case is closed, in between assignments, starts, notes, contact
  attempts, requests for information and changes, spread over the case's lead time.

    python bench/datagen.py [--cases N] [--events-per-case E] [--database NAME] [--fresh]

makes (or reuses) a database of its own; `ensure_database` does the same from Python.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casus.settings_test")  # production settings, test secret

SEED = 0.20261123  # setseed(): the same data on every run
FIRST_DAY, LAST_DAY = date(2021, 1, 1), date(2026, 11, 22)  # ~6 years; cases still open at the end
RESIDENTS_PER_CASE = 0.45
EVENTS_PER_CASE = 5
BULK_TABLES = ("cases_resident", "cases_case", "cases_contactattempt", "cases_event")

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
    # A case's handler is a member of its team; a case without a team gets any handler.
    handler_case = (
        "(CASE team_id "
        + " ".join(f"WHEN {team} THEN {any_of(members, 'r_hand / 0.9')}" for team, members in ids["members"].items())
        + f" ELSE {any_of(ids['handlers'], 'r_hand / 0.9')} END)"
    )
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
    team_id,
    CASE WHEN r_hand < 0.9 THEN {handler_case} END,
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
            {outcome} AS outcome,
            CASE WHEN r_team < 0.97 THEN {team_case} END AS team_id
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


def generate(n: int, events_per_case: int = EVENTS_PER_CASE, *, vacuum: bool = True) -> dict[str, Any]:
    """Reference data through the ORM (a few hundred rows); residents, cases, call attempts and the timeline
    set-based in SQL, loaded without their secondary indexes and foreign keys, which are put back (and
    checked) after."""
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
        handlers, members = make_staff(orgs)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the reference data now: no pending events
            restore = [statement for table in BULK_TABLES for statement in loosen(cursor, table)]
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
            ids = {"subjects": subjects, "natures": natures, "handlers": handlers, "members": members}
            cursor.execute(cases_sql(n, orgs, ids))
            seconds["cases"] = time.perf_counter() - began
            began = time.perf_counter()
            cursor.execute(CONTACT_ATTEMPTS_SQL)
            seconds["contact_attempts"] = time.perf_counter() - began
            began = time.perf_counter()
            cursor.execute(events_sql(events_per_case))
            events = cursor.rowcount
            seconds["events"] = time.perf_counter() - began
            began = time.perf_counter()
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in restore:
                cursor.execute(statement)
    seconds["indexes_and_foreign_keys"] = time.perf_counter() - began
    began = time.perf_counter()
    with connection.cursor() as cursor:
        for table in BULK_TABLES if vacuum else ():  # VACUUM cannot run in a transaction (the tests')
            cursor.execute(f"VACUUM (ANALYZE) {table}")  # what autovacuum does after a bulk load, done now
    seconds["vacuum_analyze"] = time.perf_counter() - began
    return {
        "cases": n,
        "events": events,
        "residents": residents_total,
        **{f"seconds_{step}": round(value, 1) for step, value in seconds.items()},
        "seconds_total": round(sum(seconds.values()), 1),
        "restored": len(restore),
    }


# --- staff and timeline ------------------------------------------------------------------------------

GIVEN_NAMES = [
    "Sanne", "Mark", "Ilse", "Youssef", "Fenna", "Daan", "Anouk", "Bas", "Nora", "Joost", "Eva", "Rachid",
    "Pieter", "Lotte", "Tim", "Femke", "Sem", "Noor", "Lars", "Yara",
]  # fmt: skip
FAMILY_NAMES = [
    "Bakker", "Visser", "Jansen", "El Amrani", "de Groot", "Mulder", "Smits", "Kok", "Vos", "Brouwer",
    "Meijer", "de Boer", "Hendriks", "Dekker", "Yilmaz", "van Dijk", "Bos", "Peters", "Kaya", "Vermeulen",
]  # fmt: skip
STAFF_PASSWORD = "Casus-bench-2026"  # the benchmark's logins (a throwaway database)


def make_staff(orgs: list[dict[str, Any]]) -> tuple[list[int], dict[int, list[int]]]:
    """HANDLERS handlers spread over the teams that handle cases (by their weight, at least one each),
    with their memberships, and a coördinator per team. Returns all handler ids and the members per team."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from casus.cases.domain import TeamRole
    from casus.cases.models import TeamMembership

    User = get_user_model()
    password = make_password(STAFF_PASSWORD)  # one hash for all: hashing 50 times would take seconds
    teams = [team for org in orgs for team in [org["front_team"], *org["teams"]]]
    weights = {team: w for org in orgs for team, w in [(org["front_team"], 15), *org["teams"].items()]}
    total = sum(weights.values())
    seats = {team: max(1, round(HANDLERS * w / total)) for team, w in weights.items()}
    members: dict[int, list[int]] = {}
    number = 0
    for team in teams:
        for seat in range(seats[team] + 1):  # the extra one is the team's coördinator
            number += 1
            user = User.objects.create(
                username=f"bench-{number:03d}", password=password, first_name=GIVEN_NAMES[number % len(GIVEN_NAMES)],
                last_name=FAMILY_NAMES[(number * 7) % len(FAMILY_NAMES)], email=f"bench-{number:03d}@example.nl",
            )  # fmt: skip
            role = TeamRole.COORDINATOR if seat == 0 else TeamRole.BEHANDELAAR
            TeamMembership.objects.create(team_id=team, user=user, role=role)
            if seat:
                members.setdefault(team, []).append(user.pk)
    return [pk for team in members.values() for pk in team], members


MIDDLE_KINDS = {
    "toegewezen": 25, "gestart": 25, "notitie": 25, "contactpoging": 12, "informatie_gevraagd": 5,
    "informatie_ontvangen": 4, "gewijzigd": 4,
}  # fmt: skip
SUMMARIES = {
    "ontvangen": "Zaak geregistreerd.",
    "afgehandeld": "Zaak afgehandeld.",
    "toegewezen": "Toegewezen aan een behandelaar van het team.",
    "gestart": "In behandeling genomen.",
    "notitie": "Inwoner gebeld; de situatie is toegelicht en een oplossing besproken.",
    "contactpoging": "Inwoner gebeld, voicemail ingesproken.",
    "informatie_gevraagd": "Aanvulling gevraagd: kopie van de beschikking.",
    "informatie_ontvangen": "Aanvulling ontvangen per e-mail.",
    "gewijzigd": "Onderwerp aangepast.",
}


def events_sql(mean: int) -> str:
    """The timeline: per case 2 … 2·mean − 2 events (mean `mean`), spread evenly over its lead time
    (30 days for an open case), the first "ontvangen", the last "afgehandeld" when the case is closed."""
    spread = max(1, 2 * mean - 3)
    kind = pick(MIDDLE_KINDS, "r")
    summary = "(CASE kind " + " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in SUMMARIES.items()) + " END)"
    return f"""
INSERT INTO cases_event (case_id, kind, actor_id, actor_name, created_at, summary, data)
SELECT id, kind, CASE WHEN kind = 'ontvangen' THEN NULL ELSE handler_id END, '', at, {summary}, '{{}}'::jsonb
FROM (
    SELECT c.id, c.handler_id,
        CASE WHEN k = 1 THEN 'ontvangen' WHEN k = c.cnt AND c.closed_on IS NOT NULL THEN 'afgehandeld'
            ELSE {kind} END AS kind,
        c.created_at + (k - 1) * c.span / c.cnt AS at
    FROM (
        SELECT id, handler_id, created_at, closed_on, 2 + floor(random() * {spread})::int AS cnt,
            greatest(coalesce(closed_on, received_on + 30) - received_on, 1) * interval '1 day' AS span
        FROM cases_case
    ) AS c
    CROSS JOIN LATERAL (SELECT k, random() AS r FROM generate_series(1, c.cnt) AS k) AS g
) AS e
"""


# --- the database ------------------------------------------------------------------------------------


def ensure_database(name: str, n: int, events_per_case: int = EVENTS_PER_CASE, *, fresh: bool = False) -> dict:
    """Point Django's default connection at the benchmark database `name` (made like a test database:
    migrations applied, never real data) and fill it with n cases unless it already holds exactly that
    data (the generation figures are kept in a comment on the case table). Returns those figures, with
    "reused": True when nothing was generated. Leaves the database in place for the next run."""
    from django.db import connection

    from casus.cases.models import Case

    if connection.vendor != "postgresql":
        raise SystemExit("bench: the benchmarks need PostgreSQL; set DATABASE_URL=postgres://… (stopped)")
    connection.settings_dict["TEST"]["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=not fresh)
    with connection.cursor() as cursor:
        cursor.execute("SELECT obj_description('cases_case'::regclass, 'pg_class')")
        kept = json.loads(cursor.fetchone()[0] or "{}")
    # The API benchmark registers cases, so a reused database may hold a few more than were generated.
    if kept.get("cases") == n and kept.get("events_per_case") == events_per_case and Case.objects.count() >= n:
        return {**kept, "reused": True}
    if Case.objects.exists():  # other data: start again
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0, keepdb=False)
        connection.settings_dict["NAME"] = name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    generation = {**generate(n, events_per_case), "events_per_case": events_per_case}
    with connection.cursor() as cursor:  # COMMENT takes no parameters: a literal, quotes doubled
        cursor.execute("COMMENT ON TABLE cases_case IS '{}'".format(json.dumps(generation).replace("'", "''")))
    return {**generation, "reused": False}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events-per-case", type=int, default=EVENTS_PER_CASE)
    parser.add_argument("--database", default="casus_bench_quick")
    parser.add_argument("--fresh", action="store_true", help="generate again even when the data is there")
    args = parser.parse_args()
    import django

    django.setup()
    print(json.dumps(ensure_database(args.database, args.cases, args.events_per_case, fresh=args.fresh), indent=2))


if __name__ == "__main__":
    main()
