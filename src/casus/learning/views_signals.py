"""Signals and follow-ups from the case page (handlers: "Wat valt op?", the nazorg result), the list of
signals (learning) and the follow-up list (handlers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casus.access.permissions import visible_cases
from casus.access.rules import rule
from casus.cases.models import Case

from . import selectors, services
from .forms import FollowUpForm, SignalForm, error_text
from .models import FollowUp

PAGE_SIZE = 50


@rule("case.edit", subject="cases.case")
@require_POST
def case_signal(request: HttpRequest, pk: int) -> HttpResponse:
    form = SignalForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        try:
            services.signal_record(case=request.casus_object, actor=request.user, **form.cleaned_data)
            messages.success(request, "Dank u. Het signaal staat op de tijdlijn en gaat naar de kwaliteitsmedewerker.")
        except services.LearningError as error:
            messages.error(request, str(error))
    return redirect("workspace:case", pk=pk)


@rule("learning.view")
def signals(request: HttpRequest) -> HttpResponse:
    """Every signal of the user's organisations, newest first; the case links only where the user may
    open the case."""
    page = Paginator(selectors.signals_for(request.user), PAGE_SIZE).get_page(request.GET.get("pagina"))
    ids = [signal.case_id for signal in page.object_list]
    openable = set(visible_cases(request.user, Case.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    return render(request, "learning/signals.html", {"page": page, "openable": openable})


@rule("case.edit", subject="cases.case")
@require_POST
def case_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, error_text(form))
    else:
        try:
            services.followup_record(case=request.casus_object, actor=request.user, **form.cleaned_data)
            messages.success(request, "De nazorg is vastgelegd en staat op de tijdlijn.")
        except services.LearningError as error:
            messages.error(request, str(error))
    return redirect("workspace:case", pk=pk)


@rule("workspace.use")
def follow_ups(request: HttpRequest) -> HttpResponse:
    """The follow-ups of cases the user may open: open ones by due date (the user's own marked), then
    the last ones done."""
    found = FollowUp.objects.filter(case__in=visible_cases(request.user)).select_related(
        "case", "case__subject", "handler"
    )
    context = {
        "due": found.filter(done_on__isnull=True).order_by("due_on", "pk")[:200],
        "done": found.filter(done_on__isnull=False).order_by("-done_on", "-pk")[:50],
        "today": timezone.localdate(),
    }
    return render(request, "learning/follow_ups.html", context)
