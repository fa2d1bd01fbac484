"""Every Monitor figure against hand-computed expectations (DOMAIN.md §5, §9; docs/monitor.md).

The fixture, all complaints of Gemeente Almere, period 2025 (lead time = closed − received, days):

    case  received    subject         team    channel   resident  closed      outcome                days
    c1    2025-01-10  energietoeslag  Werk    email     A         2025-02-01  gegrond                22
    c2    2025-01-20  energietoeslag  Werk    post      A         2025-03-31  deels_gegrond          70
    c3    2025-02-05  boete           Beheer  email     A         2025-04-17  ongegrond              71
    c4    2025-03-01  boete           Beheer  email     B         (open)
    c5    2025-03-15  (none)          Werk    telefoon  B         2026-01-10  gegrond (after period)
    c6    2024-12-01  boete           Werk    email     C         2025-01-12  informeel_afgehandeld  42
    c7    2024-06-01  energietoeslag  Werk    email     -         (open)

c1 has nature "duurt lang". Received cohort 2025: c1–c5; closed cohort 2025: c1, c2, c3, c6.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from casus.cases import services
from casus.monitor import figures
from casus.monitor.figures import Filters
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31), case_type="klacht")


def _case(received: date, *, subject: str | None, team: str, channel: str, resident: Any, **extra: Any) -> Any:
    return factories.register(
        "klacht", received, subject=factories.subject(subject) if subject else None, team=factories.team(team),
        channel=channel, resident=resident, **extra,
    )  # fmt: skip


def _close(case: Any, outcome: str, on: date) -> Any:
    return services.case_close(case=case, actor=None, outcome=outcome, closed_on=on)


@pytest.fixture
def cases(db: None) -> dict[str, Any]:
    a = factories.resident(given_name="Anna", surname="Aalders")
    b = factories.resident(given_name="Bert", surname="Bos")
    c = factories.resident(given_name="Cor", surname="Claes")
    made = {
        "c1": _case(date(2025, 1, 10), subject="energietoeslag", team="Werk", channel="email", resident=a,
                    nature=factories.nature("duurt lang")),
        "c2": _case(date(2025, 1, 20), subject="energietoeslag", team="Werk", channel="post", resident=a),
        "c3": _case(date(2025, 2, 5), subject="boete", team="Beheer", channel="email", resident=a),
        "c4": _case(date(2025, 3, 1), subject="boete", team="Beheer", channel="email", resident=b),
        "c5": _case(date(2025, 3, 15), subject=None, team="Werk", channel="telefoon", resident=b),
        "c6": _case(date(2024, 12, 1), subject="boete", team="Werk", channel="email", resident=c),
        "c7": _case(date(2024, 6, 1), subject="energietoeslag", team="Werk", channel="email", resident=None),
    }  # fmt: skip
    _close(made["c1"], "gegrond", date(2025, 2, 1))
    _close(made["c2"], "deels_gegrond", date(2025, 3, 31))
    _close(made["c3"], "ongegrond", date(2025, 4, 17))
    _close(made["c5"], "gegrond", date(2026, 1, 10))
    _close(made["c6"], "informeel_afgehandeld", date(2025, 1, 12))
    return made


def test_intake_per_month_with_every_month_of_the_period(cases: dict[str, Any]) -> None:
    received = figures.intake(YEAR)
    assert received["total"] == 5
    assert received["by_month"] == {
        "2025-01": 2, "2025-02": 1, "2025-03": 2, "2025-04": 0, "2025-05": 0, "2025-06": 0,
        "2025-07": 0, "2025-08": 0, "2025-09": 0, "2025-10": 0, "2025-11": 0, "2025-12": 0,
    }  # fmt: skip
    assert received["change_vs_compare"] is None  # no comparison period given


def test_change_vs_comparison_period(cases: dict[str, Any]) -> None:
    # 2025: 5 received; 2024: 2 (c6, c7) → (5 − 2) / 2 = +150%.
    compared = Filters(**{**YEAR.__dict__, "compare_from": date(2024, 1, 1), "compare_to": date(2024, 12, 31)})
    assert figures.intake(compared)["change_vs_compare"] == 1.5
    # Jan–Feb 2025 (3) against Mar–Dec 2025 (2): (3 − 2) / 2 = 0.5; the other way round −1/3.
    early = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 2, 28), compare_from=date(2025, 3, 1),
                    compare_to=date(2025, 12, 31))  # fmt: skip
    assert figures.intake(early)["change_vs_compare"] == 0.5
    late = Filters(date_from=date(2025, 3, 1), date_to=date(2025, 12, 31), compare_from=date(2025, 1, 1),
                   compare_to=date(2025, 2, 28))  # fmt: skip
    assert figures.intake(late)["change_vs_compare"] == -0.3333
    # Leaving a subject out is a filter away: only energietoeslag, 2025 (2) vs 2024 (1: c7).
    only = Filters(**{**compared.__dict__, "subject": "energietoeslag"})
    assert figures.intake(only)["change_vs_compare"] == 1.0


def test_change_against_an_empty_comparison_period_is_null(cases: dict[str, Any]) -> None:
    compared = Filters(**{**YEAR.__dict__, "compare_from": date(2020, 1, 1), "compare_to": date(2020, 12, 31)})
    assert figures.intake(compared)["change_vs_compare"] is None


def test_subjects_with_shares_and_top3(cases: dict[str, Any]) -> None:
    subjects = figures.by_subject(YEAR)
    assert subjects == [
        {"subject": "boete", "count": 2, "share": 0.4},
        {"subject": "energietoeslag", "count": 2, "share": 0.4},
        {"subject": "onbekend", "count": 1, "share": 0.2},
    ]
    assert figures.top3_subjects_share(YEAR) == 0.8  # the case without subject does not compete


def test_channels_and_natures(cases: dict[str, Any]) -> None:
    assert figures.by_channel(YEAR) == [
        {"channel": "email", "count": 3}, {"channel": "post", "count": 1}, {"channel": "telefoon", "count": 1},
    ]  # fmt: skip
    assert figures.by_nature(YEAR) == [{"nature": "duurt lang", "count": 1}]


def test_teams_count_received_and_closed_cohorts(cases: dict[str, Any]) -> None:
    assert figures.by_team(YEAR) == [
        {"team": "Werk", "received": 3, "closed": 3, "gegrond": 1, "deels_gegrond": 1},
        {"team": "Beheer", "received": 2, "closed": 1, "gegrond": 0, "deels_gegrond": 0},
    ]


def test_repeat_filers(cases: dict[str, Any]) -> None:
    assert figures.repeat_filers(YEAR) == {"2": 1, "3": 1, "4+": 0}


def test_repeat_filers_four_or_more_and_merged_duplicates(db: None) -> None:
    person = factories.resident(given_name="Dirk", surname="Dekker")
    duplicate = factories.resident(given_name="D.", surname="Dekker", merged_into=person)
    for day, who in ((1, person), (2, person), (3, duplicate), (4, duplicate)):
        factories.register("klacht", date(2025, 5, day), resident=who)
    assert figures.repeat_filers(YEAR) == {"2": 0, "3": 0, "4+": 1}


def test_outcomes_of_the_closed_cohort(cases: dict[str, Any]) -> None:
    closed = figures.closed_outcomes(YEAR)
    assert closed == {
        "total": 4,
        "by_outcome": {"deels_gegrond": 1, "gegrond": 1, "informeel_afgehandeld": 1, "ongegrond": 1},
    }


def test_founded_by_subject(cases: dict[str, Any]) -> None:
    assert figures.founded_by_subject(YEAR) == [
        {"subject": "boete", "closed": 2, "gegrond": 0, "rate": 0.0},
        {"subject": "energietoeslag", "closed": 2, "gegrond": 1, "rate": 0.5},
    ]


def test_informal_rate(cases: dict[str, Any]) -> None:
    assert figures.informal_rate(YEAR) == 0.25


def test_lead_time(cases: dict[str, Any]) -> None:
    lead = figures.lead_time(YEAR)
    # Days 22, 42, 70, 71: median (42 + 70) / 2; p90 at position 2.7 → 70 + 0.7 · (71 − 70).
    assert lead["within_6_weeks"] == 0.5
    assert lead["6_to_10_weeks"] == 0.25
    assert lead["over_10_weeks"] == 0.25
    assert lead["median_days"] == 56.0
    assert lead["p90_days"] == 70.7
    assert lead["by_close_month"] == {
        "2025-01": {"within_6_weeks": 1.0, "6_to_10_weeks": 0.0, "over_10_weeks": 0.0},
        "2025-02": {"within_6_weeks": 1.0, "6_to_10_weeks": 0.0, "over_10_weeks": 0.0},
        "2025-03": {"within_6_weeks": 0.0, "6_to_10_weeks": 1.0, "over_10_weeks": 0.0},
        "2025-04": {"within_6_weeks": 0.0, "6_to_10_weeks": 0.0, "over_10_weeks": 1.0},
    }


def test_within_term_uses_the_due_date(cases: dict[str, Any]) -> None:
    # c1 (22 days) and c6 (42 days, due 6 weeks after receipt) are on time; c2 and c3 are late.
    for case in cases.values():
        case.refresh_from_db()
    assert [cases[k].due_on >= cases[k].closed_on for k in ("c1", "c2", "c3", "c6")] == [True, False, False, True]
    assert figures.lead_time(YEAR)["within_term"] == 0.5


def test_trend_ignores_the_period(cases: dict[str, Any]) -> None:
    # 2024: c6, c7; 2025: c1–c5 → slope +3 per year.
    assert figures.trend(YEAR) == {"by_year": {"2024": 2, "2025": 5}, "slope_per_year": 3.0}


def test_slope_least_squares() -> None:
    assert figures.slope([(2019, 120), (2020, 110)]) == -10.0
    assert figures.slope([(2020, 1), (2021, 3), (2022, 2)]) == 0.5
    assert figures.slope([(2020, 4)]) is None


def test_empty_period(cases: dict[str, Any]) -> None:
    empty = Filters(date_from=date(2023, 1, 1), date_to=date(2023, 3, 31))
    data = figures.report(empty)
    assert data["received"] == {"total": 0, "by_month": {"2023-01": 0, "2023-02": 0, "2023-03": 0},
                                "change_vs_compare": None}  # fmt: skip
    assert data["by_subject"] == data["by_channel"] == data["by_nature"] == data["by_team"] == []
    assert data["top3_subjects_share"] is None
    assert data["repeat_filers"] == {"2": 0, "3": 0, "4+": 0}
    assert data["closed"] == {"total": 0, "by_outcome": {}}
    assert data["informal_rate"] is None
    assert data["lead_time"] == {
        "within_6_weeks": None, "6_to_10_weeks": None, "over_10_weeks": None, "median_days": None,
        "p90_days": None, "within_term": None, "by_close_month": {},
    }  # fmt: skip
    assert data["trend"]["by_year"] == {"2024": 2, "2025": 5}


def test_one_case(cases: dict[str, Any]) -> None:
    # February 2025: received c3 only, closed c1 only (received in January: the two cohorts differ).
    february = Filters(date_from=date(2025, 2, 1), date_to=date(2025, 2, 28))
    data = figures.report(february)
    assert data["received"]["total"] == 1
    assert data["by_subject"] == [{"subject": "boete", "count": 1, "share": 1.0}]
    assert data["top3_subjects_share"] == 1.0
    assert data["closed"] == {"total": 1, "by_outcome": {"gegrond": 1}}
    assert data["by_team"] == [
        {"team": "Beheer", "received": 1, "closed": 0, "gegrond": 0, "deels_gegrond": 0},
        {"team": "Werk", "received": 0, "closed": 1, "gegrond": 1, "deels_gegrond": 0},
    ]
    assert data["lead_time"]["median_days"] == data["lead_time"]["p90_days"] == 22.0
    assert data["lead_time"]["within_6_weeks"] == 1.0


def test_filters_apply_to_both_cohorts(cases: dict[str, Any]) -> None:
    beheer = Filters(**{**YEAR.__dict__, "team": "Beheer"})
    assert figures.intake(beheer)["total"] == 2
    assert figures.closed_outcomes(beheer) == {"total": 1, "by_outcome": {"ongegrond": 1}}
    boete = Filters(**{**YEAR.__dict__, "subject": "boete"})
    assert figures.intake(boete)["total"] == 2
    assert figures.closed_outcomes(boete)["total"] == 2  # c3 and c6
    factories.register("vraag", date(2025, 6, 1))
    assert figures.intake(YEAR)["total"] == 5
    assert figures.intake(Filters(date_from=YEAR.date_from, date_to=YEAR.date_to))["total"] == 6


def test_organisation_filter(cases: dict[str, Any]) -> None:
    other = factories.other_organisation()
    factories.register("klacht", date(2025, 6, 1), organisation=other, team=factories.team("Werk", other))
    assert figures.intake(YEAR)["total"] == 6
    assert figures.intake(Filters(**{**YEAR.__dict__, "organisation": other}))["total"] == 1
    assert figures.intake(Filters(**{**YEAR.__dict__, "organisation": factories.organisation()}))["total"] == 5


def test_report_holds_no_names(cases: dict[str, Any]) -> None:
    text = str(figures.report(YEAR))
    for name in ("Anna", "Aalders", "Bert", "Bos", "Cor", "Claes", "Smit"):
        assert name not in text
