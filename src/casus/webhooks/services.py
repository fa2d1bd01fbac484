"""Queueing and sending webhook deliveries (see docs/webhooks.md).

Queueing happens inside the handler's own transaction, as one SELECT of the organisation's active
subscriptions and one INSERT: a rolled-back registration queues nothing, a committed one cannot lose its
delivery, and no HTTP happens in the request. Sending is `manage.py deliver_webhooks`, one delivery per
short transaction with `SELECT ... FOR UPDATE SKIP LOCKED`, so two runs never send one delivery twice.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from casus.cases.domain import OPEN_STATUSES, EventKind
from casus.cases.models import Case, Event
from casus.cases.selectors import filter_state

from .models import Delivery, DeliveryStatus, Subscription, WebhookEvent

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
# Attempt n (1-based) that fails waits BACKOFF_MINUTES[n-1] before the next one: 7 attempts in 63 minutes.
BACKOFF_MINUTES = (1, 2, 4, 8, 16, 32)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
EVENT_FOR_KIND = {EventKind.RECEIVED: WebhookEvent.CASE_REGISTERED, EventKind.CLOSED: WebhookEvent.CASE_CLOSED}
USER_AGENT = "Casus-Webhooks/1"


# --- payload -------------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def payload_for(event: str, case: Case, occurred_at: datetime) -> dict[str, Any]:
    """What a receiver gets: facts about the case, never the resident or the free texts."""
    return {
        "event": event,
        "occurred_at": occurred_at.isoformat(),
        "organisation": case.organisation.slug,
        "case": {
            "id": case.pk,
            "reference": case.reference,
            "type": case.case_type,
            "status": case.status,
            "received_on": _iso(case.received_on),
            "due_on": _iso(case.due_on),
            "closed_on": _iso(case.closed_on),
            "outcome": case.outcome or None,
            "team": case.team.name if case.team_id else None,
        },
    }


# --- queueing ------------------------------------------------------------------------------------


def queue(event: str, case: Case, *, dedupe_key: str, occurred_at: datetime | None = None) -> int:
    """Queue `event` for every active subscription of the case's organisation that wants it; an
    occurrence already queued is skipped (unique constraint). Returns the number of subscriptions."""
    subscriptions = [
        subscription
        for subscription in Subscription.objects.filter(organisation_id=case.organisation_id, active=True)
        if subscription.wants(event)
    ]
    if not subscriptions:
        return 0
    payload = payload_for(event, case, occurred_at or timezone.now())
    Delivery.objects.bulk_create(
        [
            Delivery(
                subscription=subscription,
                event=event,
                case_id=case.pk,
                case_reference=case.reference,
                dedupe_key=dedupe_key,
                payload=payload,
            )
            for subscription in subscriptions
        ],
        ignore_conflicts=True,
    )
    return len(subscriptions)


def queue_for_timeline_event(instance: Event, created: bool, **kwargs: Any) -> None:
    """post_save of cases.Event: 'ontvangen' queues case.registered, 'afgehandeld' case.closed."""
    event = EVENT_FOR_KIND.get(instance.kind)
    if not created or event is None or kwargs.get("raw"):
        return
    queue(event, instance.case, dedupe_key=f"event:{instance.pk}", occurred_at=instance.created_at)


def queue_overdue(on: date | None = None) -> int:
    """Queue case.overdue for open cases past their due date on `on`, once per case and due date.
    A new subscription is not flooded with cases that were overdue before it existed: it gets the cases
    whose due date is at most a day before the subscription's creation date."""
    on = on or timezone.localdate()
    queued = 0
    for subscription in Subscription.objects.filter(active=True).select_related("organisation"):
        if not subscription.wants(WebhookEvent.CASE_OVERDUE):
            continue
        since = timezone.localdate(subscription.created) - timedelta(days=1)
        cases = filter_state(
            Case.objects.filter(organisation=subscription.organisation, status__in=OPEN_STATUSES, due_on__gte=since),
            "te_laat",
            on=on,
        ).select_related("organisation", "team")
        existing = set(
            Delivery.objects.filter(
                subscription=subscription, event=WebhookEvent.CASE_OVERDUE, case_id__in=cases.values("pk")
            ).values_list("case_id", "dedupe_key")
        )
        now = timezone.now()
        rows = [
            Delivery(
                subscription=subscription,
                event=WebhookEvent.CASE_OVERDUE,
                case_id=case.pk,
                case_reference=case.reference,
                dedupe_key=f"due:{case.due_on.isoformat()}",
                payload=payload_for(WebhookEvent.CASE_OVERDUE, case, now),
            )
            for case in cases
            if (case.pk, f"due:{case.due_on.isoformat()}") not in existing
        ]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        queued += len(rows)
    return queued


