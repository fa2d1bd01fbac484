"""The core model of Casus: organisations, teams, residents, cases and their timeline.

Models hold data and constraints; every write goes through `casus.cases.services`.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn

from casus import deadlines

from .domain import (
    OPEN_STATUSES,
    OUTCOMES_BY_TYPE,
    CaseType,
    CategoryKind,
    Channel,
    EventKind,
    FrontOfficeResult,
    LinkKind,
    Outcome,
    Representative,
    ReviewDecision,
    Status,
    TeamRole,
)


@lru_cache(maxsize=64)
def _labels(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The display label of `value`, as get_FOO_display gives it, from a table made once per language.
    Django's get_FOO_display rebuilds the whole table of (lazy) labels on every call, which a work list
    of 50 cases with three labels each felt (docs/performance.md)."""
    return _labels(choices, get_language()).get(value, value)


def due_status(due_on: date, on: date | None = None, warning_days: int | None = None) -> deadlines.Status:
    """op_tijd / dreigt / te_laat of a due date on `on` (default today), with the configured warning days:
    Case.deadline_status, also for a list that reads due dates without making Case objects."""
    return deadlines.deadline_status(
        due_on,
        on or timezone.localdate(),
        warning_days=settings.CASUS_WARNING_DAYS if warning_days is None else warning_days,
    )


class Organisation(models.Model):
    """A municipality or agency. A shared service works for several; reports split by it."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    safety_protocol = models.TextField(
        _("eigen protocol bij een veiligheidssignaal"),
        blank=True,
        help_text=_("Wordt getoond op een zaak met een veiligheidssignaal, naast 113 en 112."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def rule_for(self, case_type: str) -> deadlines.Rule:
        """The deadline rule for a case type with this organisation's own settings applied."""
        rule = deadlines.get_rule(case_type)
        setting = next((s for s in self.case_type_settings.all() if s.case_type == case_type), None)
        return setting.apply(rule) if setting else rule


class TermUnit(models.TextChoices):
    WEEKS = deadlines.Unit.WEEKS.value, _("weken")
    DAYS = deadlines.Unit.DAYS.value, _("dagen")
    WORKING_DAYS = deadlines.Unit.WORKING_DAYS.value, _("werkdagen")


