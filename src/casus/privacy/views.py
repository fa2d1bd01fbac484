"""The privacy officer's desk: find a resident, show their data, the full BSN (audited), the inzage
export (AVG art. 15), correction (art. 16), merging duplicates, and requests with their answer term.

Every view states its rule; the decorator loads the resident, refuses (and logs) what is not allowed.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import can, visible_residents
from casus.access.rules import refuse, rule
from casus.cases.models import Resident

from . import inzage, selectors, services
from .forms import CorrectionForm, HandleRequestForm, MergeForm, RequestForm, SearchForm

RESIDENT = "cases.resident"


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    """The rule decorator's check for a second object (the duplicate of a merge)."""
    if not can(request.user, perm, obj):
        refuse(request, obj, permission=perm)


def _search(request: HttpRequest, term: str, queryset: Any = None) -> list[Resident]:
    """Search, and log that personal data was searched for (term and number of results)."""
    results = list(selectors.residents_search(request.user, term, queryset=queryset))
    audit(AuditAction.SEARCH, request=request, term=term, results=len(results), table=RESIDENT)
    return results


# --- search and requests -------------------------------------------------------------------------


@rule("privacy.desk")
@never_cache
def residents(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    term = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = _search(request, term) if term else None
    open_requests = list(selectors.open_requests(request.user)[:5])
    for data_request in open_requests:
        data_request.state = selectors.request_state(data_request)
    context = {"form": form, "term": term, "found": found, "open_requests": open_requests}
    context["limit"] = selectors.SEARCH_LIMIT
    return render(request, "privacy/residents.html", context)


@rule("privacy.desk")
def requests(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    open_requests = list(selectors.open_requests(request.user))
    for data_request in open_requests:
        data_request.state = selectors.request_state(data_request, today)
        data_request.days_left = (data_request.due_on - today).days
        data_request.days_late = -data_request.days_left
    context = {"open_requests": open_requests, "handled": selectors.handled_requests(request.user)}
    context["handle_form"] = HandleRequestForm()
    return render(request, "privacy/requests.html", context)


@rule("privacy.desk", subject="privacy.datarequest")
@require_POST
def request_handle(request: HttpRequest, pk: int) -> HttpResponse:
    form = HandleRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("privacy:requests")
    try:
        services.data_request_handle(request.casus_object, actor=request.user, **form.cleaned_data)
    except services.PrivacyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Het verzoek is afgehandeld.")
    return redirect("privacy:requests")


@rule("privacy.desk", subject=RESIDENT)
@require_POST
def request_add(request: HttpRequest, pk: int) -> HttpResponse:
    resident = request.casus_object
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("privacy:resident", pk=resident.pk)
    try:
        data_request = services.data_request_register(resident, actor=request.user, **form.cleaned_data)
    except services.PrivacyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Het verzoek is vastgelegd. Antwoord uiterlijk op {data_request.due_on:%d-%m-%Y}.")
    return redirect("privacy:resident", pk=resident.pk)


# --- one resident --------------------------------------------------------------------------------


@rule("resident.view", subject=RESIDENT, audit_view=True)
@never_cache
def resident(request: HttpRequest, pk: int) -> HttpResponse:
    person = request.casus_object
    user = request.user
    desk = can(user, "privacy.desk", person)
    context = {
        "resident": person, "desk": desk, "cases": selectors.resident_cases(user, person, all_cases=desk),
        "may": {perm: can(user, f"resident.{perm}", person) for perm in ("bsn", "correct", "merge", "inzage")},
        "request_form": RequestForm(), **selectors.resident_history(person),
    }  # fmt: skip
    return render(request, "privacy/resident.html", context)


@rule("resident.bsn", subject=RESIDENT)
@require_POST
@never_cache
def resident_bsn(request: HttpRequest, pk: int) -> HttpResponse:
    """The full BSN, on purpose and logged: the only place Casus shows it in full."""
    person = request.casus_object
    audit(AuditAction.VIEW_BSN, person, request=request)
    fragment = request.headers.get("X-Requested-With") == "fetch"
    template = "privacy/_bsn.html" if fragment else "privacy/bsn.html"
    return render(request, template, {"resident": person})


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


def _filename(person: Resident, extension: str) -> str:
    return f"inzage-{person.organisation.slug}-inwoner-{person.pk}-{timezone.localdate():%Y%m%d}.{extension}"


@rule("resident.inzage", subject=RESIDENT)
def inzage_json(request: HttpRequest, pk: int) -> HttpResponse:
    person = request.casus_object
    data = inzage.as_json(inzage.collect(person))
    audit(AuditAction.EXPORT, person, request=request, format="json", cases=len(data["zaken"]))
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return _download(content, "application/json; charset=utf-8", _filename(person, "json"))


@rule("resident.inzage", subject=RESIDENT)
def inzage_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = request.casus_object
    collected = inzage.collect(person)
    content = inzage.pdf(collected)
    audit(AuditAction.EXPORT, person, request=request, format="pdf", cases=len(collected.person.cases))
    return _download(content, "application/pdf", _filename(person, "pdf"))


@rule("resident.correct", subject=RESIDENT)
@never_cache
def resident_correct(request: HttpRequest, pk: int) -> HttpResponse:
    person = request.casus_object
    copy = Resident.objects.get(pk=person.pk)  # the form writes onto its instance while validating
    form = CorrectionForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_correct(
                person, form.changes(person), reason=form.cleaned_data["reason"], actor=request.user
            )
        except services.PrivacyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "De gegevens zijn gecorrigeerd. De oude en nieuwe waarden zijn vastgelegd.")
            return redirect("privacy:resident", pk=person.pk)
    return render(request, "privacy/correct.html", {"resident": person, "form": form})


@rule("resident.merge", subject=RESIDENT)
@never_cache
def resident_merge(request: HttpRequest, pk: int) -> HttpResponse:
    keep = request.casus_object
    form = MergeForm(request.POST or None, initial={"duplicate": request.GET.get("dubbel")})
    if request.method == "POST" and form.is_valid():
        duplicate = get_object_or_404(Resident, pk=form.cleaned_data["duplicate"])
        _require(request, "resident.merge", duplicate)
        try:
            merge = services.residents_merge(keep, duplicate, actor=request.user, reason=form.cleaned_data["reason"])
        except services.PrivacyError as error:
            form.add_error(None, str(error))
        else:
            moved = len(merge.case_ids)
            messages.success(request, f"De inwoners zijn samengevoegd. {moved} zaak/zaken verplaatst.")
            return redirect("privacy:resident", pk=keep.pk)
    return render(request, "privacy/merge.html", _merge_context(request, keep, form))


def _merge_context(request: HttpRequest, keep: Resident, form: MergeForm) -> dict[str, Any]:
    context: dict[str, Any] = {"resident": keep, "form": form, "problem": None}
    duplicate_id = request.POST.get("duplicate") or request.GET.get("dubbel")
    if duplicate_id and str(duplicate_id).isdigit():
        duplicate = get_object_or_404(Resident, pk=duplicate_id)
        _require(request, "resident.merge", duplicate)
        if request.method == "GET":
            audit(AuditAction.VIEW, duplicate, request=request, via="samenvoegen")
        context.update(_preview(request, keep, duplicate))
        return context
    candidates = visible_residents(request.user).filter(organisation_id=keep.organisation_id, merged_into__isnull=True)
    candidates = candidates.exclude(pk=keep.pk)
    term = request.GET.get("q", "").strip()
    context["term"] = term
    context["found"] = _search(request, term, candidates) if term else None
    return context


def _shown(person: Resident, name: str) -> str:
    if Resident._meta.get_field(name).choices:
        return inzage.display(getattr(person, f"get_{name}_display")())
    return inzage.display(getattr(person, name))


def _preview(request: HttpRequest, keep: Resident, duplicate: Resident) -> dict[str, Any]:
    desk = can(request.user, "privacy.desk", keep)
    fields = [name for name in services.MERGE_FILL_FIELDS if name != "bsn"]
    fill = services.merge_fill(keep, duplicate)
    rows = [
        (Resident._meta.get_field(name).verbose_name, _shown(keep, name), _shown(duplicate, name), name in fill)
        for name in fields
    ]
    rows.insert(0, ("BSN", keep.masked_bsn or "–", duplicate.masked_bsn or "–", "bsn" in fill))
    return {
        "duplicate": duplicate, "rows": rows, "problem": services.merge_problem(keep, duplicate),
        "keep_cases": selectors.resident_cases(request.user, keep, all_cases=desk),
        "duplicate_cases": selectors.resident_cases(request.user, duplicate, all_cases=desk),
    }  # fmt: skip
