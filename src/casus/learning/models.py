"""The learning loop (DOMAIN.md §6, issue 9): case → signal → theme (rode draad) → improvement action →
effect, with case discussions (casuïstiekoverleg) and follow-ups (nazorg) beside it.

Models hold data and constraints; every write goes through `casus.learning.services`. Rows that hang
on a case cascade with it, so deleting a case never trips over the learning tables (the retention run
keeps the case row and empties its personal data; see services.learning_forget_cases).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.cases.models import Case, Category, GuidingPrinciple, Organisation

USER = settings.AUTH_USER_MODEL


class ThemeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class SuggestionKind(models.TextChoices):
    TEXT_CLUSTER = "tekstgroep", _("Teksten die op elkaar lijken")
    FIGURE_RISE = "cijferstijging", _("Een onderwerp dat stijgt")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "aangenomen", _("Thema gemaakt")
    DISMISSED = "afgewezen", _("Afgewezen")


class ActionStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    LOOPT = "loopt", _("Loopt")
    GEREED = "gereed", _("Gereed")
    GESTOPT = "gestopt", _("Gestopt")


class FollowUpResult(models.TextChoices):
    WERKT = "werkt", _("De oplossing werkt")
    DEELS = "deels", _("De oplossing werkt deels")
    NIET = "niet", _("De oplossing werkt niet")


class Perspective(models.TextChoices):
    RECHT = "recht", _("Recht (wet en regels)")
    BELEID = "beleid", _("Beleid")
    UITVOERING = "uitvoering", _("Uitvoering")
    INWONER = "inwoner", _("Inwoner / ervaringsdeskundige")


class Signal(models.Model):
    """What stands out (wat valt op) in one case, written by its handler."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="learning_signals", verbose_name=_("zaak"))
    text = models.TextField(_("wat valt op"))
    subject = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("onderwerp")
    )
    principle = models.ForeignKey(
        GuidingPrinciple, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("leidend principe"),
    )  # fmt: skip
    author = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("door")
    )
    author_name = models.CharField(_("naam van de medewerker"), max_length=150, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="signal_text_not_empty")]

    def __str__(self) -> str:
        return f"{self.case}: {self.text[:60]}"