class CaseTypeSetting(models.Model):
    """An organisation's own term for a case type, e.g. a ministry answering questions in 3 weeks."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="case_type_settings", verbose_name=_("organisatie")
    )
    case_type = models.CharField(_("zaaktype"), max_length=20, choices=CaseType.choices)
    term_amount = models.PositiveSmallIntegerField(_("termijn"), null=True, blank=True)
    term_unit = models.CharField(_("eenheid"), max_length=20, choices=TermUnit.choices, default=TermUnit.WEEKS)
    atw = models.BooleanField(
        _("Algemene termijnenwet toepassen"),
        null=True,
        blank=True,
        help_text=_("Leeg: zoals de wet het zegt (ja voor wettelijke termijnen, nee voor servicenormen)."),
    )
    four_eyes = models.BooleanField(
        _("vier ogen bij afwijzing"),
        default=False,
        help_text=_("Een afhandeling als afgewezen of ongegrond gaat eerst langs een tweede teamlid."),
    )

    class Meta:
        verbose_name = _("instelling per zaaktype")
        verbose_name_plural = _("instellingen per zaaktype")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "case_type"], name="unique_case_type_setting"),
            models.CheckConstraint(condition=Q(term_amount__isnull=True) | Q(term_amount__gt=0), name="term_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_case_type_display()}"

    def apply(self, rule: deadlines.Rule) -> deadlines.Rule:
        if self.term_amount:
            return rule.with_term(deadlines.Term(self.term_amount, deadlines.Unit(self.term_unit)), atw=self.atw)
        if self.atw is not None:
            return rule.with_term(rule.term, atw=self.atw)
        return rule


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=100)
    email = models.EmailField(_("e-mailadres van het team"), blank=True)
    phone = models.CharField(_("telefoonnummer van het team"), max_length=40, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")]

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("medewerker")
    )
    role = models.CharField(_("rol"), max_length=30, choices=TeamRole.choices, default=TeamRole.BEHANDELAAR)

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["team", "user", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.team} ({self.get_role_display()})"


class Category(models.Model):
    """A subject (onderwerp/regeling), a complaint nature (aard) or a social domain; hierarchical."""

    kind = models.CharField(_("soort"), max_length=20, choices=CategoryKind.choices)
    name = models.CharField(_("naam"), max_length=120)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("valt onder")
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="unique_category_name")]

    def __str__(self) -> str:
        return self.name


class GuidingPrinciple(models.Model):
    """One of the seven guiding principles (leidende principes) improvement actions are tied to."""

    name = models.CharField(_("naam"), max_length=60, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("leidend principe")
        verbose_name_plural = _("leidende principes")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


def validate_bsn(value: str) -> None:
    if value and not stdnum_bsn.is_valid(value):
        raise ValidationError(_("Dit is geen geldig BSN (de elfproef klopt niet)."), code="invalid_bsn")


class Resident(models.Model):
    """An inwoner: a person who contacts the organisation. Personal data: need-to-know access only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="residents", verbose_name=_("organisatie")
    )
    source_id = models.CharField(
        _("id in bronsysteem"),
        max_length=80,
        blank=True,
        help_text=_("Voor import: het id (of pseudoniem) uit het bronsysteem."),
    )
    initials = models.CharField(_("voorletters"), max_length=20, blank=True)
    given_name = models.CharField(_("roepnaam"), max_length=80, blank=True)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=120, blank=True)
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=80, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    preferred_channel = models.CharField(_("voorkeurskanaal"), max_length=20, choices=Channel.choices, blank=True)
    interpreter_language = models.CharField(
        _("tolk nodig (taal)"), max_length=60, blank=True, help_text=_("Leeg als er geen tolk nodig is.")
    )
    low_digital_skills = models.BooleanField(_("weinig digitale vaardigheden"), default=False)
    representative_kind = models.CharField(
        _("soort vertegenwoordiger"), max_length=30, choices=Representative.choices, blank=True
    )
    representative_name = models.CharField(_("naam vertegenwoordiger"), max_length=160, blank=True)
    representative_contact = models.CharField(_("contact vertegenwoordiger"), max_length=160, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_duplicates",
        verbose_name=_("samengevoegd met"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        ordering = ["surname", "given_name"]
        indexes = [models.Index(fields=["organisation", "surname"], name="resident_surname_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_id"], condition=~Q(source_id=""), name="unique_resident_source_id"
            ),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="resident_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.source_id or f"Inwoner {self.pk}"

    @property
    def full_name(self) -> str:
        first = self.given_name or self.initials
        return " ".join(part for part in (first, self.surname_prefix, self.surname) if part)

    @property
    def masked_bsn(self) -> str:
        """'*****1234': a BSN is never shown in full in a list."""
        return f"*****{self.bsn[-4:]}" if self.bsn else ""

    @property
    def address(self) -> str:
        street = " ".join(part for part in (self.street, self.house_number) if part)
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (street, place) if part)


def _outcome_constraint() -> Q:
    allowed = Q(outcome="")
    for case_type, outcomes in OUTCOMES_BY_TYPE.items():
        allowed |= Q(case_type=case_type, outcome__in=[o.value for o in outcomes])
    return allowed


class Case(models.Model):
    """A zaak: one contact with a resident, handled within its term."""

    reference = models.CharField(_("kenmerk"), max_length=40)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cases", verbose_name=_("organisatie")
    )
    case_type = models.CharField(_("zaaktype"), max_length=20, choices=CaseType.choices)
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, blank=True)
    received_on = models.DateField(_("ontvangen op"))
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("team")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="handled_cases",
        verbose_name=_("behandelaar"),
    )  # fmt: skip
    subject = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="subject_cases",
        limit_choices_to={"kind__in": [CategoryKind.SUBJECT, CategoryKind.DOMAIN]}, verbose_name=_("onderwerp"),
    )  # fmt: skip
    nature = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="nature_cases",
        limit_choices_to={"kind": CategoryKind.NATURE}, verbose_name=_("aard"),
    )  # fmt: skip
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("inwoner")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONTVANGEN)
    outcome = models.CharField(_("uitkomst"), max_length=30, choices=Outcome.choices, blank=True)
    informal = models.BooleanField(_("informeel afgehandeld"), default=False)
    closed_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    closing_text = models.TextField(_("toelichting bij afhandeling"), blank=True)
    # Deadline facts (casus.deadlines computes due_on from these).
    decision_sent_on = models.DateField(_("bestreden besluit verzonden op"), null=True, blank=True)
    posted_on = models.DateField(_("poststempel"), null=True, blank=True)
    filed_on_time = models.BooleanField(_("op tijd ingediend"), null=True, blank=True)
    delay_excused = models.BooleanField(_("te late indiening verschoonbaar"), default=False)
    filed_at_court_on = models.DateField(_("ingediend bij de rechtbank op"), null=True, blank=True)
    committee = models.BooleanField(_("advies van een (klachten)adviescommissie"), default=False)
    postponed_on = models.DateField(_("verdagingsbericht verzonden op"), null=True, blank=True)
    extended_to = models.DateField(_("verder uitgesteld tot"), null=True, blank=True)
    default_notice_on = models.DateField(_("ingebrekestelling ontvangen op"), null=True, blank=True)
    due_on = models.DateField(_("uiterste datum"), db_index=True)
    # Safety and privacy.
    safety_flag = models.BooleanField(_("veiligheidssignaal"), default=False)
    sensitive = models.BooleanField(_("gevoelig dossier"), default=False)
    front_office_result = models.CharField(
        _("resultaat frontoffice"), max_length=30, choices=FrontOfficeResult.choices, blank=True
    )
    complex = models.BooleanField(_("complexe zaak (nazorg)"), default=False)
    created_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["handler", "status", "due_on"], name="case_handler_queue_idx"),
            models.Index(fields=["team", "status", "due_on"], name="case_team_queue_idx"),
            # The work lists (Mijn werk, the team's cases, unassigned cases): the open cases of a handler
            # or a team in the lists' order, so the first page is read from the index without sorting.
            # Without them PostgreSQL walks the due_on index of all cases (team list: 500 ms at 1M cases,
            # bench/bench_web.py). Partial: only the ~2 % open cases. `team` is included for the
            # dashboard's load per handler (an index-only count).
            models.Index(
                fields=["handler", "due_on", "received_on", "id"],
                include=["team"],
                condition=Q(status__in=OPEN_STATUSES),
                name="case_handler_open_idx",
            ),
            models.Index(
                fields=["team", "due_on", "received_on", "id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="case_team_open_idx",
            ),
            models.Index(
                fields=["team", "due_on", "received_on", "id"],
                condition=Q(status__in=OPEN_STATUSES, handler__isnull=True),
                name="case_unassigned_idx",
            ),
            models.Index(fields=["organisation", "received_on"], name="case_org_received_idx"),
            models.Index(fields=["organisation", "closed_on"], name="case_org_closed_idx"),
            # The Monitor (casus.monitor.figures): index-only scans of a period, whatever the filters
            # (bench/bench_monitor.py, docs/performance.md "Monitor report"). `id` is a key column, not
            # only included: the figures count it, and the lists (the API's, newest first) order by
            # (received_on, id), so a day with thousands of cases is read in order, not sorted (cases 0009).
            models.Index(
                fields=["case_type", "received_on", "id"], include=["closed_on"], name="case_type_received_idx"
            ),
            models.Index(
                fields=["received_on", "id"],
                include=[
                    "case_type",
                    "organisation",
                    "team",
                    "subject",
                    "nature",
                    "channel",
                    "resident",
                    "closed_on",
                    "filed_at_court_on",
                ],
                name="case_received_cover_idx",
            ),
            models.Index(
                fields=["closed_on"],
                include=[
                    "id",
                    "case_type",
                    "organisation",
                    "team",
                    "subject",
                    "channel",
                    "outcome",
                    "informal",
                    "received_on",
                    "due_on",
                ],
                name="case_closed_cover_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="unique_case_reference"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="case_closed_after_received",
            ),
            models.CheckConstraint(
                condition=(Q(status=Status.AFGEHANDELD) & Q(closed_on__isnull=False) & ~Q(outcome=""))
                | (~Q(status=Status.AFGEHANDELD) & Q(closed_on__isnull=True) & Q(outcome="")),
                name="case_closed_has_outcome",
            ),
            models.CheckConstraint(condition=_outcome_constraint(), name="case_outcome_valid_for_type"),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("received_on")), name="case_due_after_received"),
        ]

    def __str__(self) -> str:
        return self.reference

    # The labels the lists and the case page show, from choice_label's table (same text as Django's).
    def get_case_type_display(self) -> str:
        return choice_label(CaseType, self.case_type)

    def get_channel_display(self) -> str:
        return choice_label(Channel, self.channel)

    def get_status_display(self) -> str:
        return choice_label(Status, self.status)

    def get_outcome_display(self) -> str:
        return choice_label(Outcome, self.outcome)

    @property
    def is_open(self) -> bool:
        return self.status != Status.AFGEHANDELD

    @property
    def outcome_label(self) -> str:
        return self.get_outcome_display()

    def deadline_status(self, on: date | None = None, warning_days: int | None = None) -> deadlines.Status:
        """op_tijd / dreigt / te_laat on `on` (default today)."""
        return due_status(self.due_on, on, warning_days)

    @property
    def within_term(self) -> bool | None:
        """For a closed case: decided on or before the due date."""
        return None if self.closed_on is None else self.closed_on <= self.due_on


