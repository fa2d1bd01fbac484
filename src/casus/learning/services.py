"""Every write of the learning loop (DOMAIN.md §6). Keyword-only `<noun>_<verb>(*, …)` functions, each
one transaction; a step that is not allowed raises LearningError with a Dutch message shown as it is.

A signal is written on the case's timeline as well (EventKind.SIGNAL), in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from casus.cases.domain import EventKind
from casus.cases.models import Case, Category, GuidingPrinciple, Organisation
from casus.cases.services import event_append

from .models import (
    ActionProgress,
    ActionStatus,
    ImprovementAction,
    Signal,
    SuggestionStatus,
    Theme,
    ThemeCase,
    ThemeStatus,
    ThemeSuggestion,
)

SIGNAL_MAX_LENGTH = 2000


class LearningError(Exception):
    """A step that is not allowed; the message is Dutch and shown to the user as it is."""


def _name(user: Any) -> str:
    if user is None:
        return "Casus"
    return user.get_full_name() or user.get_username()


# --- signals --------------------------------------------------------------------------------------


@transaction.atomic
def signal_record(
    *, case: Case, actor: Any, text: str, subject: Category | None = None, principle: GuidingPrinciple | None = None
) -> Signal:
    """A handler records what stands out in a case (issue 9 §1); the case stays linked and the signal
    is on its timeline."""
    text = text.strip()
    if not text:
        raise LearningError("Schrijf op wat er opvalt.")
    if len(text) > SIGNAL_MAX_LENGTH:
        raise LearningError(f"Een signaal is hoogstens {SIGNAL_MAX_LENGTH} tekens.")
    signal = Signal.objects.create(
        case=case, text=text, subject=subject, principle=principle, author=actor, author_name=_name(actor)
    )
    extra = [f"onderwerp {subject}" if subject else "", f"principe {principle}" if principle else ""]
    extra_text = ", ".join(part for part in extra if part)
    event_append(
        case=case, kind=EventKind.SIGNAL, actor=actor, summary=text + (f" ({extra_text})" if extra_text else ""),
        signal=signal.pk, subject=subject.name if subject else "", principle=principle.name if principle else "",
    )  # fmt: skip
    return signal


# --- themes ---------------------------------------------------------------------------------------


def _same_organisation(organisation_id: int, cases: Iterable[Case], signals: Iterable[Signal]) -> None:
    if any(case.organisation_id != organisation_id for case in cases):
        raise LearningError("Een thema kan alleen zaken van de eigen organisatie bevatten.")
    if any(signal.case.organisation_id != organisation_id for signal in signals):
        raise LearningError("Een thema kan alleen signalen van de eigen organisatie bevatten.")


@transaction.atomic
def theme_create(
    *, organisation: Organisation, actor: Any, title: str, description: str = "",
    subjects: Iterable[Category] = (), principles: Iterable[GuidingPrinciple] = (), owner: Any = None,
    cases: Iterable[Case] = (), signals: Iterable[Signal] = (),
) -> Theme:  # fmt: skip
    """A kwaliteitsmedewerker opens a theme (rode draad) with its first cases and signals."""
    title = title.strip()
    if not title:
        raise LearningError("Geef het thema een titel.")
    cases, signals = list(cases), list(signals)
    _same_organisation(organisation.pk, cases, signals)
    theme = Theme.objects.create(
        organisation=organisation, title=title, description=description.strip(), owner=owner, created_by=actor
    )
    theme.subjects.set(subjects)
    theme.principles.set(principles)
    ThemeCase.objects.bulk_create([ThemeCase(theme=theme, case=case, added_by=actor) for case in cases])
    theme.signals.set(signals)
    return theme


@transaction.atomic
def theme_update(
    *, theme: Theme, actor: Any, title: str, description: str, subjects: Iterable[Category],
    principles: Iterable[GuidingPrinciple], owner: Any, status: str,
) -> Theme:  # fmt: skip
    """Change a theme's title, description, subjects, principles, owner or status."""
    if not title.strip():
        raise LearningError("Geef het thema een titel.")
    if status not in ThemeStatus.values:
        raise LearningError("Kies een geldige status.")
    theme.title, theme.description, theme.owner, theme.status = title.strip(), description.strip(), owner, status
    theme.save()
    theme.subjects.set(subjects)
    theme.principles.set(principles)
    return theme


