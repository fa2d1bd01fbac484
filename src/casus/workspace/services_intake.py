"""The intake's writes: a phone or desk contact becomes a case, with a new resident when needed, in
one transaction.

A contact that needs no case (the resident solves it, is referred, or goes on to a melding or aanvraag)
is recorded as a `vraag` that is closed at once and carries the front-office result (seed 004: "registratie
telefonische en mondelinge vragen met resultaat"). So every contact counts in the Monitor, the
resident's history shows it, and no open case is left for nobody to handle.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from casus.cases import services
from casus.cases.domain import CaseType, Channel, FrontOfficeResult, Outcome
from casus.cases.models import Case, Category, Resident, Team

# The outcome of the closed vraag for each front-office result (DOMAIN.md §2: vraag outcomes).
FRONT_OFFICE_OUTCOME = {
    FrontOfficeResult.INWONER_LOST_ZELF_OP: Outcome.BEANTWOORD,
    FrontOfficeResult.VERWIJZING: Outcome.DOORVERWEZEN,
    FrontOfficeResult.MELDING_AANVRAAG: Outcome.BEANTWOORD,  # the melding/aanvraag is a case of its own
}


def _resident(*, team: Team, resident: Resident | None, new_resident: dict[str, Any] | None) -> Resident | None:
    if resident is not None or not new_resident:
        return resident
    return Resident.objects.create(organisation=team.organisation, **new_resident)


@transaction.atomic(durable=True)
def intake_register(
    *, actor: Any, team: Team, case_type: str, channel: str, received_on: date, description: str = "",
    subject: Category | None = None, nature: Category | None = None, resident: Resident | None = None,
    new_resident: dict[str, Any] | None = None, assign_to_me: bool = True, decision_sent_on: date | None = None,
    posted_on: date | None = None, delay_excused: bool = False,
) -> Case:  # fmt: skip
    """Register a contact as a case (services.case_register), creating the resident first when
    `new_resident` holds their data. A bezwaar gets the filing check of Awb 6:7-6:9 and 6:11."""
    return services.case_register(
        organisation=team.organisation, case_type=case_type, received_on=received_on, actor=actor,
        channel=channel, team=team, handler=actor if assign_to_me else None, subject=subject, nature=nature,
        resident=_resident(team=team, resident=resident, new_resident=new_resident), description=description,
        decision_sent_on=decision_sent_on, posted_on=posted_on, delay_excused=delay_excused,
    )  # fmt: skip


@transaction.atomic(durable=True)
def intake_close_at_front_office(
    *, actor: Any, team: Team, channel: str, received_on: date, result: str, description: str = "",
    subject: Category | None = None, resident: Resident | None = None, new_resident: dict[str, Any] | None = None,
) -> Case:  # fmt: skip
    """Record a contact handled at once at the desk or on the phone: a `vraag` with the front-office
    result, handled by the actor and closed today with the matching outcome."""
    case = services.case_register(
        organisation=team.organisation, case_type=CaseType.VRAAG, received_on=received_on, actor=actor,
        channel=channel, team=team, handler=actor, subject=subject, description=description,
        resident=_resident(team=team, resident=resident, new_resident=new_resident), front_office_result=result,
    )  # fmt: skip
    where = "aan de telefoon" if channel == Channel.TELEFOON else "aan de balie"
    return services.case_close(
        case=case, actor=actor, outcome=FRONT_OFFICE_OUTCOME[FrontOfficeResult(result)],
        closing_text=f"Direct afgehandeld {where}: {FrontOfficeResult(result).label.lower()}.",
    )  # fmt: skip
