"""Letters to residents: a library of templates per case type and step, their versions, the
organisation's letterhead, and every letter sent.

A template with no organisation belongs to the standard library that ships with Casus (seeded by
migration 0002). When a functioneel beheerder edits one, their organisation gets its own copy; a case
uses its organisation's copy when there is one and the standard template otherwise. Every save is a
new LetterTemplateVersion; versions are never changed or deleted, and a sent Letter names the exact
version it was made from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.cases.domain import CaseType
from casus.cases.models import Case, Organisation


class LetterKind(models.TextChoices):
    """The step in the handling of a case a letter belongs to."""

    ONTVANGSTBEVESTIGING = "ontvangstbevestiging", _("Ontvangstbevestiging")
    AANVULLING = "verzoek_aanvulling", _("Verzoek om aanvulling")
    VERDAGING = "verdagingsbericht", _("Verdagingsbericht")
    HOORZITTING = "uitnodiging_hoorzitting", _("Uitnodiging hoorzitting")
    BESLISSING_KLACHT = "beslissing_klacht", _("Beslissing op klacht")
    BESLISSING_BEZWAAR = "beslissing_bezwaar", _("Beslissing op bezwaar")
    ANTWOORD_VRAAG = "antwoord_vraag", _("Antwoord op vraag")
    NIET_BEREIKT = "niet_bereikt", _("We konden u niet bereiken")


class LetterChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")


class LetterTemplate(models.Model):
    """One letter of the library: a case type and a step, for one organisation or for all."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="letter_templates",
        verbose_name=_("organisatie"), help_text=_("Leeg: de standaardbrief van Casus voor elke organisatie."),
    )  # fmt: skip
    case_type = models.CharField(_("zaaktype"), max_length=20, choices=CaseType.choices)
    kind = models.CharField(_("stap"), max_length=30, choices=LetterKind.choices)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies",
        verbose_name=_("gebaseerd op"),
    )  # fmt: skip
    active = models.BooleanField(_("in gebruik"), default=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["case_type", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case_type", "kind"], name="unique_letter_template_per_org"
            ),
            models.UniqueConstraint(
                fields=["case_type", "kind"],
                condition=Q(organisation__isnull=True),
                name="unique_standard_letter_template",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_case_type_display().lower()})"

    @property
    def current(self) -> LetterTemplateVersion:
        """The newest version (every template has at least one); uses prefetched versions when there."""
        return max(self.versions.all(), key=lambda version: version.number, default=None)


class LetterTemplateVersion(models.Model):
    """One saved text of a template. Append-only: a change is a new version."""

    template = models.ForeignKey(
        LetterTemplate, on_delete=models.CASCADE, related_name="versions", verbose_name=_("sjabloon")
    )
    number = models.PositiveIntegerField(_("versie"))
    subject = models.CharField(_("onderwerp van de brief"), max_length=200)
    body = models.TextField(_("tekst"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("door"),
    )  # fmt: skip
    created_by_name = models.CharField(_("naam van de medewerker"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)
    note = models.CharField(_("toelichting op de wijziging"), max_length=300, blank=True)
    changes = models.TextField(_("wat is gewijzigd"), blank=True)

    class Meta:
        verbose_name = _("versie van een briefsjabloon")
        verbose_name_plural = _("versies van briefsjablonen")
        ordering = ["template", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="unique_letter_version")]

    def __str__(self) -> str:
        return f"{self.template} – versie {self.number}"


class Letterhead(models.Model):
    """What every letter of an organisation says about the sender: addresses and where to go next."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="letterhead", verbose_name=_("organisatie")
    )
    sender_line = models.CharField(
        _("afzender boven de brief"), max_length=200, blank=True,
        help_text=_("Bijvoorbeeld: Werk en Inkomen. Leeg: alleen de naam van de organisatie."),
    )  # fmt: skip
    postal_address = models.CharField(_("postadres"), max_length=200, blank=True, help_text=_("Postbus 200"))
    postal_city = models.CharField(_("postcode en plaats (post)"), max_length=100, blank=True)
    visiting_address = models.CharField(_("bezoekadres"), max_length=200, blank=True)
    website = models.CharField(_("website"), max_length=120, blank=True)
    ombudsman = models.CharField(
        _("ombudsman"), max_length=200, default="de Nationale ombudsman",
        help_text=_("De Nationale ombudsman, of de gemeentelijke ombudsman als uw gemeente die heeft."),
    )  # fmt: skip
    ombudsman_contact = models.CharField(
        _("contact ombudsman"), max_length=200,
        default="www.nationaleombudsman.nl of telefoon 0800 335 55 55 (gratis)",
    )  # fmt: skip
    court = models.CharField(_("rechtbank"), max_length=120, default="de rechtbank")
    court_contact = models.CharField(_("contact rechtbank"), max_length=200, default="www.rechtspraak.nl")
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("briefhoofd")
        verbose_name_plural = _("briefhoofden")

    def __str__(self) -> str:
        return f"Briefhoofd {self.organisation}"


class Letter(models.Model):
    """A letter made for a case: the exact text, HTML and PDF that went to the resident."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters", verbose_name=_("zaak"))
    template_version = models.ForeignKey(
        LetterTemplateVersion, on_delete=models.PROTECT, related_name="letters", verbose_name=_("sjabloonversie")
    )
    kind = models.CharField(_("stap"), max_length=30, choices=LetterKind.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    edited = models.BooleanField(_("tekst aangepast voor deze brief"), default=False)
    html = models.TextField(_("brief (HTML)"))
    pdf = models.BinaryField(_("brief (PDF)"))
    channel = models.CharField(_("verzonden via"), max_length=10, choices=LetterChannel.choices)
    recipient = models.CharField(_("aan"), max_length=254, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("verzonden door"),
    )  # fmt: skip
    sent_by_name = models.CharField(_("naam van de medewerker"), max_length=150, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), default=timezone.now)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["-sent_at", "-id"]
        constraints = [
            # Awb 9:6: one acknowledgement of receipt per case, even when two requests race.
            models.UniqueConstraint(
                fields=["case"], condition=Q(kind="ontvangstbevestiging"), name="one_acknowledgement_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"

    @property
    def file_name(self) -> str:
        return f"{self.case.reference}-{self.kind}-{self.pk}.pdf"
