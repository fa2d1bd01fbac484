"""Fast intake (/werk/registreren/): register a phone or desk contact in under a minute, by keyboard.

Three views: the form, the resident search as you type (an htmx partial), and the filing-term check of
a bezwaar (an htmx partial). The page works without htmx too: Enter in the search field submits the
form, which then shows the residents found next to everything the user typed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from casus import deadlines
from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.rules import rule
from casus.cases.domain import CaseType, FrontOfficeResult
from casus.cases.models import Case, Resident
from casus.cases.services import CaseError
from casus.deadlines.explain import dutch_date

from . import selectors_intake as selectors
from . import services_intake as services
from .forms_intake import HIDDEN_DUPLICATE, FilingCheckForm, IntakeForm

FRONT_OFFICE_BUTTON = "afgehandeld"


@rule("workspace.use")
@never_cache
def intake(request: HttpRequest) -> HttpResponse:
    front_office = FRONT_OFFICE_BUTTON in request.POST
    form = IntakeForm(request.POST or None, user=request.user, front_office=front_office, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            case = _save(form)
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, case)
    return render(request, "workspace/intake/page.html", _page_context(request, form))


@rule("workspace.use")
@never_cache
def intake_residents(request: HttpRequest) -> HttpResponse:
    """The residents matching `q`, as a radio list to choose from (audited: a search in personal data)."""
    term = request.GET.get("q", "")[:100]
    chosen = _chosen(request, request.GET.get("resident", ""))
    context = {"residents": _merge(chosen, _search(request, term)), "chosen": chosen, "term": term, "oob": True}
    return render(request, "workspace/intake/_residents.html", context)


@rule("workspace.use")
@never_cache
def intake_filing_check(request: HttpRequest) -> HttpResponse:
    """Was the bezwaar filed on time (Awb 6:7-6:9)? Answered while the user fills in the dates."""
    form = FilingCheckForm(request.GET or None)
    context: dict[str, Any] = {"delay_excused": request.GET.get("delay_excused") == "on"}
    if form.is_valid():
        data = form.cleaned_data
        context |= filing_context(data["decision_sent_on"], data["received_on"], data["posted_on"])
    elif form.is_bound and form.non_field_errors():
        context["filing_error"] = form.non_field_errors()[0]
    return render(request, "workspace/intake/_filing.html", context)


# --- helpers -------------------------------------------------------------------------------------


def filing_context(sent: date, received: date, posted: date | None) -> dict[str, Any]:
    filing = deadlines.filing_check(sent, received, posted)
    return {"filing": filing, "filing_deadline": dutch_date(filing.deadline), "posted": posted}


def _initial(request: HttpRequest) -> dict[str, Any]:
    """`?inwoner=<pk>`: start with this resident chosen (after a contact that led to a melding)."""
    chosen = _chosen(request, request.GET.get("inwoner", ""))
    return {"resident": chosen.pk} if chosen else {}


def _chosen(request: HttpRequest, value: Any) -> Resident | None:
    if not str(value).isdigit():
        return None
    return selectors.choosable_residents(user=request.user).filter(pk=value).first()


def _search(request: HttpRequest, term: str) -> list[Resident]:
    found = list(selectors.intake_residents(user=request.user, term=term))
    if len(" ".join(term.split())) >= selectors.MIN_TERM:
        audit(AuditAction.SEARCH, request=request, term=term.strip(), results=len(found), table="cases.resident")
    return found


def _merge(*groups: Any) -> list[Resident]:
    """One list of residents without repeats, in the order given (None and empty groups skipped)."""
    seen: dict[int, Resident] = {}
    for group in groups:
        for resident in [group] if isinstance(group, Resident) else group or []:
            seen.setdefault(resident.pk, resident)
    return list(seen.values())


def _page_context(request: HttpRequest, form: IntakeForm) -> dict[str, Any]:
    chosen = form.cleaned_data.get("resident") if hasattr(form, "cleaned_data") else None
    chosen = chosen or _chosen(request, form["resident"].value() or "")
    term = (form.data.get("q") or "") if form.is_bound else ""
    found = _search(request, term) if term.strip() else []
    context = {
        "form": form, "resident_form": form.new_resident, "chosen": chosen, "term": term,
        "residents": _merge(chosen, found, form.duplicates.visible), "case_type": form["case_type"].value() or "",
        "delay_excused": bool(form["delay_excused"].value()), "hidden_duplicate": HIDDEN_DUPLICATE,
    }  # fmt: skip
    context |= _bound_filing(form)
    return context


def _bound_filing(form: IntakeForm) -> dict[str, Any]:
    check = FilingCheckForm({key: form[key].value() or "" for key in ("received_on", "decision_sent_on", "posted_on")})
    if not check.is_valid():
        return {}
    return filing_context(check.cleaned_data["decision_sent_on"], check.cleaned_data["received_on"],
                          check.cleaned_data["posted_on"])  # fmt: skip


def _save(form: IntakeForm) -> Case:
    data = form.cleaned_data
    who = {
        "resident": data["resident"],
        "new_resident": form.new_resident.data_for_service() if form.wants_new_resident else None,
    }
    common = {
        "actor": form.user, "team": data["team"], "channel": data["channel"], "received_on": data["received_on"],
        "description": data["description"], "subject": data["subject"], **who,
    }  # fmt: skip
    if form.front_office:
        return services.intake_close_at_front_office(result=data["front_office_result"], **common)
    return services.intake_register(
        case_type=data["case_type"], nature=data["nature"], assign_to_me=data["assign_to_me"],
        decision_sent_on=data["decision_sent_on"], posted_on=data["posted_on"],
        delay_excused=data["delay_excused"], **common,
    )  # fmt: skip


def _done(request: HttpRequest, case: Case) -> HttpResponse:
    if case.front_office_result:
        result = FrontOfficeResult(case.front_office_result).label.lower()
        messages.success(request, f"Contact {case.reference} is vastgelegd als afgehandeld ({result}).")
        if case.front_office_result == FrontOfficeResult.MELDING_AANVRAAG and case.resident_id:
            messages.info(request, "Registreer nu de melding of aanvraag. De inwoner is al gekozen.")
            return redirect(f"{reverse('workspace:intake')}?inwoner={case.resident_id}")
        return redirect("workspace:intake")
    text = f"Zaak {case.reference} is geregistreerd. Uiterste datum: {dutch_date(case.due_on)}."
    if case.case_type == CaseType.BEZWAAR and case.filed_on_time is False and not case.delay_excused:
        text += " Het bezwaar is te laat ingediend: voorstel niet-ontvankelijk, tenzij verschoonbaar."
    messages.success(request, text)
    return redirect("workspace:case", pk=case.pk)
