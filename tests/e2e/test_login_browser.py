"""Logging in through /inloggen/ in a real browser, and a functioneel beheerder setting up two-factor
authentication with the secret shown on the page. The admin pages opened afterwards must not break on
the Content-Security-Policy (no inline scripts or styles)."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

from casus.cases.domain import TeamRole
from tests import factories
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def _csp_violations(messages: list[str]) -> list[str]:
    return [text for text in messages if "Content Security Policy" in text]


def test_a_behandelaar_logs_in_and_out(live_server, page) -> None:
    factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(f"{live_server.url}/")
    page.wait_for_url(re.compile(r"/inloggen/\?next=/$"))
    screenshot(page, "inloggen")
    page.get_by_label("Gebruikersnaam").fill("sbakker")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Welkom, Sanne Bakker").is_visible()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/inloggen/$"))
    assert "U bent uitgelogd." in page.locator("main").inner_text()
    assert _csp_violations(console) == []


def test_a_functioneel_beheerder_sets_up_two_factor_and_opens_the_admin(live_server, page) -> None:
    factories.user("nhendriks", first="Noor", last="Hendriks", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("nhendriks")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    # The role requires two-factor authentication: first the set-up page, nothing else.
    page.wait_for_url(re.compile(r"/account/tweestaps/\?next="))
    assert page.get_by_role("img", name=re.compile("QR-code")).is_visible()
    screenshot(page, "tweestaps")

    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    code = f"{totp(b32decode(secret)):06d}"  # what the authenticator app would show
    page.get_by_label("Code van 6 cijfers").fill(code)
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Welkom, Noor Hendriks").is_visible()
    assert "Tweestapsverificatie staat aan" in page.locator("main").inner_text()

    # The admin (Django's own JavaScript and CSS) works under the policy without 'unsafe-inline'.
    for path in ("/admin/", "/admin/cases/team/", "/admin/cases/team/add/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.get_by_label("Naam").first.fill("Proefteam")  # the form's widgets are usable
    assert _csp_violations(console) == []
