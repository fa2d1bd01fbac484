"""The timeline is append-only: in Python (Event.save/delete) and in the database (migration 0002 triggers).

Every refused statement runs inside `transaction.atomic()`, so the failed statement rolls back to a
savepoint and the test database stays usable on PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from casus.cases.domain import EventKind
from casus.cases.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the delete switch is PostgreSQL only")


@pytest.fixture
def event() -> Event:
    return factories.last_event(factories.register("klacht", date(2026, 4, 12)))


def _summary(pk: int) -> str:
    return Event.objects.values_list("summary", flat=True).get(pk=pk)


def test_it_refuses_to_save_an_existing_event(event: Event) -> None:
    event.summary = "Iets anders"

    with pytest.raises(ValidationError, match="kan niet worden gewijzigd"):
        event.save()

    assert _summary(event.pk) == "Klacht ontvangen via e-mail. Uiterste datum 26-05-2026."


def test_it_refuses_to_delete_an_event(event: Event) -> None:
    with pytest.raises(ValidationError, match="kan niet worden verwijderd"):
        event.delete()

    assert Event.objects.filter(pk=event.pk).exists()


def test_it_still_appends_new_events(event: Event) -> None:
    Event.objects.create(case=event.case, kind=EventKind.NOTE, summary="Nog een regel.")

    assert event.case.events.count() == 2


def test_the_database_refuses_a_raw_update(event: Event) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_event SET summary = %s WHERE id = %s", ["Vervalst", event.pk])

    assert _summary(event.pk) == "Klacht ontvangen via e-mail. Uiterste datum 26-05-2026."


def test_the_database_refuses_a_raw_delete(event: Event) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_event WHERE id = %s", [event.pk])

    assert Event.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_a_queryset_update_and_delete(event: Event) -> None:
    # QuerySet.update() and .delete() skip Event.save() and Event.delete(): only the trigger stops them.
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(summary="Vervalst")
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).delete()

    assert _summary(event.pk) == "Klacht ontvangen via e-mail. Uiterste datum 26-05-2026."


@postgresql_only
def test_the_database_refuses_truncate(event: Event) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        # Check the deferred foreign keys of this test's inserts first; PostgreSQL will not truncate a table
        # with pending trigger events, and the refusal must come from the guard.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE cases_event")

    assert Event.objects.filter(pk=event.pk).exists()


@postgresql_only
def test_it_allows_a_delete_only_after_the_retention_switch(event: Event) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_event WHERE id = %s", [event.pk])
    assert Event.objects.filter(pk=event.pk).exists()

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL casus.allow_event_delete = 'on'")
        cursor.execute("DELETE FROM cases_event WHERE id = %s", [event.pk])

    assert not Event.objects.filter(pk=event.pk).exists()


@postgresql_only
def test_the_retention_switch_never_allows_an_update(event: Event) -> None:
    with pytest.raises(DatabaseError, match="UPDATE"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL casus.allow_event_delete = 'on'")
        cursor.execute("UPDATE cases_event SET summary = %s WHERE id = %s", ["Vervalst", event.pk])

    assert _summary(event.pk) == "Klacht ontvangen via e-mail. Uiterste datum 26-05-2026."
