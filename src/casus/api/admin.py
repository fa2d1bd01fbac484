"""API applications in the back office of the systeembeheerder. A new token is shown once, in the
message after saving or after the action "Nieuw token"."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from casus.access.admin_mixins import AccessAdminMixin

from .models import ApiApplication
from .services import api_application_create, api_application_new_token, api_application_sync

SHOWN_ONCE = (
    "Het token van {name} is: {token} — kopieer het nu; Casus bewaart alleen een controlegetal en toont het "
    "niet opnieuw."
)


@admin.register(ApiApplication)
class ApiApplicationAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.users"
    change_perm = "admin.users"
    org_path = "organisation"
    list_display = ["name", "organisation", "team", "role", "scopes_display", "active", "last_used_at"]
    list_filter = ["active", "organisation"]
    fields = ["name", "team", "role", "scope_read_cases", "scope_write_cases", "scope_reports", "active",
              "token_prefix", "user", "created_at", "last_used_at"]  # fmt: skip
    readonly_fields = ["token_prefix", "user", "created_at", "last_used_at"]
    actions = ["new_token"]

    @admin.display(description="scopes")
    def scopes_display(self, application: ApiApplication) -> str:
        return ", ".join(application.scopes)

    def save_model(self, request: HttpRequest, obj: ApiApplication, form: Any, change: bool) -> None:
        if change:
            obj.organisation = obj.team.organisation
            super().save_model(request, obj, form, change)
            api_application_sync(application=obj)
            return
        scopes = tuple(name for name in ("read_cases", "write_cases", "reports") if getattr(obj, f"scope_{name}"))
        created, token = api_application_create(team=obj.team, name=obj.name, role=obj.role, scopes=scopes)
        obj.pk, obj.user = created.pk, created.user
        self.message_user(request, SHOWN_ONCE.format(name=created.name, token=token), messages.WARNING)

    @admin.action(description="Nieuw token maken (het oude werkt dan niet meer)")
    def new_token(self, request: HttpRequest, queryset: QuerySet[ApiApplication]) -> None:
        for application in queryset:
            token = api_application_new_token(application=application)
            self.message_user(request, SHOWN_ONCE.format(name=application.name, token=token), messages.WARNING)
