"""A read replica for the Monitor (docs/operations.md, "Scale-out"): reads made inside `reporting()` go
to the database alias `replica` when it is configured (DATABASE_REPLICA_URL), otherwise to `default`.

Writes always go to `default`, also for an object that was read from the replica (Django would otherwise
write it back where it came from), and migrations run on `default` only: the replica is a streaming copy
of the primary and gets its schema from there.

    with reporting():
        data = figures.report(f)     # SELECTs on the replica
    audit(...)                       # INSERT on default, as always

Only the Monitor's read-only work uses `reporting()`: the web Monitor, its exports, `manage.py report`
and `GET /api/v1/reports/`. Everything else reads from the primary, so a handler always sees their own
writes. The router is installed only when DATABASE_REPLICA_URL is set (casus.settings); without it
`read_alias()` is `default` and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper

REPLICA = "replica"

_reporting: ContextVar[bool] = ContextVar("casus_reporting", default=False)


def replica_configured() -> bool:
    """Whether the settings name a `replica` database."""
    return REPLICA in connections.settings


@contextmanager
def reporting() -> Iterator[None]:
    """Reads inside the block go to the replica (when configured). Also usable as a decorator."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def in_reporting() -> bool:
    return _reporting.get()


def read_alias(model: Any = None) -> str:
    """The alias the router chooses for a read of `model` now (default: cases.Case)."""
    if model is None:
        from casus.cases.models import Case

        model = Case
    return router.db_for_read(model)


def read_connection(model: Any = None) -> BaseDatabaseWrapper:
    """The connection for raw SQL that belongs with the ORM reads around it (casus.monitor.figures)."""
    return connections[read_alias(model)]


class ReplicaRouter:
    """Reads in `reporting()` → replica (if configured); all other reads, all writes and all
    migrations → default. Explicit answers, never None: an object read from the replica must not pull
    later reads or writes outside the block to the replica through Django's instance hint."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        if _reporting.get() and replica_configured():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # Both aliases hold the same data: a case read from the replica may be linked to an audit entry.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
