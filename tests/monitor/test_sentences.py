"""The Monitor's generated Dutch sentences (casus.monitor.sentences): rise, fall, equal, zero, no data,
singular and plural, and Dutch period names, on hand-made report dicts shaped like figures.full_report."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from casus.monitor import figures, sentences
from casus.monitor.figures import Filters
from casus.monitor.sentences import Context, period_label

YEAR_2025 = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31), case_type="klacht")
JUN_OKT = Filters(
    date_from=date(2022, 6, 1), date_to=date(2022, 10, 31), case_type="bezwaar",
    compare_from=date(2022, 1, 1), compare_to=date(2022, 5, 31), without_subject="energietoeslag",
)  # fmt: skip

EMPTY: dict[str, Any] = {
    "period": {"from": "2025-01-01", "to": "2025-12-31"},
    "filters": {"type": "klacht"},
    "received": {"total": 0, "by_month": {f"2025-{m:02d}": 0 for m in range(1, 13)}, "change_vs_compare": None},
    "by_subject": [],
    "top3_subjects_share": None,
    "by_channel": [],
    "by_nature": [],
    "by_team": [],
    "repeat_filers": {"2": 0, "3": 0, "4+": 0},
    "closed": {"total": 0, "by_outcome": {}},
    "founded_by_subject": [],
    "informal_rate": None,
    "lead_time": {
        "within_6_weeks": None,
        "6_to_10_weeks": None,
        "over_10_weeks": None,
        "median_days": None,
        "p90_days": None,
        "within_term": None,
        "by_close_month": {},
    },
    "trend": {"by_year": {}, "slope_per_year": None},
    "compare": None,
    "without_subject": None,
    "questions": None,
    "appeals": None,
}


def report(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(EMPTY)
    for key, value in changes.items():
        data[key] = value
    return data


def said(data: dict[str, Any], f: Filters = YEAR_2025) -> list[str]:
    return sentences.sentences(data, f)


def ctx(case_type: str | None = "klacht", **extra: Any) -> Context:
    defaults = {"period": "2025", "short_period": "2025", "compare_period": None, "this_year": 2026}
    return Context(case_type=case_type, **{**defaults, **extra})


# --- Dutch numbers and periods --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "with_year", "label"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), True, "2025"),
        (date(2025, 1, 1), date(2025, 12, 31), False, "2025"),
        (date(2022, 1, 1), date(2024, 12, 31), True, "2022–2024"),
        (date(2022, 1, 1), date(2022, 5, 31), True, "jan–mei 2022"),
        (date(2022, 6, 1), date(2022, 10, 31), False, "jun–okt"),
        (date(2024, 2, 1), date(2024, 2, 29), True, "feb 2024"),
        (date(2024, 11, 1), date(2025, 2, 28), True, "nov 2024–feb 2025"),
        (date(2025, 1, 3), date(2025, 5, 15), True, "3 jan–15 mei 2025"),
        (date(2024, 12, 15), date(2025, 1, 15), True, "15 dec 2024–15 jan 2025"),
        (date(2025, 3, 3), date(2025, 3, 3), True, "3 mrt 2025"),
    ],
)
def test_period_names_are_dutch(start: date, end: date, with_year: bool, label: str) -> None:
    assert period_label(start, end, with_year=with_year) == label


def test_numbers_and_percentages_are_dutch() -> None:
    assert sentences.number(1234) == "1.234"
    assert sentences.number(2.5) == "2,5"
    assert sentences.number(30.0) == "30"
    assert sentences.percent(0.8075) == "81%"
    assert sentences.percent(0.004) == "minder dan 1%"
    assert sentences.percent(0.0) == "0%"
    assert sentences.signed_percent(-0.03) == "−3%"


# --- intake and comparison ------------------------------------------------------------------------


def _compared(before: int, now: int, change: float | None, *, without: tuple[int, int] | None = None) -> dict:
    data = report(
        received={"total": now, "by_month": {"2022-06": now}, "change_vs_compare": change},
        compare={"from": "2022-01-01", "to": "2022-05-31", "total": before},
    )
    if without:
        w_before, w_now = without
        data["without_subject"] = {
            "subject": "energietoeslag", "total": w_now, "compare_total": w_before,
            "change_vs_compare": figures.share(w_now - w_before, w_before),
        }  # fmt: skip
    return data


def test_a_rise_against_the_comparison_period_reads_like_the_bijlage() -> None:
    data = _compared(187, 338, 0.8075, without=(187, 181))
    c = sentences.context(data, JUN_OKT)
    assert sentences.compare(data, c) == [
        "Ten opzichte van jan–mei steeg het aantal bezwaren in jun–okt met 81% (van 187 naar 338)."
    ]
    assert sentences.without_subject(data, c) == [
        "157 van de 338 bezwaren in jun–okt gaan over energietoeslag.",
        "Zonder energietoeslag is dat een daling van 3% (van 187 naar 181).",
    ]


def test_a_fall_says_daalde() -> None:
    data = _compared(52, 48, -0.0769)
    assert sentences.compare(data, sentences.context(data, JUN_OKT)) == [
        "Ten opzichte van jan–mei daalde het aantal bezwaren in jun–okt met 8% (van 52 naar 48)."
    ]


def test_an_equal_count_says_gelijk() -> None:
    data = _compared(40, 40, 0.0, without=(30, 30))
    c = sentences.context(data, JUN_OKT)
    assert sentences.compare(data, c) == ["Het aantal bezwaren in jun–okt is gelijk aan dat in jan–mei: 40."]
    assert sentences.without_subject(data, c)[-1] == "Zonder energietoeslag is het aantal gelijk gebleven: 30."


def test_nothing_in_the_comparison_period_gives_no_percentage() -> None:
    data = _compared(0, 5, None, without=(0, 5))
    c = sentences.context(data, JUN_OKT)
    assert sentences.compare(data, c) == [
        "In jan–mei zijn geen bezwaren ontvangen en in jun–okt 5. Een percentage stijging is daarom niet te geven."
    ]
    assert "geen bezwaren ontvangen; een percentage is daarom niet te geven" in sentences.without_subject(data, c)[-1]
    assert sentences.compare(_compared(0, 0, None), c) == [
        "Zowel in jan–mei als in jun–okt zijn geen bezwaren ontvangen."
    ]


def test_comparing_whole_years_keeps_the_years() -> None:
    f = Filters(date(2025, 1, 1), date(2025, 12, 31), case_type="klacht",
                compare_from=date(2024, 1, 1), compare_to=date(2024, 12, 31))  # fmt: skip
    data = report(
        received={"total": 176, "by_month": {}, "change_vs_compare": 0.1},
        compare={"from": "2024-01-01", "to": "2024-12-31", "total": 160},
    )
    assert sentences.compare(data, sentences.context(data, f)) == [
        "Ten opzichte van 2024 steeg het aantal klachten in 2025 met 10% (van 160 naar 176)."
    ]


def test_zero_and_one_and_many_received() -> None:
    assert sentences.intake(report(), ctx())[0] == "In 2025 zijn geen klachten ontvangen."
    one = report(received={"total": 1, "by_month": {"2025-01": 1}, "change_vs_compare": None})
    assert sentences.intake(one, ctx()) == ["In 2025 is 1 klacht ontvangen."]
    many = report(received={"total": 1234, "by_month": {"2025-01": 4, "2025-02": 1200, "2025-03": 30},
                            "change_vs_compare": None})  # fmt: skip
    assert sentences.intake(many, ctx("bezwaar")) == [
        "In 2025 zijn 1.234 bezwaren ontvangen.",
        "De meeste bezwaren kwamen binnen in februari (1.200).",
    ]


# --- subjects, outcomes, lead time, trend ---------------------------------------------------------


def _received(total: int) -> dict[str, Any]:
    return {"total": total, "by_month": {"2025-01": total}, "change_vs_compare": None}


def test_top_three_subjects_with_their_combined_share() -> None:
    data = report(
        received=_received(100),
        by_subject=[
            {"subject": "energietoeslag", "count": 32, "share": 0.32},
            {"subject": "bijzondere bijstand", "count": 20, "share": 0.2},
            {"subject": "terugvordering", "count": 13, "share": 0.13},
            {"subject": "onbekend", "count": 35, "share": 0.35},
        ],
        top3_subjects_share=0.65,
    )
    assert sentences.subjects(data, ctx("bezwaar")) == [
        "De drie grootste onderwerpen (energietoeslag, bijzondere bijstand en terugvordering) vormen samen 65% van "
        "alle bezwaren.",
        "Energietoeslag alleen is al goed voor 32% (32 bezwaren).",
    ]


def test_outcomes_of_complaints_and_the_rest() -> None:
    data = report(closed={"total": 100, "by_outcome": {"ongegrond": 40, "gegrond": 22, "informeel_afgehandeld": 27,
                                                      "deels_gegrond": 11}})  # fmt: skip
    assert sentences.outcomes(data, ctx()) == [
        "Van de 100 afgehandelde klachten was 22% gegrond, 11% deels gegrond en 40% ongegrond.",
        "De rest (27%) is informeel afgehandeld (27).",
    ]


def test_outcomes_without_a_judgement_read_as_a_sentence() -> None:
    data = report(closed={"total": 10, "by_outcome": {"ongegrond": 6, "geen_oordeel": 3, "niet_ontvankelijk": 1}})
    assert sentences.outcomes(data, ctx("bezwaar"))[-1] == (
        "De rest (40%) is zonder oordeel afgesloten (3) of niet-ontvankelijk verklaard (1)."
    )


def test_outcomes_when_nothing_or_one_case_was_closed() -> None:
    assert sentences.outcomes(report(), ctx()) == ["In 2025 zijn geen klachten afgehandeld."]
    one = report(closed={"total": 1, "by_outcome": {"gegrond": 1}})
    assert sentences.outcomes(one, ctx()) == ["In 2025 is 1 klacht afgehandeld: gegrond."]


def test_outcomes_of_questions_list_their_own_outcomes() -> None:
    data = report(closed={"total": 40, "by_outcome": {"beantwoord": 32, "doorverwezen": 8}})
    assert sentences.outcomes(data, ctx("vraag")) == [
        "Van de 40 afgehandelde vragen is 80% beantwoord en 20% doorverwezen."
    ]


def test_founded_by_subject_with_n_and_never_founded() -> None:
    data = report(
        closed={"total": 12, "by_outcome": {"gegrond": 5, "ongegrond": 7}},
        founded_by_subject=[
            {"subject": "boete", "closed": 3, "gegrond": 3, "rate": 1.0},
            {"subject": "levensonderhoud", "closed": 7, "gegrond": 0, "rate": 0.0},
            {"subject": "overig", "closed": 2, "gegrond": 2, "rate": 1.0},
        ],
    )
    assert sentences.founded_by_subject(data, ctx("bezwaar")) == [
        "Het vaakst gegrond waren bezwaren over boete (100%, N=3) en overige onderwerpen (100%, N=2).",
        "Bezwaren over levensonderhoud (N=7) waren in 2025 nooit gegrond.",
    ]


def _lead(**values: Any) -> dict[str, Any]:
    lead = {"within_6_weeks": 0.74, "6_to_10_weeks": 0.14, "over_10_weeks": 0.12, "median_days": 30,
            "p90_days": 74.2, "within_term": 0.9, "by_close_month": {}}  # fmt: skip
    return {**lead, **values}


def test_lead_time_sentences() -> None:
    data = report(closed={"total": 97, "by_outcome": {"gegrond": 97}}, lead_time=_lead())
    assert sentences.lead_time(data, ctx()) == [
        "74% is binnen zes weken afgehandeld; de mediaan is 30 dagen.",
        "14% duurde zes tot tien weken en 12% langer dan tien weken.",
        "Negen op de tien klachten waren binnen 75 dagen afgehandeld.",
        "90% is afgehandeld binnen de wettelijke termijn.",
    ]


def test_lead_time_of_one_day_and_of_questions() -> None:
    data = report(
        closed={"total": 2, "by_outcome": {"beantwoord": 2}},
        lead_time=_lead(within_6_weeks=1.0, **{"6_to_10_weeks": 0.0, "over_10_weeks": 0.0}, median_days=1,
                        within_term=0.5),
    )  # fmt: skip
    assert sentences.lead_time(data, ctx("vraag")) == [
        "100% is binnen zes weken afgehandeld; de mediaan is 1 dag.",
        "50% is afgehandeld binnen de servicenorm.",
    ]


@pytest.mark.parametrize(
    ("by_year", "slope", "expected"),
    [
        ({"2019": 120, "2020": 110, "2021": 100}, -10.0,
         "Over 2019–2021 daalt het aantal klachten gemiddeld met 10 per jaar."),
        ({"2019": 10, "2020": 12, "2021": 15}, 2.5,
         "Over 2019–2021 stijgt het aantal klachten gemiddeld met 2,5 per jaar."),
        ({"2019": 10, "2020": 10}, 0.0, "Over 2019–2020 is het aantal klachten per jaar gelijk gebleven."),
        ({"2019": 10, "2020": 10, "2021": 10, "2022": 11, "2023": 10}, 0.02,
         "Over 2019–2023 is het aantal klachten per jaar nagenoeg gelijk gebleven."),
        # −0.2 a year on about 165 a year is under 1% of the average: no trend worth a number.
        ({"2022": 171, "2023": 165, "2024": 151, "2025": 175}, -0.2,
         "Over 2022–2025 is het aantal klachten per jaar nagenoeg gelijk gebleven."),
        ({"2021": 14}, None, "Er zijn alleen gegevens over 2021; een trend over de jaren is daarom niet te geven."),
        ({}, None, "Er zijn geen klachten in de gegevens; een trend over de jaren is niet te geven."),
    ],
)  # fmt: skip
def test_trend_rise_fall_equal_and_too_little_data(by_year: dict, slope: float | None, expected: str) -> None:
    assert sentences.trend(report(trend={"by_year": by_year, "slope_per_year": slope}), ctx()) == [expected]


def test_a_year_not_yet_over_is_pointed_out() -> None:
    data = report(trend={"by_year": {"2025": 100, "2026": 40}, "slope_per_year": -60.0})
    assert sentences.trend(data, ctx(this_year=2026))[-1] == (
        "Let op: 2026 is nog niet voorbij, dus dat jaar telt nog niet volledig mee."
    )


# --- residents, questions, appeals ----------------------------------------------------------------


def test_repeat_filers_singular_plural_and_none() -> None:
    data = report(received=_received(30), repeat_filers={"2": 8, "3": 0, "4+": 1})
    assert sentences.repeat_filers(data, ctx()) == [
        "In 2025 zijn er 8 inwoners met twee klachten en 1 inwoner met vier of meer klachten."
    ]
    one = report(received=_received(30), repeat_filers={"2": 1, "3": 0, "4+": 0})
    assert sentences.repeat_filers(one, ctx()) == ["In 2025 is er 1 inwoner met twee klachten."]
    none = report(received=_received(30))
    assert sentences.repeat_filers(none, ctx()) == ["Geen inwoner diende in 2025 meer dan één klacht in."]


def test_questions_backlog_singular_and_zero() -> None:
    block = {"by_year": {"2025": 3}, "received": 3, "closed": 2, "within_norm": 0.5, "personal_contact": 1.0,
             "backlog": 1}  # fmt: skip
    assert sentences.questions(report(questions=block), ctx(None)) == [
        "In 2025 zijn 3 vragen ontvangen en 2 afgehandeld.",
        "Van de afgehandelde vragen is 50% binnen de servicenorm afgehandeld.",
        "Bij 100% van de afgehandelde vragen was er persoonlijk contact met de inwoner.",
        "Aan het eind van de periode stond er nog 1 vraag open.",
    ]
    done = {**block, "backlog": 0}
    assert sentences.questions(report(questions=done), ctx("vraag"))[-1] == (
        "Aan het eind van de periode stonden er geen vragen meer open."
    )


def test_appeals_lag_and_spike_month() -> None:
    by_month = {f"2022-{m:02d}": 3 for m in range(1, 10)} | {"2022-10": 12}
    by_month["2022-01"] = 1  # the other nine months: (1 + 8 × 3) / 9 ≈ 2.8
    block = {
        "total": sum(by_month.values()),
        "lag": {"median_days": 20.0, "p90_days": 45.0, "unknown": 1, "buckets": [
            {"bucket": "0-7", "label": "binnen een week", "count": 10},
            {"bucket": "29+", "label": "meer dan 4 weken", "count": 5},
        ]},
        "by_month": by_month,
        "spike_months": ["2022-10"],
    }  # fmt: skip
    assert sentences.appeals(report(appeals=block), ctx("beroep")) == [
        "Tussen het indienen bij de rechtbank en de melding bij het team zaten bij de helft van de beroepen 20 dagen "
        "of minder.",
        "Bij 5 van de 36 beroepen duurde dat meer dan vier weken.",  # 37 less the one without a court date
        "Bij 1 beroep is niet bekend wanneer het bij de rechtbank is ingediend.",
        "Opvallend veel beroepen kwamen binnen in oktober: 12, tegen gemiddeld 2,8 in de andere maanden.",
    ]


def test_an_empty_report_never_says_none_or_nan() -> None:
    written = said(report())
    assert written == [
        "In 2025 zijn geen klachten ontvangen.",
        "In 2025 zijn geen klachten afgehandeld.",
        "Er zijn geen klachten in de gegevens; een trend over de jaren is niet te geven.",
    ]
    for sentence in written:
        assert "None" not in sentence and "nan" not in sentence.split()


@pytest.mark.django_db
def test_sentences_of_a_real_empty_database_report_are_clean() -> None:
    f = Filters(date(2025, 1, 1), date(2025, 12, 31), compare_from=date(2024, 1, 1), compare_to=date(2024, 12, 31))
    written = sentences.sentences(figures.full_report(f), f)
    assert written[0] == "In 2025 zijn geen zaken ontvangen."
    assert "Zowel in 2024 als in 2025 zijn geen zaken ontvangen." in written
    assert not [s for s in written if "None" in s or "nan" in s.split()]


def test_a_single_day_takes_op_and_a_range_of_days_in_de_periode() -> None:
    one_day = Filters(date(2025, 3, 3), date(2025, 3, 3), case_type="vraag")
    assert said(report(), one_day)[0] == "Op 3 mrt 2025 zijn geen vragen ontvangen."
    days = Filters(date(2025, 1, 3), date(2025, 5, 15), case_type="vraag")
    assert said(report(), days)[0] == "In de periode 3 jan–15 mei 2025 zijn geen vragen ontvangen."


def test_none_within_the_term_says_geen_instead_of_zero_percent() -> None:
    data = report(
        closed={"total": 1, "by_outcome": {"beantwoord": 1}},
        lead_time=_lead(within_6_weeks=0.0, **{"6_to_10_weeks": 1.0, "over_10_weeks": 0.0}, median_days=44,
                        within_term=0.0),
    )  # fmt: skip
    assert sentences.lead_time(data, ctx("vraag")) == [
        "Geen van de afgehandelde vragen is binnen zes weken afgehandeld; de mediaan is 44 dagen.",
        "100% duurde zes tot tien weken; geen enkele langer dan tien weken.",
        "Geen van de afgehandelde vragen is afgehandeld binnen de servicenorm.",
    ]


def test_key_points_are_grouped_like_the_bijlage() -> None:
    said = {"lead_time": ["b."], "received": ["a."], "by_channel": ["c."], "trend": []}
    assert sentences.key_points(said) == [
        {"title": "Instroom", "sentences": ["a.", "c."]},
        {"title": "Doorlooptijd", "sentences": ["b."]},
    ]
