"""Reference numbering under concurrency (PostgreSQL): 8 threads register 5 cases each at the same moment.

Each thread has its own database connection and its own transactions, so the test needs
`django_db(transaction=True)` (tests/conftest.py lifts the Event guard for the flush afterwards). That
flush empties every table, the seed data of migration 0003 included; later transactional tests (tests/e2e)
rely on it, so `_seed_restored` puts it back once the flush is done.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection

from casus.cases import services
from casus.cases.domain import EventKind
from casus.cases.models import Case, Event, Organisation, ReferenceCounter

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

THREADS = 8
CASES_PER_THREAD = 5


def _register_five(organisation: Organisation, start: threading.Barrier) -> list[str]:
    try:
        start.wait(timeout=30)
        return [
            services.case_register(
                organisation=organisation, case_type="klacht", received_on=date(2026, 4, 12), channel="email"
            ).reference
            for _ in range(CASES_PER_THREAD)
        ]
    finally:
        connection.close()


def test_it_numbers_concurrent_registrations_without_gaps_or_duplicates() -> None:
    organisation = Organisation.objects.get(slug="almere")
    start = threading.Barrier(THREADS)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(_register_five, organisation, start) for _ in range(THREADS)]
        references = [reference for future in futures for reference in future.result()]

    total = THREADS * CASES_PER_THREAD
    assert len(set(references)) == total
    assert sorted(references) == [f"KL-2026-{number:06d}" for number in range(1, total + 1)]
    cases = Case.objects.filter(organisation=organisation, case_type="klacht")
    assert cases.count() == total
    assert ReferenceCounter.objects.get(organisation=organisation, prefix="KL", year=2026).last == total
    assert Event.objects.filter(case__in=cases, kind=EventKind.RECEIVED).count() == total
