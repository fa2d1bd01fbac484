"""What the residents' portal stores: the secret status links, the attachments residents send, the
one-time tokens that make a form safe to submit twice, and the contact details staff show residents.

Everything that belongs to a case has a foreign key to it with CASCADE, and is also removed when the
retention run destroys the case (casus.portal.signals), so nothing of a destroyed case stays behind.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import attachment_storage


def token_hash(token: str) -> str:
    """The SHA-256 of a status token, as stored: the token itself is never stored."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class ContactDetails(models.Model):
    """The direct phone number and e-mail address a staff member shows residents (status page, letters).
    Empty: the team's, then the organisation's (casus.portal.contact)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_details",
        verbose_name=_("medewerker"),
    )  # fmt: skip
    phone = models.CharField(
        _("direct telefoonnummer"), max_length=40, blank=True,
        help_text=_("Het nummer waarop inwoners u direct kunnen bellen. Leeg: het nummer van uw team."),
    )  # fmt: skip
    email = models.EmailField(
        _("e-mailadres voor inwoners"), blank=True,
        help_text=_("Het adres dat inwoners zien. Leeg: het adres van uw team."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("contactgegevens voor inwoners")
        verbose_name_plural = _("contactgegevens voor inwoners")

    def __str__(self) -> str:
        return str(self.user.get_full_name() or self.user.get_username())


class StatusLink(models.Model):
    """The secret link to a case's status page. Only the SHA-256 of the token is stored, so a copy of
    the database gives nobody access; the link dies with the case."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="status_links", verbose_name=_("zaak")
    )
    token_hash = models.CharField(_("hash van het token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("statuslink")
        verbose_name_plural = _("statuslinks")

    def __str__(self) -> str:
        return f"{self.case}: statuslink"


class Attachment(models.Model):
    """A file a resident sent with a form or from the status page. The type is what the content says
    (magic bytes), never what the name says."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="attachments", verbose_name=_("zaak"))
    file = models.FileField(_("bestand"), storage=attachment_storage, upload_to="bijlagen/%Y/%m/")
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=40)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    uploaded_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Submission(models.Model):
    """A form's one-time token, used once: a double click or a reload of the POST registers one case.
    The unique constraint decides when two requests race."""

    token_hash = models.CharField(_("hash van het formuliertoken"), max_length=64, unique=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, null=True, related_name="portal_submissions", verbose_name=_("zaak")
    )
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)

    class Meta:
        verbose_name = _("ingediend formulier")
        verbose_name_plural = _("ingediende formulieren")

    def __str__(self) -> str:
        return f"{self.case}: formulier"
