"""A destroyed case (retention) loses its signal texts and follow-up note; its links stay."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from casus.cases import services as case_services
from casus.cases.models import Case
from casus.learning import services
from casus.learning.models import FollowUp, Signal
from casus.retention.signals import cases_destroyed
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_destruction_empties_the_learning_texts(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar, received_on=date(2025, 1, 6), complex=True)
    other = factories.register(handler=behandelaar, received_on=date(2025, 1, 6))
    services.signal_record(case=case, actor=behandelaar, text="Mevrouw De Vries belde huilend.")
    services.signal_record(case=other, actor=behandelaar, text="Blijft staan.")
    theme = services.theme_create(organisation=case.organisation, actor=None, title="T", cases=[case])
    case_services.case_close(case=case, actor=behandelaar, outcome="gegrond", closed_on=date(2025, 2, 1))
    services.followups_schedule()
    FollowUp.objects.update(done_on=date(2025, 5, 2), result="werkt", note="Mevrouw De Vries is tevreden.")

    cases_destroyed.send(sender=Case, case_ids=[case.pk])  # as the retention run does, in its transaction

    signal = Signal.objects.get(case=case)
    assert (signal.text, signal.author, signal.author_name) == ("(vernietigd)", None, "")
    assert FollowUp.objects.get().note == "" and FollowUp.objects.get().result == "werkt"
    assert Signal.objects.get(case=other).text == "Blijft staan."
    assert list(theme.cases.all()) == [case]  # the theme's count stays right
