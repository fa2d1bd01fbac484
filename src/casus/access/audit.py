"""Writing the audit log: `audit(action, obj=..., request=...)`.

The current request is kept in a context variable by AuditMiddleware, so code far from the view (a
signal on a membership change, a service) still records who did it and from where.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from .models import AuditAction, AuditEntry

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("casus_request", default=None)


class AuditMiddleware:
    """Makes the request available to audit() for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request() -> HttpRequest | None:
    return _current_request.get()


def client_ip(request: HttpRequest) -> str | None:
    """The client address. Behind a reverse proxy set CASUS_TRUSTED_PROXY_HEADER (e.g.
    HTTP_X_FORWARDED_FOR) so the first address of that header is used instead of the proxy's."""
    from django.conf import settings

    header = getattr(settings, "CASUS_TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def describe(obj: Any) -> tuple[str, str, str]:
    """(object_type, object_id, object_repr) without personal data: a case by its reference, a
    resident by number only."""
    if obj is None:
        return "", "", ""
    if isinstance(obj, tuple):  # (type, id, repr) given explicitly
        return obj
    label = obj._meta.label_lower
    pk = str(obj.pk or "")
    if label == "cases.case":
        return label, pk, obj.reference
    if label == "cases.resident":
        return label, pk, f"inwoner {pk}"
    return label, pk, str(obj)[:200]


def audit(
    action: str,
    obj: Any = None,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    allowed: bool = True,
    organisation_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    """Append one entry. `detail` holds what else the privacy officer needs (a search term, a count,
    the fields changed, a file format)."""
    request = request or current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if candidate is not None and candidate.is_authenticated else None
    object_type, object_id, object_repr = describe(obj)
    if organisation_id is None:
        organisation_id = (
            getattr(obj, "organisation_id", None) if obj is not None and not isinstance(obj, tuple) else None
        )
    if organisation_id is None and user is not None:
        from .permissions import access_for

        orgs = access_for(user).all_org_ids
        organisation_id = min(orgs) if orgs else None
    return AuditEntry.objects.create(
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        organisation_id=organisation_id,
        action=AuditAction(action).value,
        allowed=allowed,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:200] if request is not None else ""),
        detail=detail,
    )
