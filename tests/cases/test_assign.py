"""Assigning, taking, handing over and starting a case (case_assign, case_start).

A klacht received zo 12-04-2026 is due di 26-05-2026 (test_register.py counts it).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.db import transaction

from casus.cases import services
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case
from casus.cases.services import CaseError
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_lets_a_behandelaar_take_an_unassigned_case(
    behandelaar: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    case = factories.register()

    with django_capture_on_commit_callbacks(execute=True):
        services.case_assign(case=case, handler=behandelaar, actor=behandelaar)

    case.refresh_from_db()
    assert case.handler == behandelaar
    event = factories.last_event(case)
    assert event.kind == EventKind.ASSIGNED
    assert event.summary == "Toegewezen aan Sanne Bakker."
    assert event.actor == behandelaar
    assert mailoutbox == []  # nobody mails themselves


def test_it_mails_the_new_handler_only_after_commit(
    behandelaar: Any, coordinator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    case = factories.register()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.case_assign(case=case, handler=behandelaar, actor=coordinator)
        assert mailoutbox == []

    assert len(callbacks) == 1
    [mail] = mailoutbox
    assert mail.to == ["sbakker@casus.invalid"]
    assert mail.subject == "Casus: zaak KL-2026-000001 aan u toegewezen"
    assert "U behandelt vanaf nu zaak KL-2026-000001 (klacht)." in mail.body
    assert "Uiterste datum: 26-05-2026." in mail.body
    assert "Reden" not in mail.body


def test_it_sends_no_mail_when_the_assignment_is_rolled_back(
    behandelaar: Any, coordinator: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    case = factories.register()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.case_assign(case=case, handler=behandelaar, actor=coordinator)
        raise RuntimeError("iets anders in dezelfde stap mislukt")

    assert mailoutbox == []
    case.refresh_from_db()
    assert case.handler is None
    assert factories.event_kinds(case) == [EventKind.RECEIVED]


def test_it_requires_a_reason_to_hand_a_case_over(behandelaar: Any, collega: Any, coordinator: Any) -> None:
    case = factories.register(handler=behandelaar, actor=behandelaar)

    for reason in ("", "   "):
        with pytest.raises(
            CaseError, match=re.escape("Geef een reden voor de overdracht, zodat uw collega weet wat er speelt.")
        ):
            services.case_assign(case=case, handler=collega, actor=coordinator, reason=reason)

    case.refresh_from_db()
    assert case.handler == behandelaar
    assert factories.event_kinds(case) == [EventKind.RECEIVED, EventKind.ASSIGNED]


def test_it_writes_overgedragen_with_both_names_and_the_reason(
    behandelaar: Any,
    collega: Any,
    coordinator: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    case = factories.register(handler=behandelaar, actor=behandelaar)

    with django_capture_on_commit_callbacks(execute=True):
        services.case_assign(case=case, handler=collega, actor=coordinator, reason="  Sanne is drie weken met verlof. ")

    case.refresh_from_db()
    assert case.handler == collega
    event = factories.last_event(case)
    assert event.kind == EventKind.HANDED_OVER
    assert event.summary == "Overgedragen van Sanne Bakker aan Rachid Meijer: Sanne is drie weken met verlof."
    assert event.actor == coordinator
    assert event.data == {
        "from_handler": behandelaar.pk,
        "to_handler": collega.pk,
        "reason": "Sanne is drie weken met verlof.",
    }
    [mail] = mailoutbox
    assert mail.to == ["rmeijer@casus.invalid"]
    assert "Reden van de overdracht: Sanne is drie weken met verlof." in mail.body


def test_it_refuses_to_assign_the_case_to_its_own_handler(behandelaar: Any, coordinator: Any) -> None:
    case = factories.register(handler=behandelaar, actor=behandelaar)

    with pytest.raises(CaseError, match=re.escape("Sanne Bakker behandelt deze zaak al.")):
        services.case_assign(case=case, handler=behandelaar, actor=coordinator, reason="nog een keer")


def test_it_moves_the_case_to_another_team_of_the_organisation(
    behandelaar: Any, behandelaar_beheer: Any, coordinator: Any
) -> None:
    case = factories.register(handler=behandelaar, actor=behandelaar)

    services.case_assign(
        case=case,
        handler=behandelaar_beheer,
        actor=coordinator,
        reason="Hoort bij Beheer.",
        team=factories.team("Beheer"),
    )

    case.refresh_from_db()
    assert case.team == factories.team("Beheer")
    assert case.handler == behandelaar_beheer


def test_it_refuses_a_team_of_another_organisation(behandelaar: Any, coordinator: Any) -> None:
    case = factories.register()
    foreign_team = factories.team("Klantcontact", org=factories.other_organisation())

    with pytest.raises(CaseError, match=re.escape("Team Klantcontact hoort niet bij Gemeente Almere.")):
        services.case_assign(case=case, handler=behandelaar, actor=coordinator, team=foreign_team)

    case.refresh_from_db()
    assert (case.team, case.handler) == (factories.team("Werk"), None)
    assert factories.event_kinds(case) == [EventKind.RECEIVED]


def test_it_refuses_to_assign_a_closed_case(behandelaar: Any, collega: Any) -> None:
    case = factories.register(handler=behandelaar, actor=behandelaar)
    services.case_close(case=case, actor=behandelaar, outcome="gegrond", closed_on=date(2026, 5, 20))

    with pytest.raises(CaseError, match=re.escape("Zaak KL-2026-000001 is al afgehandeld. Heropen de zaak eerst.")):
        services.case_assign(case=case, handler=collega, actor=behandelaar, reason="Ik ben met verlof.")

    assert Case.objects.get(pk=case.pk).handler == behandelaar


def test_it_starts_a_case_and_gives_an_unassigned_case_to_the_one_who_starts_it(behandelaar: Any) -> None:
    case = factories.register()

    services.case_start(case=case, actor=behandelaar)

    case.refresh_from_db()
    assert case.status == Status.IN_BEHANDELING
    assert case.handler == behandelaar
    assert factories.event_kinds(case) == [EventKind.RECEIVED, EventKind.ASSIGNED, EventKind.STARTED]
    assert factories.last_event(case).summary == "In behandeling genomen."


def test_it_keeps_the_handler_when_a_coordinator_starts_an_assigned_case(behandelaar: Any, coordinator: Any) -> None:
    case = factories.register(handler=behandelaar, actor=coordinator)

    services.case_start(case=case, actor=coordinator)

    case.refresh_from_db()
    assert case.handler == behandelaar
    assert factories.event_kinds(case) == [EventKind.RECEIVED, EventKind.ASSIGNED, EventKind.STARTED]


def test_it_refuses_to_start_a_case_twice(behandelaar: Any) -> None:
    case = factories.register()
    services.case_start(case=case, actor=behandelaar)

    with pytest.raises(CaseError, match=re.escape("Zaak KL-2026-000001 is al in behandeling genomen.")):
        services.case_start(case=case, actor=behandelaar)

    assert factories.event_kinds(case).count(EventKind.STARTED) == 1
