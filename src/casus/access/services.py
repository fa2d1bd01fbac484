"""Giving and revoking explicit access to one case (CaseGrant). Each change is audited (signals.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from casus.cases.models import Case

from .models import CaseGrant
from .permissions import HANDLING_ROLES, can_view_case, forget


class GrantError(Exception):
    """A grant that cannot be given; the message is Dutch and shown to the coördinator."""


@transaction.atomic
def case_grant(*, case: Case, user: Any, reason: str, actor: Any) -> CaseGrant:
    from casus.cases.models import TeamMembership

    reason = reason.strip()
    if not reason:
        raise GrantError("Geef een reden op: waarom heeft deze collega het dossier nodig?")
    if not user.is_active:
        raise GrantError("Deze medewerker is niet actief.")
    in_organisation = TeamMembership.objects.filter(
        user=user, team__organisation_id=case.organisation_id, role__in=HANDLING_ROLES
    ).exists()
    if not in_organisation:
        raise GrantError("Toegang kan alleen aan een behandelaar of coördinator van dezelfde organisatie.")
    forget(user)
    if can_view_case(user, case):
        raise GrantError(f"{user.get_full_name() or user.get_username()} kan dit dossier al inzien.")
    return CaseGrant.objects.create(case=case, user=user, reason=reason[:300], granted_by=actor)


@transaction.atomic
def case_grant_revoke(*, grant: CaseGrant, actor: Any) -> CaseGrant:
    if grant.revoked_at is not None:
        raise GrantError("Deze toegang is al ingetrokken.")
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant
