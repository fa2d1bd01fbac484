"""An organisation's own term per case type (CaseTypeSetting) and cases_recompute_due after a change.

Day names in the comments are Dutch: ma di wo do vr za zo.
"""

from __future__ import annotations

from datetime import date

import pytest

from casus.cases import services
from casus.cases.domain import EventKind
from casus.cases.models import Case, CaseTypeSetting
from tests import factories

pytestmark = pytest.mark.django_db


def _set(case_type: str, **fields: object) -> CaseTypeSetting:
    return CaseTypeSetting.objects.create(organisation=factories.organisation(), case_type=case_type, **fields)


def test_it_registers_with_the_organisations_own_service_norm() -> None:
    # servicenorm 3 weken: do 15-01-2026 + 3 weken = do 05-02-2026
    _set("vraag", term_amount=3, term_unit="weeks")

    assert factories.register("vraag", date(2026, 1, 15)).due_on == date(2026, 2, 5)


def test_it_recomputes_open_cases_after_a_new_setting_and_writes_an_event() -> None:
    vraag = factories.register("vraag", date(2026, 1, 15))  # do 26-02-2026 (6 weken)
    klacht = factories.register("klacht", date(2026, 4, 12))  # di 26-05-2026, not affected
    _set("vraag", term_amount=3, term_unit="weeks")

    changed = services.cases_recompute_due(cases=Case.objects.all())

    assert changed == 1
    assert Case.objects.get(pk=vraag.pk).due_on == date(2026, 2, 5)
    assert Case.objects.get(pk=klacht.pk).due_on == date(2026, 5, 26)
    event = factories.last_event(vraag)
    assert event.kind == EventKind.UPDATED
    assert event.actor_name == "Casus"
    assert event.summary == "Uiterste datum herberekend na een gewijzigde instelling: 05-02-2026 (was 26-02-2026)."
    assert event.data == {"due_before": "2026-02-26", "due_after": "2026-02-05"}
    assert factories.event_kinds(klacht) == [EventKind.RECEIVED]


def test_it_applies_the_atw_to_a_service_norm_when_the_organisation_says_so() -> None:
    # zo 12-04-2026 + 6 weken = zo 24-05 (Pinksteren); met Atw: ma 25-05 Tweede Pinksterdag -> di 26-05-2026
    vraag = factories.register("vraag", date(2026, 4, 12))
    assert vraag.due_on == date(2026, 5, 24)
    _set("vraag", atw=True)

    services.cases_recompute_due(cases=[vraag])

    assert Case.objects.get(pk=vraag.pk).due_on == date(2026, 5, 26)


def test_it_changes_nothing_the_second_time() -> None:
    vraag = factories.register("vraag", date(2026, 1, 15))
    _set("vraag", term_amount=3, term_unit="weeks")
    services.cases_recompute_due(cases=Case.objects.all())

    assert services.cases_recompute_due(cases=Case.objects.all()) == 0
    assert factories.event_kinds(vraag).count(EventKind.UPDATED) == 1


def test_a_closed_case_keeps_the_term_it_was_decided_under(behandelaar: object) -> None:
    vraag = factories.register("vraag", date(2026, 1, 15))  # do 26-02-2026 (6 weken)
    services.case_close(case=vraag, actor=behandelaar, outcome="beantwoord", closed_on=date(2026, 2, 20))
    _set("vraag", term_amount=3, term_unit="weeks")  # would be do 05-02-2026: closed late after the fact

    assert services.cases_recompute_due(cases=Case.objects.all()) == 0
    closed = Case.objects.get(pk=vraag.pk)
    assert closed.due_on == date(2026, 2, 26)
    assert closed.within_term is True
