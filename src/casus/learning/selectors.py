"""Reads of the learning loop: themes, their cases and counts over time, signals, actions and their
effect. Counts are SQL aggregates; Python only shapes the few grouped rows the database returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone

from casus.access.permissions import organisations_for, visible_cases
from casus.cases.models import Case, Organisation
from casus.deadlines.explain import MONTHS_SHORT
from casus.monitor.figures import slope

from .effect import Effect, compare_windows
from .models import ActionStatus, ImprovementAction, Signal, Theme, ThemeStatus


def learning_organisations(user: Any, perm: str = "learning.view") -> list[Organisation]:
    """The organisations whose learning pages `user` may open, by name."""
    ids = organisations_for(user, perm) or frozenset()
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def themes_for(user: Any) -> QuerySet[Theme]:
    """The themes of the user's organisations with their number of linked cases and open actions."""
    ids = organisations_for(user, "learning.view") or frozenset()
    open_actions = Q(actions__status__in=[ActionStatus.GEPLAND, ActionStatus.LOOPT])
    return (
        Theme.objects.filter(organisation_id__in=ids)
        .select_related("owner", "organisation")
        .annotate(
            case_count=Count("case_links", distinct=True),
            signal_count=Count("signals", distinct=True),
            open_actions=Count("actions", filter=open_actions, distinct=True),
        )
        .order_by("status", "-created_at", "-id")
    )


def related_cases(theme: Theme) -> QuerySet[Case]:
    """The cases a theme is about: the cases linked to it, and every case of its organisation with one
    of its subjects. The counts over time and the effect of its actions are over these."""
    rule = Q(pk__in=theme.case_links.values("case_id"))
    subject_ids = list(theme.subjects.values_list("pk", flat=True))
    if subject_ids:
        rule |= Q(subject_id__in=subject_ids)
    return Case.objects.filter(organisation_id=theme.organisation_id).filter(rule)


