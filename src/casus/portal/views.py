"""The residents' pages: no login (`@public`), Dutch whatever the browser asks, nothing cached.

/contact/ lists the four forms; each form registers a case and redirects to /ontvangen/ (the receipt);
/status/<token>/ is the case's secret status page. Errors re-render the form with what was typed.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from casus import deadlines
from casus.access.rules import public
from casus.cases.domain import CaseType, EventKind
from casus.cases.models import Case

from . import services
from .forms import FORMS, AddInformationForm, FilingCheckForm, PortalForm
from .ratelimit import allow_status, allow_submission
from .selectors import case_for_token, portal_organisation
from .status import case_status
from .texts import long_date, noun

PENDING, RECEIPT = "portal_pending", "portal_receipt"
SPAM = "Uw formulier is niet verstuurd. Laat het veld 'Laat dit veld leeg' leeg en probeer het opnieuw."
TOO_MANY = (
    "U heeft in korte tijd veel formulieren verstuurd. Wacht 10 minuten en probeer het dan opnieuw. "
    "Is het dringend? Bel ons dan."
)
WITHDRAWN = "Wij hebben uw verzoek om in te trekken ontvangen. Uw contactpersoon neemt contact met u op."
INTROS = {
    CaseType.KLACHT: "Bent u niet tevreden over hoe wij u hebben behandeld? Vertel het ons. "
    "Wij nemen uw klacht serieus.",
    CaseType.VRAAG: "Stel uw vraag. Wij sturen u een antwoord of bellen u.",
    CaseType.TERUGBELVERZOEK: "Wilt u iemand spreken? Laat uw nummer achter. Wij bellen u terug.",
    CaseType.BEZWAAR: "Bent u het niet eens met een besluit van ons? Dan kunt u bezwaar maken. "
    "Houd de brief met het besluit bij de hand.",
}


def resident_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Public, in Dutch, never cached, and not indexed by search engines."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with translation.override("nl"):
            response = view(request, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return public(never_cache(wrapped))


def secret_page(response: HttpResponse) -> HttpResponse:
    """A page whose address is a secret: the address is never sent on to another site."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


# --- the start page and the forms ------------------------------------------------------------------


@resident_page
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/start.html", {"organisation": portal_organisation()})


@resident_page
def klacht(request: HttpRequest) -> HttpResponse:
    return _form_page(request, CaseType.KLACHT)


@resident_page
def vraag(request: HttpRequest) -> HttpResponse:
    return _form_page(request, CaseType.VRAAG)


@resident_page
def terugbellen(request: HttpRequest) -> HttpResponse:
    return _form_page(request, CaseType.TERUGBELVERZOEK)


@resident_page
def bezwaar(request: HttpRequest) -> HttpResponse:
    return _form_page(request, CaseType.BEZWAAR)


def _form_page(request: HttpRequest, case_type: str) -> HttpResponse:
    form_class = FORMS[case_type]
    if request.method != "POST":
        return _render_form(request, form_class(initial={"form_token": _pending_token(request)}))
    form = form_class(request.POST, request.FILES)
    if form.spam:
        allow_submission(request)  # a robot's attempt counts too
        return _render_form(request, form, problem=SPAM, status=400)
    if not form.is_valid():
        return _render_form(request, form)
    if getattr(form, "needs_late_reason", False):
        return _render_form(request, form, late_prompt=True)
    if not allow_submission(request):
        return _render_form(request, form, problem=TOO_MANY, status=429)
    return _submit(request, form)


def _render_form(request: HttpRequest, form: PortalForm, *, status: int = 200, **extra: Any) -> HttpResponse:
    filing = form.filing() if hasattr(form, "filing") and form.is_bound and hasattr(form, "cleaned_data") else None
    context = {
        "form": form, "intro": INTROS[form.case_type], "organisation": portal_organisation(),
        "chosen_files": bool(request.FILES), **_filing_context(filing), **extra,
    }  # fmt: skip
    return render(request, "portal/form.html", context, status=status)


def _pending_token(request: HttpRequest) -> str:
    """A one-time form token, and the status token the case will get, kept in the session: a double
    click sends the form twice, and both requests then know the one case's status link."""
    form_token = secrets.token_urlsafe(24)
    pending = dict(list(request.session.get(PENDING, {}).items())[-9:])
    pending[form_token] = services.new_status_token()
    request.session[PENDING] = pending
    return form_token


