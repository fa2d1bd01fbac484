"""The read replica for the Monitor (casus.dbrouting): inside `reporting()` reads go to the alias
`replica` when it is configured, writes (the audit entries) always to default, and without the alias or
outside the block everything stays on default.

The alias `replica` exists for this module only (the `replica_alias` fixture): a TEST MIRROR of default,
the set-up Django documents for testing primary/replica configurations, so it is a second connection to
the same test database. A second connection only sees committed rows, so the tests that read through it
are transactional. Every query is captured per alias with `execute_wrapper`. The rest of the suite has no
`replica` alias and no router, as in production without DATABASE_REPLICA_URL.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.urls import reverse
from rest_framework.test import APIClient

from casus import dbrouting
from casus.access.models import AuditAction, AuditEntry
from casus.cases import services
from casus.cases.domain import TeamRole
from casus.cases.models import Case
from casus.monitor import figures
from tests import factories

REPLICA = dbrouting.REPLICA
ROUTER = "casus.dbrouting.ReplicaRouter"
PERIOD = figures.Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
# Transactional: the replica's own connection must see the rows the test wrote through default.
on_replica = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])


@pytest.fixture(scope="module", autouse=True)
def replica_alias() -> Iterator[None]:
    """The alias `replica` as DATABASE_REPLICA_URL adds it (casus.settings), as a mirror of default.
    Module-scoped and autouse, so it exists before pytest-django prepares each test's databases."""
    replica_settings = copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)  # the test database's NAME
    replica_settings["TEST"] = {**replica_settings.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS}
    connections.settings[REPLICA] = replica_settings
    try:
        yield
    finally:
        replica_connection = connections[REPLICA]
        if replica_connection.connection is not None:  # SQLite's close() keeps an in-memory database open
            replica_connection.connection.close()
            replica_connection.connection = None
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.fixture
def replica(settings: Any) -> None:
    """The router, as DATABASE_REPLICA_URL installs it."""
    settings.DATABASE_ROUTERS = [ROUTER]


@pytest.fixture
def data(db: None) -> dict[str, Any]:
    """Complaints of 2025 (two closed) of one resident, and a coördinator who may read reports."""
    resident = factories.resident()
    handler = factories.user("afhandelaar", first="Fenna", last="de Groot", team_name="Werk")
    made = []
    for received, closing in [
        (date(2025, 2, 3), ("gegrond", date(2025, 3, 3))),
        (date(2025, 2, 17), ("ongegrond", date(2025, 5, 20))),
        (date(2025, 6, 2), None),
    ]:
        case = factories.register("klacht", received, resident=resident, handler=handler)
        if closing:
            services.case_close(case=case, actor=handler, outcome=closing[0], closed_on=closing[1])
        made.append(case)
    coordinator = factories.user("mvisser", first="Mark", last="Visser", team_name="Werk", role=TeamRole.COORDINATOR)
    return {"cases": made, "coordinator": coordinator}


@contextmanager
def captured(*aliases: str) -> Iterator[dict[str, list[str]]]:
    """The SQL run on each alias inside the block."""
    seen: dict[str, list[str]] = {alias: [] for alias in aliases}

    def recorder(alias: str) -> Callable[..., Any]:
        def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            seen[alias].append(sql)
            return execute(sql, params, many, context)

        return wrapper

    with ExitStack() as stack:
        for alias in aliases:
            stack.enter_context(connections[alias].execute_wrapper(recorder(alias)))
        yield seen


def touching(queries: list[str], table: str, verb: str = "SELECT") -> list[str]:
    return [sql for sql in queries if sql.lstrip().upper().startswith(verb) and f'"{table}"' in sql]


# --- the router itself -------------------------------------------------------------------------------


@on_replica
def test_reads_in_reporting_go_to_the_replica_and_everything_else_to_default(replica: None) -> None:
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    with dbrouting.reporting():
        assert router.db_for_read(Case) == REPLICA
        assert dbrouting.read_alias() == REPLICA
        assert router.db_for_write(Case) == DEFAULT_DB_ALIAS
        with dbrouting.reporting():
            pass
        assert dbrouting.in_reporting()  # a nested block leaves the outer one intact
    assert not dbrouting.in_reporting()
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "cases")
    assert not router.allow_migrate(REPLICA, "cases")


