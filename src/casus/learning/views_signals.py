"""Signals: the form "Wat valt op?" on the case page (handlers) and the list of signals (learning)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casus.access.permissions import visible_cases
from casus.access.rules import rule
from casus.cases.models import Case

from . import selectors, services
from .forms import SignalForm, error_text

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
