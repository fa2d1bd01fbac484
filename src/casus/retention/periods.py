"""Which retention period applies to a closed case, and which cases are past it.

A case may be destroyed from `retention_due(case)` = its closing date plus the period in years.
A case closed on 29 February is due on 1 March (there is no 29 February in that year); the cut-off
date used in SQL, `on` minus the years, moves back to 28 February in the same situation, so
`closed_on <= cutoff(on, years)` holds exactly when `add_years(closed_on, years) <= on`.

How the period is chosen for a case of type T with outcome O (docs/retention.md):

1. The rules of the organisation for type T, or the built-in defaults when it has no rule for T.
2. The base period: the rule for (T, O) without a condition, else the rule for (T, any outcome).
3. For each condition the case is marked with (RetentionMark): the rule for (T, O, condition), else
   (T, any outcome, condition).
4. The longest of these periods wins: a special circumstance never shortens retention.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import product

from django.db.models import Q, QuerySet

from casus.cases.domain import OUTCOMES_BY_TYPE, Status
from casus.cases.models import Case, Organisation

from .defaults import DEFAULT_RULES, FINANCIAL, OMBUDSMAN
from .models import RetentionRule

CONDITIONS = (FINANCIAL, OMBUDSMAN)
# Without any rule at all (an unknown case type): keep for the longest standard period of the list.
FALLBACK_YEARS = 10


def add_years(day: date, years: int) -> date:
    """`day` plus whole years; 29 February becomes 1 March in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def cutoff(on: date, years: int) -> date:
    """The last closing date that is due on `on`: `on` minus whole years (29 February → 28 February)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return date(on.year - years, 2, 28)


@dataclass(frozen=True)
class Period:
    years: int
    rule: str  # which rule decided, in Dutch, for the list and the report


class RuleBook:
    """The retention rules of one organisation, read once."""

    def __init__(self, organisation: Organisation | int) -> None:
        org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
        self.organisation_id = org_id
        rows = RetentionRule.objects.filter(organisation_id=org_id).values_list(
            "case_type", "outcome", "condition", "years"
        )
        self._own: dict[str, dict[tuple[str, str], int]] = {}
        for case_type, outcome, condition, years in rows:
            self._own.setdefault(case_type, {})[(outcome, condition)] = years
        self._defaults: dict[str, dict[tuple[str, str], int]] = {}
        for case_type, outcome, condition, years in DEFAULT_RULES:
            self._defaults.setdefault(case_type, {})[(outcome, condition)] = years

    def _table(self, case_type: str) -> tuple[dict[tuple[str, str], int], bool]:
        if case_type in self._own:
            return self._own[case_type], True
        return self._defaults.get(case_type, {}), False

    def period(self, case_type: str, outcome: str, conditions: tuple[str, ...] = ()) -> Period:
        table, own = self._table(case_type)
        source = "" if own else " (standaard)"
        base = table.get((outcome, ""), table.get(("", "")))
        if base is None:  # an own table without a base rule for this outcome: the built-in default
            defaults = self._defaults.get(case_type, {})
            base = defaults.get((outcome, ""), defaults.get(("", ""), FALLBACK_YEARS))
            source = " (standaard)"
        years, why = base, f"{base} jaar{source}"
        for condition in conditions:
            extra = table.get((outcome, condition), table.get(("", condition)))
            if extra is not None and extra > years:
                years, why = extra, f"{extra} jaar: {_CONDITION_LABEL[condition]}{source}"
        return Period(years, why)

    def years(self, case_type: str, outcome: str, conditions: tuple[str, ...] = ()) -> int:
        return self.period(case_type, outcome, conditions).years


_CONDITION_LABEL = {FINANCIAL: "financiële gevolgen", OMBUDSMAN: "ombudsman"}


def conditions_of(case: Case) -> tuple[str, ...]:
    try:
        mark = case.retention_mark
    except Case.retention_mark.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return ()
    return mark.conditions


def retention_period(case: Case, rules: RuleBook | None = None) -> Period:
    rules = rules or RuleBook(case.organisation_id)
    return rules.period(case.case_type, case.outcome, conditions_of(case))


def retention_due(case: Case, rules: RuleBook | None = None) -> date:
    """The first day a closed case may be destroyed: its closing date plus its retention period."""
    if case.closed_on is None or case.status != Status.AFGEHANDELD:
        raise ValueError(f"Case {case.reference} is open: it has no retention date yet.")
    return add_years(case.closed_on, retention_period(case, rules).years)


def _mark_q(conditions: tuple[str, ...]) -> Q:
    """Cases marked with exactly these conditions (no mark row: none)."""
    fields = {FINANCIAL: "retention_mark__financial_consequences", OMBUDSMAN: "retention_mark__ombudsman"}
    q = Q()
    for condition, field in fields.items():
        if condition in conditions:
            q &= Q(**{field: True})
        else:
            q &= Q(retention_mark__isnull=True) | Q(**{field: False})
    return q


def past_retention_filter(rules: RuleBook, on: date) -> Q:
    """A Q over Case: closed cases whose retention period has ended on `on`. One clause per group of
    (type, outcomes) with the same period; per mark combination only where a condition changes it."""
    combos = [tuple(c for c, on_ in zip(CONDITIONS, flags, strict=True) if on_) for flags in product((0, 1), repeat=2)]
    q = Q(pk__in=[])
    for case_type, outcomes in OUTCOMES_BY_TYPE.items():
        groups: dict[tuple[int, ...], list[str]] = {}
        for outcome in outcomes:
            key = tuple(rules.years(case_type, outcome.value, combo) for combo in combos)
            groups.setdefault(key, []).append(outcome.value)
        for key, group in groups.items():
            same_type = Q(case_type=case_type, outcome__in=group)
            if len(set(key)) == 1:
                q |= same_type & Q(closed_on__lte=cutoff(on, key[0]))
                continue
            for combo, years in zip(combos, key, strict=True):
                q |= same_type & _mark_q(combo) & Q(closed_on__lte=cutoff(on, years))
    return q


def cases_past_retention(organisation: Organisation, on: date) -> QuerySet[Case]:
    """The organisation's closed cases past their retention period on `on`, not yet destroyed."""
    rules = RuleBook(organisation)
    return Case.objects.filter(
        past_retention_filter(rules, on),
        organisation=organisation,
        status=Status.AFGEHANDELD,
        closed_on__isnull=False,
        destroyed__isnull=True,
    )
