"""The learning loop's part of the permission matrix: a theme (and a suggestion, an action) of each
organisation, holding the scope's case, a case of another team and a sensitive case, with a signal, so
the matrix checks that a theme page never shows data of cases the reader may not open."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone


def _org_cases(world: Any, scope: str) -> list[Any]:
    if scope == "other_org":
        return [world.cases["other_org"]]
    return [world.cases["own"], world.cases["other"], world.cases["sensitive"]]


def _theme(world: Any, scope: str) -> Any:
    from casus.cases.models import GuidingPrinciple
    from casus.learning import services
    from casus.learning.models import Theme

    if scope not in ("own", "other_org"):
        return None
    case = world.cases[scope]
    found = Theme.objects.filter(organisation=case.organisation).first()
    if found is not None:
        return found
    handler = case.handler
    signal = services.signal_record(case=case, actor=handler, text="De brief over de terugvordering is onduidelijk.")
    theme = services.theme_create(
        organisation=case.organisation, actor=None, title="Onduidelijke brieven", cases=_org_cases(world, scope),
        signals=[signal],
    )  # fmt: skip
    services.action_create(
        theme=theme, actor=None, title="Brieven herschrijven in B1", principle=GuidingPrinciple.objects.first(),
        deadline=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    return theme


BUILDERS = {"learning.theme": _theme}
ORG_BOUND = {"learning.theme"}
