"""Casus's AdminSite: the back office goes through casus.access like every other page.

- Entering the admin needs the permission 'admin.access' (functioneel beheerder, systeembeheerder or a
  superuser created on the command line), not merely `is_staff`.
- Every ModelAdmin registered here, Casus's own and third-party ones alike, is given AccessAdminMixin
  (casus.access.admin_mixins): its pages ask casus.access.permissions, not Django's model permissions.
- Every admin view carries a casus_rule for the permission matrix test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from .permissions import can
from .rules import Rule


class CasusAdminSite(admin.AdminSite):
    site_header = "Casus beheer"
    site_title = "Casus"
    index_title = "Functioneel beheer"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and can(request.user, "admin.access"))

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """One login page for all of Casus (with lockout and two-factor): send the admin there."""
        from django.contrib.auth.views import redirect_to_login
        from django.urls import reverse

        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        from .admin_mixins import AccessAdminMixin, with_access

        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AccessAdminMixin):
            admin_class = with_access(admin_class)
        super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view: Callable[..., HttpResponse], cacheable: bool = False) -> Callable[..., HttpResponse]:
        wrapped = super().admin_view(view, cacheable)
        owner = getattr(view, "__self__", None)
        if isinstance(owner, admin.ModelAdmin):
            wrapped.casus_rule = owner.casus_rule_for(view.__name__)  # type: ignore[attr-defined]
        else:
            wrapped.casus_rule = Rule("admin.access")  # type: ignore[attr-defined]
        return wrapped
