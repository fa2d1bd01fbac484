"""Personas of the standard answers: a functioneel beheerder of Almere and one of Zeewolde."""

from __future__ import annotations

from typing import Any

import pytest

from casus.cases.domain import TeamRole
from casus.cases.models import TeamMembership
from tests import factories


@pytest.fixture
def beheerder(db: None) -> Any:
    return factories.user("bkok", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)


@pytest.fixture
def beheerder_zeewolde(db: None) -> Any:
    person = factories.user("lhendriks", first="Lotte", last="Hendriks")
    team = factories.team("Werk", factories.other_organisation())
    TeamMembership.objects.create(team=team, user=person, role=TeamRole.FUNCTIONEEL_BEHEER)
    return person
