"""The quarterly learning report for MT (issue 9 §8, seed 000: "4x per jaar in het MT de rode draden"):
themes and their trend, improvement actions per guiding principle and their status, follow-up results,
case discussions held, with generated Dutch sentences. As a dict (JSON), a web page and a PDF.

Pseudonymised: themes, counts and actions only; no case references, names of residents or texts of
signals. Statuses of themes and actions are as they are now (Casus keeps no history of them); counts,
progress notes, follow-ups and discussions are of the quarter itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from casus.cases.models import GuidingPrinciple, Organisation

from . import selectors
from .effect import compare_windows
from .models import (
    ActionProgress,
    ActionStatus,
    CaseDiscussion,
    FollowUp,
    FollowUpResult,
    ImprovementAction,
    Signal,
    Theme,
    ThemeStatus,
)

QUARTER = re.compile(r"^(\d{4})\s*-?\s*[QqKk]([1-4])$")


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        following = date(self.year + 1, 1, 1) if self.number == 4 else date(self.year, 3 * self.number + 1, 1)
        return following - timedelta(days=1)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        return f"{self.number}e kwartaal {self.year}"

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)


def parse_quarter(text: str) -> Quarter:
    """'2026Q1', '2026K1' or '2026-Q1' → Quarter; ValueError with a Dutch message otherwise."""
    found = QUARTER.match(text.strip())
    if not found:
        raise ValueError(f"Onbekend kwartaal {text!r}: schrijf het als 2026Q1 (of 2026K1).")
    return Quarter(int(found.group(1)), int(found.group(2)))


def current_quarter(today: date | None = None) -> Quarter:
    today = today or timezone.localdate()
    return Quarter(today.year, (today.month - 1) // 3 + 1)


# --- parts ----------------------------------------------------------------------------------------


def _theme_block(theme: Theme, quarter: Quarter, today: date) -> dict[str, Any]:
    cases = selectors.related_cases(theme)
    if quarter.end < today:  # a finished quarter: the trend over it and the three before
        counts = selectors.counts_over_time(cases, per="kwartaal", periods=5, today=quarter.end + timedelta(days=1))
        shown = counts.rows[:-1]
    else:  # the current quarter: shown, but the trend is over the finished quarters before it
        counts = selectors.counts_over_time(cases, per="kwartaal", periods=4, today=today)
        shown = counts.rows
    actions = []
    for action in theme.actions.all():
        effect = None
        if action.status == ActionStatus.GEREED and action.completed_on and action.completed_on <= quarter.end:
            effect = compare_windows(cases, action.completed_on, today=min(today, quarter.end))
        actions.append({
            "title": action.title, "principle": action.principle.name, "status": action.status,
            "status_label": action.get_status_display(), "deadline": action.deadline.isoformat(),
            "completed_on": action.completed_on.isoformat() if action.completed_on else None,
            "overdue": action.is_open and action.deadline < min(quarter.end, today),
            "effect": None if effect is None else {
                "days": effect.days, "before": effect.before, "after": effect.after,
                "p_value": None if effect.p_value is None else round(effect.p_value, 4), "sentence": effect.sentence,
            },
        })  # fmt: skip
    return {
        "title": theme.title, "status": theme.status, "status_label": theme.get_status_display(),
        "owner": (theme.owner.get_full_name() or theme.owner.get_username()) if theme.owner else None,
        "subjects": [s.name for s in theme.subjects.all()], "principles": [p.name for p in theme.principles.all()],
        "opened_in_quarter": quarter.start <= timezone.localdate(theme.created_at) <= quarter.end,
        "by_quarter": dict(shown), "this_quarter": shown[-1][1], "previous_quarter": shown[-2][1],
        "slope_per_quarter": counts.slope, "trend": selectors.trend_sentence(counts), "actions": actions,
    }  # fmt: skip


def _themes(organisation: Organisation, quarter: Quarter, today: date) -> list[Theme]:
    """Themes that existed in the quarter and were not closed before it began."""
    return list(
        Theme.objects.filter(organisation=organisation, created_at__date__lte=quarter.end)
        .exclude(status=ThemeStatus.AFGESLOTEN, updated_at__date__lt=quarter.start)
        .select_related("owner")
        .prefetch_related("subjects", "principles", "actions__principle")
        .order_by("title")
    )


def _actions(organisation: Organisation, quarter: Quarter, today: date) -> dict[str, Any]:
    """Actions that existed at the end of the quarter; overdue: still open past their deadline at the end
    of the quarter (or today, for the current quarter)."""
    found = ImprovementAction.objects.filter(theme__organisation=organisation, created_at__date__lte=quarter.end)
    counts = {s: Count("actions", filter=Q(actions__in=found, actions__status=s)) for s in ActionStatus.values}
    per_principle = {
        row.name: {status: getattr(row, status) for status in ActionStatus.values}
        for row in GuidingPrinciple.objects.annotate(**counts).order_by("order", "name")
    }
    open_ = found.filter(status__in=[ActionStatus.GEPLAND, ActionStatus.LOOPT])
    notes = ActionProgress.objects.filter(action__in=found, at__date__range=(quarter.start, quarter.end))
    return {
        "total": found.count(), "per_principle": per_principle,
        "overdue": open_.filter(deadline__lt=min(quarter.end, today)).count(),
        "finished_in_quarter": found.filter(completed_on__range=(quarter.start, quarter.end)).count(),
        "progress_notes": [
            {"action": n.action.title, "at": timezone.localdate(n.at).isoformat(), "note": n.note}
            for n in notes.select_related("action").order_by("at")[:50]
        ],
    }  # fmt: skip


def _follow_ups(organisation: Organisation, quarter: Quarter) -> dict[str, Any]:
    found = FollowUp.objects.filter(case__organisation=organisation)
    done = found.filter(done_on__range=(quarter.start, quarter.end))
    by_result = dict(done.values_list("result").annotate(n=Count("id")))
    return {
        "due_in_quarter": found.filter(due_on__range=(quarter.start, quarter.end)).count(),
        "done_in_quarter": done.count(),
        "by_result": {result: by_result.get(result, 0) for result in FollowUpResult.values},
        "not_done_at_end": found.filter(due_on__lte=quarter.end)
        .filter(Q(done_on__isnull=True) | Q(done_on__gt=quarter.end))
        .count(),
    }


def _discussions(organisation: Organisation, quarter: Quarter) -> dict[str, Any]:
    found = CaseDiscussion.objects.filter(organisation=organisation, held_on__range=(quarter.start, quarter.end))
    return {
        "held": found.count(),
        "signals_to_policy": found.exclude(signal_to_policy_owner="").count(),
        "titles": list(found.order_by("held_on").values_list("title", flat=True)),
    }


# --- sentences ------------------------------------------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def sentences(data: dict[str, Any]) -> list[str]:
    """The report's key points in plain Dutch (B1)."""
    label, themes, actions = data["quarter"]["label"], data["themes"], data["actions"]
    opened = sum(1 for t in themes if t["opened_in_quarter"])
    said = (
        [] if data["quarter"]["complete"] else ["Dit kwartaal is nog niet voorbij: de cijfers gaan tot en met vandaag."]
    )
    said += [
        f"In het {label} {'was' if len(themes) == 1 else 'waren'} {_count(len(themes), 'thema', 'thema’s')} "
        f"actief; {opened} daarvan "
        f"{'is' if opened == 1 else 'zijn'} dit kwartaal geopend. Behandelaars gaven "
        f"{_count(data['signals']['given'], 'signaal', 'signalen')}."
    ]
    for theme in themes:
        said.append(
            f"{theme['title']}: {_count(theme['this_quarter'], 'zaak', 'zaken')} dit kwartaal, "
            f"{theme['previous_quarter']} het kwartaal ervoor. {theme['trend']}"
        )
    total, finished, overdue = actions["total"], actions["finished_in_quarter"], actions["overdue"]
    said.append(
        f"Er {'is' if total == 1 else 'zijn'} {_count(total, 'verbeteractie', 'verbeteracties')}; {finished} "
        f"{'kwam' if finished == 1 else 'kwamen'} dit kwartaal gereed en {overdue} {'is' if overdue == 1 else 'zijn'} "
        "te laat."
    )
    follow = data["follow_ups"]
    if follow["done_in_quarter"]:
        results = follow["by_result"]
        said.append(
            f"Bij {_count(follow['done_in_quarter'], 'complexe zaak', 'complexe zaken')} is nazorg gedaan: bij "
            f"{results['werkt']} werkt de oplossing, bij {results['deels']} deels en bij {results['niet']} niet."
        )
    else:
        said.append("Dit kwartaal is er geen nazorg vastgelegd.")
    if follow["not_done_at_end"]:
        still = _count(follow["not_done_at_end"], "nazorgmoment", "nazorgmomenten")
        said.append(f"Nog open aan het eind van het kwartaal: {still}.")
    held, signalled = data["discussions"]["held"], data["discussions"]["signals_to_policy"]
    said.append(
        f"Er {'was' if held == 1 else 'waren'} {_count(held, 'casuïstiekoverleg', 'casuïstiekoverleggen')}; "
        f"{signalled} {'gaf' if signalled == 1 else 'gaven'} een signaal aan de beleidseigenaar."
    )
    return said


def learning_report(*, organisation: Organisation, quarter: Quarter, today: date | None = None) -> dict[str, Any]:
    """The whole report as a dict ready for json.dumps."""
    today = today or timezone.localdate()
    data: dict[str, Any] = {
        "organisation": organisation.name,
        "quarter": {"code": quarter.code, "label": quarter.label, "from": quarter.start.isoformat(),
                    "to": quarter.end.isoformat(), "complete": quarter.end < today},
        "themes": [_theme_block(theme, quarter, today) for theme in _themes(organisation, quarter, today)],
        "signals": {"given": Signal.objects.filter(case__organisation=organisation,
                                                   at__date__range=(quarter.start, quarter.end)).count()},
        "actions": _actions(organisation, quarter, today),
        "follow_ups": _follow_ups(organisation, quarter),
        "discussions": _discussions(organisation, quarter),
    }  # fmt: skip
    data["sentences"] = sentences(data)
    return data