@transaction.atomic
def theme_add_case(*, theme: Theme, case: Case, actor: Any) -> ThemeCase:
    """Link a case to a theme (once)."""
    _same_organisation(theme.organisation_id, [case], [])
    link, created = ThemeCase.objects.get_or_create(theme=theme, case=case, defaults={"added_by": actor})
    if not created:
        raise LearningError(f"Zaak {case.reference} hoort al bij dit thema.")
    return link


@transaction.atomic
def theme_remove_case(*, theme: Theme, case: Case, actor: Any) -> None:
    if not ThemeCase.objects.filter(theme=theme, case=case).delete()[0]:
        raise LearningError(f"Zaak {case.reference} hoort niet bij dit thema.")


@transaction.atomic
def theme_add_signals(*, theme: Theme, signals: Iterable[Signal], actor: Any) -> int:
    """Add signals to a theme; their cases come along (a signal is about its case). Returns the
    number of signals that were new to the theme."""
    signals = list(signals)
    _same_organisation(theme.organisation_id, [], signals)
    known = set(theme.signals.values_list("pk", flat=True))
    new = [signal for signal in signals if signal.pk not in known]
    theme.signals.add(*new)
    linked = set(theme.case_links.values_list("case_id", flat=True))
    cases = {signal.case_id for signal in new} - linked
    ThemeCase.objects.bulk_create([ThemeCase(theme=theme, case_id=pk, added_by=actor) for pk in sorted(cases)])
    return len(new)


@transaction.atomic
def theme_remove_signal(*, theme: Theme, signal: Signal, actor: Any) -> None:
    """Take a signal off a theme (its case stays: remove that separately if it does not belong)."""
    theme.signals.remove(signal)


# --- suggestions ----------------------------------------------------------------------------------


def _decide(suggestion: ThemeSuggestion, actor: Any, status: str) -> None:
    locked = ThemeSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.OPEN:
        raise LearningError("Over dit voorstel is al besloten.")
    suggestion.status, suggestion.decided_by, suggestion.decided_at = status, actor, timezone.now()


@transaction.atomic
def suggestion_accept(*, suggestion: ThemeSuggestion, actor: Any, **theme_fields: Any) -> Theme:
    """Turn a suggestion into a theme: the theme as the kwaliteitsmedewerker filled it in, with the
    suggestion's cases and signals."""
    _decide(suggestion, actor, SuggestionStatus.ACCEPTED)
    theme = theme_create(
        organisation=suggestion.organisation, actor=actor, cases=suggestion.cases.all(),
        signals=suggestion.signals.select_related("case"), **theme_fields,
    )  # fmt: skip
    suggestion.theme = theme
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "theme"])
    return theme


@transaction.atomic
def suggestion_dismiss(*, suggestion: ThemeSuggestion, actor: Any) -> ThemeSuggestion:
    """Dismiss a suggestion; a new search does not propose the same group again."""
    _decide(suggestion, actor, SuggestionStatus.DISMISSED)
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    return suggestion


# --- improvement actions --------------------------------------------------------------------------


def _check_status(status: str, completed_on: date | None) -> date | None:
    if status not in ActionStatus.values:
        raise LearningError("Kies een geldige status.")
    if status == ActionStatus.GEREED:
        completed_on = completed_on or timezone.localdate()
        if completed_on > timezone.localdate():
            raise LearningError("De datum 'gereed op' kan niet in de toekomst liggen.")
        return completed_on
    return None


