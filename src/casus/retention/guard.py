"""Lift the timeline's append-only guard (cases migration 0002) for the current transaction only.

    with transaction.atomic(), event_delete_allowed():
        Event.objects.filter(case_id__in=ids).delete()  # the only sanctioned delete of timeline rows

PostgreSQL: `SET LOCAL casus.allow_event_delete = 'on'`; the trigger lets DELETE through while it is
on, and SET LOCAL ends with the transaction (a rollback undoes it, too). When the block ends normally
the switch is set back to 'off' at once, so the rest of the transaction is guarded again.

SQLite: the triggers are dropped and created again inside the transaction. SQLite's DDL is
transactional: other connections never see the database without them.

When the block raises, the innermost atomic block is marked for rollback (even if the caller catches
the error), and that rollback restores the guard on both databases. UPDATE stays refused on both: only DELETE is
needed and PostgreSQL's trigger never allows UPDATE.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

_guard = importlib.import_module("casus.cases.migrations.0002_event_append_only_guard")


class GuardError(RuntimeError):
    """The guard may only be lifted inside a transaction."""


@contextmanager
def event_delete_allowed(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    connection = connections[using]
    if not connection.in_atomic_block:
        raise GuardError("event_delete_allowed() must run inside transaction.atomic().")
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET LOCAL casus.allow_event_delete = 'on'")
        elif vendor == "sqlite":
            for statement in _guard.SQLITE_REMOVE:
                cursor.execute(statement)
    try:
        yield
    except BaseException:
        # The innermost atomic block must roll back, and that rollback restores the guard on both
        # databases (even when the caller catches the error). Running SQL here could hide the error.
        connection.set_rollback(True)
        raise
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET LOCAL casus.allow_event_delete = 'off'")
        elif vendor == "sqlite":
            for statement in _guard.SQLITE_INSTALL:
                cursor.execute(statement)
