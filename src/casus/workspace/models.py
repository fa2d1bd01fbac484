"""What the workspace remembers for itself: which deadline warnings were sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WarningState(models.TextChoices):
    DREIGT = "dreigt", _("dreigt")
    TE_LAAT = "te_laat", _("te laat")


class DeadlineWarning(models.Model):
    """One warning per case, state and due date: a case that turns `dreigt` is reported once; when it
    turns `te_laat`, or its due date moves and it threatens again, that is a new state change and a new
    warning. The unique constraint makes `send_deadline_warnings` safe to run twice (even at once)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="deadline_warnings", verbose_name=_("zaak")
    )
    state = models.CharField(_("termijn"), max_length=10, choices=WarningState.choices)
    due_on = models.DateField(_("uiterste datum"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("aan")
    )
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("termijnwaarschuwing")
        verbose_name_plural = _("termijnwaarschuwingen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "state", "due_on", "recipient"], name="unique_deadline_warning")
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_state_display()} ({self.due_on:%d-%m-%Y})"
