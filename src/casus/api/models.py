"""Applications (other systems) that use the REST API with a token.

A system acts as a dedicated service user with a team membership: the API asks the same permission
module as the UI, so an application sees and changes exactly what a member of its team with its role
would. The scopes limit that further by method (docs/api.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.cases.domain import TeamRole
from casus.cases.models import Organisation, Team


class ApiRole(models.TextChoices):
    BEHANDELAAR = TeamRole.BEHANDELAAR.value, TeamRole.BEHANDELAAR.label
    COORDINATOR = TeamRole.COORDINATOR.value, TeamRole.COORDINATOR.label


class ApiApplication(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="api_applications", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=100)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="api_applications", verbose_name=_("team"),
        help_text=_("De koppeling werkt als lid van dit team en ziet alleen wat dit team mag zien."),
    )  # fmt: skip
    role = models.CharField(_("rol in het team"), max_length=30, choices=ApiRole.choices, default=ApiRole.BEHANDELAAR)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_application",
        verbose_name=_("servicegebruiker"), editable=False,
    )  # fmt: skip
    scope_read_cases = models.BooleanField(_("zaken lezen (read_cases)"), default=True)
    scope_write_cases = models.BooleanField(_("zaken wijzigen (write_cases)"), default=False)
    scope_reports = models.BooleanField(_("rapportages (reports)"), default=False)
    token_hash = models.CharField(_("token (sha256)"), max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(_("begin van het token"), max_length=8, editable=False)
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_api_application_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def scopes(self) -> list[str]:
        names = (("read_cases", self.scope_read_cases), ("write_cases", self.scope_write_cases))
        return [name for name, granted in (*names, ("reports", self.scope_reports)) if granted]
