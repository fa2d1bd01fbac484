"""The web Monitor: who may open it, whose figures it shows, the filters, the cases behind every number
(same count, names only where the dossier may be opened, never for MT), the downloads, the audit log.

The world, all in 2025 unless said otherwise (Gemeente Almere unless said otherwise):

    case        type     team    received    resident     closed / outcome       note
    own         klacht   Werk    2025-03-10  Hollebeek    2025-04-01 gegrond
    sensitive   klacht   Werk    2025-03-12  Kraaijeveld  (open)                 gevoelig dossier
    beheer      klacht   Beheer  2025-05-02  Zwanenburg   2025-05-20 ongegrond
    vraag       vraag    Werk    2025-05-06  Hollebeek    (open)
    zeewolde    klacht   Werk    2025-03-11  Tuinstra     (open)                 Gemeente Zeewolde
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from casus.access.models import AuditAction, AuditEntry
from casus.cases import services
from casus.cases.domain import TeamRole
from casus.cases.models import Case, TeamMembership
from casus.monitor.forms import default_period
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = "van=2025-01-01&tot=2025-12-31"
MONITOR = reverse("monitor:monitor")
CASES = reverse("monitor:cases")
NAMES = ("Hollebeek", "Kraaijeveld", "Zwanenburg", "Tuinstra")


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    almere, zeewolde = factories.organisation(), factories.other_organisation()
    role = TeamRole
    people = {
        "behandelaar": factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk"),
        "coordinator": factories.user("mvisser", first="Mark", last="Visser", team_name="Werk", role=role.COORDINATOR),
        "kwaliteit": factories.user("ijansen", first="Ilse", last="Jansen", team_name="Werk", role=TeamRole.KWALITEIT),
        "mt": factories.user("asmits", first="Anouk", last="Smits", team_name="BBK", role=TeamRole.MT),
        "fb": factories.user("bkok", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER),
    }  # fmt: skip
    residents = {
        name: factories.resident(surname=name, organisation=zeewolde if name == "Tuinstra" else almere)
        for name in NAMES
    }
    handler = factories.user("rmeijer", first="Rachid", last="Meijer", team_name="Werk")
    cases = {
        "own": factories.register("klacht", date(2025, 3, 10), handler=handler, resident=residents["Hollebeek"],
                                  subject=factories.subject("energietoeslag")),
        "sensitive": factories.register("klacht", date(2025, 3, 12), handler=handler,
                                        resident=residents["Kraaijeveld"], subject=factories.subject("boete")),
        "beheer": factories.register("klacht", date(2025, 5, 2), team=factories.team("Beheer"),
                                     resident=residents["Zwanenburg"], subject=factories.subject("boete")),
        "vraag": factories.register("vraag", date(2025, 5, 6), resident=residents["Hollebeek"], channel="telefoon"),
        "zeewolde": factories.register("klacht", date(2025, 3, 11), organisation=zeewolde,
                                       team=factories.team("Werk", zeewolde), resident=residents["Tuinstra"]),
    }  # fmt: skip
    Case.objects.filter(pk=cases["sensitive"].pk).update(sensitive=True)
    services.case_close(case=cases["own"], actor=None, outcome="gegrond", closed_on=date(2025, 4, 1))
    services.case_close(case=cases["beheer"], actor=None, outcome="ongegrond", closed_on=date(2025, 5, 20))
    return {"people": people, "cases": cases, "almere": almere, "zeewolde": zeewolde}


def client_of(world: dict[str, Any], role: str) -> Any:
    return factories.logged_in(world["people"][role])


def drill_links(html: str) -> list[tuple[str, str]]:
    """(url, number shown) of every link to the cases behind a number."""
    found = re.findall(r'<a[^>]* href="(/monitor/zaken/\?[^"]+)"[^>]*>([^<]+)<', html)
    return [(url.replace("&amp;", "&"), text.strip()) for url, text in found]


def count_on(html: str) -> int:
    match = re.search(r'class="drill-count"[^>]*><strong>(\d+) za(?:ak|ken)</strong>', html)
    assert match, "the list states how many cases it holds"
    return int(match.group(1))


# --- who may open it -------------------------------------------------------------------------------


def test_it_refuses_a_behandelaar_and_sends_a_visitor_to_the_login_page(world: dict[str, Any], client: Any) -> None:
    for url in (MONITOR, CASES, reverse("monitor:export", args=["csv"])):
        assert client_of(world, "behandelaar").get(url).status_code == 403
        assert client.get(url).status_code == 302
    assert AuditEntry.objects.filter(user=world["people"]["behandelaar"], action=AuditAction.DENIED).count() == 3


@pytest.mark.parametrize("role", ["coordinator", "kwaliteit", "mt", "fb"])
def test_it_shows_the_figures_to_the_reporting_roles(world: dict[str, Any], role: str) -> None:
    response = client_of(world, role).get(f"{MONITOR}?{YEAR}")
    assert response.status_code == 200
    report = response.context["page"].r
    assert report["received"]["total"] == 4  # own, sensitive, beheer, vraag: never Zeewolde's case
    assert report["closed"]["total"] == 2
    body = response.content.decode()
    assert body.count('role="img"') >= 4  # the charts: intake, subjects, founded rate, lead time, trend
    assert "Ontvangen zaken per maand" in body


def test_the_menu_shows_the_monitor_to_reporting_roles_only(world: dict[str, Any]) -> None:
    link = f'href="{MONITOR}"'
    assert link in client_of(world, "mt").get(reverse("home")).content.decode()
    assert link not in client_of(world, "behandelaar").get(reverse("home")).content.decode()


def test_a_user_of_two_organisations_chooses_one_and_never_sees_both(world: dict[str, Any]) -> None:
    coordinator = world["people"]["coordinator"]
    TeamMembership.objects.create(team=factories.team("Werk", world["zeewolde"]), user=coordinator, role=TeamRole.MT)
    client = factories.logged_in(coordinator)
    first = client.get(f"{MONITOR}?{YEAR}")
    assert 'name="organisatie"' in first.content.decode() and "<select" in first.content.decode()
    assert first.context["page"].r["received"]["total"] == 4  # Gemeente Almere comes first by name
    other = client.get(f"{MONITOR}?{YEAR}&organisatie={world['zeewolde'].pk}")
    assert other.context["page"].r["received"]["total"] == 1


def test_an_organisation_outside_the_users_roles_is_refused_in_dutch(world: dict[str, Any]) -> None:
    response = client_of(world, "coordinator").get(f"{MONITOR}?{YEAR}&organisatie={world['zeewolde'].pk}")
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "Selecteer een geldige keuze" in response.content.decode()


# --- filters ---------------------------------------------------------------------------------------


def test_without_filters_it_shows_this_year_to_date() -> None:
    assert default_period(date(2026, 11, 23)) == (date(2026, 1, 1), date(2026, 11, 23))
    assert default_period(date(2026, 1, 15)) == (date(2025, 1, 1), date(2025, 12, 31))  # January: last year


def test_the_filters_narrow_the_figures(world: dict[str, Any]) -> None:
    client = client_of(world, "kwaliteit")
    report = client.get(f"{MONITOR}?{YEAR}&zaaktype=klacht&team=Werk").context["page"].r
    assert report["received"]["total"] == 2
    report = client.get(f"{MONITOR}?{YEAR}&kanaal=telefoon").context["page"].r
    assert report["received"]["total"] == 1
    report = client.get(f"{MONITOR}?{YEAR}&onderwerp=boete").context["page"].r
    assert report["received"]["total"] == 2
    report = client.get(f"{MONITOR}?van=2025-03-01&tot=2025-03-31").context["page"].r
    assert report["received"]["total"] == 2


def test_a_comparison_period_and_a_subject_left_out_are_sentences_with_links(world: dict[str, Any]) -> None:
    query = f"{YEAR}&vergelijk_van=2024-01-01&vergelijk_tot=2024-12-31&zonder_onderwerp=energietoeslag"
    body = client_of(world, "coordinator").get(f"{MONITOR}?{query}").content.decode()
    assert "Ten opzichte van de vergelijkingsperiode, 1 januari 2024 tot en met 31 december 2024" in body
    assert "Zonder het onderwerp energietoeslag: " in body
    figures = {re.search(r"figuur=(\w+)", url).group(1) for url, _ in drill_links(body)}
    assert {"compare", "without_subject", "without_subject_compare"} <= figures


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("van=2025-02-30&tot=2025-12-31", "Vul een geldige datum in"),
        ("van=&tot=2025-12-31", "Vul een datum in."),
        ("van=2025-12-31&tot=2025-01-01", "De einddatum ligt voor de begindatum."),
        (f"{YEAR}&vergelijk_van=2024-01-01", "Vul beide datums van de vergelijkingsperiode in"),
        (f"{YEAR}&vergelijk_van=2024-12-01&vergelijk_tot=2024-01-01", "De einddatum van de vergelijkingsperiode"),
        (f"{YEAR}&zaaktype=taart", "Selecteer een geldige keuze"),
        ("van=0001-01-01&tot=9999-12-31", "Kies een periode van hoogstens 20 jaar."),
    ],
)
def test_wrong_filters_give_a_dutch_message_and_no_figures(world: dict[str, Any], query: str, message: str) -> None:
    response = client_of(world, "coordinator").get(f"{MONITOR}?{query}")
    assert response.status_code == 200
    assert response.context["page"] is None
    body = response.content.decode()
    assert message in body
    assert "De cijfers zijn niet getoond" in body


def test_an_htmx_request_gets_the_figures_without_the_page_around_them(world: dict[str, Any]) -> None:
    response = client_of(world, "coordinator").get(f"{MONITOR}?{YEAR}", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="monitor"')
    assert "<html" not in body
    assert response.headers["Vary"] == "HX-Request" or "HX-Request" in response.headers["Vary"]


# --- the cases behind a number ---------------------------------------------------------------------


def test_every_count_opens_a_list_with_exactly_that_many_cases(world: dict[str, Any]) -> None:
    client = client_of(world, "coordinator")
    query = f"{YEAR}&vergelijk_van=2024-01-01&vergelijk_tot=2024-12-31&zonder_onderwerp=boete"
    links = drill_links(client.get(f"{MONITOR}?{query}").content.decode())
    counts = [(url, text) for url, text in links if text.replace(".", "").isdigit() and "figuur=repeat" not in url]
    assert len(counts) > 30
    for url, text in counts:
        response = client.get(url)
        assert response.status_code == 200, url
        assert count_on(response.content.decode()) == int(text.replace(".", "")), url


def test_the_list_is_headed_by_the_figure_it_belongs_to(world: dict[str, Any]) -> None:
    client = client_of(world, "coordinator")
    body = client.get(f"{CASES}?{YEAR}&figuur=received&sleutel=2025-03").content.decode()
    assert "<h1>Ontvangen in de periode: maart 2025</h1>" in body
    assert count_on(body) == 2
    body = client.get(f"{CASES}?{YEAR}&figuur=subject&sleutel=boete").content.decode()
    assert "<h1>Ontvangen per onderwerp: boete</h1>" in body
    body = client.get(f"{CASES}?{YEAR}&figuur=lead&sleutel=within_6_weeks").content.decode()
    assert "<h1>Doorlooptijd: binnen 6 weken</h1>" in body
    assert count_on(body) == 2


def test_a_coordinator_sees_names_of_the_cases_of_the_own_team_only(world: dict[str, Any]) -> None:
    cases = world["cases"]
    body = client_of(world, "coordinator").get(f"{CASES}?{YEAR}&figuur=received").content.decode()
    assert count_on(body) == 4
    assert "Hollebeek" in body and "Kraaijeveld" in body  # own team, sensitive included for the coördinator
    assert "Zwanenburg" not in body  # team Beheer: counted, not named
    assert "Tuinstra" not in body
    assert reverse("workspace:case", args=[cases["zeewolde"].pk]) not in body
    assert reverse("workspace:case", args=[cases["own"].pk]) in body
    assert reverse("workspace:case", args=[cases["beheer"].pk]) not in body
    assert cases["beheer"].reference in body
    assert "afgeschermd" in body


def test_a_kwaliteitsmedewerker_does_not_see_the_name_on_a_sensitive_case(world: dict[str, Any]) -> None:
    body = client_of(world, "kwaliteit").get(f"{CASES}?{YEAR}&figuur=received").content.decode()
    assert "Hollebeek" in body
    assert "Kraaijeveld" not in body
    assert reverse("workspace:case", args=[world["cases"]["sensitive"].pk]) not in body


@pytest.mark.parametrize("role", ["mt", "fb"])
def test_mt_and_functioneel_beheer_see_the_list_without_any_name(world: dict[str, Any], role: str) -> None:
    body = client_of(world, role).get(f"{CASES}?{YEAR}&figuur=received").content.decode()
    assert count_on(body) == 4
    for name in NAMES:
        assert name not in body
    assert "Inwoner</th>" not in body
    assert "gepseudonimiseerd" in body
    assert "/werk/zaken/" not in body


def test_looking_at_the_cases_behind_a_number_is_in_the_audit_log(world: dict[str, Any]) -> None:
    client_of(world, "mt").get(f"{CASES}?{YEAR}&figuur=subject&sleutel=boete")
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="monitor.figuur")
    assert entry.username == "asmits"
    assert entry.object_id == "subject"
    assert entry.object_repr == "Ontvangen per onderwerp: boete"
    assert entry.detail["zaken"] == 2
    assert entry.detail["sleutel"] == "boete"
    assert entry.organisation_id == world["almere"].pk


@pytest.mark.parametrize(
    "query",
    [
        "figuur=taart", "figuur=lead&sleutel=morgen", "figuur=trend&sleutel=vorig-jaar", "figuur=trend&sleutel=0",
        "figuur=received&sleutel=2025-13", "figuur=lead&sleutel=2025-13:within_6_weeks", "figuur=subject&sleutel=%00",
        "figuur=compare", "figuur=repeat&sleutel=5",
    ],
)  # fmt: skip
def test_a_link_to_a_number_that_does_not_exist_is_a_dutch_404(world: dict[str, Any], query: str) -> None:
    response = client_of(world, "coordinator").get(f"{CASES}?{YEAR}&{query}")
    assert response.status_code == 404
    assert "Deze link hoort niet bij een getal in de Monitor" in response.content.decode()
    assert not AuditEntry.objects.filter(object_type="monitor.figuur").exists()


def test_wrong_filters_on_the_list_are_named_in_dutch(world: dict[str, Any]) -> None:
    response = client_of(world, "coordinator").get(f"{CASES}?van=2025-12-31&tot=2025-01-01&figuur=received")
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_the_list_is_paginated(world: dict[str, Any]) -> None:
    for day in range(1, 56):
        factories.register("vraag", date(2025, 7, 1 + day % 28))
    client = client_of(world, "coordinator")
    first = client.get(f"{CASES}?{YEAR}&figuur=received").content.decode()
    assert count_on(first) == 59
    assert "Pagina 1 van 2" in first
    second = client.get(f"{CASES}?{YEAR}&figuur=received&pagina=2").content.decode()
    assert "Pagina 2 van 2" in second
    assert second.count('<tr>\n      <td class="nowrap">') == 9


# --- downloads -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("csv", "text/csv; charset=utf-8", b""),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_the_report_downloads_pseudonymised_and_audited(
    world: dict[str, Any], fmt: str, content_type: str, magic: bytes
) -> None:
    response = client_of(world, "kwaliteit").get(f"{reverse('monitor:export', args=[fmt])}?{YEAR}&zaaktype=klacht")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="casus-monitor-2025-01-01-2025-12-31.{fmt}"'
    assert response.content.startswith(magic)
    for name in NAMES:
        assert name.encode() not in response.content
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, username="ijansen")
    assert entry.detail["format"] == fmt
    assert "zaaktype=klacht" in entry.detail["filters"]
    assert entry.organisation_id == world["almere"].pk


def test_the_csv_holds_the_figures_of_the_own_organisation(world: dict[str, Any]) -> None:
    response = client_of(world, "coordinator").get(f"{reverse('monitor:export', args=['csv'])}?{YEAR}")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if text.count(";") > text.count(",") else ","))
    assert len(rows) > 5
    assert "Tuinstra" not in text


def test_an_unknown_format_or_wrong_filters_give_no_file(world: dict[str, Any]) -> None:
    client = client_of(world, "coordinator")
    assert client.get(f"{reverse('monitor:export', args=['docx'])}?{YEAR}").status_code == 404
    wrong = client.get(f"{reverse('monitor:export', args=['pdf'])}?van=2025-12-31&tot=2025-01-01")
    assert wrong.status_code == 302
    assert wrong["Location"].startswith(MONITOR)
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_list_needs_as_many_queries_for_fifty_cases_as_for_four(
    world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = client_of(world, "coordinator")
    client.get(f"{CASES}?{YEAR}&figuur=received")  # the session and the user are read once
    with django_assert_max_num_queries(25) as few:
        client.get(f"{CASES}?{YEAR}&figuur=received")
    for day in range(1, 56):
        factories.register("vraag", date(2025, 7, 1 + day % 28), resident=factories.resident(surname=f"Inwoner{day}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(f"{CASES}?{YEAR}&figuur=received").content.decode()
    assert count_on(body) == 59


def test_the_list_of_repeat_filers_says_it_counts_residents(world: dict[str, Any]) -> None:
    body = client_of(world, "coordinator").get(f"{CASES}?{YEAR}&figuur=repeat&sleutel=2").content.decode()
    assert "<h1>Zaken van inwoners die vaker indienden: inwoners met 2 zaken</h1>" in body
    assert count_on(body) == 2  # Hollebeek's klacht and vraag
    assert "Het getal in de Monitor telt inwoners." in body
