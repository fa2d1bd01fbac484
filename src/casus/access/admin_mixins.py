"""Admin pages ask casus.access, not Django's model permissions (see admin_site.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse

from casus.cases.models import Case, Organisation, Resident, Team

from .audit import audit
from .models import AuditAction
from .permissions import can, case_filter, organisations_for, resident_filter
from .rules import Rule, refuse


def case_of(obj: Any) -> Case | None:
    """The case an admin row belongs to: the case itself, or the row's `case` (or `from_case`)."""
    if isinstance(obj, Case):
        return obj
    return getattr(obj, "case", None) or getattr(obj, "from_case", None)


class AccessAdminMixin:
    """Default: a back-office table of the systeembeheerder (users, groups, lockouts, devices).

    access_perm   who may open the list (and the module)
    change_perm   who may add, change and delete (None: nobody, a read-only table)
    scope         None, "case" (rows are case data: scoped and audited per case) or "resident"
    """

    access_perm: str = "admin.users"
    change_perm: str | None = "admin.users"
    scope: str | None = None
    case_paths: tuple[str, ...] = ()  # for scope "case": the lookups to the case(s); default the FK `case`
    # For a table whose rows belong to an organisation: the lookup from a row to it ("organisation",
    # "team__organisation", "" for Organisation itself). Rows of other organisations are hidden and
    # refused (403, audited); None: a table shared by all organisations (categories, principles).
    org_path: str | None = None
    org_optional: bool = False  # rows without an organisation (a user without a team) are shared

    # --- the rule for the permission matrix test ---

    def casus_rule_for(self, view_name: str) -> Rule:
        label = self.model._meta.label_lower  # type: ignore[attr-defined]
        writer = self.change_perm or "nobody"
        if view_name in {"change_view", "history_view"}:
            perm = {"case": "case.view", "resident": "resident.view"}.get(self.scope or "", self.access_perm)
            return Rule(perm, subject=label, kwarg="object_id", audit_view=self.scope is not None)
        if view_name == "delete_view":
            return Rule(writer, subject=label, kwarg="object_id")
        if view_name == "user_change_password":  # auth's UserAdmin: /<id>/password/
            return Rule(writer, subject=label, kwarg="id")
        if view_name in {"config_view", "qrcode_view"}:
            # django-otp's views of a device's secret: switched off (OTP_ADMIN_HIDE_SENSITIVE_DATA).
            return Rule("nobody", subject=label, kwarg="pk")
        if view_name == "add_view":
            return Rule(writer)
        return Rule(self.access_perm)

    # --- rows ---

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if self.scope == "case":
            paths = self.case_paths or (("",) if self.model is Case else ("case__",))  # type: ignore[attr-defined]
            for prefix in paths:
                queryset = queryset.filter(case_filter(request.user, prefix=prefix))
            return queryset
        if self.scope == "resident":
            return queryset.filter(pk__in=Resident.objects.filter(resident_filter(request.user)).values("pk"))
        if self.org_path is not None:
            orgs = organisations_for(request.user, self.access_perm)
            if orgs is not None:
                lookup = f"{self.org_path}__in" if self.org_path else "pk__in"
                rows = Q(**{lookup: orgs})
                if self.org_optional:
                    rows |= Q(**{f"{self.org_path}__isnull": True})
                queryset = queryset.filter(pk__in=queryset.model._default_manager.filter(rows).values("pk"))
        return queryset

    def _may_see(self, request: HttpRequest, obj: Any) -> bool:
        if obj is None:
            return True
        if self.org_path is not None and not self.scope:
            return self.get_queryset(request).filter(pk=obj.pk).exists()
        if self.scope == "case":
            cases = [getattr(obj, path.removesuffix("__")) for path in self.case_paths] or [case_of(obj)]
            return all(case is not None and can(request.user, "case.view", case) for case in cases)
        if self.scope == "resident":
            return can(request.user, "resident.view", obj)
        return True

    # --- Django's permission hooks, answered by casus.access ---

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can(request.user, self.access_perm)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, self.access_perm) and self._may_see(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.change_perm is not None and can(request.user, self.change_perm) and self._may_see(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self.change_perm is not None and can(request.user, self.change_perm)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_change_permission(request, obj)

    # --- audit ---

    def _refuse_hidden_object(self, request: HttpRequest, object_id: str) -> None:
        """An object that exists but lies outside the user's scope: 403 and an audit entry (the admin
        would otherwise answer 'does not exist', and the privacy officer would not see the attempt)."""
        if not self.scope and self.org_path is None:
            return
        model = self.model  # type: ignore[attr-defined]
        try:
            obj = model._default_manager.filter(pk=object_id).first()
        except (ValueError, TypeError, ValidationError):
            return
        if obj is not None and not self._may_see(request, obj):
            refuse(request, case_of(obj) if self.scope == "case" else obj, via="beheer")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """Choices of organisation and team: only the user's own organisations."""
        orgs = organisations_for(request.user, self.change_perm or self.access_perm)
        if orgs is not None and db_field.related_model is Organisation:
            kwargs["queryset"] = Organisation.objects.filter(pk__in=orgs)
        elif orgs is not None and db_field.related_model is Team:
            kwargs["queryset"] = Team.objects.filter(organisation_id__in=orgs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        self._refuse_hidden_object(request, object_id)
        response = super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        if self.scope and response.status_code == 200 and request.method == "GET":
            obj = self.get_object(request, object_id)  # type: ignore[attr-defined]
            if obj is not None:
                audit(AuditAction.VIEW, case_of(obj) if self.scope == "case" else obj, request=request, via="beheer")
        return response

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        self._refuse_hidden_object(request, object_id)
        return super().history_view(request, object_id, extra_context)  # type: ignore[misc]

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        self._refuse_hidden_object(request, object_id)
        return super().delete_view(request, object_id, extra_context)  # type: ignore[misc]

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Any], search_term: str) -> Any:
        """A search in case data or residents (the list's search box and the autocomplete of a form
        alike) returns personal data: it is audited with the term and the number of rows found."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)  # type: ignore[misc]
        if self.scope and search_term.strip():
            label = self.model._meta.label_lower  # type: ignore[attr-defined]
            audit(AuditAction.SEARCH, request=request, term=search_term.strip(), table=label, results=found.count())
        return found, may_have_duplicates


def with_access(admin_class: type) -> type:
    """A third-party ModelAdmin made to ask casus.access (systeembeheer tables by default)."""
    return type(admin_class.__name__, (AccessAdminMixin, admin_class), {"__module__": admin_class.__module__})


class AccessInlineMixin:
    """An inline asks casus.access too: it is shown with its parent's object when `view_perm` holds for
    that object (or, for configuration, for the user), and editable when `change_perm` holds."""

    view_perm: str = "admin.config"
    change_perm: str | None = "admin.config"

    def _holds(self, request: HttpRequest, perm: str | None, obj: Any) -> bool:
        if perm is None:
            return False
        if perm == "case.view":
            # Django asks once without the parent (to filter the inline's rows, which are the parent's
            # anyway) and once with it; the parent page itself was checked by the ModelAdmin.
            return can(request.user, "workspace.use") if obj is None else can(request.user, perm, case_of(obj))
        return can(request.user, perm)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._holds(request, self.view_perm, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._holds(request, self.change_perm, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._holds(request, self.change_perm, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._holds(request, self.change_perm, obj)