class Suspension(models.Model):
    """Opschorting (Awb 4:15, 7:10 lid 2): from the request to repair until the repair or the lapse
    of the repair term (hersteltermijn)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions", verbose_name=_("zaak"))
    requested_on = models.DateField(_("aanvulling gevraagd op"))
    repair_until = models.DateField(_("hersteltermijn tot en met"))
    resolved_on = models.DateField(_("aanvulling ontvangen op"), null=True, blank=True)
    reason = models.TextField(_("wat is gevraagd"), blank=True)

    class Meta:
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        ordering = ["requested_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(repair_until__gte=models.F("requested_on")), name="suspension_term_after_request"
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("requested_on")),
                name="suspension_resolved_after_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.requested_on} – {self.effective_end}"

    @property
    def effective_end(self) -> date:
        """The repair day, or the last day of the repair term when nothing came (yet)."""
        if self.resolved_on is not None:
            return min(self.resolved_on, self.repair_until)
        return self.repair_until

    def as_deadline_suspension(self) -> deadlines.Suspension:
        return deadlines.Suspension(self.requested_on, self.effective_end)


class CaseLink(models.Model):
    """A typed link: follows-from (klacht -> bezwaar -> beroep), duplicate-of, related."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("zaak"))
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("andere zaak"))
    kind = models.CharField(_("soort koppeling"), max_length=20, choices=LinkKind.choices)
    created_at = models.DateTimeField(_("gekoppeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case", "kind"], name="unique_case_link"),
            models.CheckConstraint(condition=~Q(from_case=models.F("to_case")), name="case_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.from_case} {self.get_kind_display().lower()} {self.to_case}"


class Event(models.Model):
    """The append-only timeline of a case. Never updated or deleted: on PostgreSQL and SQLite a
    trigger refuses UPDATE and DELETE (migration 0002); the retention run (a later issue) is the one
    sanctioned exception and must switch the guard off explicitly inside its transaction."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events", verbose_name=_("zaak"))
    kind = models.CharField(_("soort"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("door"),
    )  # fmt: skip
    actor_name = models.CharField(_("naam van de medewerker"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    summary = models.TextField(_("samenvatting"))
    data = models.JSONField(_("gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="event_case_time_idx")]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"

    def get_kind_display(self) -> str:
        return choice_label(EventKind, self.kind)

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Een gebeurtenis op de tijdlijn kan niet worden gewijzigd."))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("Een gebeurtenis op de tijdlijn kan niet worden verwijderd."))


class CaseReview(models.Model):
    """A proposed closing that waits for a second team member (four-eyes, seed 001 §3).

    The proposal lives here, not on the case, so an open case never carries an outcome (the check
    constraint case_closed_has_outcome). One undecided review per case at a time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("zaak"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorgesteld door")
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    outcome = models.CharField(_("voorgestelde uitkomst"), max_length=30, choices=Outcome.choices)
    informal = models.BooleanField(_("informeel afgehandeld"), default=False)
    closed_on = models.DateField(_("voorgestelde afhandeldatum"))
    closing_text = models.TextField(_("toelichting bij afhandeling"), blank=True)
    decision = models.CharField(_("besluit"), max_length=20, choices=ReviewDecision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("beoordeeld door"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    remark = models.TextField(_("opmerking van de beoordelaar"), blank=True)

    class Meta:
        verbose_name = _("beoordeling (vier ogen)")
        verbose_name_plural = _("beoordelingen (vier ogen)")
        ordering = ["proposed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(decision=""), name="one_open_review_per_case"),
            models.CheckConstraint(
                condition=(Q(decision="") & Q(decided_by__isnull=True) & Q(decided_at__isnull=True))
                | (~Q(decision="") & Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="review_decided_has_reviewer",
            ),
            models.CheckConstraint(condition=~Q(decided_by=models.F("proposed_by")), name="review_not_by_proposer"),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_outcome_display()} ({self.get_decision_display() or 'open'})"


class ContactAttempt(models.Model):
    """A call-back or phone contact attempt: when, by whom, reached or not."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_attempts", verbose_name=_("zaak"))
    attempted_at = models.DateTimeField(_("tijdstip"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("door"),
    )  # fmt: skip
    reached = models.BooleanField(_("bereikt"))
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("contactpoging")
        verbose_name_plural = _("contactpogingen")
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"{self.case}: {'bereikt' if self.reached else 'niet bereikt'} ({self.attempted_at:%d-%m-%Y %H:%M})"


class ReferenceCounter(models.Model):
    """The last number handed out per organisation, prefix and year; see services.reference_next."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(_("voorvoegsel"), max_length=8)
    year = models.PositiveSmallIntegerField(_("jaar"))
    last = models.PositiveIntegerField(_("laatst uitgegeven nummer"), default=0)

    class Meta:
        verbose_name = _("kenmerkteller")
        verbose_name_plural = _("kenmerktellers")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "prefix", "year"], name="unique_reference_counter")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"
