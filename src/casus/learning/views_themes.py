"""Themes (rode draden) under /leren/: the list, a new theme, the theme page with its cases, signals,
counts over time and trend, and the steps that change it. Reading: learning.view (MT too); changing:
learning.manage (kwaliteitsmedewerker, coördinator) in the theme's organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casus.access.permissions import can
from casus.access.rules import rule
from casus.cases.models import Case
from casus.monitor import charts

from . import selectors, services
from .forms import ActionForm, AddCaseForm, CaseChoiceForm, ProgressForm, SignalChoiceForm, ThemeForm, error_text
from .models import Signal, Theme

THEME = "learning.theme"
PER = {"maand": 12, "kwartaal": 8}  # how many periods the theme page shows


@rule("learning.view")
def themes(request: HttpRequest) -> HttpResponse:
    context = {"themes": selectors.themes_for(request.user), "may_manage": can(request.user, "learning.manage")}
    return render(request, "learning/themes.html", context)


@rule("learning.manage")
def theme_new(request: HttpRequest) -> HttpResponse:
    organisations = selectors.learning_organisations(request.user, "learning.manage")
    form = ThemeForm(request.POST or None, organisations=organisations)
    del form.fields["status"]  # a new theme is open
    if request.method == "POST" and form.is_valid():
        theme = services.theme_create(actor=request.user, **form.cleaned_data)
        messages.success(request, "Het thema is gemaakt. Voeg zaken en signalen toe.")
        return redirect("learning:theme", pk=theme.pk)
    return render(request, "learning/theme_form.html", {"form": form, "title": "Nieuw thema"})


@rule("learning.manage", subject=THEME)
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme: Theme = request.casus_object
    initial = {
        "organisation": theme.organisation_id, "title": theme.title, "description": theme.description,
        "subjects": list(theme.subjects.all()), "principles": list(theme.principles.all()), "owner": theme.owner,
        "status": theme.status,
    }  # fmt: skip
    form = ThemeForm(request.POST or None, initial=initial, organisations=[theme.organisation])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("organisation")
        services.theme_update(theme=theme, actor=request.user, **data)
        messages.success(request, "Het thema is bijgewerkt.")
        return redirect("learning:theme", pk=theme.pk)
    return render(request, "learning/theme_form.html", {"form": form, "title": "Thema bewerken", "theme": theme})


@rule("learning.view", subject=THEME)
def theme(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "learning/theme.html", theme_context(request.user, request.casus_object, request.GET))


def theme_context(user: Any, theme: Theme, query: Any) -> dict[str, Any]:
    per = query.get("per") if query.get("per") in PER else "maand"
    counts = selectors.counts_over_time(selectors.related_cases(theme), per=per, periods=PER[per])
    shown, hidden = selectors.linked_cases(user, theme)
    may_manage = can(user, "learning.manage", theme)
    context = {
        "theme": theme, "per": per, "counts": counts, "trend": selectors.trend_sentence(counts),
        "chart": charts.bar_chart(chart_rows(counts.rows), title=f"Zaken bij dit thema per {per}"),
        "links": shown, "hidden": hidden, "signals": selectors.theme_signals(theme), "may_manage": may_manage,
        "openable": selectors.openable_cases(user, theme),
    }  # fmt: skip
    context["actions"] = theme_actions(theme, may_manage)
    if may_manage:
        candidates = selectors.open_signals(theme)[:30]
        context.update(
            add_case_form=AddCaseForm(), signal_form=SignalChoiceForm(queryset=candidates),
            action_form=ActionForm(organisation_id=theme.organisation_id, prefix="actie"),
        )  # fmt: skip
    return context


def theme_actions(theme: Theme, may_manage: bool) -> list[dict[str, Any]]:
    """Each action with its latest progress notes, whether it is overdue, its effect when finished,
    and (for who may change it) its progress and change forms."""
    today = timezone.localdate()
    found = theme.actions.select_related("owner", "principle").prefetch_related("progress")
    choices = _action_choices(theme) if may_manage else {}
    return [
        {
            "action": action, "overdue": selectors.is_overdue(action, today),
            "progress": list(action.progress.all())[:5], "effect": selectors.action_effect(action, today=today),
            "form": ProgressForm(prefix=f"voortgang-{action.pk}", initial={"status": action.status})
            if may_manage else None,
            "edit_form": _edit_form(theme, action, choices) if may_manage else None,
        }
        for action in found
    ]  # fmt: skip


def _action_choices(theme: Theme) -> dict[str, list[Any]]:
    """The owner and principle choices, read once for all the change forms on the page."""
    form = ActionForm(organisation_id=theme.organisation_id)
    return {name: list(form.fields[name].choices) for name in ("owner", "principle")}


def _edit_form(theme: Theme, action: Any, choices: dict[str, list[Any]]) -> ActionForm:
    initial = {
        "title": action.title, "description": action.description, "principle": action.principle_id,
        "owner": action.owner_id, "deadline": action.deadline,
    }  # fmt: skip
    form = ActionForm(organisation_id=theme.organisation_id, prefix=f"actie-{action.pk}", initial=initial)
    for name, listed in choices.items():
        form.fields[name].choices = listed
    return form


def chart_rows(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Short axis labels ("mrt 2026" → "mrt '26"), so twelve months fit under the bars."""
    return [(f"{label[:-4]}'{label[-2:]}" if label[-4:].isdigit() else label, n) for label, n in rows]


