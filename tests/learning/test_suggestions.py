"""Suggested themes: groups of similar texts and subjects that rose; accept (a theme) or dismiss."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from casus.learning import services
from casus.learning.models import SuggestionKind, SuggestionStatus, Theme, ThemeSuggestion
from casus.learning.suggestions import rises, suggestions_refresh
from tests import factories
from tests.learning.corpus import GROUPS

pytestmark = pytest.mark.django_db

TODAY = date.today()


def _cases_from_corpus(handler: Any, groups: tuple[str, ...] = ("energietoeslag", "brieven")) -> dict[str, list]:
    made: dict[str, list] = {}
    for name in groups:
        for i, text in enumerate(GROUPS[name][:8]):
            case = factories.register(handler=handler, received_on=TODAY - timedelta(days=i), description=text)
            made.setdefault(name, []).append(case)
    return made


def test_it_proposes_groups_of_similar_texts_with_their_signals(behandelaar: Any) -> None:
    made = _cases_from_corpus(behandelaar)
    signal = services.signal_record(
        case=made["brieven"][0], actor=behandelaar, text=GROUPS["brieven"][9]
    )  # a signal in the words of the same group
    found = suggestions_refresh(organisation=factories.organisation())
    assert found.text_groups == 2
    groups = ThemeSuggestion.objects.filter(kind=SuggestionKind.TEXT_CLUSTER)
    by_word = {s.payload["terms"][0]: s for s in groups}
    assert set(by_word) == {"energietoeslag", "brief"}
    assert set(by_word["brief"].cases.all()) == set(made["brieven"])
    assert list(by_word["brief"].signals.all()) == [signal]
    assert by_word["energietoeslag"].title.startswith("Zaken over energietoeslag")


def test_a_new_search_replaces_open_ones_and_skips_what_was_decided(
    behandelaar: Any, kwaliteitsmedewerker: Any
) -> None:
    _cases_from_corpus(behandelaar)
    suggestions_refresh(organisation=factories.organisation())
    dismissed = ThemeSuggestion.objects.get(payload__terms__0="brief")
    services.suggestion_dismiss(suggestion=dismissed, actor=kwaliteitsmedewerker)
    suggestions_refresh(organisation=factories.organisation())
    open_ = ThemeSuggestion.objects.filter(status=SuggestionStatus.OPEN)
    assert [s.payload["terms"][0] for s in open_] == ["energietoeslag"]  # the letters group is not back
    assert ThemeSuggestion.objects.count() == 2  # one open (renewed), one dismissed


def test_it_proposes_a_subject_whose_complaints_rose(behandelaar: Any) -> None:
    rising, steady = factories.subject("woonlastenfonds"), factories.subject("boete")
    for days in (10, 20, 30, 40, 50, 60):
        factories.register(handler=behandelaar, subject=rising, received_on=TODAY - timedelta(days=days))
    for days in (100, 120):
        factories.register(handler=behandelaar, subject=rising, received_on=TODAY - timedelta(days=days))
    for days in (5, 15, 25, 35, 45, 100, 110, 120, 130, 140):
        factories.register(handler=behandelaar, subject=steady, received_on=TODAY - timedelta(days=days))
    found = rises(factories.organisation(), TODAY)
    assert [(r["subject"], r["count"], r["previous"], r["change"]) for r in found] == [("woonlastenfonds", 6, 2, 2.0)]
    suggestions_refresh(organisation=factories.organisation())
    rise = ThemeSuggestion.objects.get(kind=SuggestionKind.FIGURE_RISE)
    assert rise.title == "Meer klachten over woonlastenfonds" and rise.subject == rising
    assert rise.cases.count() == 6


def test_a_rise_is_not_proposed_when_an_open_theme_has_the_subject(behandelaar: Any) -> None:
    rising = factories.subject("woonlastenfonds")
    for days in (10, 20, 30, 40, 50):
        factories.register(handler=behandelaar, subject=rising, received_on=TODAY - timedelta(days=days))
    services.theme_create(organisation=factories.organisation(), actor=None, title="Woonlasten", subjects=[rising])
    assert suggestions_refresh(organisation=factories.organisation()).rises == 0


def test_the_kwaliteitsmedewerker_turns_a_suggestion_into_a_theme(behandelaar: Any, kwaliteitsmedewerker: Any) -> None:
    made = _cases_from_corpus(behandelaar, ("energietoeslag",))
    suggestions_refresh(organisation=factories.organisation())
    suggestion = ThemeSuggestion.objects.get()
    client = factories.logged_in(kwaliteitsmedewerker)
    page = client.get(reverse("learning:suggestions")).content.decode()
    assert "Zaken over energietoeslag" in page and "lijken op elkaar" in page
    form = client.get(reverse("learning:suggestion-accept", args=[suggestion.pk])).content.decode()
    assert 'value="Zaken over energietoeslag' in form
    response = client.post(
        reverse("learning:suggestion-accept", args=[suggestion.pk]),
        {"organisation": suggestion.organisation_id, "title": "Afwijzingen energietoeslag", "description": "x"},
    )
    theme = Theme.objects.get()
    assert response["Location"] == reverse("learning:theme", args=[theme.pk])
    assert set(theme.cases.all()) == set(made["energietoeslag"])
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.theme, suggestion.decided_by) == ("aangenomen", theme, kwaliteitsmedewerker)
    again = client.post(reverse("learning:suggestion-accept", args=[suggestion.pk]), {"title": "Nog eens"}, follow=True)
    assert "Over dit voorstel is al besloten." in again.content.decode()
    assert Theme.objects.count() == 1


def test_dismissing_from_the_page(behandelaar: Any, kwaliteitsmedewerker: Any) -> None:
    _cases_from_corpus(behandelaar, ("brieven",))
    suggestions_refresh(organisation=factories.organisation())
    suggestion = ThemeSuggestion.objects.get()
    client = factories.logged_in(kwaliteitsmedewerker)
    body = client.post(reverse("learning:suggestion-dismiss", args=[suggestion.pk]), follow=True).content.decode()
    assert "Het voorstel is afgewezen." in body and "Eerder besloten" in body
    suggestion.refresh_from_db()
    assert suggestion.status == "afgewezen" and suggestion.decided_at is not None


def test_the_search_button_and_the_command(behandelaar: Any, kwaliteitsmedewerker: Any, mt: Any) -> None:
    _cases_from_corpus(behandelaar, ("brieven",))
    assert factories.logged_in(mt).post(reverse("learning:suggestions-search")).status_code == 403
    body = factories.logged_in(kwaliteitsmedewerker).post(reverse("learning:suggestions-search"), follow=True)
    assert "Casus vond 1 groep(en) teksten" in body.content.decode()
    from io import StringIO

    out = StringIO()
    call_command("suggest_themes", organisation="almere", stdout=out)
    assert "1 groep(en) teksten" in out.getvalue()
    assert ThemeSuggestion.objects.count() == 1  # replaced, not doubled


def test_mt_sees_suggestions_without_case_descriptions_or_buttons(behandelaar: Any, mt: Any) -> None:
    _cases_from_corpus(behandelaar, ("brieven",))
    suggestions_refresh(organisation=factories.organisation())
    body = factories.logged_in(mt).get(reverse("learning:suggestions")).content.decode()
    assert "Zaken over brief" in body
    assert GROUPS["brieven"][0] not in body  # a case description: not for MT
    assert "Thema maken" not in body and "Nieuwe voorstellen zoeken" not in body
