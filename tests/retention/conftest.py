"""Personas for the retention tests: functioneel beheerders of Almere and of another municipality,
and Almere's privacyfunctionaris."""

from __future__ import annotations

from typing import Any

import pytest

from casus.cases.domain import TeamRole
from casus.cases.models import Team, TeamMembership
from tests import factories


@pytest.fixture
def fb(db: None) -> Any:
    return factories.user(
        "fbeheer", first="Fatima", last="El Amrani", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER
    )


@pytest.fixture
def fb_other(db: None) -> Any:
    person = factories.user("zbeheer", first="Zeger", last="Hoekstra")
    team = Team.objects.create(organisation=factories.other_organisation(), name="Beheer Zeewolde")
    TeamMembership.objects.create(team=team, user=person, role=TeamRole.FUNCTIONEEL_BEHEER)
    return person


@pytest.fixture
def privacy_officer(db: None) -> Any:
    return factories.user("pvos", first="Petra", last="Vos", team_name="Beheer", role=TeamRole.PRIVACY)
