"""Retention periods: the default table, conditions, an organisation's own rules, and the due date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casus.cases.domain import OUTCOMES_BY_TYPE
from casus.cases.models import Case
from casus.retention.models import RetentionMark, RetentionRule
from casus.retention.periods import RuleBook, add_years, cases_past_retention, cutoff, retention_due
from casus.retention.services import seed_default_rules
from tests import factories

from .helpers import closed

pytestmark = pytest.mark.django_db

# Written out by hand from DOMAIN.md §4 item 9 (Selectielijst gemeenten 2020), not from the code.
EXPECTED_YEARS = {
    ("klacht", "gegrond"): 5,
    ("klacht", "deels_gegrond"): 5,
    ("klacht", "ongegrond"): 5,
    ("klacht", "geen_oordeel"): 5,
    ("klacht", "informeel_afgehandeld"): 5,
    ("klacht", "ingetrokken"): 1,
    ("klacht", "niet_in_behandeling"): 1,
    ("bezwaar", "gegrond"): 5,
    ("bezwaar", "deels_gegrond"): 5,
    ("bezwaar", "ongegrond"): 5,
    ("bezwaar", "informeel_opgelost"): 5,
    ("bezwaar", "niet_ontvankelijk"): 1,
    ("bezwaar", "ingetrokken"): 1,
    ("beroep", "gegrond"): 5,
    ("beroep", "deels_gegrond"): 5,
    ("beroep", "ongegrond"): 5,
    ("beroep", "informeel_opgelost"): 5,
    ("beroep", "niet_ontvankelijk"): 1,
    ("beroep", "ingetrokken"): 1,
    ("aanvraag", "toegekend"): 5,
    ("aanvraag", "deels_toegekend"): 5,
    ("aanvraag", "afgewezen"): 1,
    ("aanvraag", "buiten_behandeling"): 1,
    ("aanvraag", "ingetrokken"): 1,
    ("wmo_aanvraag", "toegekend"): 5,
    ("wmo_aanvraag", "deels_toegekend"): 5,
    ("wmo_aanvraag", "afgewezen"): 1,
    ("wmo_aanvraag", "buiten_behandeling"): 1,
    ("wmo_aanvraag", "ingetrokken"): 1,
    ("woo", "openbaar"): 5,
    ("woo", "deels_openbaar"): 5,
    ("woo", "niet_openbaar"): 1,
    ("woo", "geen_documenten"): 1,
    ("woo", "buiten_behandeling"): 1,
    ("woo", "ingetrokken"): 1,
    ("vraag", "beantwoord"): 1,
    ("vraag", "doorverwezen"): 1,
    ("vraag", "niet_bereikt"): 1,
    ("vraag", "ingetrokken"): 1,
    ("terugbelverzoek", "beantwoord"): 1,
    ("terugbelverzoek", "doorverwezen"): 1,
    ("terugbelverzoek", "niet_bereikt"): 1,
    ("terugbelverzoek", "ingetrokken"): 1,
    ("wmo_melding", "onderzoek_afgerond"): 1,
    ("wmo_melding", "doorverwezen"): 1,
    ("wmo_melding", "ingetrokken"): 1,
}

# (type, outcome, financial, ombudsman) -> years: the longest period that applies wins.
EXPECTED_WITH_CONDITIONS = [
    ("klacht", "gegrond", True, False, 7),
    ("klacht", "gegrond", False, True, 10),
    ("klacht", "gegrond", True, True, 10),
    ("klacht", "ingetrokken", True, False, 7),
    ("klacht", "niet_in_behandeling", False, True, 10),
    ("bezwaar", "ongegrond", True, False, 7),
    ("bezwaar", "niet_ontvankelijk", True, False, 7),
    ("bezwaar", "ongegrond", False, True, 5),  # the ombudsman is about complaints only
    ("beroep", "gegrond", True, False, 7),
    ("aanvraag", "toegekend", True, False, 5),
    ("vraag", "beantwoord", True, True, 1),
]


def test_the_table_covers_every_outcome_of_every_case_type() -> None:
    every = {(case_type, outcome.value) for case_type, outcomes in OUTCOMES_BY_TYPE.items() for outcome in outcomes}
    assert set(EXPECTED_YEARS) == every


@pytest.mark.parametrize(("case_type", "outcome"), sorted(EXPECTED_YEARS))
def test_the_seeded_rules_give_the_selection_list_period(case_type: str, outcome: str) -> None:
    assert RetentionRule.objects.filter(organisation=factories.organisation()).exists()  # data migration
    assert RuleBook(factories.organisation()).years(case_type, outcome) == EXPECTED_YEARS[(case_type, outcome)]


@pytest.mark.parametrize(("case_type", "outcome"), sorted(EXPECTED_YEARS))
def test_without_rules_the_built_in_defaults_give_the_same_period(case_type: str, outcome: str) -> None:
    RetentionRule.objects.filter(organisation=factories.organisation()).delete()
    assert RuleBook(factories.organisation()).years(case_type, outcome) == EXPECTED_YEARS[(case_type, outcome)]


@pytest.mark.parametrize(("case_type", "outcome", "financial", "ombudsman", "years"), EXPECTED_WITH_CONDITIONS)
def test_conditions_lengthen_the_period(
    case_type: str, outcome: str, financial: bool, ombudsman: bool, years: int
) -> None:
    conditions = tuple(c for c, on in (("financieel", financial), ("ombudsman", ombudsman)) if on)
    assert RuleBook(factories.organisation()).years(case_type, outcome, conditions) == years


def test_a_new_organisation_gets_the_default_rules() -> None:
    org = factories.other_organisation()
    assert (
        RetentionRule.objects.filter(organisation=org).count()
        == RetentionRule.objects.filter(organisation=factories.organisation()).count()
    )
    assert seed_default_rules(org) == 0  # nothing twice


def test_an_organisations_own_rule_wins_over_the_default() -> None:
    org = factories.organisation()
    RetentionRule.objects.filter(organisation=org, case_type="vraag", outcome="").update(years=2)
    RetentionRule.objects.create(organisation=org, case_type="vraag", outcome="doorverwezen", years=3)
    book = RuleBook(org)
    assert book.years("vraag", "beantwoord") == 2
    assert book.years("vraag", "doorverwezen") == 3
    assert RuleBook(factories.other_organisation()).years("vraag", "beantwoord") == 1


def test_a_rule_for_an_outcome_of_another_type_is_refused() -> None:
    from django.core.exceptions import ValidationError

    rule = RetentionRule(organisation=factories.organisation(), case_type="vraag", outcome="gegrond", years=1)
    with pytest.raises(ValidationError):
        rule.full_clean()


# --- dates ---------------------------------------------------------------------------------------


def test_add_years_and_cutoff_handle_29_february() -> None:
    assert add_years(date(2020, 2, 29), 1) == date(2021, 3, 1)
    assert add_years(date(2020, 2, 29), 4) == date(2024, 2, 29)
    assert cutoff(date(2025, 2, 28), 1) == date(2024, 2, 28)
    assert cutoff(date(2024, 2, 29), 1) == date(2023, 2, 28)


@given(
    closed_on=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    on=st.dates(min_value=date(2001, 1, 1), max_value=date(2045, 12, 31)),
    years=st.sampled_from([1, 5, 7, 10]),
)
def test_the_sql_cutoff_agrees_with_the_due_date(closed_on: date, on: date, years: int) -> None:
    assert (add_years(closed_on, years) <= on) == (closed_on <= cutoff(on, years))


def test_retention_due_is_the_closing_date_plus_the_period() -> None:
    complaint = closed("klacht", "ongegrond", closed_on=date(2020, 3, 10))
    question = closed("vraag", "beantwoord", received_on=date(2020, 2, 20), closed_on=date(2020, 2, 29))
    assert retention_due(complaint) == date(2025, 3, 10)
    assert retention_due(question) == date(2021, 3, 1)


@pytest.mark.parametrize(
    ("case_type", "outcome", "closed_on", "due"),
    [
        ("klacht", "ongegrond", date(2020, 3, 10), date(2025, 3, 10)),
        ("klacht", "ingetrokken", date(2020, 3, 10), date(2021, 3, 10)),
        ("vraag", "beantwoord", date(2020, 2, 29), date(2021, 3, 1)),
        ("aanvraag", "toegekend", date(2019, 12, 31), date(2024, 12, 31)),
        ("aanvraag", "afgewezen", date(2019, 12, 31), date(2020, 12, 31)),
    ],
)
def test_a_case_is_past_retention_on_its_due_date_not_the_day_before(
    case_type: str, outcome: str, closed_on: date, due: date
) -> None:
    case = closed(case_type, outcome, received_on=date(2019, 2, 1), closed_on=closed_on)
    org = factories.organisation()

    assert retention_due(case) == due
    assert case not in cases_past_retention(org, due - timedelta(days=1))
    assert case in cases_past_retention(org, due)


def test_a_mark_moves_the_due_date() -> None:
    case = closed("klacht", "gegrond", received_on=date(2018, 4, 2), closed_on=date(2018, 5, 1))
    RetentionMark.objects.create(case=case, ombudsman=True)
    case = Case.objects.get(pk=case.pk)
    org = factories.organisation()

    assert retention_due(case) == date(2028, 5, 1)
    assert case not in cases_past_retention(org, date(2026, 11, 1))
    assert case in cases_past_retention(org, date(2028, 5, 1))


def test_an_open_case_has_no_retention_date() -> None:
    case = factories.register("klacht", date(2019, 3, 4))
    with pytest.raises(ValueError, match="open"):
        retention_due(case)
    assert case not in cases_past_retention(factories.organisation(), date(2040, 1, 1))


def test_the_sql_selection_matches_retention_due_for_every_case() -> None:
    org = factories.organisation()
    cases = []
    for (case_type, outcome), _years in sorted(EXPECTED_YEARS.items()):
        if (case_type, outcome) == ("terugbelverzoek", "niet_bereikt"):
            continue  # needs three failed call attempts first
        for day in (date(2019, 6, 3), date(2021, 1, 15), date(2024, 2, 29)):
            cases.append(closed(case_type, outcome, received_on=date(2019, 1, 2), closed_on=day))
    RetentionMark.objects.create(case=cases[0], financial_consequences=True)
    RetentionMark.objects.create(case=cases[3], ombudsman=True, financial_consequences=True)
    on = date(2026, 6, 3)

    expected = {c.pk for c in Case.objects.filter(pk__in=[c.pk for c in cases]) if retention_due(c) <= on}
    found = set(cases_past_retention(org, on).values_list("pk", flat=True))

    assert found == expected
    assert 0 < len(found) < len(cases)
