"""Dutch sentences that say how a due date was counted, for handlers and for the CLI."""

from __future__ import annotations

from datetime import date, timedelta

from .calendar import holiday_name, is_closed
from .engine import STATE_LABELS, Deadline, Filing, State, Status
from .penalty import Penalty
from .rules import Start, Unit

__all__ = [
    "MONTHS", "MONTHS_SHORT", "WEEKDAY_NAMES", "dutch_date", "euro", "explain_deadline", "explain_penalty",
    "explain_status", "long_dutch_date",
]  # fmt: skip

_WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def dutch_date(day: date, *, weekday: bool = True) -> str:
    """'di 26 mei 2026'."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def long_dutch_date(day: date) -> str:
    """'dinsdag 26 mei 2026'."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {dutch_date(day, weekday=False)}"


def _closed_reason(day: date) -> str:
    return holiday_name(day) or WEEKDAY_NAMES[day.weekday()]


def explain_deadline(deadline: Deadline, filing: Filing | None = None) -> list[str]:
    """The steps from receipt to due date, one sentence each."""
    rule = deadline.rule
    lines = [f"{rule.label} ontvangen op {dutch_date(deadline.received)} ({rule.basis})."]
    lines += _filing_lines(deadline, filing)
    counted_from = "ontvangst" if deadline.anchor == deadline.received else "einde bezwaartermijn"
    lines.append(f"{deadline.term.dutch()} na {counted_from} = {dutch_date(deadline.base_end)}.")
    if deadline.term.unit is Unit.WORKING_DAYS:
        lines += _holidays_skipped(deadline.anchor, deadline.base_end)
    if deadline.suspended_days:
        lines.append(f"Opgeschort: {deadline.suspended_days} dagen tellen niet mee.")
    if deadline.postponement:
        lines.append(f"Verdaagd met {deadline.postponement.dutch()}.")
    if deadline.suspended_days or deadline.postponement:
        lines.append(f"Termijn loopt dan tot {dutch_date(deadline.raw_end)}.")
    lines += _atw_lines(deadline)
    if deadline.extended_to:
        lines.append(f"Uitgesteld tot de afgesproken datum {dutch_date(deadline.extended_to)} (Atw geldt niet).")
    lines.append(f"Uiterste datum: {dutch_date(deadline.due)}.")
    return lines


def _filing_lines(deadline: Deadline, filing: Filing | None) -> list[str]:
    if deadline.rule.start is not Start.AFTER_FILING_TERM:
        return []
    if deadline.filing_deadline is None:
        return ["Verzenddatum van het besluit onbekend: de beslistermijn telt vanaf de ontvangst."]
    lines = [f"Bezwaartermijn (Awb 6:7, 6:8) eindigt op {dutch_date(deadline.filing_deadline)}."]
    if filing is not None:
        if filing.on_time:
            how = " dankzij de postregel (Awb 6:9 lid 2)" if filing.by_posting else ""
            lines.append(f"Het bezwaar is op tijd ingediend{how}.")
        else:
            lines.append(
                "Het bezwaar is te laat ingediend: voorstel niet-ontvankelijk, tenzij de termijnoverschrijding "
                "verschoonbaar is (Awb 6:11)."
            )
    return lines


def _holidays_skipped(after: date, until: date) -> list[str]:
    days = [after + timedelta(days=n) for n in range(1, (until - after).days + 1)]
    names = [f"{_short(day)} ({holiday_name(day)})" for day in days if holiday_name(day) and day.weekday() < 5]
    return [f"Geen werkdag: {', '.join(names)}."] if names else []


def _short(day: date) -> str:
    """'vr 3 april' (without the year)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def _atw_lines(deadline: Deadline) -> list[str]:
    if not deadline.rule.atw:
        return ["De Algemene termijnenwet geldt niet voor deze termijn (geen wettelijke termijn)."]
    if not deadline.atw_applies:
        return ["De Algemene termijnenwet geldt niet: de termijn is langer dan 12 weken (Atw art. 4)."]
    if not deadline.atw_moved:
        return []
    day, skipped = deadline.raw_end, []
    while day < deadline.due:
        if is_closed(day):
            skipped.append(f"{_short(day)} ({_closed_reason(day)})")
        day += timedelta(days=1)
    return [f"Atw: {', '.join(skipped)} → {dutch_date(deadline.due)}."]


def explain_status(status: Status, on: date) -> str:
    label = STATE_LABELS[status.state]
    if status.state is State.TE_LAAT:
        return f"Op {dutch_date(on)}: {label}, {-status.working_days_left} werkdagen over de termijn."
    return f"Op {dutch_date(on)}: {label}, nog {status.working_days_left} werkdagen."


def explain_penalty(penalty: Penalty, on: date) -> list[str]:
    if penalty.premature:
        return [
            f"De ingebrekestelling van {dutch_date(penalty.notice_received)} kwam vóór het einde van de termijn "
            "en telt niet (Awb 4:17)."
        ]
    assert penalty.first_day and penalty.max_reached_on
    return [
        f"Ingebrekestelling ontvangen op {dutch_date(penalty.notice_received)}; de dwangsom loopt vanaf "
        f"{dutch_date(penalty.first_day)} (Awb 4:17 lid 3).",
        f"Op {dutch_date(on)}: {penalty.days} dagen, {euro(penalty.amount)} (maximaal {euro(penalty.maximum)}, "
        f"bereikt op {dutch_date(penalty.max_reached_on)}).",
    ]


def euro(amount: int) -> str:
    """'€ 1.442' (Dutch thousands separator)."""
    return f"€ {amount:,}".replace(",", ".")
