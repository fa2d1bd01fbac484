"""Security headers and the authentication settings that depend on the environment.

settings.py imports this module, so it must not touch models or the app registry at import time: the
functions below take an environment mapping and return plain settings values (tests call them with a
dict instead of reloading settings). The middleware reads Django settings only when it is built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

AXES_BACKEND = "axes.backends.AxesStandaloneBackend"  # first: refuses a locked-out user before any check
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
OIDC_BACKEND = "casus.access.oidc.CasusOIDCBackend"

# Required when OIDC_RP_CLIENT_ID is set; Casus refuses to start with half a configuration.
OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "ja", "on"}


def oidc_enabled(env: Mapping[str, str]) -> bool:
    """Single sign-on is on exactly when OIDC_RP_CLIENT_ID is set."""
    return bool(env.get("OIDC_RP_CLIENT_ID", "").strip())


def authentication_backends(env: Mapping[str, str]) -> list[str]:
    """Axes first (lockout), then user name and password, then OpenID Connect when configured."""
    backends = [AXES_BACKEND, MODEL_BACKEND]
    if oidc_enabled(env):
        backends.append(OIDC_BACKEND)
    return backends


def oidc_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The mozilla-django-oidc settings, or {} when single sign-on is off. Nothing is fetched here: the
    identity provider is only contacted when someone clicks 'Inloggen met uw organisatieaccount'."""
    if not oidc_enabled(env):
        return {}
    missing = [name for name in OIDC_REQUIRED if not env.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set, so these are required too: {', '.join(missing)}")
    return {
        "OIDC_RP_CLIENT_ID": env["OIDC_RP_CLIENT_ID"].strip(),
        "OIDC_RP_CLIENT_SECRET": env["OIDC_RP_CLIENT_SECRET"].strip(),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": env["OIDC_OP_AUTHORIZATION_ENDPOINT"].strip(),
        "OIDC_OP_TOKEN_ENDPOINT": env["OIDC_OP_TOKEN_ENDPOINT"].strip(),
        "OIDC_OP_USER_ENDPOINT": env["OIDC_OP_USER_ENDPOINT"].strip(),
        "OIDC_OP_JWKS_ENDPOINT": env["OIDC_OP_JWKS_ENDPOINT"].strip(),
        "OIDC_RP_SIGN_ALGO": env.get("OIDC_RP_SIGN_ALGO", "").strip() or "RS256",
        "OIDC_RP_SCOPES": "openid email profile",
        # Users are matched by e-mail address; a new account (without any role) only on request.
        "OIDC_CREATE_USER": _truthy(env.get("OIDC_CREATE_USERS")),
        "OIDC_USE_PKCE": True,
        # The callback lives in the "auth" namespace (casus.access.auth_urls).
        "OIDC_AUTHENTICATION_CALLBACK_URL": "auth:oidc_authentication_callback",
        "LOGIN_REDIRECT_URL_FAILURE": "/inloggen/?sso=mislukt",
    }


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER from 'X-Forwarded-Proto' or 'X-Forwarded-Proto=https' (value defaults to
    https); also accepts Django's own spelling HTTP_X_FORWARDED_PROTO. Empty: None (not behind a proxy)."""
    value = value.strip()
    if not value:
        return None
    name, _, expected = value.partition("=")
    return meta_header(name), expected.strip() or "https"


def meta_header(name: str) -> str:
    """'X-Forwarded-For' -> 'HTTP_X_FORWARDED_FOR' (the request.META key); META keys stay as they are."""
    name = name.strip().upper().replace("-", "_")
    if not name:
        return ""
    return name if name.startswith("HTTP_") or name == "REMOTE_ADDR" else f"HTTP_{name}"


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (Django 5.2 has neither).

    No 'unsafe-inline': Casus's templates and Django 5.2's admin use no inline scripts, event handlers
    or style attributes. A view that needs another policy sets the header itself; it is then left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.csp = getattr(settings, "CASUS_CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)
        self.permissions = getattr(settings, "CASUS_PERMISSIONS_POLICY", PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.csp:
            response.headers.setdefault("Content-Security-Policy", self.csp)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
