"""The functioneel beheerder sets a colleague's contact details for residents here too (a staff member
sets their own from "Mijn account"). Rows belong to the organisations of the user's teams."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest

from casus.access.admin_mixins import AccessAdminMixin
from casus.access.permissions import organisations_for

from .models import ContactDetails


@admin.register(ContactDetails)
class ContactDetailsAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    change_perm = "admin.config"
    org_path = "user__memberships__team__organisation"
    org_optional = True
    list_display = ("user", "phone", "email")
    list_select_related = ("user",)
    search_fields = ("user__first_name", "user__last_name", "user__username", "phone", "email")
    ordering = ("user__last_name", "user__first_name")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Only colleagues of the beheerder's own organisations can be chosen."""
        if db_field.name == "user":
            users = get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name")
            orgs = organisations_for(request.user, self.change_perm)
            if orgs is not None:
                users = users.filter(memberships__team__organisation__in=orgs).distinct()
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
