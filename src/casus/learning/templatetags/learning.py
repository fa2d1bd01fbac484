"""The learning loop's part of the case page: the form "Wat valt op?" and the themes the case is in."""

from __future__ import annotations

from typing import Any

from django import template

from casus.access.permissions import can
from casus.cases.models import Case

from ..forms import FollowUpForm, SignalForm
from ..models import FollowUp

register = template.Library()


@register.inclusion_tag("learning/_case_learning.html", takes_context=True)
def case_learning(context: dict[str, Any], case: Case) -> dict[str, Any]:
    """For a handler who may edit the case: the signal form and, when due, the follow-up form; for
    everyone who may read the learning pages: the themes this case belongs to."""
    user = context["request"].user
    may_edit = can(user, "case.edit", case)
    themes = list(case.themes.only("pk", "title", "organisation_id")) if can(user, "learning.view", case) else []
    follow_up = FollowUp.objects.filter(case=case).first()
    due = may_edit and follow_up is not None and follow_up.done_on is None
    return {
        "follow_up": follow_up, "follow_up_form": FollowUpForm(auto_id="id_nazorg_%s") if due else None,
        "case": case, "may_edit": may_edit, "form": SignalForm(auto_id="id_signal_%s") if may_edit else None,
        "themes": themes, "signal_count": case.learning_signals.count(),
        "csrf_token": context.get("csrf_token"),
    }  # fmt: skip
