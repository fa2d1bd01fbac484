"""The letters section of the case page: `{% load letters_tags %}{% case_letters case %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from casus.access.permissions import can
from casus.cases.models import Case

from ..fields import merge_fields
from ..models import Letter, LetterKind
from ..selectors import letters_of, templates_for_case

register = template.Library()


@register.inclusion_tag("letters/_case_letters_section.html", takes_context=True)
def case_letters(context: dict[str, Any], case: Case) -> dict[str, Any]:
    user = context["user"]
    may_edit = can(user, "case.edit", case)
    letters = list(letters_of(case))
    templates = templates_for_case(case) if may_edit else []
    return {
        "case": case, "letters": letters, "may_edit": may_edit, "templates": templates,
        "postponement_due": _postponement_due(case, letters),
    }  # fmt: skip


def _postponement_due(case: Case, letters: list[Letter]) -> dict[str, str] | None:
    """A postponed case whose notice (verdagingsbericht) has not gone out yet."""
    if case.postponed_on is None or any(letter.kind == LetterKind.VERDAGING for letter in letters):
        return None
    dates = merge_fields(case, on=timezone.localdate()).get("datum", {})
    return {"before": dates.get("oude_uiterste_datum", "")}
