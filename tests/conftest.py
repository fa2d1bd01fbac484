"""Shared personas: a behandelaar and a coördinator of team Werk, a behandelaar of team Beheer,
a kwaliteitsmedewerker, and an inwoner."""

from __future__ import annotations

from typing import Any

import pytest

from casus.cases.domain import TeamRole
from casus.cases.models import Resident
from tests import factories


@pytest.fixture
def behandelaar(db: None) -> Any:
    return factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")


@pytest.fixture
def collega(db: None) -> Any:
    return factories.user("rmeijer", first="Rachid", last="Meijer", team_name="Werk")


@pytest.fixture
def coordinator(db: None) -> Any:
    return factories.user("mvisser", first="Mark", last="Visser", team_name="Werk", role=TeamRole.COORDINATOR)


@pytest.fixture
def behandelaar_beheer(db: None) -> Any:
    return factories.user("pdeboer", first="Pieter", last="de Boer", team_name="Beheer")


@pytest.fixture
def kwaliteitsmedewerker(db: None) -> Any:
    return factories.user("ijansen", first="Ilse", last="Jansen", team_name="BBK", role=TeamRole.KWALITEIT)


@pytest.fixture
def inwoner(db: None) -> Resident:
    return factories.resident()
