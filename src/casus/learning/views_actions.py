"""Improvement actions (verbeteracties): added to a theme with owner, deadline and guiding principle,
progress notes with a status, and the overview for coördinator and MT, overdue first (like seed 004's
procesplanning)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casus.access.rules import rule
from casus.cases.models import GuidingPrinciple

from . import selectors, services
from .forms import ActionForm, ProgressForm, error_text
from .models import ActionStatus, ImprovementAction, Theme

THEME = "learning.theme"


@rule("learning.manage", subject=THEME)
@require_POST
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    theme: Theme = request.casus_object
    form = ActionForm(request.POST, organisation_id=theme.organisation_id, prefix="actie")
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        action = services.action_create(theme=theme, actor=request.user, **form.cleaned_data)
        messages.success(request, f"De actie '{action.title}' is toegevoegd.")
    return redirect(f"{theme_url(theme)}#acties")


@rule("learning.manage", subject=THEME)
@require_POST
def action_progress(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    theme: Theme = request.casus_object
    found = get_object_or_404(ImprovementAction, pk=action, theme=theme)
    form = ProgressForm(request.POST, prefix=f"voortgang-{found.pk}")
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        try:
            services.action_progress(action=found, actor=request.user, **form.cleaned_data)
            messages.success(request, f"De voortgang van '{found.title}' is opgeslagen.")
        except services.LearningError as error:
            messages.error(request, str(error))
    return redirect(f"{theme_url(theme)}#actie-{found.pk}")


@rule("learning.manage", subject=THEME)
@require_POST
def action_edit(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    theme: Theme = request.casus_object
    found = get_object_or_404(ImprovementAction, pk=action, theme=theme)
    form = ActionForm(request.POST, organisation_id=theme.organisation_id, prefix=f"actie-{found.pk}")
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        services.action_update(action=found, actor=request.user, **form.cleaned_data)
        messages.success(request, f"De actie '{form.cleaned_data['title']}' is gewijzigd.")
    return redirect(f"{theme_url(theme)}#actie-{found.pk}")


def theme_url(theme: Theme) -> str:
    from django.urls import reverse

    return reverse("learning:theme", args=[theme.pk])


@rule("learning.view")
def actions(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    found = list(selectors.actions_for(request.user, today=today))
    context = {
        "actions": [(action, selectors.is_overdue(action, today)) for action in found],
        "overdue": sum(1 for action in found if selectors.is_overdue(action, today)),
        "per_principle": per_principle([action.pk for action in found]),
    }
    return render(request, "learning/actions.html", context)


def per_principle(action_ids: list[int]) -> list[dict[str, Any]]:
    """Per guiding principle: the number of actions in each status (one grouped query)."""
    counts = {status: Count("actions", filter=Q(actions__pk__in=action_ids, actions__status=status))
              for status in ActionStatus.values}  # fmt: skip
    rows = GuidingPrinciple.objects.annotate(**counts).order_by("order", "name")
    return [{"principle": row, "counts": [getattr(row, s) for s in ActionStatus.values]} for row in rows]
