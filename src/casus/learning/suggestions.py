"""Suggested themes (issue 9 §3): Casus proposes candidate themes, the kwaliteitsmedewerker accepts or
dismisses each one.

Two sources:

1. similar texts: the descriptions of the cases received in the last SUGGEST_DAYS days and the signals
   given in that time, grouped by casus.learning.clustering (TF-IDF over Dutch stems, average-linkage
   clustering); every group of at least MIN_GROUP texts is a suggestion;
2. figures that moved: a subject whose complaints received in the last RISE_DAYS days rose by more than
   RISE_SHARE against the RISE_DAYS before (casus.monitor.figures.by_subject over both periods), with at
   least RISE_MIN complaints now.

A new search replaces the open suggestions of the organisation. It never proposes again what was
decided: a group that shares half its cases with a dismissed or accepted suggestion, or with an open
theme, is left out; so is a rise of a subject that was decided on in the last RISE_DAYS days or that an
open theme already covers. Settings (casus.settings, all optional): CASUS_LEARNING_SUGGEST_DAYS,
CASUS_LEARNING_CLUSTER_THRESHOLD, CASUS_LEARNING_MIN_GROUP, CASUS_LEARNING_RISE_DAYS,
CASUS_LEARNING_RISE_SHARE, CASUS_LEARNING_RISE_MIN.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casus.cases.domain import CaseType
from casus.cases.models import Case, Category, Organisation
from casus.monitor import figures

from . import clustering
from .models import Signal, SuggestionKind, SuggestionStatus, Theme, ThemeStatus, ThemeSuggestion

MAX_TEXTS = 800  # the most recent texts of the period; keeps one search well under a few seconds


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, f"CASUS_LEARNING_{name}", default)


@dataclass(frozen=True)
class Found:
    text_groups: int
    rises: int


# --- similar texts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    text: str
    case_id: int
    signal_id: int | None


def _documents(organisation: Organisation, since: date) -> list[Document]:
    cases = (
        Case.objects.filter(organisation=organisation, received_on__gte=since)
        .exclude(description="")
        .order_by("-received_on", "-id")
        .values_list("pk", "description")[:MAX_TEXTS]
    )
    signals = (
        Signal.objects.filter(case__organisation=organisation, at__date__gte=since)
        .order_by("-at", "-id")
        .values_list("pk", "case_id", "text")[:MAX_TEXTS]
    )
    documents = [Document(text, case_id, None) for case_id, text in cases]
    return documents + [Document(text, case_id, signal_id) for signal_id, case_id, text in signals]


def _overlaps(case_ids: set[int], taken: list[set[int]]) -> bool:
    """Shares at least half of its cases with a group already decided on (or an open theme)."""
    return any(len(case_ids & other) >= 0.5 * min(len(case_ids), len(other)) for other in taken if other)


def _taken_case_sets(organisation: Organisation) -> list[set[int]]:
    decided = ThemeSuggestion.objects.filter(organisation=organisation, kind=SuggestionKind.TEXT_CLUSTER).exclude(
        status=SuggestionStatus.OPEN
    )
    sets = [{case.pk for case in s.cases.all()} for s in decided.prefetch_related("cases")]
    themes = Theme.objects.filter(organisation=organisation).exclude(status=ThemeStatus.AFGESLOTEN)
    return sets + [set(t.case_links.values_list("case_id", flat=True)) for t in themes]


def _main_subject(case_ids: set[int]) -> Category | None:
    """The subject of at least half of the cases, if there is one."""
    counted = Counter(
        Case.objects.filter(pk__in=case_ids, subject__isnull=False).values_list("subject_id", flat=True)
    ).most_common(1)
    if counted and counted[0][1] >= 0.5 * len(case_ids):
        return Category.objects.get(pk=counted[0][0])
    return None


def _text_groups(organisation: Organisation, today: date) -> list[ThemeSuggestion]:
    since = today - timedelta(days=_setting("SUGGEST_DAYS", 180))
    documents = _documents(organisation, since)
    texts = [d.text for d in documents]
    vectors = clustering.tfidf(texts).vectors
    threshold = _setting("CLUSTER_THRESHOLD", 0.08)
    groups = [g for g in clustering.cluster(vectors, threshold=threshold) if len(g) >= _setting("MIN_GROUP", 4)]
    taken = _taken_case_sets(organisation)
    made = []
    for group in groups:
        case_ids = {documents[i].case_id for i in group}
        if _overlaps(case_ids, taken):
            continue
        terms = clustering.top_terms(texts, vectors, group)
        signal_ids = [documents[i].signal_id for i in group if documents[i].signal_id]
        suggestion = ThemeSuggestion.objects.create(
            organisation=organisation, kind=SuggestionKind.TEXT_CLUSTER, title=f"Zaken over {', '.join(terms[:3])}",
            subject=_main_subject(case_ids),
            payload={"terms": terms, "texts": len(group), "signals": len(signal_ids), "since": since.isoformat()},
        )  # fmt: skip
        suggestion.cases.set(case_ids)
        suggestion.signals.set(signal_ids)
        taken.append(case_ids)
        made.append(suggestion)
    return made


# --- figures that moved ---------------------------------------------------------------------------


def _rise_filters(organisation: Organisation, today: date) -> tuple[figures.Filters, figures.Filters]:
    days = _setting("RISE_DAYS", 91)
    now = figures.Filters(
        date_from=today - timedelta(days=days - 1), date_to=today, organisation=organisation,
        case_type=CaseType.KLACHT,
    )  # fmt: skip
    before = figures.Filters(
        date_from=now.date_from - timedelta(days=days), date_to=now.date_from - timedelta(days=1),
        organisation=organisation, case_type=CaseType.KLACHT,
    )  # fmt: skip
    return now, before


def _covered_subjects(organisation: Organisation, today: date) -> set[int]:
    """Subjects an open theme covers, or decided on as a rise in the last RISE_DAYS days."""
    themes = Theme.objects.filter(organisation=organisation).exclude(status=ThemeStatus.AFGESLOTEN)
    covered = set(themes.values_list("subjects__pk", flat=True)) - {None}
    recent = today - timedelta(days=_setting("RISE_DAYS", 91))
    decided = ThemeSuggestion.objects.filter(
        organisation=organisation, kind=SuggestionKind.FIGURE_RISE, decided_at__date__gte=recent
    ).exclude(status=SuggestionStatus.OPEN)
    return covered | set(decided.values_list("subject_id", flat=True)) - {None}


def rises(organisation: Organisation, today: date) -> list[dict[str, Any]]:
    """Subjects whose complaints rose by more than RISE_SHARE (and number at least RISE_MIN now)."""
    now, before = _rise_filters(organisation, today)
    previous = {row["subject"]: row["count"] for row in figures.by_subject(before)}
    share, minimum = _setting("RISE_SHARE", 0.25), _setting("RISE_MIN", 5)
    found = []
    for row in figures.by_subject(now):
        name, count, earlier = row["subject"], row["count"], previous.get(row["subject"], 0)
        if name == figures.UNKNOWN or count < minimum:
            continue
        change = figures.share(count - earlier, earlier)
        if earlier == 0 or (change is not None and change > share):
            found.append({
                "subject": name, "count": count, "previous": earlier, "change": change,
                "from": now.date_from.isoformat(), "to": now.date_to.isoformat(),
                "compare_from": before.date_from.isoformat(), "compare_to": before.date_to.isoformat(),
            })  # fmt: skip
    return found


def _rise_suggestions(organisation: Organisation, today: date) -> list[ThemeSuggestion]:
    covered = _covered_subjects(organisation, today)
    made = []
    for rise in rises(organisation, today):
        subject = Category.objects.filter(name=rise["subject"]).order_by("kind").first()
        if subject is None or subject.pk in covered:
            continue
        suggestion = ThemeSuggestion.objects.create(
            organisation=organisation, kind=SuggestionKind.FIGURE_RISE, title=f"Meer klachten over {subject.name}",
            subject=subject, payload=rise,
        )  # fmt: skip
        cases = Case.objects.filter(
            organisation=organisation, case_type=CaseType.KLACHT, subject=subject,
            received_on__range=(rise["from"], rise["to"]),
        )  # fmt: skip
        suggestion.cases.set(cases.values_list("pk", flat=True))
        made.append(suggestion)
    return made


@transaction.atomic
def suggestions_refresh(*, organisation: Organisation, today: date | None = None) -> Found:
    """Replace the organisation's open suggestions by a fresh search (see the module docstring)."""
    today = today or timezone.localdate()
    ThemeSuggestion.objects.filter(organisation=organisation, status=SuggestionStatus.OPEN).delete()
    return Found(text_groups=len(_text_groups(organisation, today)), rises=len(_rise_suggestions(organisation, today)))
