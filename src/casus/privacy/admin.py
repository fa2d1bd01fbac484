"""Read-only back-office tables of the privacy desk, for the privacy officer of the organisation.

The rows are written by casus.privacy.services only; here they can be looked up, never changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from casus.access.admin_mixins import AccessAdminMixin
from casus.access.permissions import access_for, can
from casus.cases.domain import TeamRole

from .models import Correction, DataRequest, Merge


class PrivacyAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "privacy.desk"
    change_perm = None  # read-only
    organisation_path = "organisation_id"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Only the rows of the organisations the user is privacy officer of."""
        orgs = access_for(request.user).org_ids(TeamRole.PRIVACY)
        return super().get_queryset(request).filter(Q(**{f"{self.organisation_path}__in": orgs}))

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        """Find the row unscoped, so a row of another organisation is refused (403, logged) by
        _may_see rather than reported as missing."""
        field = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        try:
            return self.model._default_manager.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def _may_see(self, request: HttpRequest, obj: Any) -> bool:
        return obj is None or can(request.user, "privacy.desk", obj)


@admin.register(DataRequest)
class DataRequestAdmin(PrivacyAdmin):
    list_display = ["resident", "kind", "received_on", "due_on", "handled_on"]
    list_filter = ["kind", ("handled_on", admin.EmptyFieldListFilter)]
    date_hierarchy = "received_on"
    list_select_related = ["resident"]


@admin.register(Correction)
class CorrectionAdmin(PrivacyAdmin):
    organisation_path = "resident__organisation_id"
    list_display = ["at", "resident", "actor_name", "fields_changed"]
    list_select_related = ["resident"]
    date_hierarchy = "at"

    @admin.display(description="gewijzigd")
    def fields_changed(self, obj: Correction) -> str:
        return ", ".join(change.get("label", "") for change in obj.changes)


@admin.register(Merge)
class MergeAdmin(PrivacyAdmin):
    organisation_path = "keep__organisation_id"
    list_display = ["at", "keep", "duplicate", "actor_name"]
    list_select_related = ["keep", "duplicate"]
    date_hierarchy = "at"