# --- counts over time -----------------------------------------------------------------------------


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _step_back(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def period_label(start: date, per: str) -> str:
    if per == "kwartaal":
        return f"K{(start.month - 1) // 3 + 1} {start.year}"
    return f"{MONTHS_SHORT[start.month - 1]} {start.year}"


@dataclass(frozen=True)
class Counts:
    per: str  # "maand" or "kwartaal"
    rows: list[tuple[str, int]]  # (label, count), oldest first, the current (unfinished) period last
    slope: float | None  # least-squares change per period over the finished periods
    total: int


def counts_over_time(
    cases: QuerySet[Case], *, per: str = "maand", periods: int = 12, today: date | None = None
) -> Counts:
    """Cases received per month (or quarter) over the last `periods` periods, the current one included,
    zeros included; the trend is the least-squares slope over the finished periods only (a half month
    would pull the line down)."""
    today = today or timezone.localdate()
    months = 3 if per == "kwartaal" else 1
    current = _quarter_start(today) if per == "kwartaal" else _month_start(today)
    starts = [_step_back(current, months * back) for back in range(periods - 1, -1, -1)]
    trunc = TruncQuarter if per == "kwartaal" else TruncMonth
    rows = (
        cases.filter(received_on__gte=starts[0], received_on__lte=today)
        .annotate(period=trunc("received_on"))
        .values("period")
        .annotate(n=Count("id"))
    )
    found = {(row["period"].year, row["period"].month): row["n"] for row in rows}
    counted = [(period_label(start, per), found.get((start.year, start.month), 0)) for start in starts]
    finished = [(i, n) for i, (_, n) in enumerate(counted[:-1])]
    return Counts(per=per, rows=counted, slope=slope(finished), total=sum(n for _, n in counted))


def trend_sentence(counts: Counts) -> str:
    """The trend in one Dutch sentence (B1)."""
    unit = "kwartaal" if counts.per == "kwartaal" else "maand"
    finished = counts.rows[:-1]
    if counts.slope is None or sum(n for _, n in finished) == 0:
        return "Er zijn nog te weinig zaken om een trend te zien."
    average = sum(n for _, n in finished) / len(finished)
    step = counts.slope
    if abs(step) < max(0.05 * average, 0.1):
        return f"Het aantal zaken blijft ongeveer gelijk: gemiddeld {_nl(average)} per {unit}."
    direction = "stijgt" if step > 0 else "daalt"
    return (
        f"Het aantal zaken {direction}: de trendlijn gaat per {unit} ongeveer {_nl(abs(step))} zaken "
        f"{'omhoog' if step > 0 else 'omlaag'} (gemiddeld {_nl(average)} per {unit})."
    )


def _nl(value: float) -> str:
    rounded = round(value, 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}".replace(".", ",")


# --- the theme page -------------------------------------------------------------------------------


def linked_cases(user: Any, theme: Theme) -> tuple[list[Any], int]:
    """The linked cases `user` may open (newest first) and the number of linked cases they may not."""
    links = theme.case_links.select_related("case", "case__subject", "case__team", "added_by")
    visible = set(visible_cases(user, Case.objects.filter(theme_links__theme=theme)).values_list("pk", flat=True))
    shown = [link for link in links if link.case_id in visible]
    return shown, len(links) - len(shown)


def openable_cases(user: Any, theme: Theme) -> set[int]:
    """Ids of the theme's cases (linked, or of its signals) that `user` may open."""
    cases = Case.objects.filter(Q(theme_links__theme=theme) | Q(learning_signals__themes=theme)).distinct()
    return set(visible_cases(user, cases).values_list("pk", flat=True))


def theme_signals(theme: Theme) -> QuerySet[Signal]:
    return theme.signals.select_related("case", "subject", "principle").order_by("-at", "-id")


def open_signals(theme: Theme, *, days: int = 365) -> QuerySet[Signal]:
    """Recent signals of the theme's organisation that are not on the theme yet (to add)."""
    since = timezone.now() - timedelta(days=days)
    return (
        Signal.objects.filter(case__organisation_id=theme.organisation_id, at__gte=since)
        .exclude(themes=theme)
        .select_related("case", "subject", "principle")
        .order_by("-at", "-id")
    )


def signals_for(user: Any) -> QuerySet[Signal]:
    ids = organisations_for(user, "learning.view") or frozenset()
    return (
        Signal.objects.filter(case__organisation_id__in=ids)
        .select_related("case", "subject", "principle")
        .annotate(theme_count=Count("themes"))
        .order_by("-at", "-id")
    )


# --- actions --------------------------------------------------------------------------------------


def actions_for(user: Any, *, today: date | None = None) -> QuerySet[ImprovementAction]:
    """Every action of the user's organisations: open ones past their deadline first (oldest deadline
    first), then the other open ones by deadline, then finished and stopped ones."""
    today = today or timezone.localdate()
    ids = organisations_for(user, "learning.view") or frozenset()
    open_ = Q(status__in=[ActionStatus.GEPLAND, ActionStatus.LOOPT])
    rank = SqlCase(
        When(open_ & Q(deadline__lt=today), then=Value(0)),
        When(open_, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        ImprovementAction.objects.filter(theme__organisation_id__in=ids)
        .select_related("theme", "owner", "principle")
        .annotate(rank=rank)
        .order_by("rank", "deadline", "id")
    )


def is_overdue(action: ImprovementAction, today: date | None = None) -> bool:
    return action.is_open and action.deadline < (today or timezone.localdate())


def action_effect(action: ImprovementAction, *, today: date | None = None) -> Effect | None:
    """For a finished action: the theme's cases received in equal windows before and after the day it
    was finished (see casus.learning.effect)."""
    if action.status != ActionStatus.GEREED or action.completed_on is None:
        return None
    return compare_windows(related_cases(action.theme), action.completed_on, today=today)


def theme_statuses() -> list[tuple[str, str]]:
    return list(ThemeStatus.choices)
