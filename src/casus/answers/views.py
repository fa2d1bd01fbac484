"""Pages of the standard answers under /antwoorden/: the library (list, new, edit) for its keepers,
the picker on a case's close form, and the live plain-language check for every text a resident reads.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casus.access.permissions import can, organisations_for
from casus.access.rules import rule
from casus.cases.models import Case, Organisation

from . import placeholders, readability, selectors, services
from .forms import StandardAnswerForm
from .models import StandardAnswer

ANSWER = "answers.standardanswer"
CASE = "cases.case"
MAX_TEXT = 20_000  # characters checked per request: a long letter, not a book


# --- the plain-language check --------------------------------------------------------------------


@rule("answers.check")
@require_POST
def readability_check(request: HttpRequest) -> HttpResponse:
    field = request.POST.get("field", "text")
    result = readability.score(request.POST.get(field, "")[:MAX_TEXT])
    return render(request, "answers/_readability_result.html", {"readability": result})


# --- the library ---------------------------------------------------------------------------------


@rule("answers.manage")
@never_cache
def library(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    answers = selectors.library(user=request.user, query=query)
    return render(request, "answers/library.html", {"answers": answers, "query": query})


def _organisations(user: Any) -> Any:
    return Organisation.objects.filter(pk__in=organisations_for(user, "answers.manage") or ()).order_by("name")


@rule("answers.manage")
def answer_new(request: HttpRequest) -> HttpResponse:
    """A new answer; `?kopie=<id>` starts from a shared answer (the way to change one for your own
    organisation)."""
    initial = _copy_of(request.user, request.GET.get("kopie"))
    form = StandardAnswerForm(request.POST or None, initial=initial, organisations=_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        answer = services.answer_save(actor=request.user, **form.cleaned_data)
        messages.success(request, f"Het standaardantwoord '{answer.title}' is opgeslagen.")
        return redirect("answers:library")
    return render(request, "answers/edit.html", {"form": form, "title": "Nieuw standaardantwoord"})


def _copy_of(user: Any, answer_id: str | None) -> dict[str, Any]:
    if not answer_id or not answer_id.isdigit():
        return {}
    source = selectors.library(user=user).filter(pk=int(answer_id)).first()
    if source is None:
        return {}
    return {
        "title": source.title, "text": source.text, "case_types": source.case_type_list,
        "subjects": list(source.subjects.all()), "active": True,
    }  # fmt: skip


@rule("answers.manage", subject=ANSWER)
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    answer: StandardAnswer = request.casus_object
    initial = {
        "organisation": answer.organisation, "title": answer.title, "text": answer.text, "active": answer.active,
        "case_types": answer.case_type_list, "subjects": list(answer.subjects.all()),
    }  # fmt: skip
    organisations = Organisation.objects.filter(pk=answer.organisation_id)
    form = StandardAnswerForm(request.POST or None, initial=initial, organisations=organisations, answer=answer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("organisation")
        services.answer_save(actor=request.user, answer=answer, **data)
        messages.success(request, f"Het standaardantwoord '{answer.title}' is bijgewerkt.")
        return redirect("answers:library")
    context = {"form": form, "title": "Standaardantwoord bewerken", "answer": answer}
    return render(request, "answers/edit.html", context)


# --- the picker on the case page -----------------------------------------------------------------


@rule("case.edit", subject=CASE)
@never_cache
def picker(request: HttpRequest, pk: int) -> HttpResponse:
    case: Case = request.casus_object
    query = request.GET.get("q", "").strip()
    answers = list(selectors.answers_for_case(case=case, query=query)[: selectors.PICKER_SIZE])
    context = {"case": case, "answers": answers, "query": query, "may_manage": can(request.user, "answers.manage")}
    return render(request, "answers/_picker_results.html", context)


@rule("case.edit", subject=CASE, audit_view=True)
@never_cache
def pick(request: HttpRequest, pk: int) -> HttpResponse:
    """The close form's text field, filled with the chosen answer (placeholders filled from the case),
    and the hidden field that records the use when the case is closed. Audited: the filled text holds
    the resident's name."""
    from casus.workspace.forms_case import CloseForm

    case: Case = request.casus_object
    if not request.GET.get("antwoord"):
        return HttpResponse("Kies een standaardantwoord uit de lijst.", status=400)
    answer = selectors.answer_for_case(case=case, answer_id=request.GET["antwoord"])
    if answer is None:
        return HttpResponse("Dit standaardantwoord bestaat niet (meer).", status=404)
    form = CloseForm(case=case, auto_id="id_close_%s", initial={"closing_text": placeholders.fill(answer.text, case)})
    return render(request, "answers/_picked.html", {"form": form, "answer": answer})