@transaction.atomic
def action_create(
    *, theme: Theme, actor: Any, title: str, principle: GuidingPrinciple, deadline: date, owner: Any = None,
    description: str = "", status: str = ActionStatus.GEPLAND, completed_on: date | None = None,
) -> ImprovementAction:  # fmt: skip
    """An improvement action of a theme: owner, deadline, guiding principle (issue 9 §4)."""
    if not title.strip():
        raise LearningError("Beschrijf de actie.")
    return ImprovementAction.objects.create(
        theme=theme, title=title.strip(), description=description.strip(), owner=owner, deadline=deadline,
        principle=principle, status=status, completed_on=_check_status(status, completed_on), created_by=actor,
    )  # fmt: skip


@transaction.atomic
def action_update(
    *, action: ImprovementAction, actor: Any, title: str, principle: GuidingPrinciple, deadline: date,
    owner: Any = None, description: str = "",
) -> ImprovementAction:  # fmt: skip
    """Change what an action is, who pulls it and when it is due; a moved deadline is noted in its
    progress, so the report shows it was moved (seed 004: the council sees the planning change)."""
    if not title.strip():
        raise LearningError("Beschrijf de actie.")
    action = ImprovementAction.objects.select_for_update().get(pk=action.pk)
    moved = action.deadline != deadline
    if moved:
        ActionProgress.objects.create(
            action=action, by=actor, by_name=_name(actor),
            note=f"Datum verschoven van {action.deadline:%d-%m-%Y} naar {deadline:%d-%m-%Y}.",
        )  # fmt: skip
    action.title, action.description, action.principle = title.strip(), description.strip(), principle
    action.deadline, action.owner = deadline, owner
    action.save(update_fields=["title", "description", "principle", "deadline", "owner"])
    return action


@transaction.atomic
def action_progress(
    *, action: ImprovementAction, actor: Any, note: str, status: str | None = None, completed_on: date | None = None
) -> ActionProgress:
    """A progress note, optionally with a new status ('gereed' needs the day it was finished, default
    today). The note says what changed, so the quarterly report can quote it."""
    note = note.strip()
    if not note:
        raise LearningError("Schrijf op wat er is gebeurd.")
    action = ImprovementAction.objects.select_for_update().get(pk=action.pk)
    if status and status != action.status:
        action.completed_on = _check_status(status, completed_on)
        action.status = status
        action.save(update_fields=["status", "completed_on"])
    elif status == ActionStatus.GEREED and completed_on and completed_on != action.completed_on:
        action.completed_on = _check_status(status, completed_on)
        action.save(update_fields=["completed_on"])
    return ActionProgress.objects.create(action=action, note=note, status=status or "", by=actor, by_name=_name(actor))


# --- retention ------------------------------------------------------------------------------------


def learning_forget_cases(*, case_ids: Iterable[int]) -> int:
    """For the retention run (casus.retention.services._destroy): a destroyed case keeps its row, so
    the learning rows that hang on it stay too; their free text may hold personal data and goes. The
    signal keeps its subject and principle (counts stay right); returns the number of signals emptied."""
    ids = list(case_ids)
    emptied = Signal.objects.filter(case_id__in=ids).update(text="(vernietigd)", author=None, author_name="")
    from .models import FollowUp

    FollowUp.objects.filter(case_id__in=ids).update(note="")
    return emptied


# --- follow-ups (nazorg) --------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month when that month is shorter (31 Jan → 30 Apr)."""
    import calendar

    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def follow_up_months() -> int:
    from django.conf import settings

    return int(getattr(settings, "CASUS_LEARNING_FOLLOW_UP_MONTHS", 3))


