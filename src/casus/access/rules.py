"""Every view states its access rule with `@rule(...)` or `@public`; the permission matrix test
(tests/access/test_permission_matrix.py) walks every URL pattern and fails on a view without one.

    @rule("case.view", subject="cases.case", audit_view=True)
    def case_detail(request, pk): case = request.casus_object; ...

The decorator sends anonymous users to the login page, loads the URL's object (404 when it does not
exist), asks casus.access.permissions, records a refusal in the audit log (so the privacy officer sees
attempts) and answers 403, and records the view of personal data when `audit_view` is set.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .audit import audit
from .models import AuditAction
from .permissions import PERMISSIONS, can


@dataclass(frozen=True)
class Rule:
    perm: str | None  # None: public (no login needed)
    subject: str | None = None  # model label of the URL's object, e.g. "cases.case"
    kwarg: str = "pk"  # the URL keyword that holds the object's primary key
    audit_view: bool = False


def rule(
    perm: str, *, subject: str | None = None, kwarg: str = "pk", audit_view: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    if perm not in PERMISSIONS:
        raise KeyError(f"Unknown Casus permission {perm!r}")

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = None
            if subject is not None:
                obj = get_object_or_404(apps.get_model(subject), pk=kwargs[kwarg])
            if not can(request.user, perm, obj):
                refuse(request, obj, permission=perm)
            request.casus_object = obj
            if audit_view and obj is not None:
                audit(AuditAction.VIEW, obj, request=request)
            return view(request, *args, **kwargs)

        wrapped.casus_rule = Rule(perm, subject, kwarg, audit_view)  # type: ignore[attr-defined]
        return wrapped

    return decorate


def audit_refusal(request: HttpRequest, obj: Any = None, **detail: Any) -> None:
    """Record a refusal in the audit log, once per request (the 403 handler records what no rule did)."""
    if not getattr(request, "_casus_refusal_audited", False):
        audit(AuditAction.DENIED, obj, request=request, allowed=False, **detail)
        request._casus_refusal_audited = True  # type: ignore[attr-defined]


def refuse(request: HttpRequest, obj: Any = None, **detail: Any) -> None:
    """Record the refusal in the audit log (once per request) and answer 403."""
    audit_refusal(request, obj, **detail)
    raise PermissionDenied


def public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """No login needed (login page, resident portal, health check). Stated, never assumed."""
    view.casus_rule = Rule(None)  # type: ignore[attr-defined]
    return view


def rule_of(callback: Any) -> Rule | None:
    """The rule attached to a URL callback (class-based views: to the as_view() function)."""
    found = getattr(callback, "casus_rule", None)
    if found is None and hasattr(callback, "view_class"):
        found = getattr(callback.view_class, "casus_rule", None)
    if found is None and hasattr(callback, "cls") and hasattr(callback, "actions"):
        # A DRF viewset route: the viewset's `casus_rules` names a Rule per action ("list", "retrieve", ...).
        rules = getattr(callback.cls, "casus_rules", {})
        action = callback.actions.get("get") or callback.actions.get("post") or next(iter(callback.actions.values()))
        found = rules.get(action)
    return found
