"""Webhooks in the permission matrix: subscriptions and their delivery log belong to one organisation."""

from __future__ import annotations

from typing import Any

from casus.webhooks.models import Delivery, Subscription
from tests import factories


def _subscription(world: Any, scope: str) -> Subscription | None:
    if scope not in ("own", "other_org"):
        return None
    org = factories.organisation() if scope == "own" else factories.other_organisation()
    found, _ = Subscription.objects.get_or_create(
        organisation=org, name="Zaaksysteem",
        defaults={"target_url": "https://zaaksysteem.example.nl/casus", "events": ["case.registered"]},
    )  # fmt: skip
    return found


def _delivery(world: Any, scope: str) -> Delivery | None:
    subscription = _subscription(world, scope)
    if subscription is None:
        return None
    found, _ = Delivery.objects.get_or_create(
        subscription=subscription, event="case.registered", case_id=None, dedupe_key="matrix",
        defaults={"case_reference": "MATRIX-1", "payload": {"event": "case.registered"}},
    )  # fmt: skip
    return found


BUILDERS = {"webhooks.subscription": _subscription, "webhooks.delivery": _delivery}
ORG_BOUND = {"webhooks.subscription", "webhooks.delivery"}
