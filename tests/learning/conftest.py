"""Personas for the learning loop: the shared ones (tests/conftest.py) plus MT and a kwaliteitsmedewerker
of team Werk, and a coördinator of another municipality."""

from __future__ import annotations

from typing import Any

import pytest

from casus.cases.domain import TeamRole
from casus.cases.models import TeamMembership
from tests import factories


@pytest.fixture
def mt(db: None) -> Any:
    return factories.user("asmits", first="Anouk", last="Smits", team_name="BBK", role=TeamRole.MT)


@pytest.fixture
def kwaliteit_werk(db: None) -> Any:
    return factories.user("lvos", first="Lieke", last="Vos", team_name="Werk", role=TeamRole.KWALITEIT)


@pytest.fixture
def coordinator_elders(db: None) -> Any:
    person = factories.user("ebrouwer", first="Eva", last="Brouwer")
    team = factories.team("Werk", factories.other_organisation())
    TeamMembership.objects.create(team=team, user=person, role=TeamRole.COORDINATOR)
    return person
