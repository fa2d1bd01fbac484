"""Webhook subscriptions of an organisation and the deliveries queued for them (see docs/webhooks.md).

A delivery carries no personal data: the case's reference, type, status, dates, team and outcome. A
receiver that needs more asks the API with its own token, under its own permissions.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.cases.models import Organisation

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


class WebhookEvent(models.TextChoices):
    CASE_REGISTERED = "case.registered", _("Zaak geregistreerd")
    CASE_CLOSED = "case.closed", _("Zaak afgehandeld")
    CASE_OVERDUE = "case.overdue", _("Zaak te laat")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def validate_target_url(url: str) -> None:
    """https, except for a receiver on this machine or on a development install (DEBUG)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Vul een volledig webadres in, bijvoorbeeld https://zaaksysteem.example.nl/casus."))
    if parts.scheme == "http" and not settings.DEBUG and parts.hostname not in LOCAL_HOSTS:
        raise ValidationError(_("Gebruik een https-adres: de berichten gaan dan versleuteld over het netwerk."))
    if parts.username or parts.password:
        raise ValidationError(_("Zet geen gebruikersnaam of wachtwoord in het adres; de ondertekening volstaat."))


class Subscription(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="webhook_subscriptions", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=120, help_text=_("Bijvoorbeeld het systeem dat de berichten krijgt."))
    target_url = models.URLField(
        _("adres van de ontvanger"), max_length=500, validators=[validate_target_url],
        help_text=_("Casus stuurt elk bericht met een POST naar dit adres."),
    )  # fmt: skip
    secret = models.CharField(_("geheim"), max_length=100, default=new_secret, editable=False)
    events = models.JSONField(_("gebeurtenissen"), default=list)
    active = models.BooleanField(_("actief"), default=True)
    created = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook-abonnement")
        verbose_name_plural = _("webhook-abonnementen")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_webhook_name")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"

    def clean(self) -> None:
        unknown = set(self.events or []) - set(WebhookEvent.values)
        if unknown or not self.events:
            raise ValidationError({"events": _("Kies ten minste één gebeurtenis.")})

    def wants(self, event: str) -> bool:
        return self.active and event in (self.events or [])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verzending")
    SENT = "sent", _("Verzonden")
    FAILED = "failed", _("Mislukt")


class Delivery(models.Model):
    """One event for one subscription. The case is kept by id and reference, without a foreign key,
    so a case can be destroyed at the end of its retention period without touching this log."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("abonnement")
    )
    event = models.CharField(_("gebeurtenis"), max_length=30, choices=WebhookEvent.choices)
    case_id = models.BigIntegerField(_("zaak-id"), null=True, blank=True)
    case_reference = models.CharField(_("kenmerk"), max_length=40, blank=True)
    # What makes one occurrence unique: the timeline event ("event:123") or the due date ("due:2026-05-10").
    dedupe_key = models.CharField(_("sleutel"), max_length=60)
    payload = models.JSONField(_("inhoud"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True, default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(_("laatste HTTP-status"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    created = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook-bericht")
        verbose_name_plural = _("webhook-berichten")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event", "case_id", "dedupe_key"], name="unique_webhook_delivery"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.case_reference}".strip()
