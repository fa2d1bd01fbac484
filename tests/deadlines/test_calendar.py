"""The Atw calendar (Algemene termijnenwet art. 3) from 2020 to 2035, checked by hand."""

from datetime import date, timedelta

import pytest

from casus.deadlines import (
    add_working_days,
    atw_holidays,
    easter_sunday,
    holiday_name,
    is_closed,
    is_holiday,
    next_open_day,
    working_days_between,
)
from casus.deadlines.calendar import is_closed_ordinal

# Easter Sunday as published (e.g. the Dutch almanac); the other movable days follow from it.
EASTER = {
    2020: date(2020, 4, 12), 2021: date(2021, 4, 4), 2022: date(2022, 4, 17), 2023: date(2023, 4, 9),
    2024: date(2024, 3, 31), 2025: date(2025, 4, 20), 2026: date(2026, 4, 5), 2027: date(2027, 3, 28),
    2028: date(2028, 4, 16), 2029: date(2029, 4, 1), 2030: date(2030, 4, 21), 2031: date(2031, 4, 13),
    2032: date(2032, 3, 28), 2033: date(2033, 4, 17), 2034: date(2034, 4, 9), 2035: date(2035, 3, 25),
}  # fmt: skip

# King's Day: 27 April, or Saturday 26 April when the 27th is a Sunday (2025, 2031).
KINGS_DAY = {
    2020: 27, 2021: 27, 2022: 27, 2023: 27, 2024: 27, 2025: 26, 2026: 27, 2027: 27,
    2028: 27, 2029: 27, 2030: 27, 2031: 26, 2032: 27, 2033: 27, 2034: 27, 2035: 27,
}  # fmt: skip

YEARS = range(2020, 2036)


@pytest.mark.parametrize("year", YEARS)
def test_it_computes_easter_for_every_year(year: int) -> None:
    assert easter_sunday(year) == EASTER[year]


@pytest.mark.parametrize("year", YEARS)
def test_it_has_exactly_the_atw_holidays(year: int) -> None:
    easter = EASTER[year]
    expected = {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",  # art. 3 lid 2
        easter + timedelta(days=1): "Tweede Paasdag",
        date(year, 4, KINGS_DAY[year]): "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",  # art. 3 lid 1: every year, not only lustrum years
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }
    assert atw_holidays(year) == expected
    for day, name in expected.items():
        assert is_holiday(day)
        assert is_closed(day)
        assert holiday_name(day) == name


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 5),  # Eerste Paasdag: a Sunday, not an art. 3 holiday of its own
        date(2026, 5, 24),  # Eerste Pinksterdag: a Sunday
        date(2026, 5, 4),  # Dodenherdenking
        date(2026, 12, 5),  # Sinterklaas
        date(2026, 12, 24),  # Kerstavond
        date(2026, 12, 31),  # Oudejaarsdag
        date(2026, 2, 16),  # carnaval
        date(2025, 4, 27),  # 27 April 2025 is a Sunday: King's Day moved to the 26th
        date(2031, 4, 27),  # likewise in 2031
        date(2026, 4, 30),  # the old Koninginnedag
        date(2027, 3, 25),  # Thursday before Good Friday 2027
    ],
)
def test_it_does_not_count_other_days_as_holidays(day: date) -> None:
    assert not is_holiday(day)
    assert holiday_name(day) is None


def test_it_counts_liberation_day_in_non_lustrum_years() -> None:
    # The `holidays` package's default NL calendar only has 5 May when year % 5 == 0.
    assert is_holiday(date(2026, 5, 5)) and is_holiday(date(2027, 5, 5)) and is_holiday(date(2031, 5, 5))


def test_it_uses_queens_day_before_2014() -> None:
    assert holiday_name(date(2013, 4, 30)) == "Koninginnedag"
    assert holiday_name(date(2006, 4, 29)) == "Koninginnedag"  # 30 April 2006 was a Sunday
    assert not is_holiday(date(2013, 4, 27))


def test_it_works_outside_the_precomputed_range() -> None:
    assert is_holiday(date(2250, 12, 25))
    assert is_closed(date(1850, 1, 1))
    assert next_open_day(date(2250, 12, 25)) == date(2250, 12, 27)  # 25 Wed, 26 Thu -> Fri 27


def test_weekends_are_closed_and_weekdays_open() -> None:
    assert is_closed(date(2026, 11, 21)) and is_closed(date(2026, 11, 22))  # Sat, Sun
    assert not is_closed(date(2026, 11, 23))  # Monday


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 11, 20), 2, date(2026, 11, 24)),  # Fri -> Mon (1), Tue (2)
        (date(2026, 11, 23), 2, date(2026, 11, 25)),  # Mon -> Wed
        (date(2026, 4, 2), 2, date(2026, 4, 8)),  # Thu; Fri 3 Good Friday, Mon 6 Easter Monday -> Tue 7, Wed 8
        (date(2026, 12, 24), 2, date(2026, 12, 29)),  # Thu; 25, 26 Christmas, weekend -> Mon 28, Tue 29
        (date(2026, 11, 21), 0, date(2026, 11, 21)),
    ],
)
def test_it_adds_working_days(start: date, count: int, expected: date) -> None:
    assert add_working_days(start, count) == expected


def test_it_counts_working_days_between() -> None:
    assert working_days_between(date(2026, 5, 20), date(2026, 5, 26)) == 3  # Thu 21, Fri 22, Tue 26
    assert working_days_between(date(2026, 5, 26), date(2026, 5, 20)) == -3
    assert working_days_between(date(2026, 5, 26), date(2026, 5, 26)) == 0
    # 2026 has 261 weekdays, 8 of the holidays on a weekday (26 December is a Saturday).
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253


def test_it_counts_working_days_the_same_way_over_long_spans() -> None:
    start = date(2019, 6, 1)
    for end in (date(2021, 3, 7), date(2030, 1, 1), date(2199, 12, 1)):
        slow = sum(1 for n in range(1, (end - start).days + 1) if not is_closed(start + timedelta(days=n)))
        assert working_days_between(start, end) == slow


def test_every_fourteen_days_hold_two_working_days() -> None:
    """The engine skips the Atw art. 2 count for terms of 14 days or more; this proves that is safe."""
    first, last = date(1900, 1, 1).toordinal(), date(2199, 12, 31).toordinal()
    closed = [is_closed_ordinal(o) for o in range(first, last + 1)]
    open_in_window = 14 - sum(closed[:14])
    minimum = open_in_window
    for i in range(14, len(closed)):
        open_in_window += closed[i - 14] - closed[i]
        minimum = min(minimum, open_in_window)
    assert minimum >= 2
