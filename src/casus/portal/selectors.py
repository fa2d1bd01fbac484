"""Reads of the portal: which organisation and team a public form files for, and the case behind a
status token.

One organisation per installation in practice. CASUS_PORTAL_ORGANISATION (the organisation's short
name, its slug, as a setting or environment variable) chooses it; unset, the only organisation, or the
first one created. CASUS_PORTAL_TEAM names the team that receives the forms' cases (unset: the
organisation's first active team by name); the team's coördinator hands them out as usual.
"""

from __future__ import annotations

import hmac
import os

from django.conf import settings
from django.http import Http404

from casus.cases.models import Case, Organisation, Team

from .models import StatusLink, token_hash


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or os.environ.get(name, "")).strip()


def portal_organisation() -> Organisation:
    slug = _setting("CASUS_PORTAL_ORGANISATION")
    organisations = Organisation.objects.order_by("pk")
    found = organisations.filter(slug=slug).first() if slug else organisations.first()
    if found is None:
        raise Http404("Er is nog geen organisatie ingesteld.")
    return found


def portal_team(organisation: Organisation) -> Team | None:
    teams = Team.objects.filter(organisation=organisation, active=True).order_by("name")
    name = _setting("CASUS_PORTAL_TEAM")
    return (teams.filter(name=name).first() if name else None) or teams.first()


def case_for_token(token: str) -> Case | None:
    """The case of a status token, or None for any token that is unknown, altered or belongs to a
    destroyed case (the retention run keeps the row for the Monitor's counts, and casus.portal.signals
    removes its links). Always the same work: one hash, one indexed lookup, one constant-time compare."""
    digest = token_hash(token[:200])
    link = (
        StatusLink.objects.filter(token_hash=digest, case__destroyed__isnull=True)
        .select_related("case", "case__organisation", "case__team", "case__handler")
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        return None
    return link.case
