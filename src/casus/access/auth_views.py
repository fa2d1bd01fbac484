"""Logging in and out, "Mijn account", password change and two-factor authentication (TOTP).

Logging in takes one or two steps. Step 1 checks user name and password (django-axes counts failures
and locks the combination of user name and IP address). Whoever has a confirmed TOTP device is not
logged in yet: the session remembers who passed step 1 for five minutes, and step 2 (auth:otp_verify)
asks the 6-digit code. A wrong code counts as a failed login for the lockout too. Only after the code
is Django's login() called, so the login audit entry, axes' success record and the session key
rotation happen once, for the complete login.

Roles that must use two-factor authentication are sent to the set-up or the code page by
casus.access.twofactor.TwoFactorMiddleware until their session is verified.

The lockout itself: axes flags the request, its middleware renders `locked_out` below (settings
AXES_LOCKOUT_CALLABLE), and `_audit_lockout` writes one LOCKOUT audit entry when a lockout starts.
Login successes and failures are audited by casus.access.signals.
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.signals import user_locked_out
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from casus.cases.models import TeamMembership

from .audit import audit
from .models import AuditAction
from .permissions import access_for
from .rules import public, rule
from .twofactor import confirmed_device, enforced, is_verified

PENDING = "casus_2fa_pending"  # session key: who passed step 1 of the login and when
PENDING_SECONDS = 300
DEVICE_NAME = "Authenticator-app"
THROTTLED = "U heeft net een verkeerde code ingevuld. Wacht een paar seconden en probeer het opnieuw."


# --- forms ---------------------------------------------------------------------------------------


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Uw gebruikersnaam of wachtwoord klopt niet. Let op hoofdletters en kleine letters.",
        "inactive": "Dit account is uitgezet. Neem contact op met de systeembeheerder van uw organisatie.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.fields["username"].error_messages["required"] = "Vul uw gebruikersnaam in."
        self.fields["password"].error_messages["required"] = "Vul uw wachtwoord in."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code van 6 cijfers",
        max_length=12,
        error_messages={"required": "Vul de code van 6 cijfers in."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}),
    )

    def __init__(self, *args: Any, autofocus: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if autofocus:  # the code page: the field is all there is; not on the set-up page (it would scroll)
            self.fields["code"].widget.attrs["autofocus"] = True

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Vul de 6 cijfers in die de app nu laat zien.")
        return code


class CasusPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Uw huidige wachtwoord klopt niet. Vul het opnieuw in.",
        "password_mismatch": "De twee nieuwe wachtwoorden zijn niet hetzelfde.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Huidig wachtwoord"
        self.fields["new_password1"].label = "Nieuw wachtwoord"
        self.fields["new_password1"].help_text = ""
        self.fields["new_password2"].label = "Nieuw wachtwoord nog een keer"
        self.fields["new_password2"].help_text = ""


# --- helpers -------------------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    """Where to go after logging in: ?next= when it is a page of this site, else the start page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url: str, next_url: str) -> str:
    from urllib.parse import urlencode

    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _pending_user(request: HttpRequest) -> tuple[Any, dict[str, Any] | None]:
    """The user who passed step 1 of the login in this session (within five minutes), if any."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None, None
    if time.time() - float(pending.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model()._default_manager.filter(pk=pending.get("user"), is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return None, None
    return user, pending


def _user_object(user: Any) -> tuple[str, str, str]:
    return ("auth.user", str(user.pk), user.get_username())


def _lockout_minutes() -> int:
    cool_off = settings.AXES_COOLOFF_TIME
    return int(cool_off.total_seconds() // 60) if hasattr(cool_off, "total_seconds") else 0


def qr_svg(data: str) -> SafeString:
    """The otpauth:// URL as an inline SVG QR code (no image library, no external request)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    root = image.get_image()
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)  # sized by CSS
    root.set("class", "qr-code")
    root.set("role", "img")
    root.set("aria-label", "QR-code om Casus toe te voegen aan uw authenticator-app")
    return mark_safe(image.to_string(encoding="unicode"))  # generated here from our own URL: safe markup


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# --- lockout (django-axes) -----------------------------------------------------------------------


@receiver(user_locked_out, dispatch_uid="casus-audit-lockout")
def _audit_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """One LOCKOUT entry when a lockout starts. Axes signals again for every attempt during the lockout;
    those are already in the audit log as failed logins (casus.access.signals)."""
    failures = getattr(request, "axes_failures_since_start", None) if request is not None else None
    if failures is None:
        return
    username = (username or "")[:150]
    user = get_user_model()._default_manager.filter(username=username).first() if username else None
    orgs = access_for(user).all_org_ids if user is not None else frozenset()
    audit(
        AuditAction.LOCKOUT,
        _user_object(user) if user is not None else None,
        request=request,
        username=username,
        allowed=False,
        organisation_id=min(orgs) if orgs else None,
        pogingen=failures,
        minuten=_lockout_minutes(),
    )


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None) -> HttpResponse:
    """The page a locked-out user sees (settings.AXES_LOCKOUT_CALLABLE)."""
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": _lockout_minutes()}
    return render(request, "access/auth/locked.html", context, status=429)


def _is_locked(request: HttpRequest, user: Any) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": user.get_username()})


def _end_attempt(request: HttpRequest, pending: dict[str, Any] | None) -> None:
    """Locked out during step 2: forget the half-finished login (or end the unverified session)."""
    request.session.pop(PENDING, None)
    if pending is None and request.user.is_authenticated:
        auth_logout(request)


# --- logging in and out --------------------------------------------------------------------------


