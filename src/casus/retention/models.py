"""Retention (Archiefwet, Selectielijst gemeenten 2020) and destruction of closed cases.

- RetentionRule: how long a closed case is kept, per organisation, case type, outcome and condition.
- RetentionMark: the facts about a case that lengthen its period (financial consequences, the
  ombudsman); a case without a mark has neither.
- DestructionList / DestructionListItem: the list of cases past their period that a functioneel
  beheerder approves (or rejects). Once executed, the list is the record of what was destroyed, when
  and by whom: references, types, outcomes and dates, never personal data.
- DestroyedCase: the mark that a case's personal data is gone. The Case row itself stays with its
  non-personal facts so every Monitor count stays the same (docs/retention.md).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.cases.domain import OUTCOMES_BY_TYPE, CaseType, Outcome

from .defaults import FINANCIAL, OMBUDSMAN


class Condition(models.TextChoices):
    NONE = "", _("Geen (gewone termijn)")
    FINANCIAL = FINANCIAL, _("Met financiële gevolgen")
    OMBUDSMAN = OMBUDSMAN, _("Klacht ging naar de ombudsman")


class RetentionRule(models.Model):
    """Keep a closed case of this type (and outcome) for `years` after its closing date.

    Outcome empty: every outcome of the type without a rule of its own. Condition set: applies only to
    cases marked so (RetentionMark); the longest period that applies to a case wins.
    """

    organisation = models.ForeignKey(
        "cases.Organisation", on_delete=models.CASCADE, related_name="retention_rules", verbose_name=_("organisatie")
    )
    case_type = models.CharField(_("zaaktype"), max_length=20, choices=CaseType.choices)
    outcome = models.CharField(
        _("uitkomst"),
        max_length=30,
        choices=Outcome.choices,
        blank=True,
        help_text=_("Leeg: elke andere uitkomst van dit zaaktype."),
    )
    condition = models.CharField(
        _("bijzonderheid"),
        max_length=20,
        choices=Condition.choices,
        blank=True,
        help_text=_("Alleen voor zaken met deze bijzonderheid. De langste termijn die past, telt."),
    )
    years = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren)"), help_text=_("Gerekend vanaf de datum van afhandeling.")
    )
    selection_list_ref = models.CharField(
        _("selectielijst"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld het nummer van het resultaat in de Selectielijst gemeenten 2020."),
    )

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")
        ordering = ["organisation__name", "case_type", "condition", "outcome"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case_type", "outcome", "condition"], name="unique_retention_rule"
            ),
            models.CheckConstraint(condition=Q(years__gte=1) & Q(years__lte=100), name="retention_years_range"),
        ]

    def __str__(self) -> str:
        parts = [self.get_case_type_display()]
        parts.append(self.get_outcome_display() if self.outcome else "overige uitkomsten")
        if self.condition:
            parts.append(self.get_condition_display().lower())
        return f"{', '.join(parts)}: {self.years} jaar"

    def clean(self) -> None:
        if self.outcome and self.case_type:
            allowed = {o.value for o in OUTCOMES_BY_TYPE.get(self.case_type, ())}
            if self.outcome not in allowed:
                raise ValidationError(
                    {"outcome": _("Deze uitkomst komt bij dit zaaktype niet voor.")}, code="outcome_for_type"
                )


class RetentionMark(models.Model):
    """Facts about a closed case that lengthen its retention period. Set by the handler (later: on the
    closing form); no row means neither applies."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="retention_mark", verbose_name=_("zaak")
    )
    financial_consequences = models.BooleanField(
        _("financiële gevolgen"), default=False, help_text=_("Bijvoorbeeld een vergoeding of terugbetaling.")
    )
    ombudsman = models.BooleanField(_("klacht ging naar de ombudsman"), default=False)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("bijzonderheid voor de bewaartermijn")
        verbose_name_plural = _("bijzonderheden voor de bewaartermijn")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def conditions(self) -> tuple[str, ...]:
        found = []
        if self.financial_consequences:
            found.append(FINANCIAL)
        if self.ombudsman:
            found.append(OMBUDSMAN)
        return tuple(found)


class ListStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept: wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd: nog niet uitgevoerd")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd: vernietigd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


OPEN_LIST_STATUSES = (ListStatus.CONCEPT, ListStatus.GOEDGEKEURD)


class DestructionList(models.Model):
    """A list of closed cases past their retention period, for one organisation."""

    organisation = models.ForeignKey(
        "cases.Organisation", on_delete=models.PROTECT, related_name="destruction_lists", verbose_name=_("organisatie")
    )
    selected_on = models.DateField(_("peildatum"), help_text=_("De zaken waren op deze datum over hun termijn."))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=ListStatus.choices, default=ListStatus.CONCEPT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("goedgekeurd door"),
    )  # fmt: skip
    approved_by_name = models.CharField(_("naam van wie goedkeurde"), max_length=150, blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    executed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    rejected_by_name = models.CharField(_("afgewezen door"), max_length=150, blank=True)
    rejected_at = models.DateTimeField(_("afgewezen op"), null=True, blank=True)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["-selected_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ListStatus.UITGEVOERD) | Q(approved_at__isnull=False, executed_at__isnull=False),
                name="destruction_list_executed_after_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"Vernietigingslijst {self.pk} ({self.selected_on:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_LIST_STATUSES


class ItemStatus(models.TextChoices):
    ON_LIST = "op_lijst", _("Op de lijst")
    REMOVED = "weggehaald", _("Van de lijst gehaald")
    DESTROYED = "vernietigd", _("Vernietigd")
    SKIPPED = "overgeslagen", _("Niet vernietigd")
    LIST_REJECTED = "lijst_afgewezen", _("Lijst afgewezen")


class DestructionListItem(models.Model):
    """One case on a list. The case's facts are copied, so the record stays readable on its own."""

    destruction_list = models.ForeignKey(
        DestructionList, on_delete=models.CASCADE, related_name="items", verbose_name=_("vernietigingslijst")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="destruction_items",
        verbose_name=_("zaak"),
    )  # fmt: skip
    reference = models.CharField(_("kenmerk"), max_length=40)
    case_type = models.CharField(_("zaaktype"), max_length=20, choices=CaseType.choices)
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=Outcome.choices, blank=True)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    closed_on = models.DateField(_("afgehandeld op"))
    retention_years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))
    retention_until = models.DateField(_("vernietigen vanaf"))
    team_name = models.CharField(_("team"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.ON_LIST)
    note = models.TextField(
        _("toelichting"), blank=True, help_text=_("Waarom de zaak van de lijst is gehaald of niet is vernietigd.")
    )
    changed_by_name = models.CharField(_("door"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("tijdstip"), null=True, blank=True)
    hold_until = models.DateField(
        _("niet op een nieuwe lijst tot"),
        null=True,
        blank=True,
        help_text=_("Een zaak die van de lijst is gehaald, komt tot deze datum niet op een nieuwe lijst."),
    )

    class Meta:
        verbose_name = _("zaak op de vernietigingslijst")
        verbose_name_plural = _("zaken op de vernietigingslijst")
        ordering = ["closed_on", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["destruction_list", "case"], name="unique_case_per_destruction_list"),
            # A case waits on at most one list: running the selection twice never lists it twice.
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="op_lijst"), name="case_on_one_open_destruction_list"
            ),
        ]
        indexes = [models.Index(fields=["case", "status"], name="destruction_item_case_idx")]

    def __str__(self) -> str:
        return self.reference


class DestroyedCase(models.Model):
    """This case's personal data was destroyed (its non-personal facts stay for the Monitor)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="destroyed", verbose_name=_("zaak")
    )
    destruction_list = models.ForeignKey(
        DestructionList, on_delete=models.PROTECT, related_name="destroyed_cases", verbose_name=_("vernietigingslijst")
    )
    destroyed_at = models.DateTimeField(_("vernietigd op"), default=timezone.now)
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("vernietigd door"),
    )  # fmt: skip
    destroyed_by_name = models.CharField(_("naam van wie vernietigde"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("vernietigde zaak")
        verbose_name_plural = _("vernietigde zaken")

    def __str__(self) -> str:
        return str(self.case)
