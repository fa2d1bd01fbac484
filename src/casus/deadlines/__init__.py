"""Casus deadline engine: every due date in Casus, counted as Dutch law counts it.

Pure Python, no Django: the service layer stores the facts of a case (receipt, type, suspensions,
postponement) and asks this package for the due date, which it stores in an indexed column.
"""

from .calendar import (
    add_working_days,
    atw_holidays,
    easter_sunday,
    holiday_name,
    is_closed,
    is_holiday,
    next_open_day,
    working_days_between,
)
from .engine import (
    STATE_LABELS,
    Deadline,
    Filing,
    State,
    Status,
    Suspension,
    compute_deadline,
    deadline_status,
    filing_check,
    filing_deadline,
    suspended_days,
)
from .penalty import PENALTY_RATES, Penalty, PenaltyRates, compute_penalty, rates_on
from .rules import RULES, DeadlineError, Rule, Start, Term, Unit, get_rule, parse_term

__all__ = [
    "PENALTY_RATES",
    "RULES",
    "STATE_LABELS",
    "Deadline",
    "DeadlineError",
    "Filing",
    "Penalty",
    "PenaltyRates",
    "Rule",
    "Start",
    "State",
    "Status",
    "Suspension",
    "Term",
    "Unit",
    "add_working_days",
    "atw_holidays",
    "compute_deadline",
    "compute_penalty",
    "deadline_status",
    "easter_sunday",
    "filing_check",
    "filing_deadline",
    "get_rule",
    "holiday_name",
    "is_closed",
    "is_holiday",
    "next_open_day",
    "parse_term",
    "rates_on",
    "suspended_days",
    "working_days_between",
]
