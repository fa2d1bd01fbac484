"""The calendar of the Algemene termijnenwet (Atw).

Atw art. 3 lid 1 names the generally recognised holidays: Nieuwjaarsdag, Tweede Paasdag,
Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag, the day the King's birthday is
celebrated and 5 May (every year, not only in lustrum years). Lid 2 puts Goede Vrijdag on the same
footing. Easter Sunday and Whit Sunday are Sundays anyway.

The holidays are hard-coded from a computus rather than taken from the `holidays` package, whose
default Dutch calendar has Bevrijdingsdag only every fifth year and has moved Good Friday between
categories across versions (see shared/LEGAL-NOTES.md §7).

Day arithmetic uses proleptic Gregorian ordinals (`date.toordinal()`): ordinal 1 is Monday
1 January of year 1, so `ordinal % 7` is 6 for a Saturday and 0 for a Sunday. The engine's hot paths
work on ordinals against a precomputed set of closed days.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "add_working_days",
    "atw_holidays",
    "easter_sunday",
    "holiday_name",
    "is_closed",
    "is_holiday",
    "next_open_day",
    "working_days_between",
]

_SATURDAY = 6  # ordinal % 7
_SUNDAY = 0
# Precomputed range of years whose holidays live in _CLOSED_HOLIDAYS; outside it the set is
# computed per year on demand.
_FIRST_YEAR = 1900
_LAST_YEAR = 2199


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _kings_day(year: int) -> date:
    """The day the monarch's birthday is celebrated (Atw art. 3 lid 1).

    Since 2014 King's Day is 27 April, on Saturday 26 April when the 27th is a Sunday. From 1949
    to 2013 Queen's Day was 30 April, on 29 April when the 30th was a Sunday (from 1980; before
    that it moved to 1 May, which matters to no term Casus will count).
    """
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    if day.weekday() == 6:
        day -= timedelta(days=1)
    return day


@lru_cache(maxsize=512)
def atw_holidays(year: int) -> dict[date, str]:
    """All generally recognised holidays of Atw art. 3 in `year`, with their Dutch names."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter - timedelta(days=2): "Goede Vrijdag",
        easter + timedelta(days=1): "Tweede Paasdag",
        _kings_day(year): "Koningsdag" if year >= 2014 else "Koninginnedag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }
    return dict(sorted(days.items()))


def _holiday_ordinals(first: int, last: int) -> frozenset[int]:
    return frozenset(day.toordinal() for year in range(first, last + 1) for day in atw_holidays(year))


_HOLIDAY_ORDINALS = _holiday_ordinals(_FIRST_YEAR, _LAST_YEAR)
_MIN_ORDINAL = date(_FIRST_YEAR, 1, 1).toordinal()
_MAX_ORDINAL = date(_LAST_YEAR, 12, 31).toordinal()
# Holidays that fall on a weekday, sorted: counting working days over a long span is then
# weekdays (closed formula) minus a bisect, not a loop over every day.
_WEEKDAY_HOLIDAYS = sorted(o for o in _HOLIDAY_ORDINALS if o % 7 not in (_SATURDAY, _SUNDAY))


# Every closed day (weekend or holiday) of the precomputed range: one set look-up per day.
_CLOSED_ORDINALS = _HOLIDAY_ORDINALS | frozenset(
    o for o in range(_MIN_ORDINAL, _MAX_ORDINAL + 1) if o % 7 in (_SATURDAY, _SUNDAY)
)


def _is_holiday_ordinal(ordinal: int) -> bool:
    if _MIN_ORDINAL <= ordinal <= _MAX_ORDINAL:
        return ordinal in _HOLIDAY_ORDINALS
    day = date.fromordinal(ordinal)
    return day in atw_holidays(day.year)


def is_closed_ordinal(ordinal: int) -> bool:
    """True for a Saturday, Sunday or Atw holiday, given as a date ordinal."""
    if _MIN_ORDINAL <= ordinal <= _MAX_ORDINAL:
        return ordinal in _CLOSED_ORDINALS
    return ordinal % 7 in (_SATURDAY, _SUNDAY) or _is_holiday_ordinal(ordinal)


def is_holiday(day: date) -> bool:
    """True when `day` is a generally recognised holiday of Atw art. 3."""
    return _is_holiday_ordinal(day.toordinal())


def holiday_name(day: date) -> str | None:
    """The Dutch name of the Atw holiday on `day`, or None."""
    return atw_holidays(day.year).get(day)


def is_closed(day: date) -> bool:
    """True for a Saturday, Sunday or Atw holiday: a day that is not a working day."""
    return is_closed_ordinal(day.toordinal())


def next_open_day_ordinal(ordinal: int) -> int:
    """The first ordinal on or after `ordinal` that is a working day."""
    if _MIN_ORDINAL <= ordinal < _MAX_ORDINAL - 10:  # a run of closed days is at most 4 long
        while ordinal in _CLOSED_ORDINALS:
            ordinal += 1
        return ordinal
    while is_closed_ordinal(ordinal):
        ordinal += 1
    return ordinal


def next_open_day(day: date) -> date:
    """The first working day on or after `day` (Atw art. 1)."""
    return date.fromordinal(next_open_day_ordinal(day.toordinal()))


def add_working_days_ordinal(ordinal: int, count: int) -> int:
    """The ordinal `count` working days after `ordinal` (the start day itself not counted)."""
    while count > 0:
        ordinal += 1
        if not is_closed_ordinal(ordinal):
            count -= 1
    return ordinal


def add_working_days(day: date, count: int) -> date:
    """The date `count` working days after `day`; `day` itself is not counted.

    A callback request received on Friday with a term of 2 working days is due on Tuesday.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    return date.fromordinal(add_working_days_ordinal(day.toordinal(), count))


def working_days_between(start: date, end: date) -> int:
    """Working days in the half-open interval (start, end]; negative when end is before start.

    On the due date itself 0 working days are left; the day before a due Monday (a Sunday) has 1.
    """
    if end < start:
        return -working_days_between(end, start)
    low, high = start.toordinal(), end.toordinal()
    if low < _MIN_ORDINAL or high > _MAX_ORDINAL:
        return sum(1 for ordinal in range(low + 1, high + 1) if not is_closed_ordinal(ordinal))
    holidays = bisect_right(_WEEKDAY_HOLIDAYS, high) - bisect_right(_WEEKDAY_HOLIDAYS, low)
    return _weekdays_through(high) - _weekdays_through(low) - holidays


def _weekdays_through(ordinal: int) -> int:
    """Monday-to-Friday days among ordinals 1..ordinal (each run of 7 ordinals holds 5)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)
