from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from casus.api.services import api_application_create
from tests import factories


def token_client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def zaaksysteem(db: None) -> tuple[Any, str]:
    """The case system "zaaksysteem" of team Werk: reads and writes cases."""
    return api_application_create(team=factories.team("Werk"), name="Zaaksysteem", scopes=("read_cases", "write_cases"))


@pytest.fixture
def bi_tool(db: None) -> tuple[Any, str]:
    """A BI tool of team Werk that may only read."""
    return api_application_create(team=factories.team("Werk"), name="BI", scopes=("read_cases",))
