"""Back office: the retention rules (functioneel beheerder) and, read-only, the destruction lists.

The rules follow "admin.config", like every other configuration table (term settings, teams,
categories). The destruction lists follow "retention.view", which is scoped to the organisation: a
beheerder of one municipality does not see another's lists. Approving and rejecting happen on the
lists' own pages (retention:list), not here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from casus.access.admin_mixins import AccessAdminMixin
from casus.access.permissions import can
from casus.cases.models import Organisation

from .models import DestructionList, DestructionListItem, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    org_path = "organisation"
    change_perm = "admin.config"
    list_display = ("case_type", "outcome_or_other", "condition", "years", "selection_list_ref", "organisation")
    list_display_links = ("case_type", "outcome_or_other")
    list_filter = ("organisation", "case_type", "condition")
    list_editable = ("years",)
    ordering = ("organisation__name", "case_type", "condition", "outcome")
    fields = ("organisation", "case_type", "outcome", "condition", "years", "selection_list_ref")

    @admin.display(description=_("uitkomst"), ordering="outcome")
    def outcome_or_other(self, rule: RetentionRule) -> str:
        return rule.get_outcome_display() if rule.outcome else _("(alle andere uitkomsten)")


class DestructionListItemInline(admin.TabularInline):
    model = DestructionListItem
    extra = 0
    max_num = 0
    can_delete = False
    fields = readonly_fields = (
        "reference", "case_type", "outcome", "closed_on", "retention_years", "retention_until", "team_name",
        "status", "note",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DestructionList)
class DestructionListAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "retention.view"
    change_perm = None
    list_display = ("__str__", "organisation", "status", "approved_by_name", "approved_at", "executed_at")
    list_filter = ("organisation", "status")
    readonly_fields = (
        "organisation", "selected_on", "created_at", "status", "approved_by_name", "approved_at", "executed_at",
        "rejected_by_name", "rejected_at", "rejection_reason",
    )  # fmt: skip
    fields = readonly_fields
    inlines = [DestructionListItemInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[DestructionList]:
        organisations = [org for org in Organisation.objects.all() if can(request.user, "retention.view", org)]
        return super().get_queryset(request).filter(organisation__in=organisations)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, "retention.view", obj)
