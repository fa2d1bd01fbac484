"""The learning loop in the browser (issue 9): a handler's signal on a case becomes part of a theme
that a kwaliteitsmedewerker opens, with an improvement action and its progress; suggested themes are
searched and one is accepted. Screenshots: leren-signaal, leren-thema, leren-actie, leren-acties,
leren-voorstellen."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.cases.domain import TeamRole
from casus.learning.models import ImprovementAction, Signal, Theme
from tests import factories
from tests.e2e.conftest import log_in, screenshot
from tests.learning.corpus import GROUPS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()


def _message(page: Any) -> str:
    return page.locator(".messages").inner_text()


def test_a_signal_becomes_a_theme_with_an_action(live_server: Any, page: Any, behandelaar: Any) -> None:
    case = factories.register(
        "klacht", TODAY - timedelta(days=5), handler=behandelaar, subject=factories.subject("terugvordering"),
        description="Inwoner begrijpt de brief over de terugvordering niet.",
    )  # fmt: skip
    log_in(page, live_server, behandelaar)
    page.goto(f"{live_server.url}/werk/zaken/{case.pk}/")
    block = page.locator("section.learning-block")
    block.locator("summary", has_text="Wat valt op?").click()
    block.get_by_label("Wat valt op?").fill("Derde klacht deze maand over dezelfde brief over de terugvordering.")
    block.get_by_label("Onderwerp (mag leeg)").select_option(label="terugvordering")
    block.get_by_role("button", name="Signaal opslaan").click()
    page.wait_for_load_state()
    assert "Het signaal staat op de tijdlijn" in _message(page)
    assert "Derde klacht deze maand" in page.locator("#tijdlijn + ol").inner_text()
    page.locator("section.learning-block").scroll_into_view_if_needed()
    screenshot(page, "leren-signaal")
    signal = Signal.objects.get()

    kwaliteit = factories.user("lvos", first="Lieke", last="Vos", team_name="Werk", role=TeamRole.KWALITEIT)
    page.context.clear_cookies()
    log_in(page, live_server, kwaliteit)
    page.goto(f"{live_server.url}/leren/")
    page.get_by_role("link", name="Nieuw thema").click()
    page.get_by_label("Titel").fill("Brieven over terugvordering zijn onduidelijk")
    page.get_by_label("Omschrijving").fill("Inwoners begrijpen de brief niet en bellen of dienen een klacht in.")
    page.get_by_label("terugvordering", exact=True).check()
    page.get_by_label("betrouwbaarheid").check()
    page.get_by_label("Eigenaar").select_option(label="Lieke Vos")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "Het thema is gemaakt" in _message(page)

    page.locator("summary", has_text="Signalen toevoegen").click()
    page.get_by_label(signal.text[:30], exact=False).check()
    page.get_by_role("button", name="Gekozen signalen toevoegen").click()
    page.wait_for_load_state()
    assert "1 signaal toegevoegd" in _message(page)
    assert case.reference in page.locator("#zaken + table").inner_text()
    screenshot(page, "leren-thema")

    form = page.locator("details", has_text="Verbeteractie toevoegen")
    form.get_by_label("Actie", exact=True).fill("Brief over terugvordering herschrijven in B1")
    form.get_by_label("Leidend principe").select_option(label="betrouwbaarheid")
    form.get_by_label("Trekker").select_option(label="Lieke Vos")
    form.get_by_label("Klaar op (uiterlijk)").fill((TODAY + timedelta(days=60)).isoformat())
    form.get_by_role("button", name="Actie toevoegen").click()
    page.wait_for_load_state()
    assert "is toegevoegd" in _message(page)
    action = ImprovementAction.objects.get()

    card = page.locator(f"#actie-{action.pk}")
    card.locator("summary", has_text="Voortgang vastleggen").click()
    card.get_by_label("Wat is er gebeurd?").fill("Nieuwe tekst geschreven met de cliëntenraad.")
    card.get_by_label("Status").select_option("loopt")
    card.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "De voortgang van" in _message(page)
    page.locator(f"#actie-{action.pk}").scroll_into_view_if_needed()
    screenshot(page, "leren-actie")
    action.refresh_from_db()
    assert action.status == "loopt"

    page.get_by_role("link", name="Verbeteracties").click()
    assert "Brief over terugvordering herschrijven in B1" in page.locator("main").inner_text()
    screenshot(page, "leren-acties")
    theme = Theme.objects.get()
    assert list(theme.signals.all()) == [signal] and list(theme.cases.all()) == [case]


def test_suggested_themes_are_searched_and_one_is_accepted(live_server: Any, page: Any, behandelaar: Any) -> None:
    for name in ("energietoeslag", "bereikbaarheid"):
        for i, text in enumerate(GROUPS[name][:7]):
            factories.register("klacht", TODAY - timedelta(days=i + 1), handler=behandelaar, description=text)
    kwaliteit = factories.user("lvos", first="Lieke", last="Vos", team_name="Werk", role=TeamRole.KWALITEIT)
    log_in(page, live_server, kwaliteit)
    page.goto(f"{live_server.url}/leren/voorstellen/")
    page.get_by_role("button", name="Nieuwe voorstellen zoeken").click()
    page.wait_for_load_state()
    assert "Casus vond 2 groep(en) teksten" in _message(page)
    screenshot(page, "leren-voorstellen")
    suggestion = page.locator("article.suggestion", has_text="energietoeslag")
    suggestion.get_by_role("link", name="Thema maken").click()
    page.get_by_label("Titel").fill("Afwijzingen energietoeslag")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "met de zaken en signalen van het voorstel" in _message(page)
    assert Theme.objects.get().cases.count() == 7


def test_mt_reads_the_quarterly_report(live_server: Any, page: Any, behandelaar: Any) -> None:
    from casus.cases.models import GuidingPrinciple
    from casus.learning import services

    subject = factories.subject("woonlastenfonds")
    for days in (5, 40, 100, 130, 200, 220, 250):
        factories.register("klacht", TODAY - timedelta(days=days), handler=behandelaar, subject=subject)
    theme = services.theme_create(
        organisation=factories.organisation(), actor=None, title="Woonlastenfonds: lange wachttijd", subjects=[subject]
    )
    services.action_create(
        theme=theme, actor=None, title="Aanvragen binnen twee weken beslissen", deadline=TODAY + timedelta(days=30),
        principle=GuidingPrinciple.objects.get(name="betrouwbaarheid"),
    )  # fmt: skip
    mt = factories.user("hmulder", first="Henk", last="Mulder", team_name="BBK", role=TeamRole.MT)
    log_in(page, live_server, mt)
    page.goto(f"{live_server.url}/leren/rapport/")
    main = page.locator("main").inner_text()
    assert "Woonlastenfonds: lange wachttijd" in main and "Aanvragen binnen twee weken beslissen" in main
    assert page.get_by_role("link", name="Download als PDF").is_visible()
    screenshot(page, "leren-rapport")


def test_a_case_discussion_is_recorded(live_server: Any, page: Any, behandelaar: Any) -> None:
    case = factories.register("bezwaar", TODAY - timedelta(days=20), handler=behandelaar)
    kwaliteit = factories.user("lvos", first="Lieke", last="Vos", team_name="Werk", role=TeamRole.KWALITEIT)
    log_in(page, live_server, kwaliteit)
    page.goto(f"{live_server.url}/leren/overleg/")
    page.get_by_role("link", name="Overleg vastleggen").click()
    page.get_by_label("Onderwerp van het overleg").fill("Maatwerk bij een terugvordering")
    page.get_by_label("Besproken zaken (kenmerken)").fill(case.reference)
    page.get_by_label("Wie deden mee?").fill("jurist, beleidsmedewerker, klantmanager, ervaringsdeskundige")
    page.get_by_label("Perspectief recht (wet en regels)").fill("De wet laat ruimte voor kwijtschelding.")
    page.get_by_label("Perspectief inwoner / ervaringsdeskundige").fill("De brieven maken mensen bang.")
    page.get_by_label("Besluit", exact=True).fill("Betalingsregeling naar draagkracht.")
    page.get_by_label("Beleidseigenaar", exact=True).fill("Beleid Werk en Inkomen")
    page.get_by_label("Signaal aan de beleidseigenaar").fill("De beleidsregel noemt draagkracht niet.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "Het overleg is vastgelegd" in _message(page)
    assert "De beleidsregel noemt draagkracht niet." in page.locator("main").inner_text()
    screenshot(page, "leren-overleg")
    page.goto(f"{live_server.url}/werk/zaken/{case.pk}/")
    assert "Besproken in het casuïstiekoverleg" in page.locator("#tijdlijn + ol").inner_text()
