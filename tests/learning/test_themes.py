"""Themes (rode draden): a kwaliteitsmedewerker groups cases and signals; MT reads; the page shows the
cases, the count per month or quarter and the trend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from casus.cases.models import Case, GuidingPrinciple
from casus.learning import selectors, services
from casus.learning.models import Theme, ThemeCase
from tests import factories

pytestmark = pytest.mark.django_db


def _theme(**fields: Any) -> Theme:
    fields.setdefault("organisation", factories.organisation())
    fields.setdefault("actor", None)
    fields.setdefault("title", "Onduidelijke brieven")
    return services.theme_create(**fields)


def test_a_kwaliteitsmedewerker_opens_a_theme(kwaliteitsmedewerker: Any) -> None:
    client = factories.logged_in(kwaliteitsmedewerker)
    form = client.get(reverse("learning:theme-new")).content.decode()
    assert 'name="title"' in form
    assert 'name="status"' not in form  # a new theme is open
    response = client.post(
        reverse("learning:theme-new"),
        {
            "organisation": factories.organisation().pk, "title": "Bereikbaarheid",
            "description": "Niemand belt terug.",
            "subjects": [factories.subject("energietoeslag").pk],
            "principles": [GuidingPrinciple.objects.get(name="gastvrijheid").pk], "owner": kwaliteitsmedewerker.pk,
        },
    )  # fmt: skip
    theme = Theme.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("learning:theme", args=[theme.pk])
    assert theme.title == "Bereikbaarheid" and theme.status == "open" and theme.owner == kwaliteitsmedewerker
    assert [s.name for s in theme.subjects.all()] == ["energietoeslag"]
    assert [p.name for p in theme.principles.all()] == ["gastvrijheid"]


def test_a_theme_needs_a_title(kwaliteitsmedewerker: Any) -> None:
    client = factories.logged_in(kwaliteitsmedewerker)
    response = client.post(reverse("learning:theme-new"), {"organisation": factories.organisation().pk, "title": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Theme.objects.exists()


def test_mt_reads_themes_but_does_not_change_them(mt: Any) -> None:
    theme = _theme()
    client = factories.logged_in(mt)
    page = client.get(reverse("learning:theme", args=[theme.pk])).content.decode()
    assert "Onduidelijke brieven" in page
    assert reverse("learning:theme-edit", args=[theme.pk]) not in page
    assert reverse("learning:theme-add-case", args=[theme.pk]) not in page
    assert client.get(reverse("learning:theme-new")).status_code == 403
    assert client.post(reverse("learning:theme-add-case", args=[theme.pk]), {"reference": "x"}).status_code == 403


def test_another_municipality_does_not_see_the_theme(coordinator_elders: Any) -> None:
    theme = _theme()
    client = factories.logged_in(coordinator_elders)
    assert client.get(reverse("learning:theme", args=[theme.pk])).status_code == 403
    assert "Onduidelijke brieven" not in client.get(reverse("learning:themes")).content.decode()


def test_it_edits_a_theme_and_its_status(kwaliteitsmedewerker: Any) -> None:
    theme = _theme()
    client = factories.logged_in(kwaliteitsmedewerker)
    response = client.post(
        reverse("learning:theme-edit", args=[theme.pk]),
        {"organisation": theme.organisation_id, "title": "Brieven in B1", "status": "in_behandeling"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.title, theme.status) == ("Brieven in B1", "in_behandeling")


def test_it_adds_and_removes_a_case_by_reference(kwaliteitsmedewerker: Any, behandelaar: Any) -> None:
    theme = _theme()
    case = factories.register(handler=behandelaar)
    client = factories.logged_in(kwaliteitsmedewerker)
    url = reverse("learning:theme-add-case", args=[theme.pk])
    body = client.post(url, {"reference": case.reference.lower()}, follow=True).content.decode()
    assert f"Zaak {case.reference} hoort nu bij dit thema." in body
    link = ThemeCase.objects.get()
    assert (link.case, link.added_by) == (case, kwaliteitsmedewerker)
    body = client.post(url, {"reference": case.reference}, follow=True).content.decode()
    assert "hoort al bij dit thema" in body
    body = client.post(url, {"reference": "KL-1900-000001"}, follow=True).content.decode()
    assert "Geen zaak gevonden met kenmerk KL-1900-000001" in body
    client.post(reverse("learning:theme-remove-case", args=[theme.pk]), {"case": case.pk})
    assert not ThemeCase.objects.exists()


def test_a_case_of_another_municipality_cannot_join(kwaliteitsmedewerker: Any) -> None:
    theme = _theme()
    elsewhere = factories.register(
        organisation=factories.other_organisation(), team=factories.team("Werk", factories.other_organisation())
    )
    with pytest.raises(services.LearningError, match="eigen organisatie"):
        services.theme_add_case(theme=theme, case=elsewhere, actor=kwaliteitsmedewerker)
    body = (
        factories.logged_in(kwaliteitsmedewerker)
        .post(reverse("learning:theme-add-case", args=[theme.pk]), {"reference": elsewhere.reference}, follow=True)
        .content.decode()
    )
    assert "Geen zaak gevonden" in body


def test_adding_signals_brings_their_cases(kwaliteitsmedewerker: Any, behandelaar: Any) -> None:
    theme = _theme()
    cases = [factories.register(handler=behandelaar) for _ in range(2)]
    signals = [services.signal_record(case=c, actor=behandelaar, text=f"Signaal {i}") for i, c in enumerate(cases)]
    client = factories.logged_in(kwaliteitsmedewerker)
    page = client.get(reverse("learning:theme", args=[theme.pk])).content.decode()
    assert "Signaal 0" in page and "Signalen toevoegen" in page
    body = client.post(
        reverse("learning:theme-add-signals", args=[theme.pk]), {"signals": [s.pk for s in signals]}, follow=True
    ).content.decode()
    assert "2 signalen toegevoegd" in body
    assert set(theme.cases.all()) == set(cases)
    client.post(reverse("learning:theme-remove-signal", args=[theme.pk]), {"signal": signals[0].pk})
    assert list(theme.signals.all()) == [signals[1]]
    assert theme.cases.count() == 2  # the case stays


def test_the_theme_page_counts_linked_and_subject_cases(kwaliteit_werk: Any, behandelaar: Any) -> None:
    today = date.today()
    subject = factories.subject("energietoeslag")
    theme = _theme(subjects=[subject])
    factories.register(handler=behandelaar, subject=subject, received_on=today)
    linked = factories.register(handler=behandelaar, received_on=today - timedelta(days=40))
    services.theme_add_case(theme=theme, case=linked, actor=None)
    factories.register(handler=behandelaar, received_on=today)  # neither linked nor of the subject
    assert selectors.related_cases(theme).count() == 2
    body = factories.logged_in(kwaliteit_werk).get(reverse("learning:theme", args=[theme.pk])).content.decode()
    assert "<svg" in body and "Trend:" in body
    assert linked.reference in body


def test_it_hides_cases_the_reader_may_not_open(kwaliteitsmedewerker: Any, behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar, description="Dossiertekst-geheim")  # team Werk; reader is BBK
    theme = _theme(cases=[case])
    body = factories.logged_in(kwaliteitsmedewerker).get(reverse("learning:theme", args=[theme.pk])).content.decode()
    assert reverse("workspace:case", args=[case.pk]) not in body
    assert "1 zaak die u niet kunt openen" in body
    assert "Dossiertekst-geheim" not in body


def test_counts_per_month_and_quarter_with_the_trend(behandelaar: Any) -> None:
    today = date(2026, 6, 15)
    received = [date(2026, 1, 5)] + [date(2026, 3, 3)] * 2 + [date(2026, 4, 9)] * 3 + [date(2026, 5, 2)] * 4
    received += [date(2026, 6, 1)]
    for day in received:
        factories.register(handler=behandelaar, received_on=day)
    months = selectors.counts_over_time(Case.objects.all(), per="maand", periods=6, today=today)
    assert months.rows == [("jan 2026", 1), ("feb 2026", 0), ("mrt 2026", 2), ("apr 2026", 3), ("mei 2026", 4),
                           ("jun 2026", 1)]  # fmt: skip
    assert months.slope == 0.9  # over jan–mei; June is not over yet
    assert selectors.trend_sentence(months).startswith("Het aantal zaken stijgt")
    quarters = selectors.counts_over_time(Case.objects.all(), per="kwartaal", periods=3, today=today)
    assert quarters.rows == [("K4 2025", 0), ("K1 2026", 3), ("K2 2026", 8)]


def test_a_flat_or_empty_series_says_so() -> None:
    flat = selectors.Counts(per="maand", rows=[("a", 4), ("b", 4), ("c", 4), ("d", 0)], slope=0.0, total=12)
    assert selectors.trend_sentence(flat) == "Het aantal zaken blijft ongeveer gelijk: gemiddeld 4 per maand."
    empty = selectors.Counts(per="maand", rows=[("a", 0), ("b", 0)], slope=0.0, total=0)
    assert selectors.trend_sentence(empty) == "Er zijn nog te weinig zaken om een trend te zien."


def test_the_theme_list_counts_without_a_query_per_row(
    kwaliteitsmedewerker: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(5):
        _theme(title=f"Thema {i}")
    client = factories.logged_in(kwaliteitsmedewerker)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("learning:themes")).content.decode()
    assert all(f"Thema {i}" in body for i in range(5))


def test_the_theme_page_needs_no_query_per_case_signal_or_action(
    kwaliteit_werk: Any, behandelaar: Any, django_assert_max_num_queries: Any
) -> None:
    def fill(theme: Theme, n: int) -> None:
        for i in range(n):
            case = factories.register(handler=behandelaar)
            signal = services.signal_record(case=case, actor=behandelaar, text=f"Signaal {i}")
            services.theme_add_signals(theme=theme, signals=[signal], actor=None)
            action = services.action_create(
                theme=theme, actor=None, title=f"Actie {i}", principle=GuidingPrinciple.objects.first(),
                deadline=date.today(),
            )  # fmt: skip
            services.action_progress(action=action, actor=None, note="Gestart.", status="loopt")

    small, large = _theme(title="Klein"), _theme(title="Groot")
    fill(small, 1)
    fill(large, 6)
    client = factories.logged_in(kwaliteit_werk)
    client.get(reverse("learning:theme", args=[small.pk]))  # warm up (session, content types)
    with django_assert_max_num_queries(40) as small_run:
        client.get(reverse("learning:theme", args=[small.pk]))
    with django_assert_max_num_queries(len(small_run.captured_queries)):
        body = client.get(reverse("learning:theme", args=[large.pk])).content.decode()
    assert "Actie 5" in body and "Signaal 5" in body
