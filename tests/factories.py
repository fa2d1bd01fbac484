"""Test data builders (plain functions, no fixture files). Names are invented, never real people."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from casus.cases import services
from casus.cases.domain import Channel, TeamRole
from casus.cases.models import Case, Category, Event, Organisation, Resident, Team, TeamMembership

User = get_user_model()


def organisation(slug: str = "almere") -> Organisation:
    return Organisation.objects.get(slug=slug)


def other_organisation() -> Organisation:
    org, _ = Organisation.objects.get_or_create(slug="zeewolde", defaults={"name": "Gemeente Zeewolde"})
    return org


def team(name: str, org: Organisation | None = None) -> Team:
    org = org or organisation()
    found, _ = Team.objects.get_or_create(organisation=org, name=name)
    return found


def user(
    username: str, *, first: str, last: str, team_name: str | None = None, role: str = TeamRole.BEHANDELAAR
) -> Any:
    person = User.objects.create_user(
        username=username, password="correct-horse-battery", first_name=first, last_name=last,
        email=f"{username}@casus.invalid",
    )  # fmt: skip
    if team_name:
        TeamMembership.objects.create(team=team(team_name), user=person, role=role)
    return person


def subject(name: str = "bijzondere bijstand") -> Category:
    return Category.objects.get(kind="subject", name=name)


def nature(name: str = "duurt lang") -> Category:
    return Category.objects.get(kind="nature", name=name)


def resident(**fields: Any) -> Resident:
    values = {
        "organisation": organisation(), "given_name": "Jan", "surname": "Smit", "street": "Lindelaan",
        "house_number": "12", "postcode": "1312AB", "city": "Almere", "phone": "06-12345678",
    }  # fmt: skip
    values.update(fields)
    return Resident.objects.create(**values)


def register(case_type: str = "klacht", received_on: date = date(2026, 4, 12), **fields: Any) -> Case:
    """Register through the real service, in team Werk by default."""
    fields.setdefault("organisation", organisation())
    fields.setdefault("team", team("Werk"))
    fields.setdefault("channel", Channel.EMAIL)
    return services.case_register(case_type=case_type, received_on=received_on, **fields)


def event_kinds(case: Case) -> list[str]:
    """The kinds on a case's timeline, oldest first."""
    return list(case.events.order_by("created_at", "id").values_list("kind", flat=True))


def last_event(case: Case) -> Event:
    """The newest Event on a case's timeline."""
    return case.events.order_by("created_at", "id").last()


def verified_login(client: Any, person: Any) -> None:
    """Log `person` in on the Django test client with a confirmed, verified TOTP device, as the
    two-factor middleware requires for functioneel beheerders and systeembeheerders."""
    from django.conf import settings

    client.force_login(person)
    if "django_otp.plugins.otp_totp" not in settings.INSTALLED_APPS:
        return
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=person, name="Authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def logged_in(person: Any, **client_options: Any) -> Any:
    """A Django test client logged in as `person`, two-factor verified (see verified_login)."""
    from django.test import Client

    client = Client(**client_options)
    verified_login(client, person)
    return client
