"""Webhooks: queueing with the handler's transaction, signed deliveries, retries, overdue once per due date."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from casus.cases import services as case_services
from casus.cases.domain import TeamRole
from casus.cases.models import Case
from casus.webhooks import services
from casus.webhooks.models import Delivery, DeliveryStatus, Subscription, WebhookEvent
from tests import factories

ALL = [WebhookEvent.CASE_REGISTERED, WebhookEvent.CASE_CLOSED, WebhookEvent.CASE_OVERDUE]


def subscribe(events: list[str], *, org: Any = None, url: str = "https://zaaksysteem.example.nl/casus", **kw: Any):
    return Subscription.objects.create(
        organisation=org or factories.organisation(), name=kw.pop("name", f"ontvanger {Subscription.objects.count()}"),
        target_url=url, events=[str(event) for event in events], **kw,
    )  # fmt: skip


def recent(days: int = 10):
    return timezone.localdate() - timedelta(days=days)


# --- a receiver on 127.0.0.1 ---------------------------------------------------------------------


class Receiver:
    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.delay = 0.0
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers.items()), body))
                time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/casus"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(services, "_opener", urllib.request.build_opener(services._NoRedirects))
    found = Receiver()
    yield found
    found.close()


# --- queueing ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_registering_queues_for_the_organisations_subscriptions_of_that_event_only() -> None:
    wanted = subscribe([WebhookEvent.CASE_REGISTERED, WebhookEvent.CASE_CLOSED])
    subscribe([WebhookEvent.CASE_CLOSED])
    subscribe([WebhookEvent.CASE_REGISTERED], active=False)
    subscribe([WebhookEvent.CASE_REGISTERED], org=factories.other_organisation())
    case = factories.register(received_on=recent())
    delivery = Delivery.objects.get()
    assert (delivery.subscription, delivery.event, delivery.case_id) == (wanted, "case.registered", case.pk)
    assert delivery.case_reference == case.reference
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0


@pytest.mark.django_db
def test_closing_queues_case_closed_and_a_second_closing_after_reopening_queues_again() -> None:
    subscription = subscribe([WebhookEvent.CASE_CLOSED])
    case = factories.register(received_on=recent())
    assert not Delivery.objects.exists()
    case_services.case_close(case=case, actor=None, outcome="gegrond", closed_on=timezone.localdate())
    delivery = Delivery.objects.get()
    assert delivery.subscription == subscription and delivery.event == "case.closed"
    assert delivery.payload["case"]["outcome"] == "gegrond"
    assert delivery.payload["case"]["status"] == "afgehandeld"
    case_services.case_reopen(case=case, actor=None, reason="Nieuwe informatie")
    case_services.case_close(case=case, actor=None, outcome="ongegrond", closed_on=timezone.localdate())
    assert Delivery.objects.filter(event="case.closed").count() == 2


@pytest.mark.django_db
def test_a_rolled_back_registration_queues_nothing() -> None:
    subscribe(ALL)
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.register(received_on=recent())
        assert Delivery.objects.count() == 1  # queued with the case, in the same transaction
        raise RuntimeError("the handler's step fails")
    assert not Delivery.objects.exists()
    assert not Case.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_committed_registration_has_its_delivery_committed_with_it() -> None:
    subscribe(ALL)
    case = factories.register(received_on=recent())
    assert Delivery.objects.filter(case_id=case.pk, event="case.registered").count() == 1


@pytest.mark.django_db
def test_registering_makes_no_network_call(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("no network call during a handler's request")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    subscribe(ALL, url="https://onbereikbaar.example.nl/casus")
    case = factories.register(received_on=recent())
    case_services.case_close(case=case, actor=None, outcome="gegrond", closed_on=timezone.localdate())
    assert Delivery.objects.filter(status=DeliveryStatus.PENDING).count() == 2


@pytest.mark.django_db
def test_the_payload_holds_no_personal_data() -> None:
    subscribe(ALL)
    resident = factories.resident(surname="Oudewater", email="j.oudewater@example.nl", bsn="")
    case = factories.register(received_on=recent(), resident=resident, description="Mevrouw belde over haar huur")
    payload = Delivery.objects.get().payload
    text = json.dumps(payload)
    for personal in ("Oudewater", "Lindelaan", "1312AB", "06-12345678", "example.nl", "huur", "Jan"):
        assert personal not in text
    assert set(payload) == {"event", "occurred_at", "organisation", "case"}
    assert set(payload["case"]) == {
        "id", "reference", "type", "status", "received_on", "due_on", "closed_on", "outcome", "team",
    }  # fmt: skip
    assert payload["case"]["reference"] == case.reference and payload["case"]["team"] == "Werk"


@pytest.mark.django_db
def test_overdue_is_queued_once_per_case_and_due_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "post", lambda delivery: services.Attempt(ok=True, status_code=204))
    subscription = subscribe([WebhookEvent.CASE_OVERDUE])
    Subscription.objects.filter(pk=subscription.pk).update(created=timezone.now() - timedelta(days=30))
    late = factories.register(received_on=recent(40))
    on_time = factories.register(received_on=recent(40))
    closed = factories.register(received_on=recent(40))
    long_before = factories.register(received_on=recent(200))
    case_services.case_close(case=closed, actor=None, outcome="gegrond", closed_on=recent(1))
    Case.objects.filter(pk__in=[late.pk, closed.pk]).update(due_on=recent(3))
    Case.objects.filter(pk=on_time.pk).update(due_on=timezone.localdate())
    Case.objects.filter(pk=long_before.pk).update(due_on=recent(100))  # overdue before the subscription existed

    assert services.deliver_due().queued_overdue == 1
    delivery = Delivery.objects.get(event="case.overdue")
    assert delivery.case_id == late.pk and delivery.dedupe_key == f"due:{recent(3).isoformat()}"
    assert services.deliver_due().queued_overdue == 0
    Case.objects.filter(pk=late.pk).update(due_on=recent(2))  # postponed, and late again
    assert services.deliver_due().queued_overdue == 1
    assert Delivery.objects.filter(event="case.overdue", case_id=late.pk).count() == 2


# --- signing and sending -------------------------------------------------------------------------


def receiver_verifies(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The receiver's check, as in docs/webhooks.md."""
    timestamp = headers["Casus-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"sha256={expected}", headers["Casus-Signature"])


def test_the_signature_verifies_and_a_changed_body_does_not() -> None:
    signature = services.sign("geheim", "1790000000", b'{"a":1}')
    headers = {"Casus-Timestamp": "1790000000", "Casus-Signature": signature}
    assert receiver_verifies("geheim", headers, b'{"a":1}')
    assert not receiver_verifies("geheim", headers, b'{"a":2}')
    assert not receiver_verifies("ander geheim", headers, b'{"a":1}')
    assert not services.verify("geheim", "1790000000", b'{"a":1}', signature)  # too old


@pytest.mark.django_db
def test_a_local_receiver_gets_a_signed_post(receiver: Receiver) -> None:
    subscription = subscribe([WebhookEvent.CASE_REGISTERED], url=receiver.url)
    case = factories.register(received_on=recent())
    result = services.deliver_due()
    assert (result.sent, result.retrying, result.failed) == (1, 0, 0)
    [(headers, body)] = receiver.requests
    delivery = Delivery.objects.get()
    assert headers["Casus-Event"] == "case.registered"
    assert headers["Casus-Delivery"] == str(delivery.pk)
    assert headers["Content-Type"] == "application/json"
    assert receiver_verifies(subscription.secret, headers, body)
    assert services.verify(subscription.secret, headers["Casus-Timestamp"], body, headers["Casus-Signature"])
    assert json.loads(body)["case"]["reference"] == case.reference
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.SENT, 1, 200)
    assert delivery.sent_at is not None and delivery.next_attempt_at is None


@pytest.mark.django_db
def test_running_the_command_twice_sends_once(receiver: Receiver) -> None:
    subscribe([WebhookEvent.CASE_REGISTERED], url=receiver.url)
    factories.register(received_on=recent())
    call_command("deliver_webhooks", "--once")
    call_command("deliver_webhooks", "--once")
    assert len(receiver.requests) == 1


@pytest.mark.django_db
def test_a_failing_receiver_is_retried_later_and_the_attempt_is_logged(receiver: Receiver) -> None:
    receiver.status = 500
    subscribe([WebhookEvent.CASE_REGISTERED], url=receiver.url)
    factories.register(received_on=recent())
    before = timezone.now()
    result = services.deliver_due()
    assert (result.sent, result.retrying) == (0, 1)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.PENDING, 1, 500)
    assert "500" in delivery.last_error
    assert before + timedelta(minutes=1) <= delivery.next_attempt_at <= timezone.now() + timedelta(minutes=1)
    services.deliver_due()  # not due yet: nothing is sent
    assert len(receiver.requests) == 1
    receiver.status = 204
    Delivery.objects.update(next_attempt_at=timezone.now())
    services.deliver_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.SENT, 2, 204)


@pytest.mark.django_db
def test_backoff_doubles_and_the_delivery_fails_after_the_last_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "post", lambda delivery: services.Attempt(ok=False, error="URLError: refused"))
    subscribe([WebhookEvent.CASE_REGISTERED])
    factories.register(received_on=recent())
    waits = []
    for _ in range(services.MAX_ATTEMPTS):
        start = timezone.now()
        Delivery.objects.update(next_attempt_at=start)
        services.deliver_due()
        delivery = Delivery.objects.get()
        if delivery.next_attempt_at:
            waits.append(round((delivery.next_attempt_at - start).total_seconds() / 60))
    assert waits == [1, 2, 4, 8, 16, 32]
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.FAILED, 7, "URLError: refused")
    assert services.deliver_due().sent == 0


