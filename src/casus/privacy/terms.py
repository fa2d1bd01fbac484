"""The answer term of a privacy request (AVG art. 12 lid 3): one month after receipt.

A month is a calendar month: 5 March -> 5 April. When the next month has no such day, the term ends on
its last day: 31 January -> 28 (or 29) February. This is the rule of Regulation (EEC, Euratom)
1182/71 art. 3 lid 2(c), which the EDPB applies to the AVG. The extension of art. 3 lid 4 (a term
ending on a Saturday, Sunday or holiday runs on to the next working day) is deliberately not applied:
Casus shows the earlier, always safe date.
"""

from __future__ import annotations

import calendar
from datetime import date

ANSWER_MONTHS = 1  # AVG art. 12 lid 3; can be extended by two months for complex requests (with notice)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def answer_due(received_on: date) -> date:
    """The last day to answer a request received on `received_on`."""
    return add_months(received_on, ANSWER_MONTHS)
