"""The learning loop's part of the case page: the form "Wat valt op?" and the themes the case is in."""

from __future__ import annotations

from typing import Any

from django import template

from casus.access.permissions import can
from casus.cases.models import Case

from ..forms import SignalForm

register = template.Library()


@register.inclusion_tag("learning/_case_learning.html", takes_context=True)
def case_learning(context: dict[str, Any], case: Case) -> dict[str, Any]:
    """For a handler who may edit the case: the signal form; for everyone who may read the learning
    pages: the themes this case belongs to."""
    user = context["request"].user
    may_edit = can(user, "case.edit", case)
    themes = list(case.themes.only("pk", "title", "organisation_id")) if can(user, "learning.view", case) else []
    return {
        "case": case, "may_edit": may_edit, "form": SignalForm(auto_id="id_signal_%s") if may_edit else None,
        "themes": themes, "signal_count": case.learning_signals.count(),
        "csrf_token": context.get("csrf_token"),
    }  # fmt: skip
