"""Audit log and explicit access grants.

The audit log is append-only like the case timeline: a database trigger (migration 0002) refuses
UPDATE, DELETE and TRUNCATE. Entries name no personal data beyond what identifies the object (a case
reference, a resident's number); what was searched for is kept because the privacy officer must be able
to see it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("ingezien")
    VIEW_BSN = "view_bsn", _("volledig BSN getoond")
    SEARCH = "search", _("gezocht")
    EXPORT = "export", _("geëxporteerd")
    DOWNLOAD = "download", _("gedownload")
    CHANGE = "change", _("gewijzigd")
    PERMISSION = "permission", _("rechten gewijzigd")
    LOGIN = "login", _("ingelogd")
    LOGIN_FAILED = "login_failed", _("inloggen mislukt")
    LOGOUT = "logout", _("uitgelogd")
    LOCKOUT = "lockout", _("account geblokkeerd")
    DENIED = "denied", _("toegang geweigerd")
    DESTROY = "destroy", _("vernietigd")


class AuditEntry(models.Model):
    """Who did what to which object, when and from where."""

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        db_constraint=False, verbose_name=_("medewerker"),
    )  # fmt: skip
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True, db_index=True)
    organisation = models.ForeignKey(
        "cases.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        db_constraint=False, verbose_name=_("organisatie"),
    )  # fmt: skip
    action = models.CharField(_("handeling"), max_length=20, choices=AuditAction.choices, db_index=True)
    allowed = models.BooleanField(_("toegestaan"), default=True)
    object_type = models.CharField(_("soort gegeven"), max_length=40, blank=True)
    object_id = models.CharField(_("id"), max_length=40, blank=True)
    object_repr = models.CharField(_("gegeven"), max_length=200, blank=True)
    path = models.CharField(_("adres"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"], name="audit_object_idx"),
            models.Index(fields=["user", "at"], name="audit_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d-%m-%Y %H:%M} {self.username or '-'} {self.get_action_display()} {self.object_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Een auditregel kan niet worden gewijzigd."))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Een auditregel kan niet worden verwijderd."))


class CaseGrant(models.Model):
    """Explicit access to one (sensitive or other team's) case for one colleague, given by a
    coördinator of the case's team. Revoking sets revoked_at; the row stays as evidence."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="grants", verbose_name=_("zaak"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_grants", verbose_name=_("medewerker")
    )
    reason = models.CharField(_("reden"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("gegeven door")
    )
    granted_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ingetrokken door"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("toegang tot een zaak")
        verbose_name_plural = _("toegang tot zaken")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"], condition=models.Q(revoked_at__isnull=True), name="unique_active_case_grant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.case}"
