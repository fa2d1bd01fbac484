"""The demo generator: realistic, valid, idempotent."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from casus.cases.domain import OUTCOMES_BY_TYPE, CaseType, LinkKind, Status
from casus.cases.models import Case, CaseLink, Event, Resident
from casus.cases.services import deadline_for

pytestmark = pytest.mark.django_db


def seed(cases: int = 300, seed: int = 7) -> str:
    out = io.StringIO()
    call_command("seed_demo", cases=cases, seed=seed, stdout=out)
    return out.getvalue()


def test_it_creates_the_requested_number_of_cases_of_every_type() -> None:
    assert "300 zaken toegevoegd" in seed()
    # 300 generated plus the showcase cases written through the services (safety flag, suspension, a
    # rejected bezwaar waiting for its four-eyes review).
    assert Case.objects.count() == 303
    assert Case.objects.filter(status="ter_beoordeling", reviews__isnull=False).count() == 1
    types = set(Case.objects.values_list("case_type", flat=True))
    assert {CaseType.VRAAG, CaseType.KLACHT, CaseType.BEZWAAR, CaseType.TERUGBELVERZOEK} <= types


def test_it_is_idempotent() -> None:
    seed()
    before = (Case.objects.count(), Event.objects.count(), Resident.objects.count())
    assert "niets toegevoegd" in seed()
    assert (Case.objects.count(), Event.objects.count(), Resident.objects.count()) == before


def test_its_cases_are_valid_and_their_due_dates_come_from_the_engine() -> None:
    seed()
    for case in Case.objects.select_related("organisation").prefetch_related("suspensions"):
        assert case.due_on == deadline_for(case).due, case.reference
        if case.status == Status.AFGEHANDELD:
            assert case.outcome in OUTCOMES_BY_TYPE[case.case_type]
            assert case.received_on <= case.closed_on
        assert case.events.exists()


def test_it_spans_three_years_with_overdue_open_and_closed_cases() -> None:
    seed(cases=600)
    years = {d.year for d in Case.objects.values_list("received_on", flat=True)}
    assert len(years) >= 3
    statuses = dict(Case.objects.values_list("status").annotate(n=Count("id")))
    assert statuses[Status.AFGEHANDELD] > statuses.get(Status.IN_BEHANDELING, 0) > 0
    late = [c for c in Case.objects.filter(closed_on__isnull=False) if not c.within_term]
    assert late, "some cases are decided after their term"


def test_it_makes_chains_repeat_filers_and_a_safety_flag() -> None:
    seed(cases=1500)
    assert CaseLink.objects.filter(kind=LinkKind.FOLLOWS_FROM).exists()
    repeaters = Resident.objects.annotate(n=Count("cases")).filter(n__gte=3)
    assert repeaters.exists()
    flagged = Case.objects.get(safety_flag=True)
    assert flagged.sensitive
    assert flagged.events.filter(kind="veiligheidssignaal").exists()


def test_it_creates_the_demo_logins() -> None:
    seed(cases=50)
    user_model = get_user_model()
    for username in ("behandelaar", "coordinator", "kwaliteit", "mt", "beheerder"):
        assert user_model.objects.get(username=username).check_password("Casus-demo-2026")
    assert user_model.objects.get(username="beheerder").is_superuser
