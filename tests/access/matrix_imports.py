"""What the import pages need in the permission matrix: an ImportRun of each organisation."""

from __future__ import annotations

from typing import Any


def _run(world: Any, scope: str) -> Any:
    from casus.imports.models import ImportRun

    if scope not in ("own", "other_org"):
        return None
    organisation = world.cases[scope].organisation
    found = ImportRun.objects.filter(organisation=organisation).first()
    return found or ImportRun.objects.create(organisation=organisation, file_name="registraties.csv", content=b"")


BUILDERS = {"imports.importrun": _run}
ORG_BOUND = {"imports.importrun"}