@on_replica
def test_an_object_read_from_the_replica_is_written_to_default_and_read_there_afterwards(
    replica: None, data: dict[str, Any]
) -> None:
    with dbrouting.reporting():
        case = Case.objects.get(pk=data["cases"][0].pk)
    assert case._state.db == REPLICA
    assert router.db_for_write(Case, instance=case) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Case, instance=case) == DEFAULT_DB_ALIAS  # not pulled along by the hint
    with captured(DEFAULT_DB_ALIAS, REPLICA) as seen:
        entry = AuditEntry.objects.create(action=AuditAction.VIEW, username="test", object_repr=str(case))
    assert touching(seen[DEFAULT_DB_ALIAS], "access_auditentry", "INSERT")
    assert not seen[REPLICA]
    assert entry._state.db == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_without_the_alias_or_the_router_reporting_reads_from_default(
    data: dict[str, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(connections.settings, REPLICA)  # the suite's default: no DATABASE_REPLICA_URL
    expected = figures.report(PERIOD)
    for routers in ([], [ROUTER]):
        settings.DATABASE_ROUTERS = routers
        with captured(DEFAULT_DB_ALIAS) as seen, dbrouting.reporting():
            assert dbrouting.read_alias() == DEFAULT_DB_ALIAS
            assert figures.report(PERIOD) == expected
        assert touching(seen[DEFAULT_DB_ALIAS], "cases_case")


# --- the Monitor's read-only work on the replica ------------------------------------------------------


@on_replica
def test_figures_report_runs_every_query_on_the_replica(replica: None, data: dict[str, Any]) -> None:
    on_default = figures.report(PERIOD)
    with captured(DEFAULT_DB_ALIAS, REPLICA) as seen, dbrouting.reporting():
        from_replica = figures.report(PERIOD)
    assert from_replica == on_default
    assert from_replica["received"]["total"] == 3 and from_replica["closed"]["total"] == 2
    assert seen[DEFAULT_DB_ALIAS] == []
    assert touching(seen[REPLICA], "cases_case")
    assert any("per_resident" in sql for sql in seen[REPLICA])  # the raw SQL of repeat_filers too


@on_replica
def test_the_monitor_page_reads_its_figures_from_the_replica(replica: None, data: dict[str, Any]) -> None:
    client = factories.logged_in(data["coordinator"])
    with captured(DEFAULT_DB_ALIAS, REPLICA) as seen:
        response = client.get(reverse("monitor:monitor"), {"van": "2025-01-01", "tot": "2025-12-31"})
    assert response.status_code == 200
    assert response.context["page"].r["received"]["total"] == 3
    assert len(touching(seen[REPLICA], "cases_case")) >= 10  # the report's aggregates
    assert not touching(seen[DEFAULT_DB_ALIAS], "cases_case")


@on_replica
def test_the_drill_down_reads_on_the_replica_and_audits_on_default(replica: None, data: dict[str, Any]) -> None:
    client = factories.logged_in(data["coordinator"])
    before = AuditEntry.objects.filter(action=AuditAction.VIEW, object_type="monitor.figuur").count()
    with captured(DEFAULT_DB_ALIAS, REPLICA) as seen:
        response = client.get(reverse("monitor:cases"), {"van": "2025-01-01", "tot": "2025-12-31"})
    assert response.status_code == 200
    assert [row["case"].pk for row in response.context["rows"]] == [case.pk for case in data["cases"]]
    assert touching(seen[REPLICA], "cases_case")
    assert not touching(seen[DEFAULT_DB_ALIAS], "cases_case")
    assert touching(seen[DEFAULT_DB_ALIAS], "access_auditentry", "INSERT")
    assert not [sql for sql in seen[REPLICA] if not sql.lstrip().upper().startswith("SELECT")]
    after = AuditEntry.objects.filter(action=AuditAction.VIEW, object_type="monitor.figuur").count()
    assert after == before + 1


@on_replica
def test_the_export_reads_on_the_replica(replica: None, data: dict[str, Any]) -> None:
    client = factories.logged_in(data["coordinator"])
    with captured(DEFAULT_DB_ALIAS, REPLICA) as seen:
        response = client.get(reverse("monitor:export", args=["csv"]), {"van": "2025-01-01", "tot": "2025-12-31"})
    assert response.status_code == 200
    assert touching(seen[REPLICA], "cases_case")
    assert not touching(seen[DEFAULT_DB_ALIAS], "cases_case")
    assert touching(seen[DEFAULT_DB_ALIAS], "access_auditentry", "INSERT")


@on_replica
def test_the_api_reports_endpoint_reads_on_the_replica_and_audits_on_default(
    replica: None, data: dict[str, Any]
) -> None:
    client = APIClient()
    client.force_login(data["coordinator"])
    with captured(DEFAULT_DB_ALIAS, REPLICA) as seen:
        response = client.get("/api/v1/reports/", {"from": "2025-01-01", "to": "2025-12-31"})
    assert response.status_code == 200, response.content
    assert response.json()["received"]["total"] == 3
    assert touching(seen[REPLICA], "cases_case")
    assert not touching(seen[DEFAULT_DB_ALIAS], "cases_case")
    assert touching(seen[DEFAULT_DB_ALIAS], "access_auditentry", "INSERT")
    assert not [sql for sql in seen[REPLICA] if not sql.lstrip().upper().startswith("SELECT")]


@on_replica
def test_the_report_command_reads_on_the_replica(replica: None, data: dict[str, Any]) -> None:
    with captured(DEFAULT_DB_ALIAS, REPLICA) as seen:
        call_command("report", "--from", "2025-01-01", "--to", "2025-12-31", stdout=_Sink())
    assert touching(seen[REPLICA], "cases_case")
    assert not touching(seen[DEFAULT_DB_ALIAS], "cases_case")


class _Sink:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass
