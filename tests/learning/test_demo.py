"""The learning loop's demo data: signals on recent cases, a theme with three actions, suggestions."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from casus.cases import services as case_services
from casus.learning.models import ActionStatus, CaseDiscussion, FollowUp, Signal, Theme
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_learning_loop_once(behandelaar: Any) -> None:
    today = timezone.localdate()
    subject = factories.subject("terugvordering")
    for days in range(5, 100, 5):
        factories.register(handler=behandelaar, subject=subject, received_on=today - timedelta(days=days),
                           description="Bezwaar tegen de terugvordering: het bedrag klopt niet.")  # fmt: skip
    done = factories.register(handler=behandelaar, received_on=today - timedelta(days=200), complex=True)
    case_services.case_close(case=done, actor=behandelaar, outcome="gegrond", closed_on=today - timedelta(days=150))
    out = StringIO()
    call_command("seed_learning_demo", stdout=out)
    assert "13 signalen" in out.getvalue()  # 8 on terugvordering, 5 on reachability; no energietoeslag cases
    theme = Theme.objects.get()
    assert theme.signals.count() == 8 and theme.cases.count() == 8
    assert sorted(theme.actions.values_list("status", flat=True)) == sorted(
        [ActionStatus.GEREED, ActionStatus.LOOPT, ActionStatus.GEPLAND]
    )
    assert Signal.objects.filter(at__gt=timezone.now()).count() == 0
    assert CaseDiscussion.objects.get().perspectives.count() == 4
    follow_up = FollowUp.objects.get(case=done)  # due 60 days ago: the demo records a result (80% of them)
    assert follow_up.due_on < today
    call_command("seed_learning_demo", stdout=out)
    assert "niets toegevoegd" in out.getvalue()
    assert Theme.objects.count() == 1
