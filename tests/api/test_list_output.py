"""The case list's rows (case_list_row, written out from `.values()` rows for speed) are exactly what
DRF's ModelSerializer makes of CaseListSerializer's declared fields, for every kind of case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework import serializers as drf

from casus.api import serializers as s
from casus.cases import services
from casus.cases.models import Case, Category
from tests import factories

from .conftest import token_client

pytestmark = pytest.mark.django_db


def _generic(case: Case) -> dict:
    """What DRF's ModelSerializer makes of the list serializer's declared fields."""
    return drf.ModelSerializer.to_representation(s.CaseListSerializer(), case)


def test_the_list_output_is_the_model_serializers_for_every_kind_of_case(zaaksysteem, behandelaar) -> None:
    today = timezone.localdate()
    subject = Category.objects.filter(kind="subject").first()
    assert subject is not None  # seeded by cases 0003
    open_case = factories.register("klacht", today - timedelta(days=3), handler=behandelaar, subject=subject)
    late = factories.register("vraag", today - timedelta(days=60), handler=behandelaar)
    anonymous = factories.register("terugbelverzoek", today, team=None, handler=None, resident=None)
    closed = factories.register("bezwaar", date(2025, 3, 3), handler=behandelaar, decision_sent_on=date(2025, 2, 20))
    services.case_close(case=closed, actor=behandelaar, outcome="ongegrond", closed_on=date(2025, 4, 1))
    Case.objects.filter(pk=open_case.pk).update(sensitive=False, safety_flag=True)
    cases = Case.objects.select_related("team", "handler", "subject").filter(
        pk__in=[open_case.pk, late.pk, anonymous.pk, closed.pk]
    )
    assert len(cases) == 4
    values = Case.objects.filter(pk__in=[c.pk for c in cases]).values(*s.CaseListSerializer.columns)
    rows = {row["id"]: row for row in values}
    for case in cases:
        assert s.case_list_row(rows[case.pk]) == _generic(case), case.case_type
    assert {_generic(c)["state"] for c in cases} >= {"", "te_laat"}  # open, late and closed cases were compared

    _app, token = zaaksysteem
    listed = token_client(token).get("/api/v1/cases/").json()["results"]
    by_id = {row["id"]: row for row in listed}
    assert {late.pk, closed.pk} <= set(by_id)  # team Werk's cases (not the safety-flagged one), via the API
    for case in cases:
        if case.pk in by_id:
            assert by_id[case.pk] == _generic(case)
