"""An upload in the web import: the file waits here between the check (dry run) and the confirmation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    CHECKED = "gecontroleerd", _("Gecontroleerd, wacht op bevestiging")
    IMPORTED = "geimporteerd", _("Geïmporteerd")
    STOPPED = "niet_geimporteerd", _("Niet geïmporteerd")


class ImportRun(models.Model):
    organisation = models.ForeignKey(
        "cases.Organisation", on_delete=models.PROTECT, related_name="import_runs", verbose_name=_("organisatie")
    )
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    # The uploaded file until it is imported; emptied afterwards (it holds residents' ids).
    content = models.BinaryField(_("bestand"), blank=True, default=b"")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("door")
    )
    status = models.CharField(_("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.CHECKED)
    only_valid = models.BooleanField(_("alleen geldige rijen"), default=False)
    read = models.PositiveIntegerField(_("gelezen"), default=0)
    imported = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    rejected = models.PositiveIntegerField(_("afgekeurd"), default=0)
    report = models.JSONField(_("rapport"), default=dict, blank=True)
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    finished_at = models.DateTimeField(_("geïmporteerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import {self.pk}: {self.file_name}"

    def set_counts(self, counts: dict[str, int]) -> None:
        for name, value in counts.items():
            setattr(self, name, value)
