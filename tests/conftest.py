"""Shared personas: a behandelaar and a coördinator of team Werk, a behandelaar of team Beheer,
a kwaliteitsmedewerker, and an inwoner."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest

from casus.cases.domain import TeamRole
from casus.cases.models import Resident
from tests import factories


@pytest.fixture
def behandelaar(db: None) -> Any:
    return factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")


@pytest.fixture
def collega(db: None) -> Any:
    return factories.user("rmeijer", first="Rachid", last="Meijer", team_name="Werk")


@pytest.fixture
def coordinator(db: None) -> Any:
    return factories.user("mvisser", first="Mark", last="Visser", team_name="Werk", role=TeamRole.COORDINATOR)


@pytest.fixture
def behandelaar_beheer(db: None) -> Any:
    return factories.user("pdeboer", first="Pieter", last="de Boer", team_name="Beheer")


@pytest.fixture
def kwaliteitsmedewerker(db: None) -> Any:
    return factories.user("ijansen", first="Ilse", last="Jansen", team_name="BBK", role=TeamRole.KWALITEIT)


@pytest.fixture
def inwoner(db: None) -> Resident:
    return factories.resident()


@pytest.fixture(autouse=True)
def _event_guard_allows_test_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a transactional test pytest-django empties every table; the append-only guard on the
    timeline would refuse that. Lift it for the flush only: PostgreSQL through the session switch the
    retention run uses, SQLite by dropping its triggers and putting them back before the next test.
    The flush also empties the seed data of migration 0003, so it is put back (idempotently) first."""
    transactional = "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        transactional = True
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # so this teardown runs before the flush
    from django.apps import apps
    from django.db import connection

    guard = importlib.import_module("casus.cases.migrations.0002_event_append_only_guard")
    audit_guard = importlib.import_module("casus.access.migrations.0002_audit_append_only_guard")
    importlib.import_module("casus.cases.migrations.0003_seed_categories").seed(apps, None)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in guard.SQLITE_REMOVE + guard.SQLITE_INSTALL + audit_guard.SQLITE_REMOVE:
                cursor.execute(statement)
            for statement in audit_guard.SQLITE_INSTALL:
                cursor.execute(statement)
        else:
            cursor.execute("RESET casus.allow_event_delete")
            cursor.execute("RESET casus.allow_audit_delete")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in guard.SQLITE_REMOVE + audit_guard.SQLITE_REMOVE:
                cursor.execute(statement)
        else:
            cursor.execute("SET casus.allow_event_delete = 'on'")
            cursor.execute("SET casus.allow_audit_delete = 'on'")
