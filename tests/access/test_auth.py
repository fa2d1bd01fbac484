"""Authentication hardening: lockout, two-factor (TOTP), single sign-on switch, security headers, sessions."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import clear_url_caches, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from casus.access import auth_urls, security
from casus.access.models import AuditAction, AuditEntry
from casus.access.rules import rule_of
from casus.cases.domain import TeamRole
from casus.cases.models import TeamMembership
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
LOGIN = "/inloggen/"


@pytest.fixture
def beheerder(db: None) -> Any:
    return factories.user(
        "nhendriks", first="Noor", last="Hendriks", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER
    )


@pytest.fixture
def no_throttle(settings: Any) -> None:
    """django-otp waits 1, 2, 4 ... seconds after a wrong code; tests type the right one at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code_for(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def log_in(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def entries(action: str, **filters: Any) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, **filters).order_by("id"))


# --- logging in --------------------------------------------------------------------------------------


def test_the_login_page_is_dutch_and_public(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gebruikersnaam" in body and "Wachtwoord" in body and "Inloggen" in body
    assert "organisatieaccount" not in body  # single sign-on is off


def test_a_login_is_audited_once_and_lands_on_the_start_page(client: Client, behandelaar: Any) -> None:
    response = log_in(client, "sbakker")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    [entry] = entries(AuditAction.LOGIN)
    assert entry.user == behandelaar and entry.ip == "127.0.0.1"


def test_next_is_followed_only_within_the_site(client: Client, behandelaar: Any) -> None:
    assert log_in(client, "sbakker", next="/account/")["Location"] == "/account/"
    other = Client()
    assert log_in(other, "sbakker", next="https://evil.example/")["Location"] == "/"


def test_a_wrong_password_shows_a_dutch_error(client: Client, behandelaar: Any) -> None:
    response = log_in(client, "sbakker", "fout")
    assert response.status_code == 200
    assert "Uw gebruikersnaam of wachtwoord klopt niet" in response.content.decode()
    assert entries(AuditAction.LOGIN_FAILED, username="sbakker")


def test_the_admin_login_sends_to_the_casus_login_page(client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=/admin/")


def test_logout_asks_on_get_and_logs_out_on_post(client: Client, behandelaar: Any) -> None:
    log_in(client, "sbakker")
    page = client.get("/uitloggen/")
    assert page.status_code == 200 and "Wilt u uitloggen?" in page.content.decode()
    assert client.get("/").status_code == 200  # still logged in
    response = client.post("/uitloggen/")
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert client.get("/").status_code == 302
    assert entries(AuditAction.LOGOUT, user=behandelaar)


# --- lockout -----------------------------------------------------------------------------------------


def test_five_failures_lock_the_user_name_from_that_address_for_30_minutes(client: Client, behandelaar: Any) -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    for _ in range(4):
        assert log_in(client, "sbakker", "fout").status_code == 200
    locked = log_in(client, "sbakker", "fout")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in body and "30 minuten" in body

    # The right password does not help during the lockout.
    again = log_in(client, "sbakker")
    assert again.status_code == 429 and "_auth_user_id" not in client.session
    # Another address is a different combination: the colleague at their own desk can still log in.
    assert log_in(Client(REMOTE_ADDR="10.0.0.8"), "sbakker").status_code == 302

    assert len(entries(AuditAction.LOGIN_FAILED, username="sbakker")) == 6
    [lockout] = entries(AuditAction.LOCKOUT)
    assert lockout.username == "sbakker" and not lockout.allowed
    assert lockout.object_type == "auth.user" and lockout.object_id == str(behandelaar.pk)
    assert lockout.organisation_id == factories.organisation().pk  # the privacy officer sees it
    assert lockout.detail == {"pogingen": 5, "minuten": 30}
    assert lockout.ip == "127.0.0.1"


def test_a_lockout_of_an_unknown_user_name_is_audited_too(client: Client) -> None:
    for _ in range(5):
        log_in(client, "niemand", "fout")
    [lockout] = entries(AuditAction.LOCKOUT)
    assert lockout.username == "niemand" and lockout.object_id == ""


# --- two-factor: required roles ----------------------------------------------------------------------


def test_a_functioneel_beheerder_must_set_up_two_factor_first(client: Client, beheerder: Any) -> None:
    assert log_in(client, "nhendriks")["Location"] == "/"
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/account/tweestaps/?next=%2F"
    assert client.get("/admin/")["Location"].startswith("/account/tweestaps/")
    assert client.get("/account/")["Location"].startswith("/account/tweestaps/")

    page = client.get("/account/tweestaps/?next=/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and 'class="qr-code"' in body and "verplicht" in body
    device = TOTPDevice.objects.get(user=beheerder, confirmed=False)
    from base64 import b32encode

    shown = b32encode(device.bin_key).decode()
    grouped = " ".join(shown[i : i + 4] for i in range(0, len(shown), 4))
    assert grouped in body
    assert grouped in client.get("/account/tweestaps/").content.decode()  # the same secret on reload

    wrong = client.post("/account/tweestaps/", {"code": "000000", "next": "/"})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()


def test_enrolling_with_a_code_from_the_app_opens_casus(client: Client, beheerder: Any) -> None:
    log_in(client, "nhendriks")
    client.get("/account/tweestaps/?next=/")
    device = TOTPDevice.objects.get(user=beheerder, confirmed=False)
    response = client.post("/account/tweestaps/", {"code": code_for(device), "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200
    [change] = entries(AuditAction.CHANGE, object_id=str(beheerder.pk))
    assert change.detail == {"change": "tweestapsverificatie aangezet"}


def test_a_beheerder_with_a_device_is_asked_the_code_at_login(
    client: Client, beheerder: Any, no_throttle: None
) -> None:
    device = TOTPDevice.objects.create(user=beheerder, name="Telefoon", confirmed=True)
    response = log_in(client, "nhendriks", next="/admin/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/code/"
    assert "_auth_user_id" not in client.session  # not logged in before the code
    assert not entries(AuditAction.LOGIN)
    assert client.get("/").status_code == 302

    wrong = client.post("/inloggen/code/", {"code": "123456"})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()
    assert entries(AuditAction.LOGIN_FAILED, username="nhendriks")

    ok = client.post("/inloggen/code/", {"code": code_for(device)})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert len(entries(AuditAction.LOGIN, user=beheerder)) == 1


def test_a_logged_in_but_unverified_beheerder_is_sent_to_the_code_page(client: Client, beheerder: Any) -> None:
    TOTPDevice.objects.create(user=beheerder, name="Telefoon", confirmed=True)
    client.force_login(beheerder)  # e.g. after single sign-on
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/code/?next=%2Fadmin%2F"
    assert client.get("/inloggen/code/?next=/admin/").status_code == 200
    assert client.get("/static/casus/casus.css").status_code != 302  # static files are never redirected


def test_wrong_codes_count_towards_the_lockout(client: Client, beheerder: Any, no_throttle: None) -> None:
    TOTPDevice.objects.create(user=beheerder, name="Telefoon", confirmed=True)
    log_in(client, "nhendriks")
    for _ in range(4):
        assert client.post("/inloggen/code/", {"code": "111111"}).status_code == 200
    locked = client.post("/inloggen/code/", {"code": "111111"})
    assert locked.status_code == 429 and "tijdelijk geblokkeerd" in locked.content.decode()
    assert len(entries(AuditAction.LOCKOUT, username="nhendriks")) == 1
    # The half-finished login is gone: the code page sends back to step 1.
    assert client.get("/inloggen/code/")["Location"] == LOGIN


def test_a_superuser_needs_two_factor_too(client: Client) -> None:
    admin = factories.user("root", first="Rosa", last="Boot")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    log_in(client, "root")
    assert client.get("/admin/")["Location"].startswith("/account/tweestaps/")


def test_enforcement_can_be_switched_off_for_tests_only(client: Client, beheerder: Any, settings: Any) -> None:
    settings.CASUS_TWO_FACTOR_ENFORCED = False
    log_in(client, "nhendriks")
    assert client.get("/").status_code == 200


# --- two-factor: optional for everyone else ----------------------------------------------------------


def test_a_behandelaar_is_not_forced(client: Client, behandelaar: Any) -> None:
    log_in(client, "sbakker")
    assert client.get("/").status_code == 200
    account = client.get("/account/").content.decode()
    assert "Tweestapsverificatie aanzetten" in account and "verplicht" not in account


def test_a_behandelaar_turns_it_on_and_is_asked_the_code_next_time(client: Client, behandelaar: Any) -> None:
    log_in(client, "sbakker")
    client.get("/account/tweestaps/")
    device = TOTPDevice.objects.get(user=behandelaar)
    assert client.post("/account/tweestaps/", {"code": code_for(device)})["Location"] == "/account/"
    assert "Aan, sinds" in client.get("/account/").content.decode()
    client.post("/uitloggen/")
    assert log_in(client, "sbakker")["Location"] == "/inloggen/code/"


def test_turning_it_off_needs_post_and_a_verified_session(client: Client, behandelaar: Any) -> None:
    device = TOTPDevice.objects.create(user=behandelaar, name="Telefoon", confirmed=True)
    client.force_login(behandelaar)  # logged in without the code
    assert client.post("/account/tweestaps/uitzetten/")["Location"] == "/inloggen/code/"
    assert TOTPDevice.objects.filter(user=behandelaar).exists()

    client.post("/inloggen/code/", {"code": code_for(device)})
    assert client.get("/account/tweestaps/uitzetten/").status_code == 405
    assert client.post("/account/tweestaps/uitzetten/")["Location"] == "/account/"
    assert not TOTPDevice.objects.filter(user=behandelaar).exists()
    assert entries(AuditAction.CHANGE, detail__change="tweestapsverificatie uitgezet")


def test_a_beheerder_who_turns_it_off_sets_it_up_again(client: Client, beheerder: Any) -> None:
    factories.verified_login(client, beheerder)
    assert client.post("/account/tweestaps/uitzetten/")["Location"] == "/account/tweestaps/"
    assert client.get("/")["Location"].startswith("/account/tweestaps/")


def test_the_code_page_without_a_login_in_progress_sends_to_the_login(client: Client) -> None:
    assert client.get("/inloggen/code/")["Location"] == LOGIN


# --- Mijn account and password -----------------------------------------------------------------------


def test_the_account_page_shows_name_roles_and_two_factor_status(client: Client, beheerder: Any) -> None:
    TeamMembership.objects.create(team=factories.team("Werk"), user=beheerder, role=TeamRole.COORDINATOR)
    factories.verified_login(client, beheerder)
    body = client.get("/account/").content.decode()
    assert "Noor Hendriks" in body and "nhendriks" in body
    assert "Functioneel beheerder in team Beheer" in body or "in team Beheer" in body
    assert "in team Werk" in body
    assert "Aan, sinds" in body and "verplicht voor uw rol" in body
    assert reverse("auth:password_change") in body


def test_changing_the_password(client: Client, behandelaar: Any) -> None:
    log_in(client, "sbakker")
    wrong = client.post(
        "/account/wachtwoord/",
        {"old_password": "fout", "new_password1": "lange-nieuwe-zin-42", "new_password2": "lange-nieuwe-zin-42"},
    )
    assert "Uw huidige wachtwoord klopt niet" in wrong.content.decode()
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": PASSWORD, "new_password1": "lange-nieuwe-zin-42", "new_password2": "lange-nieuwe-zin-42"},
    )
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert client.get("/").status_code == 200  # still logged in
    behandelaar.refresh_from_db()
    assert behandelaar.check_password("lange-nieuwe-zin-42")
    assert entries(AuditAction.CHANGE, detail__change="wachtwoord gewijzigd")


def test_every_auth_url_states_its_rule() -> None:
    expected = {
        "login": None, "otp_verify": None, "logout": "account", "account": "account",
        "password_change": "account", "otp_setup": "account", "otp_disable": "account",
        "password_reset": None, "password_reset_done": None, "password_reset_confirm": None,
        "password_reset_complete": None,
    }  # fmt: skip
    found = {pattern.name: rule_of(pattern.callback) for pattern in auth_urls.urlpatterns}
    assert set(found) == set(expected)
    assert {name: found_rule.perm for name, found_rule in found.items() if found_rule is not None} == expected
    for name in expected.keys() - {"password_reset_confirm"}:
        assert reverse(f"auth:{name}")
    assert reverse("auth:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "set-password"})


# --- headers and sessions ----------------------------------------------------------------------------


def test_every_response_carries_the_content_security_policy(client: Client, behandelaar: Any) -> None:
    for response in (client.get(LOGIN), client.get("/", follow=False), client.get("/bestaat-niet/")):
        assert response["Content-Security-Policy"] == security.CONTENT_SECURITY_POLICY
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in security.CONTENT_SECURITY_POLICY


def test_sessions_end_after_30_idle_minutes_and_with_the_browser(client: Client, behandelaar: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.SESSION_COOKIE_HTTPONLY
    log_in(client, "sbakker")
    response = client.get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert client.session.get_expiry_age() == 30 * 60  # the server forgets it after 30 idle minutes


def test_proxy_headers_from_the_environment() -> None:
    assert security.proxy_ssl_header("") is None
    assert security.proxy_ssl_header("X-Forwarded-Proto") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert security.proxy_ssl_header("HTTP_X_FORWARDED_PROTO=https") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert security.meta_header("X-Forwarded-For") == "HTTP_X_FORWARDED_FOR"
    assert security.meta_header("") == ""


# --- single sign-on (OpenID Connect) -----------------------------------------------------------------

OIDC_ENV = {
    "OIDC_RP_CLIENT_ID": "casus",
    "OIDC_RP_CLIENT_SECRET": "geheim",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
}


def test_the_oidc_backend_is_added_only_when_configured() -> None:
    assert security.authentication_backends({}) == [security.AXES_BACKEND, security.MODEL_BACKEND]
    assert security.oidc_settings({}) == {}
    assert security.authentication_backends(OIDC_ENV) == [
        security.AXES_BACKEND, security.MODEL_BACKEND, security.OIDC_BACKEND,
    ]  # fmt: skip
    values = security.oidc_settings(OIDC_ENV)
    assert values["OIDC_RP_SIGN_ALGO"] == "RS256" and values["OIDC_CREATE_USER"] is False
    assert security.oidc_settings({**OIDC_ENV, "OIDC_CREATE_USERS": "1"})["OIDC_CREATE_USER"] is True
    assert security.oidc_settings({**OIDC_ENV, "OIDC_RP_SIGN_ALGO": "ES256"})["OIDC_RP_SIGN_ALGO"] == "ES256"
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_JWKS_ENDPOINT"):
        security.oidc_settings({k: v for k, v in OIDC_ENV.items() if k != "OIDC_OP_JWKS_ENDPOINT"})
    assert security.OIDC_BACKEND not in settings.AUTHENTICATION_BACKENDS  # the test run has no provider


@pytest.fixture
def oidc_on(settings: Any) -> Iterator[None]:
    """Settings as casus.settings builds them with the OIDC_* variables set, and the URLs reloaded."""
    for name, value in security.oidc_settings(OIDC_ENV).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = security.authentication_backends(OIDC_ENV)
    settings.CASUS_OIDC_ENABLED = True
    _reload_urls()
    yield
    settings.CASUS_OIDC_ENABLED = False
    _reload_urls()


def _reload_urls() -> None:
    import casus.urls

    importlib.reload(auth_urls)
    importlib.reload(casus.urls)
    clear_url_caches()


def test_single_sign_on_shows_a_button_and_redirects_to_the_provider(client: Client, oidc_on: None) -> None:
    body = client.get(f"{LOGIN}?next=/account/").content.decode()
    assert "Inloggen met uw organisatieaccount" in body
    assert "/oidc/authenticate/?next=/account/" in body
    response = client.get("/oidc/authenticate/?next=/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.example/authorize?")
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Foidc%2Fcallback%2F" in response["Location"]
    for pattern in auth_urls.urlpatterns:
        assert rule_of(pattern.callback) is not None, pattern.name


def _backend_with_claims(claims: dict[str, Any]) -> Any:
    from casus.access.oidc import CasusOIDCBackend

    backend = CasusOIDCBackend()
    backend.get_userinfo = mock.Mock(return_value=claims)  # type: ignore[method-assign]
    return backend


def test_sso_matches_colleagues_by_e_mail_and_makes_no_account_by_default(oidc_on: None, behandelaar: Any) -> None:
    with mock.patch("requests.post") as post, mock.patch("requests.get") as get:
        backend = _backend_with_claims({"email": "SBakker@Casus.invalid"})
        assert backend.get_or_create_user("access", "id", {}) == behandelaar
        stranger = _backend_with_claims({"email": "nieuw@casus.invalid"})
        assert stranger.get_or_create_user("access", "id", {}) is None
        unverified = _backend_with_claims({"email": "sbakker@casus.invalid", "email_verified": False})
        with pytest.raises(Exception, match="Claims verification failed"):
            unverified.get_or_create_user("access", "id", {})
    post.assert_not_called()
    get.assert_not_called()


def test_sso_makes_an_account_without_roles_when_asked(oidc_on: None, settings: Any) -> None:
    settings.OIDC_CREATE_USER = True
    backend = _backend_with_claims({"email": "Nieuw@Casus.invalid", "given_name": "Nina", "family_name": "Kok"})
    user = backend.get_or_create_user("access", "id", {})
    assert user.username == "nieuw@casus.invalid" and user.get_full_name() == "Nina Kok"
    assert not user.has_usable_password()
    assert not TeamMembership.objects.filter(user=user).exists()
    assert entries(AuditAction.PERMISSION, object_id=str(user.pk))
