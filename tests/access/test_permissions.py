"""casus.access.permissions: who sees which dossier, and the list filter agrees with the detail check."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from casus.access import permissions, services
from casus.access.models import CaseGrant
from casus.access.permissions import can, visible_cases, visible_residents
from casus.cases import services as case_services
from casus.cases.domain import TeamRole
from casus.cases.models import Case, TeamMembership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(behandelaar: Any, collega: Any, behandelaar_beheer: Any) -> dict[str, Case]:
    own = factories.register("klacht", resident=factories.resident(surname="Eigen"), handler=collega)
    other = factories.register(
        "klacht", team=factories.team("Beheer"), handler=behandelaar_beheer, resident=factories.resident()
    )
    sensitive = factories.register("klacht", handler=collega, resident=factories.resident(surname="Gevoelig"))
    Case.objects.filter(pk=sensitive.pk).update(sensitive=True)
    flagged = factories.register("vraag", handler=collega)
    case_services.case_flag_safety(case=flagged, actor=collega, note="Noemt zelfdoding.")
    handed = factories.register("vraag", team=factories.team("Beheer"), handler=behandelaar)
    intake = factories.register("vraag", team=None)
    zeewolde = factories.other_organisation()
    foreign = factories.register(
        "klacht", organisation=zeewolde, team=factories.team("Werk", zeewolde),
        resident=factories.resident(organisation=zeewolde, surname="Tuinstra"),
    )  # fmt: skip
    return {
        "own": own, "other": other, "sensitive": Case.objects.get(pk=sensitive.pk),
        "flagged": Case.objects.get(pk=flagged.pk), "handed": handed, "intake": intake, "foreign": foreign,
    }  # fmt: skip


def _seen(user: Any, cases: dict[str, Case]) -> set[str]:
    return {name for name, case in cases.items() if can(user, "case.view", case)}


def test_a_behandelaar_sees_the_team_and_what_was_handed_to_them(behandelaar: Any, cases: dict[str, Case]) -> None:
    assert _seen(behandelaar, cases) == {"own", "handed"}


def test_a_coordinator_also_sees_sensitive_cases_of_the_team_and_the_intake(
    coordinator: Any, cases: dict[str, Case]
) -> None:
    assert _seen(coordinator, cases) == {"own", "sensitive", "flagged", "intake"}


def test_the_handler_of_a_sensitive_case_sees_it(collega: Any, cases: dict[str, Case]) -> None:
    assert {"own", "sensitive", "flagged"} <= _seen(collega, cases)
    assert "other" not in _seen(collega, cases)


def test_organisation_roles_see_no_dossier(cases: dict[str, Case]) -> None:
    for role in (TeamRole.MT, TeamRole.FUNCTIONEEL_BEHEER, TeamRole.SYSTEEMBEHEER, TeamRole.PRIVACY):
        user = factories.user(f"u_{role}", first="Test", last=role, team_name="Werk", role=role)
        assert _seen(user, cases) == set(), role


def test_a_superuser_sees_no_dossier_by_being_superuser(cases: dict[str, Case]) -> None:
    root = factories.User.objects.create_superuser("root", "root@casus.invalid", "correct-horse-battery")
    assert _seen(root, cases) == set()
    assert can(root, "admin.access")


def test_anonymous_and_inactive_users_see_nothing(behandelaar: Any, cases: dict[str, Case]) -> None:
    assert _seen(AnonymousUser(), cases) == set()
    behandelaar.is_active = False
    behandelaar.save()
    permissions.forget(behandelaar)
    assert _seen(behandelaar, cases) == set()


def test_a_grant_opens_one_sensitive_case_and_revoking_closes_it(
    behandelaar: Any, coordinator: Any, cases: dict[str, Case]
) -> None:
    grant = services.case_grant(case=cases["sensitive"], user=behandelaar, reason="vervanging", actor=coordinator)
    permissions.forget(behandelaar)
    assert _seen(behandelaar, cases) == {"own", "handed", "sensitive"}
    services.case_grant_revoke(grant=grant, actor=coordinator)
    permissions.forget(behandelaar)
    assert "sensitive" not in _seen(behandelaar, cases)
    assert CaseGrant.objects.filter(pk=grant.pk, revoked_by=coordinator).exists()  # the row stays as evidence


def test_a_grant_needs_a_reason_a_colleague_of_the_organisation_and_no_existing_access(
    behandelaar: Any, coordinator: Any, cases: dict[str, Case]
) -> None:
    with pytest.raises(services.GrantError, match="reden"):
        services.case_grant(case=cases["sensitive"], user=behandelaar, reason="  ", actor=coordinator)
    with pytest.raises(services.GrantError, match="kan dit dossier al inzien"):
        services.case_grant(case=cases["own"], user=behandelaar, reason="waarom niet", actor=coordinator)
    outsider = factories.user("z_buiten", first="Kees", last="Buiten")
    TeamMembership.objects.create(
        team=factories.team("Werk", factories.other_organisation()), user=outsider, role=TeamRole.BEHANDELAAR
    )
    with pytest.raises(services.GrantError, match="dezelfde organisatie"):
        services.case_grant(case=cases["sensitive"], user=outsider, reason="hulp", actor=coordinator)


@pytest.mark.parametrize(
    "persona", ["behandelaar", "collega", "coordinator", "behandelaar_beheer", "kwaliteitsmedewerker"]
)
def test_the_list_filter_agrees_with_the_detail_check(
    request: pytest.FixtureRequest, persona: str, cases: dict[str, Case], coordinator: Any
) -> None:
    user = request.getfixturevalue(persona)
    services.case_grant(
        case=cases["sensitive"], user=request.getfixturevalue("behandelaar"), reason="meelezen", actor=coordinator
    )
    listed = set(visible_cases(user).values_list("pk", flat=True))
    detailed = {case.pk for case in Case.objects.all() if can(user, "case.view", case)}
    assert listed == detailed


def test_residents_are_visible_through_a_visible_case_or_to_the_privacy_officer(
    behandelaar: Any, cases: dict[str, Case]
) -> None:
    surnames = set(visible_residents(behandelaar).values_list("surname", flat=True))
    assert "Eigen" in surnames and "Gevoelig" not in surnames
    fg = factories.user("fg", first="Nora", last="Vos", team_name="Beheer", role=TeamRole.PRIVACY)
    assert set(visible_residents(fg)) >= {cases["own"].resident, cases["sensitive"].resident}
    assert not can(fg, "resident.view", cases["foreign"].resident)
    assert "Tuinstra" not in set(visible_residents(fg).values_list("surname", flat=True))


def test_a_kwaliteitsmedewerker_reads_but_does_not_handle(cases: dict[str, Case]) -> None:
    kwaliteit = factories.user("kw", first="Ilse", last="Jansen", team_name="Werk", role=TeamRole.KWALITEIT)
    assert can(kwaliteit, "case.view", cases["own"])
    assert not can(kwaliteit, "case.edit", cases["own"])
    assert not can(kwaliteit, "resident.bsn", cases["own"].resident)


def test_two_factor_is_required_for_beheer_roles_only(behandelaar: Any) -> None:
    fb = factories.user("fb", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    sb = factories.user("sb", first="Tim", last="Dekker", team_name="Beheer", role=TeamRole.SYSTEEMBEHEER)
    assert permissions.needs_two_factor(fb) and permissions.needs_two_factor(sb)
    assert not permissions.needs_two_factor(behandelaar)


def test_an_unknown_permission_is_an_error_not_a_no(behandelaar: Any) -> None:
    with pytest.raises(KeyError):
        can(behandelaar, "case.viewe")


def test_organisation_permissions_follow_the_object(cases: dict[str, Case]) -> None:
    fb = factories.user("fb", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    assert can(fb, "retention.approve", factories.organisation())
    assert not can(fb, "retention.approve", factories.other_organisation())
