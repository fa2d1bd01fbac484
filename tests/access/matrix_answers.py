"""The standard answers' part of the permission matrix: an answer of each organisation (the library
is organisation-scoped; a shared answer, without organisation, is read-only for everyone)."""

from __future__ import annotations

from typing import Any


def _answer(world: Any, scope: str) -> Any:
    from casus.answers.models import StandardAnswer

    if scope not in ("own", "other_org"):
        return None
    organisation = world.cases[scope].organisation
    found = StandardAnswer.objects.filter(organisation=organisation).first()
    return found or StandardAnswer.objects.create(
        organisation=organisation, title=f"Vraag over de energietoeslag ({organisation.slug})",
        text="Beste {naam}, u krijgt de toeslag binnen 4 weken.", case_types=",vraag,",
    )  # fmt: skip


BUILDERS = {"answers.standardanswer": _answer}
ORG_BOUND = {"answers.standardanswer"}
