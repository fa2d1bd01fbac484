"""Case discussions (casuïstiekoverleg / maatwerkplaats) under /leren/overleg/: the list, a new record,
and one discussion. Reading: learning.view; recording: learning.manage, for cases the user may open."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casus.access.permissions import can, organisations_for, visible_cases
from casus.access.rules import rule
from casus.cases.models import Case

from . import selectors, services
from .forms import DiscussionForm
from .models import CaseDiscussion, Perspective

DISCUSSION = "learning.casediscussion"


@rule("learning.view")
def discussions(request: HttpRequest) -> HttpResponse:
    ids = organisations_for(request.user, "learning.view") or frozenset()
    found = CaseDiscussion.objects.filter(organisation_id__in=ids).prefetch_related("cases", "perspectives")
    context = {
        "discussions": found.order_by("-held_on", "-id")[:100],
        "may_manage": can(request.user, "learning.manage"),
    }
    return render(request, "learning/discussions.html", context)


@rule("learning.manage")
def discussion_new(request: HttpRequest) -> HttpResponse:
    form = DiscussionForm(
        request.POST or None, organisations=selectors.learning_organisations(request.user, "learning.manage")
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        references = form.reference_list()
        cases = list(visible_cases(request.user).filter(organisation=data["organisation"], reference__in=references))
        missing = sorted(set(references) - {case.reference for case in cases})
        if missing:
            form.add_error("references", f"Niet gevonden (of u mag de zaak niet zien): {', '.join(missing)}.")
        else:
            try:
                discussion = services.discussion_record(
                    organisation=data["organisation"], actor=request.user, held_on=data["held_on"],
                    title=data["title"], cases=cases, participants=data["participants"], decision=data["decision"],
                    perspectives={kind: data[kind] for kind in Perspective.values}, policy_owner=data["policy_owner"],
                    signal_to_policy_owner=data["signal_to_policy_owner"],
                )  # fmt: skip
                messages.success(request, "Het overleg is vastgelegd en staat op de tijdlijn van de zaken.")
                return redirect("learning:discussion", pk=discussion.pk)
            except services.LearningError as error:
                form.add_error(None, str(error))
    return render(request, "learning/discussion_form.html", {"form": form})


@rule("learning.view", subject=DISCUSSION)
def discussion(request: HttpRequest, pk: int) -> HttpResponse:
    found: CaseDiscussion = request.casus_object
    cases = list(found.cases.order_by("reference"))
    openable = set(
        visible_cases(request.user, Case.objects.filter(pk__in=[c.pk for c in cases])).values_list("pk", flat=True)
    )
    perspectives = sorted(found.perspectives.all(), key=lambda p: Perspective.values.index(p.kind))  # law first
    context = {"discussion": found, "cases": cases, "openable": openable, "perspectives": perspectives}
    return render(request, "learning/discussion.html", context)