class Theme(models.Model):
    """A recurring theme (rode draad): signals and cases grouped by a kwaliteitsmedewerker."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="themes", verbose_name=_("organisatie")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    subjects = models.ManyToManyField(Category, blank=True, related_name="themes", verbose_name=_("onderwerpen"))
    principles = models.ManyToManyField(
        GuidingPrinciple, blank=True, related_name="themes", verbose_name=_("leidende principes")
    )
    owner = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("eigenaar")
    )
    status = models.CharField(_("status"), max_length=20, choices=ThemeStatus.choices, default=ThemeStatus.OPEN)
    cases = models.ManyToManyField(Case, through="ThemeCase", related_name="themes", verbose_name=_("zaken"))
    signals = models.ManyToManyField(Signal, blank=True, related_name="themes", verbose_name=_("signalen"))
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("gemaakt door")
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["status", "-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="theme_org_status_idx")]

    def __str__(self) -> str:
        return self.title


class ThemeCase(models.Model):
    """A case linked to a theme, with who linked it and when."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="case_links", verbose_name=_("thema"))
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="theme_links", verbose_name=_("zaak"))
    added_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("gekoppeld door")
    )
    added_at = models.DateTimeField(_("gekoppeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("zaak bij een thema")
        verbose_name_plural = _("zaken bij een thema")
        ordering = ["-added_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["theme", "case"], name="unique_theme_case")]

    def __str__(self) -> str:
        return f"{self.theme}: {self.case}"


class ThemeSuggestion(models.Model):
    """A candidate theme Casus proposes (similar texts, or a subject whose count rose); the
    kwaliteitsmedewerker accepts it (it becomes a Theme) or dismisses it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="theme_suggestions", verbose_name=_("organisatie")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=SuggestionKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    payload = models.JSONField(_("gegevens"), default=dict, blank=True)
    subject = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("onderwerp")
    )
    cases = models.ManyToManyField(Case, blank=True, related_name="+", verbose_name=_("zaken"))
    signals = models.ManyToManyField(Signal, blank=True, related_name="+", verbose_name=_("signalen"))
    status = models.CharField(
        _("status"), max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    created_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("besloten door")
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions",
        verbose_name=_("thema"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("voorstel voor een thema")
        verbose_name_plural = _("voorstellen voor thema's")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="suggestion_org_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=SuggestionStatus.OPEN, decided_at__isnull=True)
                | (~Q(status=SuggestionStatus.OPEN) & Q(decided_at__isnull=False)),
                name="suggestion_decided_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ImprovementAction(models.Model):
    """An improvement action (verbeteractie) of a theme, tied to one guiding principle."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="actions", verbose_name=_("thema"))
    title = models.CharField(_("actie"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    owner = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("trekker")
    )
    deadline = models.DateField(_("klaar op (uiterlijk)"), db_index=True)
    principle = models.ForeignKey(
        GuidingPrinciple, on_delete=models.PROTECT, related_name="actions", verbose_name=_("leidend principe")
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.GEPLAND)
    completed_on = models.DateField(_("gereed op"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("gemaakt door")
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("verbeteractie")
        verbose_name_plural = _("verbeteracties")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="action_status_deadline_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ActionStatus.GEREED, completed_on__isnull=False)
                | (~Q(status=ActionStatus.GEREED) & Q(completed_on__isnull=True)),
                name="action_completed_when_gereed",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_id(self) -> int:
        return self.theme.organisation_id

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.GEPLAND, ActionStatus.LOOPT)


class ActionProgress(models.Model):
    """A progress note on an action (for the quarterly report to MT and council)."""

    action = models.ForeignKey(
        ImprovementAction, on_delete=models.CASCADE, related_name="progress", verbose_name=_("actie")
    )
    note = models.TextField(_("voortgang"))
    status = models.CharField(_("status daarna"), max_length=20, choices=ActionStatus.choices, blank=True)
    by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("door")
    )
    by_name = models.CharField(_("naam van de medewerker"), max_length=150, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.note[:60]}"


class CaseDiscussion(models.Model):
    """A case discussion (casuïstiekoverleg / maatwerkplaats): the cases, who took part, the
    perspectives heard, the decision and the signal to the policy owner."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="case_discussions", verbose_name=_("organisatie")
    )
    held_on = models.DateField(_("gehouden op"), db_index=True)
    title = models.CharField(_("onderwerp van het overleg"), max_length=200)
    cases = models.ManyToManyField(Case, related_name="discussions", verbose_name=_("zaken"))
    participants = models.TextField(_("deelnemers (namen en rollen)"), blank=True)
    participant_users = models.ManyToManyField(
        USER, blank=True, related_name="+", verbose_name=_("deelnemers uit Casus")
    )
    decision = models.TextField(_("besluit"), blank=True)
    policy_owner = models.CharField(_("beleidseigenaar"), max_length=200, blank=True)
    signal_to_policy_owner = models.TextField(_("signaal aan de beleidseigenaar"), blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="discussions", verbose_name=_("thema")
    )
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("vastgelegd door")
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("casuïstiekoverleg")
        verbose_name_plural = _("casuïstiekoverleggen")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on}: {self.title}"


class DiscussionPerspective(models.Model):
    """One perspective heard in a case discussion (law, policy, execution, resident)."""

    discussion = models.ForeignKey(
        CaseDiscussion, on_delete=models.CASCADE, related_name="perspectives", verbose_name=_("overleg")
    )
    kind = models.CharField(_("perspectief"), max_length=20, choices=Perspective.choices)
    heard_from = models.CharField(_("ingebracht door"), max_length=200, blank=True)
    text = models.TextField(_("wat is ingebracht"))

    class Meta:
        verbose_name = _("perspectief")
        verbose_name_plural = _("perspectieven")
        ordering = ["discussion", "kind"]
        constraints = [models.UniqueConstraint(fields=["discussion", "kind"], name="unique_discussion_perspective")]

    def __str__(self) -> str:
        return f"{self.discussion}: {self.get_kind_display()}"


class FollowUp(models.Model):
    """Nazorg: some months after a complex case closed, does the solution work? One per case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("zaak"))
    due_on = models.DateField(_("nazorg op"), db_index=True)
    handler = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("behandelaar")
    )
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=FollowUpResult.choices, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("ingepland op"), default=timezone.now)

    class Meta:
        verbose_name = _("nazorg")
        verbose_name_plural = _("nazorg")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(done_on__isnull=True) & Q(result="")) | (Q(done_on__isnull=False) & ~Q(result="")),
                name="follow_up_done_has_result",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case}: nazorg op {self.due_on}"