@public
@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url)
    if request.method == "GET":
        request.session.pop(PENDING, None)  # back to step 1: a half-finished login is forgotten
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if confirmed_device(user) is not None:
            request.session[PENDING] = {
                "user": user.pk, "backend": user.backend, "since": time.time(), "next": next_url,
            }  # fmt: skip
            return redirect("auth:otp_verify")
        auth_login(request, user)
        return redirect(next_url)
    context = {
        "form": form,
        "next": request.POST.get("next") or request.GET.get("next") or "",
        "oidc": getattr(settings, "CASUS_OIDC_ENABLED", False),
        "sso_failed": request.GET.get("sso") == "mislukt",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": _lockout_minutes(),
    }
    return render(request, "access/auth/login.html", context)


@public
@sensitive_post_parameters("code")
@never_cache
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Step 2 of the login (the code), or the code for a logged-in user whose role requires it."""
    if request.user.is_authenticated:
        user, pending = request.user, None
        next_url = _next_url(request)
        if is_verified(user):
            return redirect(next_url)
    else:
        user, pending = _pending_user(request)
        if user is None:
            messages.info(request, "Log eerst in met uw gebruikersnaam en wachtwoord.")
            return redirect("auth:login")
        next_url = pending["next"]
    device = confirmed_device(user)
    if device is None:
        if pending is not None:  # the device was removed meanwhile: start again
            request.session.pop(PENDING, None)
            return redirect("auth:login")
        return redirect(_with_next(reverse("auth:otp_setup"), next_url))

    form = CodeForm(request.POST if request.method == "POST" else None, autofocus=True)
    if request.method == "POST" and form.is_valid():
        if _is_locked(request, user):
            _end_attempt(request, pending)
            return locked_out(request)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", THROTTLED)
        elif device.verify_token(form.cleaned_data["code"]):
            if pending is not None:
                request.session.pop(PENDING, None)
                auth_login(request, user, backend=pending["backend"])
            else:
                request.session.cycle_key()  # more rights from now on: a new session key
            otp_login(request, device)
            return redirect(next_url)
        else:
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
            if getattr(request, "axes_locked_out", False):
                _end_attempt(request, pending)
                return locked_out(request)
            form.add_error("code", "Deze code klopt niet. Vul de code in die de app nu laat zien.")
    context = {"form": form, "next": next_url if pending is None else "", "during_login": pending is not None}
    return render(request, "access/auth/otp_verify.html", context)


@rule("account")
@never_cache
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "access/auth/logout.html")
    auth_logout(request)
    messages.success(request, "U bent uitgelogd.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- Mijn account --------------------------------------------------------------------------------


@rule("account")
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    memberships = (
        TeamMembership.objects.filter(user_id=user.pk, team__active=True)
        .select_related("team")
        .order_by("team__name", "role")
    )
    context = {
        "memberships": memberships,
        "device": confirmed_device(user),
        "two_factor_required": enforced(user),
        "superuser": access_for(user).superuser,
        "usable_password": user.has_usable_password(),
    }
    return render(request, "access/auth/account.html", context)


@rule("account")
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_usable_password():
        return render(request, "access/auth/password_change.html", {"form": None})
    form = CasusPasswordChangeForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        audit(AuditAction.CHANGE, _user_object(user), request=request, change="wachtwoord gewijzigd")
        messages.success(request, "Uw wachtwoord is gewijzigd.")
        return redirect("auth:account")
    return render(request, "access/auth/password_change.html", {"form": form})


@rule("account")
@sensitive_post_parameters("code")
@never_cache
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication on: scan the QR code (or type the secret), confirm with a code."""
    user = request.user
    next_url = _next_url(request)
    device = confirmed_device(user)
    if device is not None:
        if not is_verified(user):
            return redirect(_with_next(reverse("auth:otp_verify"), next_url))
        context = {"device": device, "two_factor_required": enforced(user)}
        return render(request, "access/auth/otp_setup.html", context)

    new = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("-id").first()
    if new is None:
        new = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = new.verify_is_allowed()
        if not allowed:
            form.add_error("code", THROTTLED)
        elif new.verify_token(form.cleaned_data["code"]):
            new.confirmed = True
            new.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).delete()
            request.session.cycle_key()
            otp_login(request, new)
            audit(AuditAction.CHANGE, _user_object(user), request=request, change="tweestapsverificatie aangezet")
            messages.success(request, "Tweestapsverificatie staat aan. Bij het inloggen vragen we voortaan een code.")
            return redirect(next_url if request.POST.get("next") or request.GET.get("next") else "auth:account")
        else:
            form.add_error("code", "Deze code klopt niet. Staat de tijd op uw telefoon goed? Probeer het opnieuw.")
    secret = b32encode(new.bin_key).decode()
    context = {
        "form": form,
        "qr": qr_svg(new.config_url),
        "secret": _grouped(secret),
        "next": request.POST.get("next") or request.GET.get("next") or "",
        "two_factor_required": enforced(user),
    }
    return render(request, "access/auth/otp_setup.html", context)


@rule("account")
@require_POST
def otp_disable(request: HttpRequest) -> HttpResponseRedirect:
    """Turn two-factor authentication off (or, for a role that requires it, start again with a new phone)."""
    user = request.user
    if confirmed_device(user) is not None and not is_verified(user):
        return redirect("auth:otp_verify")
    TOTPDevice.objects.filter(user_id=user.pk).delete()
    audit(AuditAction.CHANGE, _user_object(user), request=request, change="tweestapsverificatie uitgezet")
    if enforced(user):
        messages.warning(
            request, "De oude koppeling is weg. Voor uw rol is tweestapsverificatie verplicht: stel hem nu opnieuw in."
        )
        return redirect("auth:otp_setup")
    messages.success(request, "Tweestapsverificatie staat uit. U logt nu in met alleen uw wachtwoord.")
    return redirect("auth:account")
