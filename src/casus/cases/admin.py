"""The functioneel beheerder's back office (shared/STYLE.md: open-zaak's admin).

Reference data (organisations, term settings, teams, categories, guiding principles) and residents are
edited here. The case tables are written only by `casus.cases.services` (ARCHITECTURE): their admins
are view-only, so a due date can never change without its Event on the timeline. A changed term
setting reaches the open cases through `services.cases_recompute_due`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import Count, Q, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from casus import deadlines
from casus.access.admin_mixins import AccessAdminMixin, AccessInlineMixin

from . import services
from .domain import OPEN_STATUSES, Outcome
from .models import (
    Case,
    CaseLink,
    CaseTypeSetting,
    Category,
    ContactAttempt,
    Event,
    GuidingPrinciple,
    Organisation,
    ReferenceCounter,
    Resident,
    Suspension,
    Team,
    TeamMembership,
)
from .selectors import filter_state

# --- shared pieces -------------------------------------------------------------------------------


class ReadOnlyInline(AccessInlineMixin, admin.TabularInline):
    """A case's own rows (timeline, suspensions, contact attempts): shown to whoever may see the case,
    never editable here."""

    view_perm = "case.view"
    change_perm = None
    extra = 0
    max_num = 0
    can_delete = False


def _short(text: str, length: int = 80) -> str:
    return Truncator(text).chars(length)


def masked_resident(resident: Resident | None) -> str:
    """'J. S. (*****1234)': enough to recognise a resident in a list, not to identify them."""
    if resident is None:
        return ""
    first = (resident.given_name or resident.initials)[:1]
    letters = " ".join(f"{letter.upper()}." for letter in (first, resident.surname[:1]) if letter)
    label = letters or f"#{resident.pk}"
    return f"{label} ({resident.masked_bsn})" if resident.bsn else label


# --- term settings: a change recomputes the open cases -------------------------------------------

SettingKey = tuple[int, str]  # (organisation id, case type)


def _open_cases_for(keys: Iterable[SettingKey]) -> QuerySet[Case]:
    condition = Q(pk__in=[])
    for organisation_id, case_type in keys:
        condition |= Q(organisation_id=organisation_id, case_type=case_type)
    return Case.objects.filter(condition, status__in=OPEN_STATUSES).only("pk", "reference").order_by("pk")


def recompute_due_dates(request: HttpRequest, keys: Iterable[SettingKey]) -> int:
    """Recompute the due dates of the open cases a setting change touches, one case at a time, so a
    case whose stored facts no longer fit the new term (an agreed date before the new due date) is
    reported instead of blocking every other case. Returns the number of cases that changed."""
    keys = {key for key in keys if all(key)}
    if not keys:
        return 0
    changed, checked, failed = 0, 0, []
    for case in _open_cases_for(keys):
        checked += 1
        try:
            changed += services.cases_recompute_due(cases=[case])
        except services.CaseError as error:
            failed.append(f"{case.reference}: {error}")
    _report_recompute(request, changed, checked, failed)
    return changed


def _report_recompute(request: HttpRequest, changed: int, checked: int, failed: list[str]) -> None:
    text = ngettext(
        "Nieuwe termijn toegepast: %(changed)d van de %(checked)d open zaken heeft nu een andere uiterste datum.",
        "Nieuwe termijn toegepast: %(changed)d van de %(checked)d open zaken hebben nu een andere uiterste datum.",
        changed,
    ) % {"changed": changed, "checked": checked}
    messages.success(request, text)
    if failed:
        messages.warning(
            request, _("Deze zaken zijn niet herberekend; bekijk ze zelf: %(cases)s") % {"cases": "; ".join(failed)}
        )


def _changed_setting_keys(organisation: Organisation, formset: BaseInlineFormSet) -> set[SettingKey]:
    """Case types whose setting was added, changed or deleted (before and after a type change)."""
    types: set[str] = set()
    for form in formset.forms:
        if form.has_changed():
            types |= {form.initial.get("case_type", ""), form.cleaned_data.get("case_type", "")}
    return {(organisation.pk, case_type) for case_type in types if case_type}


@admin.display(description=_("termijn"))
def _setting_term(setting: CaseTypeSetting) -> str:
    rule = deadlines.get_rule(setting.case_type)
    if not setting.term_amount:
        return _("standaard (%(term)s)") % {"term": rule.term.dutch()}
    return deadlines.Term(setting.term_amount, deadlines.Unit(setting.term_unit)).dutch()


class CaseTypeSettingInline(AccessInlineMixin, admin.TabularInline):
    model = CaseTypeSetting
    extra = 0
    fields = ("case_type", "term_amount", "term_unit", "atw", "four_eyes")


@admin.register(Organisation)
class OrganisationAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    org_path = ""
    change_perm = "admin.config"
    list_display = ("name", "slug", "phone", "email")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (CaseTypeSettingInline,)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is CaseTypeSetting:
            recompute_due_dates(request, _changed_setting_keys(form.instance, formset))


@admin.register(CaseTypeSetting)
class CaseTypeSettingAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    org_path = "organisation"
    change_perm = "admin.config"
    list_display = ("organisation", "case_type", _setting_term, "atw", "four_eyes")
    list_filter = ("organisation", "case_type")
    list_select_related = ("organisation",)
    search_fields = ("organisation__name",)

    def save_model(self, request: HttpRequest, obj: CaseTypeSetting, form: ModelForm, change: bool) -> None:
        before = (form.initial.get("organisation"), form.initial.get("case_type")) if change else (0, "")
        super().save_model(request, obj, form, change)
        recompute_due_dates(request, {before, (obj.organisation_id, obj.case_type)})

    def delete_model(self, request: HttpRequest, obj: CaseTypeSetting) -> None:
        key = (obj.organisation_id, obj.case_type)
        super().delete_model(request, obj)
        recompute_due_dates(request, {key})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CaseTypeSetting]) -> None:
        keys = set(queryset.values_list("organisation_id", "case_type"))
        super().delete_queryset(request, queryset)
        recompute_due_dates(request, keys)


# --- teams, categories, principles ---------------------------------------------------------------


class TeamMembershipInline(AccessInlineMixin, admin.TabularInline):
    """Roles are permissions: only the systeembeheerder changes them (and each change is audited)."""

    model = TeamMembership
    extra = 0
    autocomplete_fields = ("user",)
    view_perm = "admin.access"
    change_perm = "admin.users"


@admin.register(Team)
class TeamAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    org_path = "organisation"
    change_perm = "admin.config"
    list_display = ("name", "organisation", "email", "phone", "active", "member_count")
    ordering = ("organisation__name", "name")  # an annotated (GROUP BY) query drops Meta.ordering
    list_filter = ("organisation", "active")
    list_select_related = ("organisation",)
    search_fields = ("name", "organisation__name")
    inlines = (TeamMembershipInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Team]:
        return super().get_queryset(request).annotate(member_count=Count("memberships__user", distinct=True))

    @admin.display(description=_("medewerkers"), ordering="member_count")
    def member_count(self, team: Team) -> int:
        return team.member_count  # type: ignore[attr-defined]


@admin.register(TeamMembership)
class TeamMembershipAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.users"
    org_path = "team__organisation"
    change_perm = "admin.users"
    list_display = ("user", "team", "role")
    list_filter = ("role", "team__organisation", "team")
    list_select_related = ("user", "team")
    search_fields = ("user__username", "user__first_name", "user__last_name", "team__name")
    autocomplete_fields = ("user", "team")


@admin.register(Category)
class CategoryAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    change_perm = "admin.config"
    list_display = ("name", "kind", "parent", "active")
    list_filter = ("kind", "active")
    list_select_related = ("parent",)
    search_fields = ("name",)
    autocomplete_fields = ("parent",)


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    change_perm = "admin.config"
    list_display = ("name", "order", "short_description")
    search_fields = ("name", "description")

    @admin.display(description=_("omschrijving"))
    def short_description(self, principle: GuidingPrinciple) -> str:
        return _short(principle.description)


# --- residents -----------------------------------------------------------------------------------


_RESIDENT_SUPPORT_FIELDS = (
    "preferred_channel", "interpreter_language", "low_digital_skills",
    "representative_kind", "representative_name", "representative_contact",
)  # fmt: skip


@admin.register(Resident)
class ResidentAdmin(AccessAdminMixin, admin.ModelAdmin):
    """Read-only and scoped: residents are corrected through the privacy officer's correction flow
    (casus.privacy), which keeps the old and new values. The BSN is masked here too; the full number is
    shown only by the audited BSN view (DOMAIN.md §7)."""

    access_perm = "resident.list"
    change_perm = None
    scope = "resident"

    list_display = ("resident_name", "bsn_masked", "postcode", "city", "organisation", "case_count", "created_at")
    ordering = ("surname", "given_name", "pk")  # an annotated (GROUP BY) query drops Meta.ordering
    list_filter = ("organisation", "preferred_channel", "low_digital_skills", "representative_kind")
    list_select_related = ("organisation",)
    search_fields = ("surname", "postcode", "source_id", "email")
    date_hierarchy = "created_at"
    fieldsets = (
        (None, {"fields": ("organisation", "source_id", "initials", "given_name", "surname_prefix", "surname")}),
        (_("Adres en contact"), {"fields": ("street", "house_number", "postcode", "city", "phone", "email")}),
        (_("Identificatie"), {"fields": ("bsn_masked",)}),
        (_("Hulp bij contact"), {"fields": _RESIDENT_SUPPORT_FIELDS}),
        (_("Beheer"), {"fields": ("merged_into", "case_count", "created_at")}),
    )
    readonly_fields = flatten_fieldsets(fieldsets)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resident]:
        return super().get_queryset(request).annotate(case_count=Count("cases"))

    @admin.display(description=_("naam"), ordering="surname")
    def resident_name(self, resident: Resident) -> str:
        return str(resident)

    @admin.display(description=_("BSN"))
    def bsn_masked(self, resident: Resident) -> str:
        return resident.masked_bsn

    @admin.display(description=_("zaken"), ordering="case_count")
    def case_count(self, resident: Resident) -> int:
        return getattr(resident, "case_count", 0)


# --- cases: view-only ----------------------------------------------------------------------------


class DeadlineStateFilter(admin.SimpleListFilter):
    """Open cases by deadline state, in SQL (selectors.filter_state). A closed case has no state."""

    title = _("termijn")
    parameter_name = "termijn"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(state.value, deadlines.STATE_LABELS[state]) for state in deadlines.State]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        if self.value() not in deadlines.State.__members__.values():
            return queryset
        return filter_state(queryset.filter(status__in=OPEN_STATUSES), self.value())


class OutcomeFilter(admin.SimpleListFilter):
    # Case.outcome has no field choices (they depend on the type), so list its Dutch labels here.
    title = _("uitkomst")
    parameter_name = "outcome"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return list(Outcome.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        return queryset.filter(outcome=self.value()) if self.value() else queryset


class EventInline(ReadOnlyInline):
    model = Event
    verbose_name_plural = _("tijdlijn (oudste eerst)")
    fields = ("created_at", "kind", "actor_name", "summary")
    ordering = ("created_at", "id")


class SuspensionInline(ReadOnlyInline):
    model = Suspension
    fields = ("requested_on", "repair_until", "resolved_on", "reason")


class ContactAttemptInline(ReadOnlyInline):
    model = ContactAttempt
    fields = ("attempted_at", "by", "reached", "note")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContactAttempt]:
        return super().get_queryset(request).select_related("by")


_CASE_FIELDS = (
    "reference", "organisation", "case_type", "channel", "received_on", "team", "handler", "subject", "nature",
    "resident", "description",
)  # fmt: skip
_CASE_DEADLINE_FIELDS = (
    "due_on", "deadline_state", "decision_sent_on", "posted_on", "filed_on_time", "delay_excused",
    "filed_at_court_on", "committee", "postponed_on", "extended_to", "default_notice_on",
)  # fmt: skip
_CASE_SAFETY_FIELDS = ("safety_flag", "sensitive", "front_office_result", "complex", "created_at", "updated_at")


@admin.register(Case)
class CaseAdmin(AccessAdminMixin, admin.ModelAdmin):
    """View-only: cases are registered in the workspace or by import and changed only by services,
    which write the timeline and recompute the due date in the same transaction."""

    access_perm = "workspace.use"
    change_perm = None
    scope = "case"

    list_display = (
        "reference", "case_type", "status", "received_on", "due_on", "deadline_state", "team", "handler",
        "resident_masked",
    )  # fmt: skip
    list_filter = (
        "case_type", "status", "channel", "team", "organisation", OutcomeFilter, "safety_flag", "sensitive",
        DeadlineStateFilter,
    )  # fmt: skip
    list_select_related = ("team", "handler", "resident")
    search_fields = ("reference", "description", "resident__surname")
    date_hierarchy = "received_on"
    show_full_result_count = False
    autocomplete_fields = ("resident", "handler", "team", "subject", "nature")
    inlines = (SuspensionInline, ContactAttemptInline, EventInline)
    fieldsets = (
        (None, {"fields": _CASE_FIELDS}),
        (_("Termijn"), {"fields": _CASE_DEADLINE_FIELDS}),
        (_("Afhandeling"), {"fields": ("status", "outcome_display", "informal", "closed_on", "closing_text")}),
        (_("Veiligheid en privacy"), {"fields": _CASE_SAFETY_FIELDS}),
    )
    readonly_fields = flatten_fieldsets(fieldsets)

    @admin.display(description=_("termijn"), ordering="due_on")
    def deadline_state(self, case: Case) -> str:
        if case.is_open:
            return deadlines.STATE_LABELS[case.deadline_status().state]
        return _("afgehandeld, op tijd") if case.within_term else _("afgehandeld, te laat")

    @admin.display(description=_("inwoner"), ordering="resident__surname")
    def resident_masked(self, case: Case) -> str:
        return masked_resident(case.resident)

    @admin.display(description=_("uitkomst"))
    def outcome_display(self, case: Case) -> str:
        return case.outcome_label


# --- the rest of the case tables: view-only -------------------------------------------------------


@admin.register(Event)
class EventAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "workspace.use"
    change_perm = None
    scope = "case"
    list_display = ("created_at", "case", "kind", "actor_name", "short_summary")
    list_filter = ("kind",)
    list_select_related = ("case",)
    search_fields = ("case__reference", "actor_name", "summary")
    date_hierarchy = "created_at"
    show_full_result_count = False
    raw_id_fields = ("case", "actor")

    @admin.display(description=_("samenvatting"))
    def short_summary(self, event: Event) -> str:
        return _short(event.summary)


@admin.register(Suspension)
class SuspensionAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "workspace.use"
    change_perm = None
    scope = "case"
    list_display = ("case", "requested_on", "repair_until", "resolved_on", "effective_end")
    list_select_related = ("case",)
    search_fields = ("case__reference",)
    date_hierarchy = "requested_on"
    raw_id_fields = ("case",)

    @admin.display(description=_("einde opschorting"))
    def effective_end(self, suspension: Suspension) -> Any:
        return suspension.effective_end


@admin.register(ContactAttempt)
class ContactAttemptAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "workspace.use"
    change_perm = None
    scope = "case"
    list_display = ("attempted_at", "case", "by", "reached", "short_note")
    list_filter = ("reached",)
    list_select_related = ("case", "by")
    search_fields = ("case__reference",)
    date_hierarchy = "attempted_at"
    raw_id_fields = ("case", "by")

    @admin.display(description=_("notitie"))
    def short_note(self, attempt: ContactAttempt) -> str:
        return _short(attempt.note)


@admin.register(CaseLink)
class CaseLinkAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "workspace.use"
    change_perm = None
    scope = "case"
    case_paths = ("from_case__", "to_case__")
    list_display = ("from_case", "kind", "to_case", "created_at")
    list_filter = ("kind",)
    list_select_related = ("from_case", "to_case")
    search_fields = ("from_case__reference", "to_case__reference")
    raw_id_fields = ("from_case", "to_case")


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    org_path = "organisation"
    change_perm = None
    # The model's fields have no Dutch verbose_name, so the labels come from these columns.
    list_display = ("counter_organisation", "counter_prefix", "counter_year", "counter_last")
    list_select_related = ("organisation",)
    fields = list_display
    readonly_fields = list_display
    ordering = ("organisation__name", "prefix", "-year")

    @admin.display(description=_("organisatie"), ordering="organisation__name")
    def counter_organisation(self, counter: ReferenceCounter) -> str:
        return str(counter.organisation)

    @admin.display(description=_("voorvoegsel"), ordering="prefix")
    def counter_prefix(self, counter: ReferenceCounter) -> str:
        return counter.prefix

    @admin.display(description=_("jaar"), ordering="year")
    def counter_year(self, counter: ReferenceCounter) -> int:
        return counter.year

    @admin.display(description=_("laatste nummer"), ordering="last")
    def counter_last(self, counter: ReferenceCounter) -> int:
        return counter.last
