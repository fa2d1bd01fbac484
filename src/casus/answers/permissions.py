"""The two permissions of the standard answers, added to the one permission registry
(casus.access.permissions) when the app loads, so every check still goes through `can()`:

- `answers.manage`: keep the organisation's library of standard answers (list, new, edit). Held by the
  functioneel beheerder, the coördinator and the kwaliteitsmedewerker, in their own organisation only
  (organisation-scoped through PERMISSION_ORG_ROLES, like learning.manage). A shared answer (no
  organisation: the library Casus ships with) is read-only for everyone: an organisation changes it by
  saving its own copy.
- `answers.check`: the live plain-language check while writing (a text in, a score out; it reads no
  data). Everyone who writes texts for residents: handling roles (workspace.use), the functioneel
  beheerder (admin.config: letter templates) and the keepers of the library.
"""

from __future__ import annotations

from typing import Any

from casus.access import permissions
from casus.cases.domain import TeamRole

MANAGE_ROLES = (TeamRole.FUNCTIONEEL_BEHEER, TeamRole.COORDINATOR, TeamRole.KWALITEIT)


def may_manage(user: Any, obj: Any) -> bool:
    orgs = permissions.organisations_for(user, "answers.manage") or frozenset()
    if obj is None:
        return bool(orgs)
    return obj.organisation_id is not None and obj.organisation_id in orgs


def may_check(user: Any, obj: Any) -> bool:
    return any(permissions.can(user, perm) for perm in ("workspace.use", "admin.config", "answers.manage"))


def register() -> None:
    permissions.PERMISSION_ORG_ROLES.setdefault("answers.manage", MANAGE_ROLES)
    permissions.PERMISSIONS.setdefault("answers.manage", may_manage)
    permissions.PERMISSIONS.setdefault("answers.check", may_check)
