"""Destroying a case (the retention run) still works when it has letters, and takes the letters along:
a letter is personal data (name, address, the whole text)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from casus.cases import services
from casus.cases.domain import TeamRole
from casus.cases.models import Case
from casus.letters.models import Letter, LetterKind, LetterTemplate
from casus.letters.services import letter_send, send_acknowledgement
from casus.retention.models import DestructionList, ListStatus
from casus.retention.services import list_approve, list_execute
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_destroyed_case_loses_its_letters_and_keeps_the_rest(werk: Any, behandelaar: Any) -> None:
    fb = factories.user(
        "fbeheer", first="Fatima", last="El Amrani", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER
    )
    resident = factories.resident(given_name="Johan", surname="de Wit")
    old = factories.register("klacht", date(2019, 3, 4), resident=resident, handler=behandelaar)
    send_acknowledgement(old)
    old = services.case_close(
        case=old, actor=behandelaar, outcome="gegrond", closed_on=date(2019, 4, 1), closing_text="Excuses gemaakt."
    )
    decision = LetterTemplate.objects.get(organisation=None, kind=LetterKind.BESLISSING_KLACHT).current
    letter_send(case=old, version=decision, channel="post", actor=behandelaar)
    keep = factories.register("klacht", date(2026, 4, 14), resident=factories.resident(), handler=behandelaar)
    send_acknowledgement(keep)
    assert Letter.objects.filter(case=old).count() == 2

    call_command("retention_list", "--organisation", "almere", stdout=io.StringIO())
    destruction_list = DestructionList.objects.get(status=ListStatus.CONCEPT)
    assert destruction_list.items.filter(case=old).exists()
    list_execute(destruction_list=list_approve(destruction_list=destruction_list, actor=fb), actor=fb)

    old = Case.objects.get(pk=old.pk)
    assert old.resident is None and old.closing_text == ""
    assert not Letter.objects.filter(case=old).exists()
    assert not old.events.exists()
    assert Letter.objects.filter(case=keep).count() == 1
    assert decision.letters.count() == 0  # the template version itself stays in the library
