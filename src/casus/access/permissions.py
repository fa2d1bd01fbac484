"""The one permission module: the UI, the API, the exports and the admin all ask here.

Roles live on TeamMembership (casus.cases). Two kinds:

- handling roles, scoped to the team: behandelaar, coördinator, kwaliteitsmedewerker;
- organisation roles, scoped to the team's organisation: MT, functioneel beheerder, systeembeheerder,
  privacyfunctionaris.

Who sees a dossier (need-to-know, DOMAIN.md §7):

- the case's handler, always (a case handed to someone of another team included);
- behandelaars, coördinatoren and kwaliteitsmedewerkers of the case's team, unless the case is
  sensitive (gevoelig) or flagged for safety;
- a sensitive case: only its handler, the coördinatoren of its team and colleagues with an active
  CaseGrant;
- a case not yet given to a team: the coördinatoren of its organisation (they triage the intake).

Nobody sees dossiers by being superuser, functioneel beheerder, systeembeheerder or MT: those roles
configure and read pseudonymised reports. The privacyfunctionaris sees residents and the audit log of
their organisation to answer requests (inzage, correction) and check access, not case files.

`case_filter(user)` is the same rule as `can(user, "case.view", case)`, written as a database filter, so
lists, exports and API querysets can never show more than a detail page would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from casus.cases.domain import TeamRole
from casus.cases.models import Case, Organisation, Resident, TeamMembership

HANDLING_ROLES = frozenset({TeamRole.BEHANDELAAR, TeamRole.COORDINATOR, TeamRole.KWALITEIT})
ORGANISATION_ROLES = frozenset({TeamRole.MT, TeamRole.FUNCTIONEEL_BEHEER, TeamRole.SYSTEEMBEHEER, TeamRole.PRIVACY})
# Roles for which two-factor authentication is required (issue 4: functioneel/systeembeheer).
TWO_FACTOR_ROLES = frozenset({TeamRole.FUNCTIONEEL_BEHEER, TeamRole.SYSTEEMBEHEER})


@dataclass(frozen=True)
class Access:
    """A user's memberships, read once per request: team ids per role and organisation ids per role."""

    user_id: int | None
    teams: dict[str, frozenset[int]] = field(default_factory=dict)
    organisations: dict[str, frozenset[int]] = field(default_factory=dict)
    superuser: bool = False

    def team_ids(self, *roles: str) -> frozenset[int]:
        return frozenset().union(*(self.teams.get(role, frozenset()) for role in roles))

    def org_ids(self, *roles: str) -> frozenset[int]:
        return frozenset().union(*(self.organisations.get(role, frozenset()) for role in roles))

    def has_role(self, *roles: str) -> bool:
        return any(self.teams.get(role) for role in roles)

    @property
    def all_org_ids(self) -> frozenset[int]:
        return frozenset().union(*self.organisations.values()) if self.organisations else frozenset()


ANONYMOUS = Access(user_id=None)


