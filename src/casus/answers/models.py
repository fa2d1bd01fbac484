"""Standard answers (standaardantwoorden, seed 000: "verdere standaardisering van antwoorden waar dat
kan, waarmee meer tijd ontstaat voor complexe zaken") and a row per use, so "most used for this
subject" is one SQL count.

An answer with no organisation belongs to the shared library (seeded by migration 0002) and is offered
to every organisation; an organisation's own answers are only offered in that organisation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.cases.domain import CaseType, CategoryKind
from casus.cases.models import Case, Category, Organisation


class StandardAnswer(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="standard_answers",
        verbose_name=_("organisatie"), help_text=_("Leeg: gedeeld antwoord voor alle organisaties."),
    )  # fmt: skip
    title = models.CharField(_("titel"), max_length=160)
    text = models.TextField(
        _("tekst"), help_text=_("Gewone tekst. Invulvelden: {naam}, {kenmerk}, {behandelaar}, {telefoon} en meer.")
    )
    # Case type codes separated by commas and wrapped in commas (",vraag,klacht,"), so a filter on one
    # type is a plain `contains` on every database; empty means every case type.
    case_types = models.CharField(_("zaaktypen"), max_length=200, blank=True)
    subjects = models.ManyToManyField(
        Category, blank=True, related_name="standard_answers", verbose_name=_("onderwerpen"),
        limit_choices_to={"kind__in": [CategoryKind.SUBJECT, CategoryKind.DOMAIN]},
    )  # fmt: skip
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("gemaakt door"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("laatst gewijzigd door"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["organisation", "active"], name="answer_org_active_idx")]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="unique_answer_title"),
            models.UniqueConstraint(
                fields=["title"], condition=models.Q(organisation__isnull=True), name="unique_shared_answer_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def shared(self) -> bool:
        return self.organisation_id is None

    @property
    def preview(self) -> str:
        """The text without its greeting line, on one line: what the picker shows of it."""
        lines = [line.strip() for line in self.text.strip().splitlines()]
        if len(lines) > 1 and lines[0].lower().startswith(("beste", "geachte")):
            lines = lines[1:]
        return " ".join(line for line in lines if line)

    @property
    def case_type_list(self) -> list[str]:
        return [code for code in self.case_types.split(",") if code]

    @property
    def case_type_labels(self) -> list[str]:
        return [str(CaseType(code).label) for code in self.case_type_list if code in CaseType.values]

    @staticmethod
    def encode_case_types(codes: list[str]) -> str:
        return f",{','.join(codes)}," if codes else ""


class StandardAnswerUse(models.Model):
    """One use of a standard answer: recorded when a case is closed with its text."""

    answer = models.ForeignKey(
        StandardAnswer, on_delete=models.CASCADE, related_name="uses", verbose_name=_("standaardantwoord")
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="standard_answer_uses", verbose_name=_("zaak")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("medewerker"),
    )  # fmt: skip
    used_at = models.DateTimeField(_("gebruikt op"), default=timezone.now)

    class Meta:
        verbose_name = _("gebruik van een standaardantwoord")
        verbose_name_plural = _("gebruik van standaardantwoorden")
        ordering = ["-used_at", "-id"]
        indexes = [models.Index(fields=["answer", "case"], name="answer_use_idx")]

    def __str__(self) -> str:
        return f"{self.answer} – {self.case}"