def _back(theme: Theme) -> HttpResponse:
    return redirect("learning:theme", pk=theme.pk)


@rule("learning.manage", subject=THEME)
@require_POST
def theme_add_case(request: HttpRequest, pk: int) -> HttpResponse:
    theme: Theme = request.casus_object
    form = AddCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
        return _back(theme)
    reference = form.cleaned_data["reference"].strip()
    case = Case.objects.filter(organisation_id=theme.organisation_id, reference__iexact=reference).first()
    if case is None:
        messages.error(request, f"Geen zaak gevonden met kenmerk {reference} in deze organisatie.")
        return _back(theme)
    try:
        services.theme_add_case(theme=theme, case=case, actor=request.user)
        messages.success(request, f"Zaak {case.reference} hoort nu bij dit thema.")
    except services.LearningError as error:
        messages.error(request, str(error))
    return _back(theme)


@rule("learning.manage", subject=THEME)
@require_POST
def theme_remove_case(request: HttpRequest, pk: int) -> HttpResponse:
    theme: Theme = request.casus_object
    form = CaseChoiceForm(request.POST)
    case = Case.objects.filter(pk=form.cleaned_data["case"]).first() if form.is_valid() else None
    try:
        if case is None:
            raise services.LearningError("Deze zaak hoort niet bij dit thema.")
        services.theme_remove_case(theme=theme, case=case, actor=request.user)
        messages.success(request, f"Zaak {case.reference} is van het thema gehaald.")
    except services.LearningError as error:
        messages.error(request, str(error))
    return _back(theme)


@rule("learning.manage", subject=THEME)
@require_POST
def theme_add_signals(request: HttpRequest, pk: int) -> HttpResponse:
    theme: Theme = request.casus_object
    form = SignalChoiceForm(request.POST, queryset=selectors.open_signals(theme))
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        added = services.theme_add_signals(theme=theme, signals=form.cleaned_data["signals"], actor=request.user)
        messages.success(request, f"{added} signa{'al' if added == 1 else 'len'} toegevoegd, met de zaken erbij.")
    return _back(theme)


@rule("learning.manage", subject=THEME)
@require_POST
def theme_remove_signal(request: HttpRequest, pk: int) -> HttpResponse:
    theme: Theme = request.casus_object
    signal = Signal.objects.filter(pk=request.POST.get("signal") or 0, themes=theme).first()
    if signal is None:
        messages.error(request, "Dit signaal hoort niet bij dit thema.")
    else:
        services.theme_remove_signal(theme=theme, signal=signal, actor=request.user)
        messages.success(request, "Het signaal is van het thema gehaald. De zaak hoort er nog wel bij.")
    return _back(theme)