def access_for(user: Any) -> Access:
    """The user's Access, cached on the user object for the length of the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_casus_access", None)
    if cached is not None:
        return cached
    teams: dict[str, set[int]] = {}
    orgs: dict[str, set[int]] = {}
    rows = TeamMembership.objects.filter(user=user, team__active=True).values_list(
        "role", "team_id", "team__organisation_id"
    )
    for role, team_id, org_id in rows:
        teams.setdefault(role, set()).add(team_id)
        orgs.setdefault(role, set()).add(org_id)
    access = Access(
        user_id=user.pk,
        teams={role: frozenset(ids) for role, ids in teams.items()},
        organisations={role: frozenset(ids) for role, ids in orgs.items()},
        superuser=bool(user.is_superuser),
    )
    user._casus_access = access
    return access


def forget(user: Any) -> None:
    """Drop the cached Access (after a membership change in the same request)."""
    if hasattr(user, "_casus_access"):
        del user._casus_access


# --- cases ---------------------------------------------------------------------------------------


def _active_grant(user_id: int) -> Exists:
    from .models import CaseGrant

    return Exists(CaseGrant.objects.filter(case=OuterRef("pk"), user_id=user_id, revoked_at__isnull=True))


def case_filter(user: Any, *, prefix: str = "") -> Q:
    """A Q over Case (or, with prefix 'case__', over a model with a `case` FK) of the cases `user` may
    see. Never broader than can(user, 'case.view', case)."""
    access = access_for(user)
    if access.user_id is None:
        return Q(pk__in=[])
    p = prefix
    handling = access.team_ids(*HANDLING_ROLES)
    coordinating = access.team_ids(TeamRole.COORDINATOR)
    coordinating_orgs = access.org_ids(TeamRole.COORDINATOR)
    sensitive = Q(**{f"{p}sensitive": True}) | Q(**{f"{p}safety_flag": True})
    rule = Q(**{f"{p}handler_id": access.user_id})
    rule |= Q(**{f"{p}team_id__in": handling}) & ~sensitive
    rule |= Q(**{f"{p}team_id__in": coordinating})
    rule |= Q(**{f"{p}team__isnull": True, f"{p}organisation_id__in": coordinating_orgs})
    from .models import CaseGrant

    granted = CaseGrant.objects.filter(user_id=access.user_id, revoked_at__isnull=True).values("case_id")
    rule |= Q(**{f"{p}pk__in": granted})
    return rule


def visible_cases(user: Any, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Every case list, export and API queryset starts here."""
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(case_filter(user))


def has_grant(user: Any, case: Case) -> bool:
    from .models import CaseGrant

    access = access_for(user)
    return (
        access.user_id is not None
        and CaseGrant.objects.filter(case=case, user_id=access.user_id, revoked_at__isnull=True).exists()
    )


def can_view_case(user: Any, case: Case) -> bool:
    access = access_for(user)
    if access.user_id is None:
        return False
    if case.handler_id == access.user_id:
        return True
    if case.team_id is None:
        return case.organisation_id in access.org_ids(TeamRole.COORDINATOR) or has_grant(user, case)
    if case.team_id in access.team_ids(TeamRole.COORDINATOR):
        return True
    if case.team_id in access.team_ids(*HANDLING_ROLES) and not (case.sensitive or case.safety_flag):
        return True
    return has_grant(user, case)


def can_edit_case(user: Any, case: Case) -> bool:
    """Handling work (register events, decide, hand over). Kwaliteitsmedewerkers read only."""
    access = access_for(user)
    if not can_view_case(user, case):
        return False
    if case.handler_id == access.user_id or has_grant(user, case):
        return True
    if case.team_id is None:
        return True  # a coördinator of the organisation, who assigns it
    return case.team_id in access.team_ids(TeamRole.BEHANDELAAR, TeamRole.COORDINATOR)


def can_grant_case(user: Any, case: Case) -> bool:
    """Giving or revoking explicit access: the coördinatoren of the case's team."""
    access = access_for(user)
    if case.team_id is None:
        return case.organisation_id in access.org_ids(TeamRole.COORDINATOR)
    return case.team_id in access.team_ids(TeamRole.COORDINATOR)


# --- residents -----------------------------------------------------------------------------------


def resident_filter(user: Any) -> Q:
    """Residents with at least one visible case (their own or of a merged duplicate); all residents of
    the organisation for its privacyfunctionaris."""
    access = access_for(user)
    if access.user_id is None:
        return Q(pk__in=[])
    cases = Case.objects.filter(case_filter(user))
    rule = Q(pk__in=cases.values("resident_id")) | Q(merged_duplicates__in=cases.values("resident_id"))
    rule |= Q(organisation_id__in=access.org_ids(TeamRole.PRIVACY))
    return rule


def visible_residents(user: Any, queryset: QuerySet[Resident] | None = None) -> QuerySet[Resident]:
    queryset = Resident.objects.all() if queryset is None else queryset
    return queryset.filter(resident_filter(user)).distinct()


