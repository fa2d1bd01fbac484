"""Errors as problem+json (RFC 9457) with a Dutch `detail`; validation errors name the fields in
`invalid_params` as the Dutch API Design Rules do."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from casus.cases.services import CaseError

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    415: "Formaat niet ondersteund",
    422: "Deze stap kan niet",
    429: "Te veel verzoeken",
}
DETAILS = {
    401: "Log in of stuur een geldig token mee.",
    403: "U heeft geen toegang tot deze gegevens of deze handeling.",
    404: "Dit bestaat niet, of u mag het niet zien.",
    405: "Deze methode kan hier niet.",
    406: "Dit antwoord is alleen beschikbaar als JSON.",
    415: "Stuur de gegevens als JSON (Content-Type: application/json).",
    429: "U heeft te veel verzoeken gestuurd. Probeer het later opnieuw.",
}
OWN_DETAILS = (exceptions.PermissionDenied, exceptions.NotAuthenticated, exceptions.AuthenticationFailed)


class Unprocessable(exceptions.APIException):
    status_code = 422
    default_detail = "Deze stap kan niet."


class InvalidParameter(exceptions.ValidationError):
    """One bad parameter whose reason is the whole story: 400 with that reason as `detail` (and in
    `invalid_params`), e.g. a report's period."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__({name: [reason]})
        self.reason = reason


def invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested error dict to [{name, reason}]."""
    if isinstance(detail, dict):
        return [item for key, value in detail.items() for item in invalid_params(value, _join(prefix, key))]
    if isinstance(detail, list) and detail and all(isinstance(v, (dict, list)) for v in detail):
        return [item for i, value in enumerate(detail) for item in invalid_params(value, _join(prefix, str(i)))]
    reasons = detail if isinstance(detail, list) else [detail]
    return [{"name": prefix or "body", "reason": str(reason)} for reason in reasons]


def _join(prefix: str, key: str) -> str:
    if key == "non_field_errors":
        return prefix or "body"
    return f"{prefix}.{key}" if prefix else key


def problem(status_code: int, detail: str, instance: str, **extra: Any) -> Response:
    body = {
        "type": f"https://httpstatuses.io/{status_code}",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
        **extra,
    }
    return Response(body, status=status_code, content_type="application/problem+json")


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    if isinstance(exc, CaseError):
        exc = Unprocessable(str(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    set_rollback()
    code = exc.status_code
    if isinstance(exc, exceptions.ValidationError):
        params = invalid_params(exc.detail)
        detail = exc.reason if isinstance(exc, InvalidParameter) else "Niet alle gegevens zijn goed ingevuld."
        response = problem(400, detail, instance, invalid_params=params)
    else:
        detail = str(exc.detail) if isinstance(exc, (Unprocessable, *OWN_DETAILS)) else DETAILS.get(code, "")
        if code == 404 and isinstance(exc.detail, str) and "cursor" in exc.detail.lower():
            detail = str(exc.detail)
        response = problem(code, detail or str(exc.detail), instance)
    if getattr(exc, "auth_header", None):
        response["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        response["Retry-After"] = str(int(exc.wait))
    return response
