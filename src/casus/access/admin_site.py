"""Casus's AdminSite: the back office goes through casus.access like every other page.

- Entering the admin needs the permission 'admin.access' (functioneel beheerder, systeembeheerder or a
  superuser created on the command line), not merely `is_staff`.
- Every ModelAdmin registered here, Casus's own and third-party ones alike, is given AccessAdminMixin
  (casus.access.admin_mixins): its pages ask casus.access.permissions, not Django's model permissions.
- Every admin URL carries a casus_rule for the permission matrix test.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLResolver, reverse

from .audit import audit
from .models import AuditAction
from .permissions import can
from .rules import Rule

# Third-party tables about accounts: the lookup from a row to its organisation(s).
ACCOUNT_ORG_PATHS = {
    "auth.user": "memberships__team__organisation",
    "otp_totp.totpdevice": "user__memberships__team__organisation",
}


class CasusAdminSite(admin.AdminSite):
    site_header = "Casus beheer"
    site_title = "Casus"
    index_title = "Functioneel beheer"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and can(request.user, "admin.access"))

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """One login page for all of Casus (with lockout and two-factor): send the admin there."""
        from django.contrib.auth.views import redirect_to_login
        from django.shortcuts import redirect
        from django.urls import reverse

        if self.has_permission(request):
            return redirect("admin:index")
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        from .admin_mixins import AccessAdminMixin, with_access

        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AccessAdminMixin):
            admin_class = with_access(admin_class)
        models = [model_or_iterable] if isinstance(model_or_iterable, type) else list(model_or_iterable)
        for model in models:
            path = ACCOUNT_ORG_PATHS.get(model._meta.label_lower)
            klass = admin_class
            if path is not None and klass.org_path is None:
                # Accounts belong to the organisations of their teams; one without a team is shared.
                klass = type(
                    klass.__name__, (klass,), {"org_path": path, "org_optional": True, "__module__": klass.__module__}
                )
            super().register(model, klass, **options)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Django's guard, plus an audit entry when a logged-in user without admin access knocks."""
        inner = super().admin_view(view, cacheable)

        @functools.wraps(inner)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            knocking = request.user.is_authenticated and not self.has_permission(request)
            if knocking and request.path != reverse("admin:logout"):
                audit(AuditAction.DENIED, request=request, allowed=False, permission="admin.access")
            return inner(request, *args, **kwargs)

        return guarded

    def get_urls(self) -> list[Any]:
        urls = super().get_urls()
        _attach_rules(urls)
        return urls


def _as_function(method: Any) -> Any:
    @functools.wraps(method)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return method(request, *args, **kwargs)

    return view


def _bound_view(callback: Any) -> Any:
    """Follow the wrappers (__wrapped__) down to the admin's bound view method."""
    view = callback
    while not inspect.ismethod(view) and hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return view


def _attach_rules(patterns: list[Any]) -> None:
    """Give every admin URL callback its casus_rule: a ModelAdmin's view asks the ModelAdmin
    (AccessAdminMixin.casus_rule_for), the site's own views and redirects need 'admin.access'."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _attach_rules(entry.url_patterns)
            continue
        callback = entry.callback
        if inspect.ismethod(callback):  # the site's login view is not wrapped by Django: make it a function
            callback = entry.callback = _as_function(callback)
        if getattr(callback, "__name__", "") == "login":
            callback.casus_rule = Rule(None)  # public: it only sends the visitor to Casus's login page
            continue
        model_admin = getattr(callback, "model_admin", None)
        view = _bound_view(callback)
        if model_admin is None:  # admin_view(self.some_view) used directly, as auth's UserAdmin does
            owner = getattr(view, "__self__", None)
            model_admin = owner if isinstance(owner, admin.ModelAdmin) else None
        if model_admin is not None and hasattr(model_admin, "casus_rule_for"):
            callback.casus_rule = model_admin.casus_rule_for(view.__name__)
        else:
            callback.casus_rule = Rule("admin.access")
