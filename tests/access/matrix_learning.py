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


def _suggestion(world: Any, scope: str) -> Any:
    from casus.learning.models import SuggestionKind, ThemeSuggestion

    if scope not in ("own", "other_org"):
        return None
    organisation = world.cases[scope].organisation
    found = ThemeSuggestion.objects.filter(organisation=organisation).first()
    if found is None:
        found = ThemeSuggestion.objects.create(
            organisation=organisation, kind=SuggestionKind.TEXT_CLUSTER, title="Zaken over brief, terugvordering",
            payload={"terms": ["brief", "terugvordering"], "texts": 3, "signals": 0, "since": "2026-01-01"},
        )  # fmt: skip
        found.cases.set(_org_cases(world, scope))
    return found


def _discussion(world: Any, scope: str) -> Any:
    from casus.learning import services
    from casus.learning.models import CaseDiscussion

    if scope not in ("own", "other_org"):
        return None
    case = world.cases[scope]
    found = CaseDiscussion.objects.filter(organisation=case.organisation).first()
    return found or services.discussion_record(
        organisation=case.organisation, actor=None, held_on=timezone.localdate(), title="Maatwerk bij schulden",
        cases=_org_cases(world, scope), perspectives={"recht": "De wet laat ruimte.", "inwoner": "Te veel brieven."},
        decision="Eén contactpersoon.",
    )  # fmt: skip


def _action(world: Any, scope: str, theme: Any) -> int:
    return theme.actions.first().pk


BUILDERS = {
    "learning.theme": _theme, "learning.themesuggestion": _suggestion, "learning.casediscussion": _discussion,
}  # fmt: skip
EXTRA_KWARGS = {"action": _action}
ORG_BOUND = {"learning.theme", "learning.themesuggestion", "learning.casediscussion"}