@pytest.mark.django_db
def test_a_redirect_is_not_followed(receiver: Receiver) -> None:
    receiver.status = 302
    subscribe([WebhookEvent.CASE_REGISTERED], url=receiver.url)
    factories.register(received_on=recent())
    services.deliver_due()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_status_code == 302


@pytest.mark.django_db
def test_an_unreachable_receiver_does_not_raise(receiver: Receiver) -> None:
    url = receiver.url
    receiver.close()
    subscribe([WebhookEvent.CASE_REGISTERED], url=url)
    factories.register(received_on=recent())
    assert services.deliver_due().retrying == 1
    assert Delivery.objects.get().last_error


# --- configuration -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://zaaksysteem.example.nl/casus", True),
        ("http://localhost:8080/casus", True),
        ("http://127.0.0.1/casus", True),
        ("http://zaaksysteem.example.nl/casus", False),
        ("https://gebruiker:wachtwoord@zaaksysteem.example.nl/", False),
        ("ftp://zaaksysteem.example.nl/", False),
    ],
)
def test_the_target_must_be_https_unless_local(url: str, valid: bool, settings: Any) -> None:
    settings.DEBUG = False
    subscription = Subscription(organisation=factories.organisation(), name="x", target_url=url, events=ALL)
    if valid:
        subscription.full_clean()
    else:
        with pytest.raises(ValidationError):
            subscription.full_clean()


@pytest.mark.django_db
def test_the_secret_is_shown_once_after_creating_in_the_admin() -> None:
    beheerder = factories.user(
        "fbeheer", first="Fleur", last="Smits", team_name="Werk", role=TeamRole.FUNCTIONEEL_BEHEER
    )
    client = factories.logged_in(beheerder)
    response = client.post(
        _admin_url("add"),
        {
            "organisation": factories.organisation().pk,
            "name": "Zaaksysteem",
            "target_url": "https://zaaksysteem.example.nl/casus",
            "events": ["case.registered", "case.closed"],
            "active": "on",
        },
        follow=True,
    )
    subscription = Subscription.objects.get()
    assert subscription.events == ["case.registered", "case.closed"]
    assert subscription.secret in response.content.decode()
    page = client.get(_admin_url("change", subscription.pk))
    assert page.status_code == 200 and subscription.secret not in page.content.decode()


def _admin_url(view: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(f"admin:webhooks_subscription_{view}", args=args)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_never_send_one_delivery_twice(receiver: Receiver) -> None:
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's")
    receiver.delay = 0.3
    subscribe([WebhookEvent.CASE_REGISTERED], url=receiver.url)
    for _ in range(4):
        factories.register(received_on=recent())

    def run() -> None:
        try:
            services.deliver_due()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    ids = sorted(headers["Casus-Delivery"] for headers, _ in receiver.requests)
    assert len(ids) == 4 and len(set(ids)) == 4
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
