"""Builders for the retention tests: closed cases through the real services, and a verified login."""

from __future__ import annotations

from datetime import date
from typing import Any

from casus.cases import services
from casus.cases.models import Case
from tests import factories


def closed(
    case_type: str = "klacht",
    outcome: str = "ongegrond",
    *,
    received_on: date = date(2019, 3, 4),
    closed_on: date = date(2019, 4, 1),
    **fields: Any,
) -> Case:
    """A case registered and closed through casus.cases.services."""
    case = factories.register(case_type, received_on, **fields)
    return services.case_close(case=case, actor=None, outcome=outcome, closed_on=closed_on)


# Logging in with a verified second factor: tests.factories.verified_login (shared by every suite).
login = factories.verified_login
