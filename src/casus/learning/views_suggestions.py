"""Suggested themes under /leren/voorstellen/: the open suggestions with what they are based on, a new
search, and accepting (a theme form, filled in) or dismissing each one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casus.access.permissions import can, organisations_for, visible_cases
from casus.access.rules import rule
from casus.cases.models import Case
from casus.monitor.charts import percent

from . import selectors, services
from .forms import ThemeForm
from .models import SuggestionKind, SuggestionStatus, ThemeSuggestion
from .suggestions import suggestions_refresh

SUGGESTION = "learning.themesuggestion"


@rule("learning.view")
def suggestions(request: HttpRequest) -> HttpResponse:
    ids = organisations_for(request.user, "learning.view") or frozenset()
    found = ThemeSuggestion.objects.filter(organisation_id__in=ids).select_related("subject", "theme", "decided_by")
    open_ = list(found.filter(status=SuggestionStatus.OPEN).prefetch_related("cases", "signals"))
    context = {
        "open": [describe(request.user, s) for s in open_],
        "decided": found.exclude(status=SuggestionStatus.OPEN).order_by("-decided_at")[:10],
        "may_manage": can(request.user, "learning.manage"),
    }
    return render(request, "learning/suggestions.html", context)


def describe(user: Any, suggestion: ThemeSuggestion) -> dict[str, Any]:
    """What a suggestion rests on: its words or figures, a few signals, the cases the user may open."""
    cases = sorted(suggestion.cases.all(), key=lambda case: (case.received_on, case.pk), reverse=True)
    openable = set(visible_cases(user, Case.objects.filter(pk__in=[c.pk for c in cases])).values_list("pk", flat=True))
    return {
        "suggestion": suggestion, "why": reason(suggestion), "signals": list(suggestion.signals.all())[:3],
        "case_count": len(cases), "open_cases": [c for c in cases if c.pk in openable][:8],
    }  # fmt: skip


def reason(suggestion: ThemeSuggestion) -> str:
    """Why Casus proposes it, in one Dutch sentence."""
    data = suggestion.payload
    if suggestion.kind == SuggestionKind.FIGURE_RISE:
        change = f"een stijging van {percent(data['change'])}" if data.get("change") is not None else "eerst geen"
        return (
            f"Van {_nl_date(data['from'])} tot en met {_nl_date(data['to'])} kwamen {data['count']} klachten over "
            f"{data['subject']} binnen, tegen {data['previous']} in dezelfde tijd ervoor ({change})."
        )
    count = data.get("signals") or 0
    signals = f", waarvan {count} {'signaal' if count == 1 else 'signalen'}" if count else ""
    return (
        f"{data.get('texts', 0)} teksten{signals} van na {_nl_date(data.get('since'))} lijken op elkaar. "
        f"Woorden die vaak terugkomen: {', '.join(data.get('terms', []))}."
    )


def _nl_date(value: str | None) -> str:
    return "-".join(reversed(value.split("-"))) if value else "?"


@rule("learning.manage")
@require_POST
def suggestions_search(request: HttpRequest) -> HttpResponse:
    total_groups = total_rises = 0
    for organisation in selectors.learning_organisations(request.user, "learning.manage"):
        found = suggestions_refresh(organisation=organisation)
        total_groups, total_rises = total_groups + found.text_groups, total_rises + found.rises
    messages.success(
        request, f"Klaar. Casus vond {total_groups} groep(en) teksten en {total_rises} stijgend(e) onderwerp(en)."
    )
    return redirect("learning:suggestions")


def _initial(suggestion: ThemeSuggestion) -> dict[str, Any]:
    return {
        "organisation": suggestion.organisation_id, "title": suggestion.title, "description": reason(suggestion),
        "subjects": [suggestion.subject] if suggestion.subject else [],
    }  # fmt: skip


@rule("learning.manage", subject=SUGGESTION)
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion: ThemeSuggestion = request.casus_object
    if suggestion.status != SuggestionStatus.OPEN:
        messages.error(request, "Over dit voorstel is al besloten.")
        return redirect("learning:suggestions")
    form = ThemeForm(request.POST or None, initial=_initial(suggestion), organisations=[suggestion.organisation])
    del form.fields["status"]
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "organisation"}
        try:
            theme = services.suggestion_accept(suggestion=suggestion, actor=request.user, **data)
        except services.LearningError as error:
            messages.error(request, str(error))
            return redirect("learning:suggestions")
        messages.success(request, "Het thema is gemaakt, met de zaken en signalen van het voorstel.")
        return redirect("learning:theme", pk=theme.pk)
    intro = (
        f"Het thema krijgt de {suggestion.cases.count()} zaken en {suggestion.signals.count()} signalen van het "
        "voorstel. Pas de titel en de omschrijving aan als dat nodig is."
    )
    context = {"form": form, "title": "Thema maken van een voorstel", "intro": intro}
    return render(request, "learning/theme_form.html", context)


@rule("learning.manage", subject=SUGGESTION)
@require_POST
def suggestion_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.suggestion_dismiss(suggestion=request.casus_object, actor=request.user)
        messages.success(request, "Het voorstel is afgewezen. Casus stelt deze groep niet opnieuw voor.")
    except services.LearningError as error:
        messages.error(request, str(error))
    return redirect("learning:suggestions")
