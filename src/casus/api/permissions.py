"""The API asks casus.access like every page does: each viewset names a Rule per action in
`casus_rules` (the permission matrix reads the same table), a refusal is audited, the look at a
dossier is audited. A token's scopes limit it further by method."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.shortcuts import get_object_or_404
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import can
from casus.access.rules import Rule

from .models import ApiApplication

REFUSED = "U heeft geen toegang tot deze gegevens of deze handeling."


def rule_for_view(view: Any) -> Rule | None:
    rules = getattr(view, "casus_rules", None)
    if rules is None:
        return getattr(view, "casus_rule", None)
    action = getattr(view, "action", None) or next(iter(getattr(view, "action_map", {}).values()), None)
    return rules.get(action)


def _scope_allows(application: ApiApplication, method: str, scope: str | None = None) -> bool:
    """read_cases: GET (and HEAD/OPTIONS); write_cases: POST; reports: GET on a view that declares
    `api_scope = "reports"` (the report endpoint), and nothing else. No scope implies another."""
    if scope == "reports":
        return method in SAFE_METHODS and application.scope_reports
    if method in SAFE_METHODS:
        return application.scope_read_cases
    return method == "POST" and application.scope_write_cases


def _refuse(request: Request, obj: Any = None, **detail: Any) -> None:
    audit(AuditAction.DENIED, obj, request=request._request, user=request.user, allowed=False, **detail)
    raise exceptions.PermissionDenied(REFUSED)


class CasusRulePermission(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        rule = rule_for_view(view)
        if rule is None:
            raise exceptions.PermissionDenied(REFUSED)
        if rule.perm is None:
            return True
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated("Log in of stuur een token mee.")
        scope = getattr(view, "api_scope", None)
        if isinstance(request.auth, ApiApplication) and not _scope_allows(request.auth, request.method or "", scope):
            _refuse(request, scopes=request.auth.scopes, method=request.method)
        obj = None
        if rule.subject is not None:
            obj = get_object_or_404(apps.get_model(rule.subject), pk=view.kwargs[rule.kwarg])
        if not can(request.user, rule.perm, obj):
            _refuse(request, obj, permission=rule.perm)
        view.casus_object = obj
        if rule.audit_view and obj is not None:
            audit(AuditAction.VIEW, obj, request=request._request, user=request.user, via="api")
        return True
