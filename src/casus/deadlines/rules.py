"""One rule per case type: its term, postponement, committee variant, Atw flag and start rule.

The defaults follow shared/DOMAIN.md §2 and §4. Service norms (questions, callback requests) are
working agreements, not statutory terms, so the Atw does not extend them (Atw art. 1 and 5) unless an
organisation says so; every rule can be overridden per organisation with `Rule.with_term()` and
`dataclasses.replace()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = ["RULES", "DeadlineError", "Rule", "Start", "Term", "Unit", "get_rule", "parse_term"]


class DeadlineError(ValueError):
    """Bad input to the deadline engine; the message is Dutch and meant for the user."""


class Unit(StrEnum):
    WEEKS = "weeks"
    DAYS = "days"
    WORKING_DAYS = "working_days"


_UNIT_NL = {
    Unit.WEEKS: ("week", "weken"),
    Unit.DAYS: ("dag", "dagen"),
    Unit.WORKING_DAYS: ("werkdag", "werkdagen"),
}


@dataclass(frozen=True, slots=True)
class Term:
    """A length of time as the law or the service norm states it."""

    amount: int
    unit: Unit = Unit.WEEKS

    @property
    def calendar_days(self) -> int | None:
        """Length in calendar days; None for a term in working days."""
        if self.unit is Unit.WEEKS:
            return 7 * self.amount
        if self.unit is Unit.DAYS:
            return self.amount
        return None

    def dutch(self) -> str:
        singular, plural = _UNIT_NL[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"


class Start(StrEnum):
    RECEIPT = "receipt"  # the day after receipt (Awb 9:11, 4:13, Woo 4.4)
    AFTER_FILING_TERM = "after_filing_term"  # bezwaar: the day after the filing term ended (Awb 7:10)


@dataclass(frozen=True, slots=True)
class Rule:
    """How the term of one case type is counted."""

    code: str
    label: str
    term: Term
    atw: bool
    basis: str
    committee_term: Term | None = None
    postponement: Term | None = None
    start: Start = Start.RECEIPT
    penalty: bool = False  # Awb 4:17 dwangsom for late decisions (applications, 7:14 objections)
    statutory: bool = True
    # The article that allows the postponement with a notice, as a letter names it (DOMAIN.md §4.5).
    postponement_basis: str = ""

    def with_term(self, term: Term, *, atw: bool | None = None) -> Rule:
        """The same rule with an organisation's own term (a service norm of 3 weeks, say)."""
        return replace(self, term=term, atw=self.atw if atw is None else atw)


_TERM_RE = re.compile(r"^\s*(\d{1,3})\s*(w|wk|weken|week|d|dagen|dag|wd|werkdagen|werkdag)\s*$", re.I)
_TERM_UNITS = {
    "w": Unit.WEEKS, "wk": Unit.WEEKS, "week": Unit.WEEKS, "weken": Unit.WEEKS,
    "d": Unit.DAYS, "dag": Unit.DAYS, "dagen": Unit.DAYS,
    "wd": Unit.WORKING_DAYS, "werkdag": Unit.WORKING_DAYS, "werkdagen": Unit.WORKING_DAYS,
}  # fmt: skip


def parse_term(text: str) -> Term:
    """Parse '3w', '15wd' or '10d' (also '3 weken', '2 werkdagen') into a Term."""
    match = _TERM_RE.match(text)
    if not match or int(match.group(1)) == 0:
        raise DeadlineError(
            f"Onbekende termijn '{text}'. Schrijf bijvoorbeeld 6w (weken), 10d (dagen) of 2wd (werkdagen)."
        )
    return Term(int(match.group(1)), _TERM_UNITS[match.group(2).lower()])


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "vraag",
            "Vraag",
            Term(6),
            atw=False,
            statutory=False,
            basis="servicenorm van de organisatie (geen wettelijke termijn)",
        ),
        Rule(
            "terugbelverzoek",
            "Terugbelverzoek",
            Term(2, Unit.WORKING_DAYS),
            atw=False,
            statutory=False,
            basis="werkafspraak: binnen 2 werkdagen terugbellen",
        ),
        Rule(
            "klacht",
            "Klacht",
            Term(6),
            atw=True,
            committee_term=Term(10),
            postponement=Term(4),
            postponement_basis="artikel 9:11 lid 2 van de Algemene wet bestuursrecht",
            basis="Awb 9:11",
        ),
        Rule(
            "bezwaar",
            "Bezwaar",
            Term(6),
            atw=True,
            committee_term=Term(12),
            postponement=Term(6),
            postponement_basis="artikel 7:10 lid 3 van de Algemene wet bestuursrecht",
            start=Start.AFTER_FILING_TERM,
            penalty=True,
            basis="Awb 6:7, 7:10",
        ),
        Rule("beroep", "Beroep", Term(4), atw=True, basis="Awb 8:42 (verweerschrift)"),
        Rule("aanvraag", "Aanvraag", Term(8), atw=True, penalty=True, basis="Awb 4:13"),
        Rule("wmo_melding", "Wmo-melding", Term(6), atw=True, basis="Wmo 2015 art. 2.3.2"),
        Rule("wmo_aanvraag", "Wmo-aanvraag", Term(2), atw=True, penalty=True, basis="Wmo 2015 art. 2.3.5"),
        Rule(
            "woo",
            "Woo-verzoek",
            Term(4),
            atw=True,
            postponement=Term(2),
            basis="Woo art. 4.4",
            postponement_basis="artikel 4.4 lid 2 van de Wet open overheid",
        ),
    )
}

# The bezwaar filing term (Awb 6:7) and the posting grace of Awb 6:9 lid 2.
FILING_TERM = Term(6)
POSTING_GRACE = Term(1)


def get_rule(code: str) -> Rule:
    """The default rule for a case type code, or a DeadlineError naming the known types."""
    try:
        return RULES[code]
    except KeyError:
        known = ", ".join(RULES)
        raise DeadlineError(f"Onbekend zaaktype '{code}'. Kies uit: {known}.") from None
