"""The REST API's part of the permission matrix: API applications belong to an organisation."""

from __future__ import annotations

from typing import Any

ORG_BOUND = {"api.apiapplication"}


def _application(world: Any, scope: str) -> Any:
    from casus.api.models import ApiApplication
    from casus.api.services import api_application_create

    if scope not in ("own", "other_org"):
        return None
    team = world.cases[scope].team
    found = ApiApplication.objects.filter(organisation=team.organisation).first()
    return found or api_application_create(team=team, name=f"Zaaksysteem {scope}")[0]


BUILDERS = {"api.apiapplication": _application}

# The report needs its period; with it a permitted role gets the figures (200), not a 400.
QUERIES = {"api:report": "?from=2020-01-01&to=2030-12-31"}
