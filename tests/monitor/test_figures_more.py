"""The Monitor beyond §9's JSON: questions (§5.11), appeals (§5.10), leaving a subject out (§5.1), and
drilling from every number to the cases behind it (§5: "every number can be clicked through")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.utils import timezone

from casus.cases import services
from casus.monitor import figures
from casus.monitor.figures import Filters
from tests import factories
from tests.monitor.test_figures import YEAR, cases  # noqa: F401 (the fixture of hand-computed cases)

pytestmark = pytest.mark.django_db


def _count(f: Filters, figure: str, key: str | None = None) -> int:
    return figures.drill(f, figure, key).count()


def test_every_number_of_the_report_drills_down_to_as_many_cases(cases: dict[str, Any]) -> None:  # noqa: F811
    f = Filters(**{**YEAR.__dict__, "compare_from": date(2024, 1, 1), "compare_to": date(2024, 12, 31)})
    data = figures.full_report(f)
    assert _count(f, "received") == data["received"]["total"] == 5
    for month, n in data["received"]["by_month"].items():
        assert _count(f, "received", month) == n
    assert _count(f, "compare") == data["compare"]["total"] == 2
    for row in data["by_subject"]:
        assert _count(f, "subject", row["subject"]) == row["count"]
    for row in data["by_channel"]:
        assert _count(f, "channel", row["channel"]) == row["count"]
    for row in data["by_nature"]:
        assert _count(f, "nature", row["nature"]) == row["count"]
    for row in data["by_team"]:
        for measure in ("received", "closed", "gegrond", "deels_gegrond"):
            assert _count(f, f"team_{measure}", row["team"]) == row[measure]
    for key, residents in data["repeat_filers"].items():  # the cases of those residents
        cases_of = figures.drill(f, "repeat", key)
        assert cases_of.values("resident").distinct().count() == residents
    assert _count(f, "repeat", "2") == 2 and _count(f, "repeat", "3") == 3  # B twice, A three times
    assert _count(f, "closed") == data["closed"]["total"] == 4
    for outcome, n in data["closed"]["by_outcome"].items():
        assert _count(f, "closed", outcome) == n
    for row in data["founded_by_subject"]:
        assert _count(f, "founded", row["subject"]) == row["closed"]
        assert _count(f, "founded_gegrond", row["subject"]) == row["gegrond"]
    assert _count(f, "informal") == round(data["informal_rate"] * 4) == 1
    for bucket in ("within_6_weeks", "6_to_10_weeks", "over_10_weeks"):
        assert _count(f, "lead", bucket) == round(data["lead_time"][bucket] * 4)
    for month, shares in data["lead_time"]["by_close_month"].items():
        closed_that_month = figures.drill(f, "closed").filter(closed_on__month=int(month[5:])).count()
        for bucket, value in shares.items():
            assert _count(f, "lead", f"{month}:{bucket}") == round(value * closed_that_month)
    assert _count(f, "within_term") + _count(f, "over_term") == 4
    assert _count(f, "within_term") == round(data["lead_time"]["within_term"] * 4)
    for year, n in data["trend"]["by_year"].items():
        assert _count(f, "trend", year) == n


def test_drilled_cases_are_the_right_ones(cases: dict[str, Any]) -> None:  # noqa: F811
    refs = {name: case.reference for name, case in cases.items()}

    def names(figure: str, key: str | None = None) -> list[str]:
        found = list(figures.drill(YEAR, figure, key).values_list("reference", flat=True))
        return sorted(name for name, ref in refs.items() if ref in found)

    assert names("subject", "onbekend") == ["c5"]
    assert names("lead", "6_to_10_weeks") == ["c2"]  # 70 days is still "6 to 10 weeks"; c3 (71) is over
    assert names("lead", "over_10_weeks") == ["c3"]
    assert names("informal") == ["c6"]
    assert names("repeat", "3") == ["c1", "c2", "c3"]
    assert names("team_closed", "Werk") == ["c1", "c2", "c6"]  # c5 closed after the period


@pytest.mark.parametrize(
    ("figure", "key"),
    [
        ("nope", None),
        ("subject", None),
        ("received", "2025-13x"),
        ("received", "2025-13"),
        ("lead", "soon"),
        ("lead", "99999-01:within_6_weeks"),
        ("repeat", "5"),
        ("trend", "x"),
        ("trend", "0"),
        ("trend", "-5"),
        ("trend", "99999"),
        ("questions_received", "20x5"),
        ("subject", "boete\x00"),
        ("appeals", "2025-00"),
    ],
)
def test_unknown_figures_and_keys_are_refused(db: None, figure: str, key: str | None) -> None:
    with pytest.raises(ValueError):
        figures.drill(YEAR, figure, key)  # refused before any query runs


def test_leaving_one_subject_out(cases: dict[str, Any]) -> None:  # noqa: F811
    # 2025 without energietoeslag: c3, c4, c5 (3); 2024 without it: c6 (1) → +200%.
    f = Filters(**{**YEAR.__dict__, "compare_from": date(2024, 1, 1), "compare_to": date(2024, 12, 31),
                   "without_subject": "energietoeslag"})  # fmt: skip
    assert figures.without_subject(f) == {
        "subject": "energietoeslag", "total": 3, "compare_total": 1, "change_vs_compare": 2.0,
    }  # fmt: skip
    assert _count(f, "without_subject") == 3 and _count(f, "without_subject_compare") == 1
    alone = Filters(**{**YEAR.__dict__, "without_subject": "boete"})
    assert figures.without_subject(alone) == {
        "subject": "boete", "total": 3, "compare_total": None, "change_vs_compare": None,
    }  # fmt: skip
    assert figures.without_subject(YEAR) is None


def _question(received: date, channel: str = "email", closed: date | None = None, reached_on: date | None = None):
    case = factories.register("vraag", received, channel=channel)
    if reached_on:
        at = timezone.make_aware(datetime(reached_on.year, reached_on.month, reached_on.day, 10, 0))
        services.case_record_contact_attempt(case=case, actor=None, attempted_at=at, reached=False)
        services.case_record_contact_attempt(case=case, actor=None, attempted_at=at, reached=True)
    if closed:
        services.case_close(case=case, actor=None, outcome="beantwoord", closed_on=closed)
    return case


def test_questions(db: None) -> None:
    q1 = _question(date(2025, 1, 5), channel="telefoon", closed=date(2025, 1, 10))  # in norm, phone
    q2 = _question(date(2025, 2, 3), closed=date(2025, 8, 1), reached_on=date(2025, 2, 4))  # late, reached
    q3 = _question(date(2025, 3, 1), closed=date(2025, 3, 2))  # in norm, no personal contact
    q4 = _question(date(2025, 12, 20))  # open: backlog
    q5 = _question(date(2024, 11, 1), closed=date(2026, 1, 3))  # closed after the period: backlog
    _question(date(2024, 3, 1), closed=date(2024, 3, 5))  # closed long before
    factories.register("klacht", date(2025, 4, 1))  # not a question
    assert q2.due_on < date(2025, 8, 1) and q1.due_on >= date(2025, 1, 10)
    f = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    assert figures.questions(f) == {
        "by_year": {"2024": 2, "2025": 4},
        "received": 4,
        "closed": 3,
        "within_norm": 0.6667,
        "personal_contact": 0.6667,  # q1 by phone, q2 reached on a call (counted once for two attempts)
        "backlog": 2,
    }
    backlog = set(figures.drill(f, "questions_backlog").values_list("pk", flat=True))
    assert backlog == {q4.pk, q5.pk}
    assert _count(f, "questions_personal_contact") == 2
    assert _count(f, "questions_within_norm") == 2
    assert {q.pk for q in figures.drill(f, "questions_within_norm")} == {q1.pk, q3.pk}
    assert _count(f, "questions_received", "2024") == 2
    assert figures.questions(Filters(**{**f.__dict__, "case_type": "klacht"})) is None
    empty = figures.questions(Filters(date_from=date(2030, 1, 1), date_to=date(2030, 12, 31)))
    assert empty["received"] == 0 and empty["within_norm"] is None and empty["personal_contact"] is None


def _appeal(received: date, filed: date | None) -> Any:
    return factories.register("beroep", received, filed_at_court_on=filed)


def test_appeals_notification_lag_and_spike_months(db: None) -> None:
    _appeal(date(2025, 3, 10), date(2025, 3, 8))  # lag 2
    _appeal(date(2025, 3, 20), date(2025, 3, 1))  # lag 19
    _appeal(date(2025, 3, 25), date(2025, 3, 24))  # lag 1
    _appeal(date(2025, 6, 1), date(2025, 4, 1))  # lag 61
    _appeal(date(2025, 7, 1), None)  # court date unknown
    _appeal(date(2024, 7, 1), date(2024, 6, 1))  # outside the period
    f = Filters(date_from=date(2025, 3, 1), date_to=date(2025, 7, 31))
    data = figures.appeals(f)
    assert data["total"] == 5
    assert data["by_month"] == {"2025-03": 3, "2025-04": 0, "2025-05": 0, "2025-06": 1, "2025-07": 1}
    # March: 3 > 2 × (2 / 4) = 1 → spike; June: 1 is not more than 2 × (4 / 4) = 2.
    assert data["spike_months"] == ["2025-03"]
    assert [(b["bucket"], b["count"]) for b in data["lag"]["buckets"]] == [
        ("0-7", 2), ("8-14", 0), ("15-28", 1), ("29+", 1),
    ]  # fmt: skip
    assert data["lag"]["unknown"] == 1
    # Lags 1, 2, 19, 61: median (2 + 19) / 2; p90 at position 2.7 → 19 + 0.7 × 42 = 48.4.
    assert data["lag"]["median_days"] == 10.5
    assert data["lag"]["p90_days"] == 48.4
    assert _count(f, "appeals") == 5
    assert _count(f, "appeals", "2025-03") == 3
    assert _count(f, "appeals", "15-28") == 1
    assert figures.appeals(Filters(**{**f.__dict__, "case_type": "bezwaar"})) is None


def test_spikes_need_other_months() -> None:
    assert figures.spikes({"2025-01": 9}) == []
    assert figures.spikes({"2025-01": 0, "2025-02": 0}) == []
    assert figures.spikes({"2025-01": 1, "2025-02": 0, "2025-03": 0}) == ["2025-01"]
    assert figures.spikes({"2025-01": 4, "2025-02": 2, "2025-03": 2}) == []  # 4 is exactly twice 2


def test_full_report_keeps_the_json_contract_and_adds_sections(cases: dict[str, Any]) -> None:  # noqa: F811
    data = figures.full_report(YEAR)
    assert {k: v for k, v in data.items() if k in figures.report(YEAR)} == figures.report(YEAR)
    assert set(data) - set(figures.report(YEAR)) == {"compare", "without_subject", "questions", "appeals"}
    assert data["compare"] is None and data["questions"] is None and data["appeals"] is None  # type klacht
