"""The daily digest of deadline warnings (`manage.py send_deadline_warnings`).

Every open case whose state is `dreigt` or `te_laat` on the given day is reported once per state and
due date to its handler, or, when nobody handles it yet, to the coördinatoren of its team. One e-mail
per person lists their cases (reference, type, due date, working days left) and links to Casus; it
names no resident, because e-mail leaves the closed network more easily than Casus does.

Per recipient, the warning rows are written and the mail is sent in one transaction: if sending fails,
the rows roll back and the next run tries again; if another run got there first, the unique
constraint stops this one and nothing is sent twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from casus import deadlines
from casus.cases.domain import OPEN_STATUSES, TeamRole
from casus.cases.models import Case, TeamMembership
from casus.cases.selectors import filter_state

from .models import DeadlineWarning, WarningState

User = get_user_model()


@dataclass
class Digest:
    recipient: Any
    cases: list[tuple[Case, str]] = field(default_factory=list)  # (case, state)


@dataclass
class Result:
    sent: int = 0  # e-mails
    warnings: int = 0  # cases reported
    skipped_without_address: list[str] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)


def _due_cases(on: date) -> list[tuple[Case, str]]:
    """Open cases in state dreigt or te_laat on `on` without a warning for that state and due date."""
    found = []
    for state in (WarningState.TE_LAAT, WarningState.DREIGT):
        warned = DeadlineWarning.objects.filter(case=OuterRef("pk"), state=state, due_on=OuterRef("due_on"))
        cases = filter_state(Case.objects.filter(status__in=OPEN_STATUSES), state, on=on)
        cases = cases.exclude(Exists(warned)).select_related("team", "handler", "organisation").order_by("due_on", "id")
        found.extend((case, state.value) for case in cases)
    return found


def _coordinators(team_ids: set[int]) -> dict[int, list[Any]]:
    rows = TeamMembership.objects.filter(
        team_id__in=team_ids, role=TeamRole.COORDINATOR, user__is_active=True
    ).select_related("user")
    found: dict[int, list[Any]] = defaultdict(list)
    for membership in rows:
        found[membership.team_id].append(membership.user)
    return found


def collect(on: date) -> list[Digest]:
    """Who gets which cases: the handler, or the team's coördinatoren for a case without a handler."""
    due = _due_cases(on)
    coordinators = _coordinators({case.team_id for case, _ in due if case.handler_id is None and case.team_id})
    digests: dict[int, Digest] = {}
    for case, state in due:
        recipients = [case.handler] if case.handler_id else coordinators.get(case.team_id, [])
        for person in recipients:
            if not person.is_active:
                continue
            digests.setdefault(person.pk, Digest(recipient=person)).cases.append((case, state))
    return sorted(digests.values(), key=lambda digest: digest.recipient.get_username())


def _line(case: Case, state: str, on: date) -> str:
    label = deadlines.STATE_LABELS[deadlines.State(state)]
    if state == WarningState.TE_LAAT:
        when = f"was uiterlijk {case.due_on:%d-%m-%Y}"
    else:
        left = deadlines.working_days_between(on, case.due_on)
        when = f"uiterlijk {case.due_on:%d-%m-%Y}, nog {left} werkdag{'en' if left != 1 else ''}"
    owner = "" if case.handler_id else f" (nog niet toegewezen, team {case.team})"
    return f"- {case.reference} ({case.get_case_type_display().lower()}): {label}, {when}{owner}"


def render(digest: Digest, on: date) -> tuple[str, str]:
    late = sum(1 for _, state in digest.cases if state == WarningState.TE_LAAT)
    threatening = len(digest.cases) - late
    parts = []
    if late:
        parts.append(f"{late} te laat")
    if threatening:
        parts.append(f"{threatening} dreigt")
    subject = f"Casus: termijnen van {on:%d-%m-%Y} – {' en '.join(parts)}"
    name = digest.recipient.get_full_name() or digest.recipient.get_username()
    lines = [f"Beste {name},", "", "Deze zaken hebben uw aandacht nodig:", ""]
    lines += [_line(case, state, on) for case, state in digest.cases]
    base = getattr(settings, "CASUS_BASE_URL", "").rstrip("/")
    lines += ["", f"Open Casus om ze te bekijken: {base}/werk/" if base else "Open Casus en kijk bij Mijn werk."]
    lines += ["", "U krijgt over elke zaak één bericht per termijnstand. Dit bericht is automatisch verstuurd."]
    return subject, "\n".join(lines)


def send_deadline_warnings(on: date, *, dry_run: bool = False) -> Result:
    result = Result()
    for digest in collect(on):
        if not digest.recipient.email:
            result.skipped_without_address.append(digest.recipient.get_username())
            continue
        result.digests.append(digest)
        if dry_run:
            result.warnings += len(digest.cases)
            continue
        subject, body = render(digest, on)
        try:
            with transaction.atomic():
                DeadlineWarning.objects.bulk_create(
                    DeadlineWarning(case=case, state=state, due_on=case.due_on, recipient=digest.recipient)
                    for case, state in digest.cases
                )
                send_mail(subject, body, None, [digest.recipient.email])
        except IntegrityError:
            continue  # another run warned this person about these cases just now
        result.sent += 1
        result.warnings += len(digest.cases)
    return result
