"""Effect of an action: equal windows before and after the day it was finished, with an honest caveat."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casus.cases.models import Case
from casus.learning import effect
from tests import factories


def test_the_exact_binomial_p_value() -> None:
    assert effect.binomial_p_value(0, 0) == 1.0
    assert effect.binomial_p_value(5, 5) == pytest.approx(1.0)
    # 20 before, 5 after: P(X <= 5) + P(X >= 20) for X ~ Bin(25, 1/2) = 2 * 2,036,... / 2^25
    assert effect.binomial_p_value(20, 5) == pytest.approx(0.004077, abs=1e-6)
    assert effect.binomial_p_value(5, 20) == effect.binomial_p_value(20, 5)
    assert effect.binomial_p_value(12, 8) == pytest.approx(0.5034, abs=1e-4)


def test_the_windows_have_the_same_length_and_skip_the_day_itself() -> None:
    days, b_from, b_to, a_from, a_to = effect.windows(date(2026, 3, 1), date(2026, 4, 15))
    assert days == 45
    assert (b_to - b_from).days + 1 == (a_to - a_from).days + 1 == 45
    assert b_to == date(2026, 2, 28) and a_from == date(2026, 3, 2)
    assert effect.windows(date(2026, 1, 1), date(2026, 12, 1))[0] == effect.WINDOW_DAYS


def test_it_says_when_it_is_too_early() -> None:
    text = effect.effect_sentence(10, 3, 1, None)
    assert text.startswith("De actie is pas 10 dagen gereed.")


def test_it_says_when_there_are_too_few_cases() -> None:
    text = effect.effect_sentence(91, 4, 1, effect.binomial_p_value(4, 1))
    assert "te weinig zaken (N=5)" in text


def test_it_says_when_the_difference_may_be_chance() -> None:
    assert "ook toeval" in effect.effect_sentence(91, 12, 8, effect.binomial_p_value(12, 8))


def test_a_clear_drop_comes_with_the_caveat_about_causes() -> None:
    text = effect.effect_sentence(91, 20, 5, effect.binomial_p_value(20, 5))
    assert "duidelijk minder" in text and "bewijst niet dat de actie de oorzaak is" in text


@pytest.mark.django_db
def test_it_counts_the_cases_in_both_windows(behandelaar: Any) -> None:
    done = date(2026, 3, 1)
    for offset in (-60, -30, -10, -1, 0, 1, 5, 61, 95):
        factories.register(handler=behandelaar, received_on=done + timedelta(days=offset))
    result = effect.compare_windows(Case.objects.all(), done, today=date(2026, 5, 1))  # 61 days since
    assert result.days == 61
    assert (result.before, result.after) == (4, 3)  # -60..-1 before; 1..61 after; the day itself in neither
    assert result.change == -0.25
    assert "te weinig zaken (N=7)" in result.sentence