def can_view_resident(user: Any, resident: Resident) -> bool:
    access = access_for(user)
    if access.user_id is None:
        return False
    if resident.organisation_id in access.org_ids(TeamRole.PRIVACY):
        return True
    # resident_filter for one resident, asked from this resident's cases (and those of residents merged
    # into them) so the resident index is used; not "is this id among every visible case's residents",
    # which read the whole case table at 100,000 cases (docs/performance.md).
    ids = [resident.pk, *resident.merged_duplicates.values_list("pk", flat=True)]
    return Case.objects.filter(resident_id__in=ids).filter(case_filter(user)).exists()


def _handles_resident(user: Any, resident: Resident) -> bool:
    """Behandelaar or coördinator with a visible case of this resident (not kwaliteit only)."""
    access = access_for(user)
    if not access.has_role(TeamRole.BEHANDELAAR, TeamRole.COORDINATOR):
        return False
    ids = [resident.pk, *resident.merged_duplicates.values_list("pk", flat=True)]
    cases = visible_cases(user).filter(resident_id__in=ids)
    return any(can_edit_case(user, case) for case in cases.select_related(None)[:50])


def _privacy_officer_of(user: Any, organisation_id: int | None) -> bool:
    return organisation_id is not None and organisation_id in access_for(user).org_ids(TeamRole.PRIVACY)


# --- the dispatcher ------------------------------------------------------------------------------


def organisation_id_of(obj: Any) -> int | None:
    if isinstance(obj, Organisation):
        return obj.pk
    return getattr(obj, "organisation_id", None)


# The organisation roles behind the organisation-scoped permissions: a role in organisation A gives
# the permission for A's objects only.
PERMISSION_ORG_ROLES: dict[str, tuple[str, ...]] = {
    "admin.config": (TeamRole.FUNCTIONEEL_BEHEER,),
    "admin.users": (TeamRole.SYSTEEMBEHEER,),
    "retention.view": (TeamRole.FUNCTIONEEL_BEHEER, TeamRole.PRIVACY),
    "retention.approve": (TeamRole.FUNCTIONEEL_BEHEER,),
    "privacy.desk": (TeamRole.PRIVACY,),
    "audit.view": (TeamRole.PRIVACY,),
    "audit.export": (TeamRole.PRIVACY,),
    "reports.view": (TeamRole.COORDINATOR, TeamRole.KWALITEIT, TeamRole.MT, TeamRole.FUNCTIONEEL_BEHEER),
    "learning.view": (TeamRole.COORDINATOR, TeamRole.KWALITEIT, TeamRole.MT),
    "learning.manage": (TeamRole.COORDINATOR, TeamRole.KWALITEIT),
    "answers.manage": (TeamRole.FUNCTIONEEL_BEHEER, TeamRole.COORDINATOR, TeamRole.KWALITEIT),
}


def organisations_for(user: Any, perm: str) -> frozenset[int] | None:
    """The organisation ids whose objects `user` may handle under `perm`; None means all of them (a
    superuser, for the back-office permissions only)."""
    access = access_for(user)
    if access.superuser and perm in ("admin.config", "admin.users"):
        return None
    return access.org_ids(*PERMISSION_ORG_ROLES.get(perm, ()))


def _admin_access(user: Any, obj: Any) -> bool:
    access = access_for(user)
    return access.superuser or access.has_role(TeamRole.FUNCTIONEEL_BEHEER, TeamRole.SYSTEEMBEHEER)


def _org_scoped(perm: str, *, shared_rows: bool = False) -> Any:
    """A permission held through the organisation roles of PERMISSION_ORG_ROLES: in some organisation
    when there is no object, in the object's organisation when there is one. `shared_rows`: an object
    without an organisation (a category, a principle) belongs to every organisation."""

    def check(user: Any, obj: Any) -> bool:
        orgs = organisations_for(user, perm)
        if orgs is None:
            return True
        if obj is None:
            return bool(orgs)
        org_id = organisation_id_of(obj)
        if org_id is None:
            return shared_rows and bool(orgs)
        return org_id in orgs

    return check