def _submit(request: HttpRequest, form: PortalForm) -> HttpResponse:
    form_token = form.cleaned_data.get("form_token") or ""
    status_token = request.session.get(PENDING, {}).get(form_token, "")
    filed = services.portal_submit(
        case_type=form.case_type, resident=form.resident_data(), description=form.description(),
        uploads=form.uploads(), form_token=form_token, base_url=_base_url(request),
        registration=form.registration(), status_token=status_token,
    )  # fmt: skip
    request.session[RECEIPT] = {"case": filed.case.pk, "token": filed.status_token or status_token}
    return redirect("portal:receipt")


def _base_url(request: HttpRequest) -> str:
    """Links in e-mails start with CASUS_BASE_URL (never trust a Host header for a secret link)."""
    return getattr(settings, "CASUS_BASE_URL", "") or request.build_absolute_uri("/")


def _filing_context(filing: deadlines.Filing | None) -> dict[str, Any]:
    if filing is None:
        return {}
    return {"filing": filing, "filing_deadline": long_date(filing.deadline)}


@resident_page
@require_http_methods(["GET"])
def filing_check(request: HttpRequest) -> HttpResponse:
    """Has the bezwaar term passed? Answered while the resident types the decision's date (htmx)."""
    form = FilingCheckForm(request.GET or None)
    filing = None
    if form.is_valid() and form.cleaned_data["decision_sent_on"] <= timezone.localdate():
        filing = deadlines.filing_check(form.cleaned_data["decision_sent_on"], timezone.localdate())
    return render(request, "portal/_filing.html", _filing_context(filing))


# --- the receipt -----------------------------------------------------------------------------------


@resident_page
def receipt(request: HttpRequest) -> HttpResponse:
    data = request.session.get(RECEIPT) or {}
    cases = Case.objects.select_related("organisation", "team", "handler", "resident")
    case = cases.filter(pk=data.get("case")).first()
    if case is None:
        return redirect("portal:start")
    path = services.status_path(data["token"]) if data.get("token") else ""
    context = services.receipt_context(case, status_url=request.build_absolute_uri(path) if path else "")
    context["status_path"] = path
    return secret_page(render(request, "portal/receipt.html", context))


# --- the status page ---------------------------------------------------------------------------------


@resident_page
def status(request: HttpRequest, token: str) -> HttpResponse:
    if not allow_status(request):
        return _too_many(request)
    case = case_for_token(token)
    if case is None:
        return not_found(request)
    form = AddInformationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and case.is_open and form.is_valid():
        data = form.cleaned_data
        services.portal_add_information(case=case, message=data["message"], uploads=data["files"])
        messages.success(request, "Dank u wel. Wij hebben uw informatie ontvangen. Uw contactpersoon leest het.")
        return redirect("portal:status", token=token)
    return secret_page(render(request, "portal/status.html", _status_context(case, token, form)))


def _withdrawal_requested(case: Case) -> Any:
    """When the inwoner asked to withdraw (the note's time), or None."""
    note = case.events.filter(kind=EventKind.NOTE, data__withdrawal=True).order_by("created_at").first()
    return note.created_at if note else None


def _status_context(case: Case, token: str, form: AddInformationForm) -> dict[str, Any]:
    withdrawal = _withdrawal_requested(case)
    return {
        "case": case, "state": case_status(case), "form": form, "token": token, "organisation": case.organisation,
        "withdrawal_requested": withdrawal,
    }  # fmt: skip


@resident_page
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """Withdraw: a confirm step; the request goes on the timeline for the handler (no automatic close)."""
    if not allow_status(request):
        return _too_many(request)
    case = case_for_token(token)
    if case is None or not case.is_open:
        return not_found(request) if case is None else redirect("portal:status", token=token)
    if request.method == "POST":
        if not _withdrawal_requested(case):  # asked once is enough: a second click adds nothing
            services.portal_request_withdrawal(case=case, reason=request.POST.get("reason", "")[:2000])
        messages.success(request, WITHDRAWN)
        return redirect("portal:status", token=token)
    context = {"case": case, "state": case_status(case), "token": token, "noun": noun(case.case_type)}
    return secret_page(render(request, "portal/withdraw.html", context))


def not_found(request: HttpRequest) -> HttpResponse:
    """One answer for every unknown, altered or expired link: no hint whether anything exists."""
    return secret_page(render(request, "portal/not_found.html", {}, status=404))


def _too_many(request: HttpRequest) -> HttpResponse:
    return secret_page(render(request, "portal/too_many.html", {}, status=429))
