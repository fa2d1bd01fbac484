"""Personas of the privacy desk and a resident with something in every table that holds their data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.access.models import CaseGrant
from casus.cases import services as case_services
from casus.cases.domain import LinkKind, TeamRole
from casus.cases.models import Case, Resident
from casus.privacy import services
from tests import factories

VALID_BSN = "111222333"  # passes the 11-test; invented
OTHER_BSN = "123456782"


@pytest.fixture
def fg(db: None) -> Any:
    """The privacy officer (functionaris gegevensbescherming) of Almere."""
    return factories.user("fg", first="Fenna", last="Groen", team_name="Beheer", role=TeamRole.PRIVACY)


@pytest.fixture
def fg_client(client: Any, fg: Any) -> Any:
    client.force_login(fg)
    return client


@pytest.fixture
def fg_elsewhere(db: None) -> Any:
    """The privacy officer of another municipality."""
    org = factories.other_organisation()
    person = factories.user("fgzeewolde", first="Zoë", last="Wolters")
    from casus.cases.models import TeamMembership

    TeamMembership.objects.create(team=factories.team("Beheer", org), user=person, role=TeamRole.PRIVACY)
    return person


@dataclass
class Dossier:
    resident: Resident
    klacht: Case
    bezwaar: Case
    callback: Case


def build_dossier(handler: Any, colleague: Any, coordinator: Any, fg: Any) -> Dossier:
    """A resident with a row in every table that points at a resident or a case."""
    resident = factories.resident(
        bsn=VALID_BSN, email="jan.smit@example.invalid", initials="J.", source_id="SRC-1", interpreter_language="Pools"
    )
    klacht = factories.register("klacht", resident=resident, handler=handler, description="Te lang gewacht.")
    bezwaar = factories.register("bezwaar", received_on=date(2026, 5, 4), resident=resident, handler=handler,
                                 decision_sent_on=date(2026, 4, 20))  # fmt: skip
    callback = factories.register("terugbelverzoek", received_on=date(2026, 5, 6), resident=resident, handler=handler)
    case_services.case_request_information(
        case=klacht, actor=handler, requested_on=date(2026, 4, 14), repair_until=date(2026, 4, 28), what="Kopie brief."
    )
    case_services.case_add_note(case=bezwaar, actor=handler, text="Gebeld met de inwoner.")
    case_services.case_record_contact_attempt(
        case=callback, actor=handler, attempted_at=timezone.make_aware(timezone.datetime(2026, 5, 6, 10, 30)),
        reached=False, note="Voicemail.",
    )  # fmt: skip
    case_services.case_link(case=bezwaar, other=klacht, kind=LinkKind.FOLLOWS_FROM, actor=handler)
    CaseGrant.objects.create(case=klacht, user=colleague, reason="Vervanging tijdens verlof", granted_by=coordinator)
    services.data_request_register(
        resident, kind="inzage", received_on=timezone.localdate() - timedelta(days=3), actor=fg
    )
    services.resident_correct(resident, {"phone": "06-87654321"}, reason="Nieuw nummer doorgegeven", actor=fg)
    duplicate = factories.resident(given_name="J.", surname="Smit", street="", email="", source_id="SRC-2")
    factories.register("vraag", received_on=date(2026, 3, 2), resident=duplicate, handler=handler)
    services.residents_merge(resident, duplicate, actor=fg, reason="Dubbel geïmporteerd")
    resident.refresh_from_db()
    return Dossier(resident, klacht, bezwaar, callback)


@pytest.fixture
def dossier(behandelaar: Any, collega: Any, coordinator: Any, fg: Any) -> Dossier:
    return build_dossier(behandelaar, collega, coordinator, fg)
