"""Builders for the retention tests: closed cases through the real services, and a verified login."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps

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


def login(client: Any, user: Any) -> None:
    """Log in as `user`, with a verified second factor when two-factor login is switched on.

    Functioneel beheerders must use two-factor login; when django_otp's TOTP plugin is installed the
    session is marked as verified with a fresh TOTP device, as django_otp.login() would do.
    """
    client.force_login(user)
    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