def _workspace(user: Any, obj: Any) -> bool:
    return access_for(user).has_role(*HANDLING_ROLES)


PERMISSIONS: dict[str, Any] = {
    # Dossiers.
    "case.view": lambda user, case: can_view_case(user, case),
    "case.edit": lambda user, case: can_edit_case(user, case),
    "case.grant": lambda user, case: can_grant_case(user, case),
    "workspace.use": _workspace,  # the handlers' queues and search (results still go through case_filter)
    "workspace.coordinate": lambda user, obj: bool(access_for(user).team_ids(TeamRole.COORDINATOR)),  # dashboard
    # Residents.
    "resident.list": lambda user, obj: access_for(user).has_role(*HANDLING_ROLES, TeamRole.PRIVACY),
    "resident.view": lambda user, resident: can_view_resident(user, resident),
    "resident.bsn": lambda user, resident: (
        _handles_resident(user, resident) or _privacy_officer_of(user, resident.organisation_id)
    ),
    "resident.correct": lambda user, resident: (
        _handles_resident(user, resident) or _privacy_officer_of(user, resident.organisation_id)
    ),
    "resident.merge": lambda user, resident: (
        _privacy_officer_of(user, resident.organisation_id)
        or (
            access_for(user).has_role(TeamRole.COORDINATOR)
            and resident.organisation_id in access_for(user).org_ids(TeamRole.COORDINATOR)
            and can_view_resident(user, resident)
        )
    ),
    "resident.inzage": lambda user, resident: _privacy_officer_of(user, resident.organisation_id),
    "privacy.desk": _org_scoped("privacy.desk"),  # the privacy officer's pages: requests, search of residents
    # Audit log.
    "audit.view": _org_scoped("audit.view"),
    "audit.export": _org_scoped("audit.export"),
    # Retention.
    "retention.view": _org_scoped("retention.view"),
    "retention.approve": _org_scoped("retention.approve"),
    # Reports (the Monitor); MT sees them pseudonymised.
    "reports.view": _org_scoped("reports.view"),
    # The learning loop (themes, suggestions, improvement actions); MT reads only.
    "learning.view": _org_scoped("learning.view"),
    "learning.manage": _org_scoped("learning.manage"),
    # Standard answers: the organisation's library is kept by beheer, coördinator and kwaliteit; a shared
    # answer (no organisation: the library Casus ships with) is read-only, changed by saving a copy. The
    # live plain-language check (text in, score out, no data) is for everyone who writes to residents.
    "answers.manage": _org_scoped("answers.manage"),
    "answers.check": lambda user, obj: any(
        can(user, perm) for perm in ("workspace.use", "admin.config", "answers.manage")
    ),
    # Back office.
    "admin.access": _admin_access,
    "admin.config": _org_scoped("admin.config", shared_rows=True),
    "admin.users": _org_scoped("admin.users", shared_rows=True),
    # Read-only tables: nobody adds, changes or deletes through a page.
    "nobody": lambda user, obj: False,
    # Everyone logged in (own account, two-factor set-up, logout).
    "account": lambda user, obj: access_for(user).user_id is not None,
}


def can(user: Any, perm: str, obj: Any = None) -> bool:
    """May `user` do `perm` (on `obj`)? Unknown permission names are an error, never a silent yes."""
    try:
        check = PERMISSIONS[perm]
    except KeyError:
        raise KeyError(f"Unknown Casus permission {perm!r}") from None
    if access_for(user).user_id is None:
        return False
    return bool(check(user, obj))


def needs_two_factor(user: Any) -> bool:
    access = access_for(user)
    return access.superuser or access.has_role(*TWO_FACTOR_ROLES)


def pseudonymised_reports(user: Any) -> bool:
    """MT (and anyone without a handling role) gets reports without names or references to residents."""
    return not access_for(user).has_role(*HANDLING_ROLES)
