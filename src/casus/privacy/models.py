"""Residents' rights under the AVG: requests (inzage, correctie), corrections and merges.

Rows are written only by `casus.privacy.services`; the admin shows them read-only. Every row points
to the resident it concerns, so the inzage export (casus.privacy.inzage) finds it on its own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    INZAGE = "inzage", _("Inzage (AVG art. 15)")
    CORRECTIE = "correctie", _("Correctie (AVG art. 16)")


class DataRequest(models.Model):
    """A resident's request to see (inzage) or correct their data, with its answer term of one
    month after receipt (AVG art. 12 lid 3)."""

    organisation = models.ForeignKey(
        "cases.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    resident = models.ForeignKey(
        "cases.Resident", on_delete=models.CASCADE, related_name="data_requests", verbose_name=_("inwoner")
    )
    kind = models.CharField(_("soort verzoek"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("ontvangen op"))
    due_on = models.DateField(_("uiterste datum antwoord"), db_index=True)
    handled_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("afgehandeld door"),
    )  # fmt: skip
    notes = models.TextField(_("notities"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("vastgelegd door"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verzoek van een inwoner")
        verbose_name_plural = _("verzoeken van de inwoner")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organisation", "handled_on", "due_on"], name="datarequest_open_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("received_on")), name="datarequest_due_after"),
            models.CheckConstraint(
                condition=Q(handled_on__isnull=True) | Q(handled_on__gte=models.F("received_on")),
                name="datarequest_handled_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – ontvangen {self.received_on:%d-%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.handled_on is None


class Correction(models.Model):
    """A correction of a resident's data (AVG art. 16): which fields, old and new value (a BSN only
    masked), who and why. Kept as evidence; never changed."""

    resident = models.ForeignKey(
        "cases.Resident", on_delete=models.CASCADE, related_name="corrections", verbose_name=_("inwoner")
    )
    changes = models.JSONField(_("wijzigingen"), default=list)
    reason = models.TextField(_("reden"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("door"),
    )  # fmt: skip
    actor_name = models.CharField(_("naam van de medewerker"), max_length=150, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")
        ordering = ["-at", "-id"]

    @property
    def organisation_id(self) -> int:
        """For casus.access (organisation-scoped permissions and the audit log)."""
        return self.resident.organisation_id

    def __str__(self) -> str:
        fields = ", ".join(change.get("label", change.get("field", "")) for change in self.changes)
        return f"{self.at:%d-%m-%Y}: {fields}"


class Merge(models.Model):
    """Two registrations of one person made one: the duplicate's cases moved to `keep`; the duplicate
    row stays (merged_into = keep) so its history is kept."""

    keep = models.ForeignKey(
        "cases.Resident", on_delete=models.CASCADE, related_name="merges_kept", verbose_name=_("bewaarde inwoner")
    )
    duplicate = models.ForeignKey(
        "cases.Resident", on_delete=models.CASCADE, related_name="merges_as_duplicate",
        verbose_name=_("dubbele inwoner"),
    )  # fmt: skip
    reason = models.TextField(_("reden"))
    case_ids = models.JSONField(_("verplaatste zaken (id's)"), default=list)
    case_references = models.JSONField(_("verplaatste zaken"), default=list)
    filled_fields = models.JSONField(_("aangevulde gegevens"), default=list)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("door"),
    )  # fmt: skip
    actor_name = models.CharField(_("naam van de medewerker"), max_length=150, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("samenvoeging")
        verbose_name_plural = _("samenvoegingen")
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(keep=models.F("duplicate")), name="merge_not_self")]

    @property
    def organisation_id(self) -> int:
        """For casus.access (organisation-scoped permissions and the audit log)."""
        return self.keep.organisation_id

    def __str__(self) -> str:
        return f"{self.at:%d-%m-%Y}: inwoner {self.duplicate_id} → {self.keep_id}"
