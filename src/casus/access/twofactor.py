"""Two-factor authentication (TOTP, django-otp): who must use it and the middleware that enforces it.

Functioneel beheerders, systeembeheerders and superusers (casus.access.permissions.needs_two_factor)
cannot use Casus before their session is verified with a code: without a confirmed device they are
sent to the set-up page, with one to the code page. Everyone else may turn it on in "Mijn account";
whoever has it on is asked the code while logging in (casus.access.auth_views).

The setting CASUS_TWO_FACTOR_ENFORCED (default True, deliberately not read from the environment) lets
a test switch the enforcement off; production never should.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import needs_two_factor

# URL names an unverified user may still open: logging in and out and the two-factor pages themselves.
OPEN_URL_NAMES = ("auth:login", "auth:logout", "auth:otp_setup", "auth:otp_verify")


def confirmed_device(user: Any) -> TOTPDevice | None:
    if user is None or not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("id").first()


def enforced(user: Any) -> bool:
    """Must this user verify a code before using Casus?"""
    return getattr(settings, "CASUS_TWO_FACTOR_ENFORCED", True) and needs_two_factor(user)


def is_verified(user: Any) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class TwoFactorMiddleware:
    """Place after django_otp.middleware.OTPMiddleware (which provides request.user.is_verified())."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open_paths: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        if self._open_paths is None:
            paths = [reverse(name) for name in OPEN_URL_NAMES]
            if getattr(settings, "CASUS_OIDC_ENABLED", False):
                paths.append(reverse("auth:oidc_authentication_callback"))
            self._open_paths = tuple(paths)
        return self._open_paths

    def is_open(self, request: HttpRequest) -> bool:
        path = request.path_info
        static = settings.STATIC_URL or ""
        if static.startswith("/") and path.startswith(static):
            return True
        if static and not static.startswith(("/", "http://", "https://")) and path.startswith(f"/{static}"):
            return True
        return path in self.open_paths()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self.is_open(request)
            and enforced(user)
            and not is_verified(user)
        ):
            target = "auth:otp_verify" if confirmed_device(user) else "auth:otp_setup"
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return HttpResponseRedirect(reverse(target) + (f"?{query}" if query else ""))
        return self.get_response(request)
