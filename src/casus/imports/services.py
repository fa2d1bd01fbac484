"""Writing an imported change to an existing case: the new values, a recomputed due date, and one
timeline Event with the old and the new value of every changed field."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from casus.cases.domain import INFORMAL_OUTCOMES, OUTCOMES_BY_TYPE, CaseType, EventKind, Status
from casus.cases.models import Case
from casus.cases.services import CaseError, deadline_for, event_append

# The case fields an import row can set, with their Dutch names for the timeline.
IMPORTED_FIELDS: dict[str, str] = {
    "case_type": "zaaktype",
    "received_on": "ontvangen op",
    "channel": "kanaal",
    "team": "team",
    "subject": "onderwerp",
    "nature": "aard",
    "resident": "inwoner",
    "handler": "behandelaar",
    "closed_on": "afgehandeld op",
    "outcome": "uitkomst",
    "informal": "informeel",
    "decision_sent_on": "besluit verzonden op",
    "filed_at_court_on": "ingediend bij rechtbank op",
    "description": "omschrijving",
}
_DEADLINE_FACTS = {"case_type", "received_on", "decision_sent_on"}


def _shown(value: Any) -> Any:
    """A value as the timeline stores it: a date as ISO text, an object by its name."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "get_username"):
        return value.get_full_name() or value.get_username()
    if hasattr(value, "source_id"):
        return f"inwoner {value.source_id or value.pk}"
    return str(value)


def check_changes(case: Case, changes: dict[str, Any]) -> None:
    """Refuse a change the database would refuse anyway, with a Dutch reason."""
    case_type = changes.get("case_type", case.case_type)
    received_on = changes.get("received_on", case.received_on)
    closed_on = changes.get("closed_on", case.closed_on)
    outcome = changes.get("outcome", case.outcome)
    if outcome and outcome not in OUTCOMES_BY_TYPE[CaseType(case_type)]:
        raise CaseError(f"Uitkomst '{outcome}' past niet bij zaaktype '{case_type}'.")
    if closed_on is not None and closed_on < received_on:
        raise CaseError("De afhandeldatum ligt vóór de ontvangstdatum.")
    if (closed_on is None) != (not outcome):
        raise CaseError("Een afgehandelde zaak heeft een afhandeldatum en een uitkomst, een open zaak geen van beide.")


@transaction.atomic
def case_update_from_import(*, case: Case, changes: dict[str, Any], actor: Any, file_name: str) -> Case:
    """Apply the changed cells of an import row to `case` and write one Event with old and new values."""
    case = Case.objects.select_for_update().select_related("organisation").get(pk=case.pk)
    check_changes(case, changes)
    old = {name: getattr(case, name) for name in changes}
    for name, value in changes.items():
        setattr(case, name, value)
    if case.outcome in INFORMAL_OUTCOMES:
        case.informal = True
    if case.closed_on is not None and case.outcome:
        case.status = Status.AFGEHANDELD
    elif case.status == Status.AFGEHANDELD:
        case.status = Status.IN_BEHANDELING if case.handler_id else Status.ONTVANGEN
    due_before = case.due_on
    if _DEADLINE_FACTS & changes.keys():
        case.due_on = deadline_for(case).due
    case.save()
    described = "; ".join(
        f"{IMPORTED_FIELDS[name]}: {_shown(old[name]) or '(leeg)'} → {_shown(value) or '(leeg)'}"
        for name, value in changes.items()
    )
    data: dict[str, Any] = {
        "bestand": file_name,
        "wijzigingen": {
            IMPORTED_FIELDS[name]: {"oud": _shown(old[name]), "nieuw": _shown(value)} for name, value in changes.items()
        },
    }
    if case.due_on != due_before:
        data["due_before"], data["due_after"] = due_before, case.due_on
    event_append(
        case=case, kind=EventKind.UPDATED, actor=actor, summary=f"Bijgewerkt uit {file_name}: {described}.", **data
    )
    return case
