"""Who a resident can call about their case: `contact_person(case)`.

Seed 001 found that residents do not know who their contact person is. Every page and letter that names
one asks here, so the status page and the letters always agree:

- a case with a handler: the handler's name, with the direct phone number and e-mail address from their
  ContactDetails; a detail left empty falls back to the team's, then to the organisation's;
- a case without a handler yet: the team ("Team BBK") with the team's number and address (then the
  organisation's); without a team either, the organisation.

Never the handler's login e-mail address: a staff member chooses what residents see (ContactDetails).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casus.cases.models import Case


@dataclass(frozen=True)
class ContactPerson:
    name: str  # "Sanne Bakker", "Team BBK", or the organisation's name
    phone: str  # may be empty when nobody configured one
    email: str  # may be empty
    team_name: str  # "BBK", or "" for a case without a team
    is_person: bool = False  # a named handler (True) or a team / the organisation (False)
    organisation_name: str = ""

    @property
    def team(self) -> str:
        """The team's name (the letters' merge field `contact.team`)."""
        return self.team_name

    @property
    def phone_href(self) -> str:
        """'tel:+31361234567'-style link target: digits and a leading + only."""
        digits = "".join(char for char in self.phone if char.isdigit() or char == "+")
        return f"tel:{digits}" if digits else ""


def _details(user: Any) -> tuple[str, str]:
    from .models import ContactDetails

    try:
        details = user.contact_details
    except ContactDetails.DoesNotExist:
        return "", ""
    return details.phone.strip(), details.email.strip()


def contact_person(case: Case) -> ContactPerson:
    """The named contact person of `case` (see the module docstring for the fall-backs)."""
    team, organisation = case.team, case.organisation
    team_phone = (team.phone.strip() if team else "") or organisation.phone.strip()
    team_email = (team.email.strip() if team else "") or organisation.email.strip()
    team_name = team.name if team else ""
    if case.handler_id:
        handler = case.handler
        phone, email = _details(handler)
        return ContactPerson(
            name=handler.get_full_name().strip() or handler.get_username(), phone=phone or team_phone,
            email=email or team_email, team_name=team_name, is_person=True, organisation_name=organisation.name,
        )  # fmt: skip
    name = f"Team {team_name}" if team else organisation.name
    return ContactPerson(
        name=name, phone=team_phone, email=team_email, team_name=team_name, organisation_name=organisation.name
    )
