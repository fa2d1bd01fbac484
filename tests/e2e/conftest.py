"""Browser tests: Playwright drives Debian's chromium against Django's live server.

Only /usr/bin/chromium (or $CHROMIUM) is used; Playwright's own browser download is never needed.
Screenshots are taken on every run; they replace the ones in docs/screenshots/ (which the README
links) only with CASUS_SCREENSHOTS=1 (`make screenshots`), so a test run leaves the tree clean.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

DOC_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# Chromium in a closed network: no background requests to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip


def _chromium() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = _chromium()
    if executable is None:
        pytest.fail("Chromium is missing: `make setup` installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django must allow ORM calls from the test thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 860})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: object, name: str) -> Path:
    """Take the page's screenshot, after checking it with axe-core: every page a browser test shows is
    also an accessibility check (the admin's pages are Django's own and are not checked)."""
    if "/admin/" not in page.url:  # type: ignore[attr-defined]
        assert_accessible(page)
    folder = DOC_SCREENSHOTS if os.environ.get("CASUS_SCREENSHOTS") else Path(tempfile.gettempdir()) / "casus-shots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)  # type: ignore[attr-defined]
    return path


def log_in(page: object, live_server: object, user: object) -> None:
    """Log `user` in through a session cookie from Django's test client, two-factor verified (the
    login page and the two-factor enrolment have their own browser test)."""
    from django.conf import settings
    from django.test import Client

    from tests import factories

    client = Client()
    factories.verified_login(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(  # type: ignore[attr-defined]
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]  # type: ignore[attr-defined]
    )


# Accessibility (WCAG 2.1 AA) with axe-core from npm (package.json), loaded from Casus's own static files
# as a <script src>, which the Content-Security-Policy allows ('self'); inline scripts it would block.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_SEVERE = ("serious", "critical")


def axe_violations(page: object) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    from urllib.parse import urlsplit

    url = urlsplit(page.url)  # type: ignore[attr-defined]
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        page.add_script_tag(url=f"{url.scheme}://{url.netloc}/static/axe-core/axe.min.js")  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [violation for violation in result["violations"] if violation["impact"] in AXE_SEVERE]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"  {violation['impact']}: {violation['id']} – {violation['help']} ({targets})")
    return "\n".join(lines)


def assert_accessible(page: object) -> None:
    """No serious or critical WCAG 2.1 AA violation on the page (axe-core)."""
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{describe_violations(violations)}"  # type: ignore[attr-defined]
