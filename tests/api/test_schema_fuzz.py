"""Schemathesis against the published OpenAPI schema: whatever a system sends, Casus never answers
with a server error. Bounded (max_examples per operation) so it stays fast in `make test`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings

from casus.api.models import ApiRole
from casus.api.services import api_application_create
from casus.wsgi import application
from tests import factories


@pytest.fixture
def api_schema(db: None) -> Iterator[Any]:
    # As Django's test client does: the WSGI handler must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: None) -> str:
    for days in (3, 30):
        factories.register("klacht", timezone.localdate() - timedelta(days=days))
    # A coördinator with every scope, so the report endpoint is fuzzed past its permission check too.
    _, token = api_application_create(
        team=factories.team("Werk"),
        name="Fuzz",
        role=ApiRole.COORDINATOR,
        scopes=("read_cases", "write_cases", "reports"),
    )
    return token


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_no_server_errors(case: Any, token: str) -> None:
    response = case.call(headers={"Authorization": f"Token {token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