def followups_schedule(*, today: date | None = None) -> int:
    """Nazorg (seed 000): every closed complex case gets one follow-up, `CASUS_LEARNING_FOLLOW_UP_MONTHS`
    (default 3) months after it closed, for its handler. Idempotent: the unique case column and
    ignore_conflicts mean a second run (or two at once) adds nothing. Returns the number added."""
    from .models import FollowUp

    months = follow_up_months()
    cases = Case.objects.filter(complex=True, closed_on__isnull=False, follow_up__isnull=True)
    rows = [
        FollowUp(case_id=pk, due_on=add_months(closed_on, months), handler_id=handler_id)
        for pk, closed_on, handler_id in cases.values_list("pk", "closed_on", "handler_id").iterator()
    ]
    before = FollowUp.objects.count()
    FollowUp.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return FollowUp.objects.count() - before


@transaction.atomic
def followup_record(*, case: Case, actor: Any, result: str, note: str = "", done_on: date | None = None) -> Any:
    """Record how the solution works out (werkt / deels / niet) on the case's follow-up and timeline."""
    from .models import FollowUp, FollowUpResult

    follow_up = FollowUp.objects.select_for_update().filter(case=case).first()
    if follow_up is None:
        raise LearningError("Voor deze zaak is geen nazorg gepland.")
    if follow_up.done_on is not None:
        raise LearningError("De nazorg van deze zaak is al vastgelegd.")
    if result not in FollowUpResult.values:
        raise LearningError("Kies of de oplossing werkt, deels werkt of niet werkt.")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise LearningError("De datum van de nazorg kan niet in de toekomst liggen.")
    follow_up.done_on, follow_up.result, follow_up.note = done_on, result, note.strip()
    follow_up.save(update_fields=["done_on", "result", "note"])
    summary = f"Nazorg: {FollowUpResult(result).label.lower()}." + (f" {note.strip()}" if note.strip() else "")
    event_append(case=case, kind=EventKind.FOLLOW_UP, actor=actor, summary=summary, result=result, done_on=done_on)
    return follow_up


# --- case discussions (casuïstiekoverleg / maatwerkplaats) -----------------------------------------


@transaction.atomic
def discussion_record(
    *, organisation: Organisation, actor: Any, held_on: date, title: str, cases: Iterable[Case],
    perspectives: dict[str, str], participants: str = "", decision: str = "", policy_owner: str = "",
    signal_to_policy_owner: str = "", participant_users: Iterable[Any] = (),
) -> Any:  # fmt: skip
    """A case discussion (seed 002's maatwerkplaats): the cases, who took part, the perspectives heard
    (law, policy, execution, resident), the decision and the signal to the policy owner. Each case gets
    it on its timeline."""
    from .models import CaseDiscussion, DiscussionPerspective, Perspective

    cases = list(cases)
    if not cases:
        raise LearningError("Noem minstens één zaak die is besproken.")
    _same_organisation(organisation.pk, cases, [])
    if held_on > timezone.localdate():
        raise LearningError("Een overleg dat nog moet komen, legt u vast als het is gehouden.")
    heard = {kind: text.strip() for kind, text in perspectives.items() if kind in Perspective.values and text.strip()}
    if not heard:
        raise LearningError("Schrijf op welke perspectieven zijn gehoord (recht, beleid, uitvoering, inwoner).")
    discussion = CaseDiscussion.objects.create(
        organisation=organisation, held_on=held_on, title=title.strip(), participants=participants.strip(),
        decision=decision.strip(), policy_owner=policy_owner.strip(),
        signal_to_policy_owner=signal_to_policy_owner.strip(), created_by=actor,
    )  # fmt: skip
    discussion.cases.set(cases)
    discussion.participant_users.set(participant_users)
    DiscussionPerspective.objects.bulk_create(
        [DiscussionPerspective(discussion=discussion, kind=kind, text=text) for kind, text in heard.items()]
    )
    summary = f"Besproken in het casuïstiekoverleg van {held_on:%d-%m-%Y}: {discussion.title}."
    if discussion.decision:
        summary += f" Besluit: {discussion.decision}"
    for case in cases:
        event_append(case=case, kind=EventKind.DISCUSSION, actor=actor, summary=summary, discussion=discussion.pk)
    return discussion