# --- sending -------------------------------------------------------------------------------------


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The Casus-Signature header: HMAC-SHA256 of "timestamp.body" with the subscription's secret."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: int = 300) -> bool:
    """What a receiver does (docs/webhooks.md): compare in constant time and refuse old timestamps."""
    try:
        fresh = abs(time.time() - int(timestamp)) <= tolerance
    except ValueError:
        return False
    return fresh and hmac.compare_digest(sign(secret, timestamp, body), signature)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: Casus posts only to the configured address."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass
class Attempt:
    ok: bool
    status_code: int | None = None
    error: str = ""


def post(delivery: Delivery) -> Attempt:
    """One POST of the delivery's payload with the signature headers; never raises."""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Casus-Event": delivery.event,
        "Casus-Delivery": str(delivery.pk),
        "Casus-Timestamp": timestamp,
        "Casus-Signature": sign(delivery.subscription.secret, timestamp, body),
    }
    request = urllib.request.Request(delivery.subscription.target_url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        return Attempt(ok=False, status_code=error.code, error=f"HTTP {error.code} {error.reason}"[:300])
    except Exception as error:  # a receiver's failure is recorded, never raised
        return Attempt(ok=False, error=f"{type(error).__name__}: {error}"[:300])
    return Attempt(ok=200 <= status < 300, status_code=status, error="" if 200 <= status < 300 else f"HTTP {status}")


def _record(delivery: Delivery, attempt: Attempt, now: datetime) -> None:
    delivery.attempts += 1
    delivery.last_status_code = attempt.status_code
    delivery.last_error = attempt.error
    if attempt.ok:
        delivery.status, delivery.sent_at, delivery.next_attempt_at = DeliveryStatus.SENT, now, None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        delivery.next_attempt_at = now + timedelta(minutes=BACKOFF_MINUTES[delivery.attempts - 1])
    delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status", "sent_at", "next_attempt_at"])
    log = logger.info if attempt.ok else logger.warning
    log(
        "webhook delivery %s (%s %s) attempt %s: %s",
        delivery.pk, delivery.event, delivery.case_reference, delivery.attempts,
        "sent" if attempt.ok else f"{attempt.error or attempt.status_code} -> {delivery.status}",
    )  # fmt: skip


def _claim_one(now: datetime) -> Delivery | None:
    """The next due delivery, locked; rows another run holds are skipped (PostgreSQL)."""
    rows = Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "id"
    )
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    return rows.select_related("subscription").first()


@dataclass
class Result:
    queued_overdue: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(*, limit: int = 500, on: date | None = None) -> Result:
    """Queue the overdue cases, then send every delivery that is due (at most `limit`)."""
    result = Result(queued_overdue=queue_overdue(on))
    for _ in range(limit):
        with transaction.atomic():
            now = timezone.now()
            delivery = _claim_one(now)
            if delivery is None:
                break
            if not delivery.subscription.active:
                delivery.status, delivery.last_error = DeliveryStatus.FAILED, "abonnement staat uit"
                delivery.next_attempt_at = None
                delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
                result.failed += 1
                continue
            _record(delivery, post(delivery), now)
        if delivery.status == DeliveryStatus.SENT:
            result.sent += 1
        elif delivery.status == DeliveryStatus.FAILED:
            result.failed += 1
        else:
            result.retrying += 1
    return result
