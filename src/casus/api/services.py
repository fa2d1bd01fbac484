"""Writes for API applications: create one (with its service user) and issue a new token; and the
resident a system gives inline when it registers a case."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from casus.cases.models import Organisation, Resident, Team, TeamMembership
from casus.cases.services import CaseError

from .models import ApiApplication, ApiRole


def token_hash(token: str) -> str:
    """Only the sha256 of a token is stored; the token itself is shown once."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def _service_username(application_name: str, team: Team) -> str:
    base = f"api-{team.organisation.slug}-{slugify(application_name)}"[:140]
    name, counter = base, 1
    while get_user_model().objects.filter(username=name).exists():
        counter += 1
        name = f"{base}-{counter}"
    return name


@transaction.atomic
def api_application_create(
    *, team: Team, name: str, role: str = ApiRole.BEHANDELAAR, scopes: tuple[str, ...] = ("read_cases",)
) -> tuple[ApiApplication, str]:
    """Create an application, its service user (no password: it logs in with the token only) and the
    team membership that gives it the team's permissions. Returns the token, shown once."""
    if not name.strip():
        raise CaseError("Geef de koppeling een naam.")
    user = get_user_model().objects.create(username=_service_username(name, team), first_name=name.strip()[:150])
    user.set_unusable_password()
    user.save(update_fields=["password"])
    TeamMembership.objects.create(team=team, user=user, role=role)
    token, digest = _new_token()
    application = ApiApplication.objects.create(
        organisation=team.organisation, name=name.strip(), team=team, role=role, user=user,
        scope_read_cases="read_cases" in scopes, scope_write_cases="write_cases" in scopes,
        scope_reports="reports" in scopes, token_hash=digest, token_prefix=token[:8],
    )  # fmt: skip
    return application, token


@transaction.atomic
def api_application_new_token(*, application: ApiApplication) -> str:
    """Replace the token; the old one stops working at once."""
    token, digest = _new_token()
    application.token_hash, application.token_prefix = digest, token[:8]
    application.save(update_fields=["token_hash", "token_prefix"])
    return token


def api_application_sync(*, application: ApiApplication) -> None:
    """Keep the service user in step with the application (active, team, role) after an admin edit."""
    user = application.user
    if user.is_active != application.active:
        user.is_active = application.active
        user.save(update_fields=["is_active"])
    TeamMembership.objects.filter(user=user).exclude(team=application.team, role=application.role).delete()
    TeamMembership.objects.get_or_create(user=user, team=application.team, role=application.role)


def _root(resident: Resident) -> Resident:
    """A merged duplicate stands for the resident it was merged into (as in the import)."""
    seen = {resident.pk}
    while resident.merged_into_id and resident.merged_into_id not in seen:
        resident = Resident.objects.get(pk=resident.merged_into_id)
        seen.add(resident.pk)
    return resident


@transaction.atomic
def resident_for_registration(*, organisation: Organisation, data: dict[str, Any]) -> tuple[Resident, bool]:
    """The resident of a registration given inline (name, address, contact, BSN, source id): the
    organisation's resident with that source id when there is one (their data is left as it is: a
    correction goes through the privacy officer's route), otherwise a new resident. Returns
    (resident, created)."""
    data = dict(data)
    source_id = data.pop("source_id", "")
    if not source_id:
        return Resident.objects.create(organisation=organisation, **data), True
    # get_or_create: two requests with the same new source id create one resident, not an error.
    resident, created = Resident.objects.get_or_create(organisation=organisation, source_id=source_id, defaults=data)
    return (resident, True) if created else (_root(resident), False)
