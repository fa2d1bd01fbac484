"""The benchmark tools themselves: the data generator makes data that respects the schema and the
distributions bench/datagen.py promises, and the figures are computed as docs/performance.md says."""

from __future__ import annotations

import json

import pytest
from bench.common import percentile, summary
from django.db import connection
from django.db.models import Count, F, Max, Min

from bench import datagen, tables
from casus.cases.models import Case, ContactAttempt, Event, Resident, TeamMembership


def test_percentiles_are_measured_values_by_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]  # 1 … 100
    assert percentile(values, 95) == 95.0
    assert percentile(values, 50) == 50.0
    assert percentile([0.3, 0.1, 0.2], 95) == 0.3
    figures = summary([0.010, 0.020, 0.030, 0.040])
    assert figures == {"runs": 4, "median_ms": 25.0, "p95_ms": 40.0, "max_ms": 40.0}


@pytest.mark.django_db
def test_the_generator_makes_realistic_data_that_respects_the_schema() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the generator is PostgreSQL SQL (generate_series, setseed); make bench needs PostgreSQL")
    made = datagen.generate(3_000, events_per_case=5, vacuum=False)
    assert made["cases"] == Case.objects.count() == 3_000
    # The indexes, foreign keys and unique constraints dropped for the load are all back.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename = 'cases_event'")
        assert cursor.fetchone()[0] >= 3
    # Timeline: 2 … 8 events per case, 5 on average; the first "ontvangen", a closed case's last "afgehandeld".
    per_case = Case.objects.annotate(n=Count("events")).aggregate(low=Min("n"), high=Max("n"))
    assert per_case == {"low": 2, "high": 8}
    assert 4.7 < Event.objects.count() / 3_000 < 5.3
    assert Event.objects.filter(kind="ontvangen").count() == 3_000
    closed = Case.objects.filter(closed_on__isnull=False)
    assert Event.objects.filter(kind="afgehandeld").values("case").distinct().count() == closed.count()
    # Some cases are still open, most are closed; every case's handler is a member of its team.
    assert 0.005 < Case.objects.filter(closed_on__isnull=True).count() / 3_000 < 0.1
    with_team = Case.objects.filter(team__isnull=False, handler__isnull=False)
    members = TeamMembership.objects.values_list("team_id", "user_id")
    assert set(with_team.values_list("team_id", "handler_id")) <= set(members)
    # Residents file again and again (a skewed distribution), some cases are anonymous.
    repeat = Resident.objects.annotate(n=Count("cases")).filter(n__gte=3).count()
    assert repeat > 10
    assert 0.04 < Case.objects.filter(resident__isnull=True).count() / 3_000 < 0.12
    assert ContactAttempt.objects.exists()
    assert not Case.objects.filter(due_on__lt=F("received_on")).exists()  # due dates never before receipt


def test_the_table_in_the_docs_is_written_from_the_results(tmp_path, monkeypatch) -> None:
    report = {
        "scale": "quick", "cases": 100_000, "repeats": 30, "commit": "abc1234", "finished_at": "2026-11-23T20:00:00",
        "machine": {"cores": 2, "cpu": "AMD EPYC", "memory_gib": 23.5, "python": "3.11.7"},
        "postgresql": {"version": "15.20", "shared_buffers": "128MB", "work_mem": "4MB", "jit": "on",
                       "events": 500_425, "database_size": "192 MB"},
        "load_average_1_5_15_min": {"before": [0.4, 0, 0], "after": [1.2, 0, 0]},
        "results": {"web": {"measurements": {"work_queue": {"median_ms": 12.5, "p95_ms": 20.4, "queries": 9}}},
                    "api": {"error": "RuntimeError: wrk is missing"}},
        "targets": [{"name": "Work queue", "goal": "p95 < 50 ms", "measured": "20.3 ms", "met": True, "at": "x"}],
    }  # fmt: skip
    monkeypatch.setattr(tables, "RESULTS_DIR", tmp_path)
    (tmp_path / "quick.json").write_text(json.dumps(report))
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nProse.\n\n<!-- b -->\nold table\n<!-- e -->\n\nMore prose.\n")
    tables.update_document(doc, "<!-- b -->", "<!-- e -->")
    text = doc.read_text()
    assert "old table" not in text and text.startswith("# Performance\n\nProse.") and text.endswith("More prose.\n")
    assert "| Work queue | p95 < 50 ms | 20.3 ms | yes | x |" in text
    assert "| web | work_queue | 12.5 | 20.4 | queries 9 |" in text
    assert "(failed: RuntimeError: wrk is missing)" in text
    assert "commit `abc1234`" in text and "500,425 timeline events" in text
