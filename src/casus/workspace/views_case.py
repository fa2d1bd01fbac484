"""The case page (/werk/zaken/<pk>/) and its actions, and the four-eyes review queue.

Every action is a POST view that parses one form, calls one service and goes back to the case page
with a Dutch message; a refused step (CaseError) is shown as it is. The page works without
JavaScript. Reading the page is audited (`audit_view`); acting needs `case.edit`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q, QuerySet, prefetch_related_objects
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casus import deadlines
from casus.access.permissions import access_for, can, visible_cases
from casus.access.rules import rule
from casus.answers.services import answer_use_record
from casus.cases import selectors, services
from casus.cases.domain import CaseType, Outcome, Status, TeamRole
from casus.cases.models import Case, CaseReview
from casus.cases.services import CaseError
from casus.deadlines.explain import dutch_date, explain_deadline, explain_status
from casus.retention.services import retention_mark_set

from . import forms_case as forms

CASE = "cases.case"
# The state is written out with an icon, never shown by colour alone (as in the work queue).
STATE_ICONS = {deadlines.State.OP_TIJD: "✓", deadlines.State.DREIGT: "⚠", deadlines.State.TE_LAAT: "!"}
SAFETY_PHONE = {"suicide_prevention": "0800-0113", "emergency": "112"}


# --- the page ------------------------------------------------------------------------------------


@rule("case.view", subject=CASE, audit_view=True)
@never_cache
def case(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.case_detail(pk=pk)
    # The organisation's settings per case type, read once: the deadline, the postponement and the
    # four-eyes rule all look in them.
    prefetch_related_objects([found.organisation], "case_type_settings")
    return render(request, "workspace/case/page.html", page_context(request.user, found))


def page_context(user: Any, case: Case) -> dict[str, Any]:
    may_edit = can(user, "case.edit", case)
    review = case.reviews.filter(decision="").select_related("proposed_by").first()
    context = {
        "case": case, "may_edit": may_edit, "review": review, "events": list(reversed(case.events.all())),
        "deadline": _deadline(case),
        "may_review": may_edit and review is not None and review.proposed_by_id != user.pk,
        "safety_phone": SAFETY_PHONE, "callback": case.case_type == CaseType.TERUGBELVERZOEK,
        "failed_attempts": sum(1 for attempt in case.contact_attempts.all() if not attempt.reached),
        **_surroundings(user, case),
    }  # fmt: skip
    if may_edit:
        context.update(_action_context(case))
    return context


def _action_context(case: Case) -> dict[str, Any]:
    rule_ = case.organisation.rule_for(case.case_type)
    postpone_possible = (
        rule_.postponement is not None and case.postponed_on is None and timezone.localdate() <= case.due_on
    )
    close_intro = ""
    settings = case.organisation.case_type_settings.all()
    if any(setting.case_type == case.case_type and setting.four_eyes for setting in settings):
        close_intro = "Bij afgewezen of ongegrond leest eerst een collega van het team mee (vier ogen)."
    return {
        "forms": _forms(case), "postpone_possible": postpone_possible, "close_intro": close_intro,
        "postpone_intro": (
            f"Eén keer, met {rule_.postponement.dutch()}, en alleen vóór {dutch_date(case.due_on)}. "
            "U krijgt de tekst van de brief aan de inwoner."
        ) if postpone_possible else "",
    }  # fmt: skip


def _deadline(case: Case) -> dict[str, Any]:
    today = timezone.localdate()
    deadline = services.deadline_for(case)
    filing = None
    if case.decision_sent_on is not None:
        filing = deadlines.filing_check(case.decision_sent_on, case.received_on, case.posted_on)
    status = case.deadline_status(today)
    return {
        "due": dutch_date(case.due_on), "state": status.state.value, "label": deadlines.STATE_LABELS[status.state],
        "icon": STATE_ICONS[status.state],
        "days_left": status.working_days_left, "days_late": -status.working_days_left,
        "status_text": explain_status(status, today), "how": explain_deadline(deadline, filing),
        "suspended_days": deadline.suspended_days,
    }  # fmt: skip


def _surroundings(user: Any, case: Case) -> dict[str, Any]:
    """The resident's other cases, the chain and the links: only cases the user may see."""
    visible = visible_cases(user)
    others: Any = []
    if case.resident_id is not None:
        others = visible_cases(user, selectors.resident_history(resident=case.resident)).exclude(pk=case.pk)
    chain = selectors.case_chain(case=case)
    seen = set(visible.filter(pk__in=[c.pk for c in chain]).values_list("pk", flat=True)) | {case.pk}
    links = selectors.related_cases(case=case).filter(from_case__in=visible, to_case__in=visible)
    return {
        "other_cases": others, "chain": [c for c in chain if c.pk in seen] if len(chain) > 1 else [],
        "chain_hidden": sum(1 for c in chain if c.pk not in seen),
        "links": [(link, link.to_case if link.from_case_id == case.pk else link.from_case) for link in links],
    }  # fmt: skip


def _forms(case: Case) -> dict[str, Form]:
    """One unbound form per action; each with its own id prefix, so labels stay unique on the page."""
    classes: dict[str, Any] = {
        "take": forms.TakeForm, "assign": forms.AssignForm, "request_information": forms.RequestInformationForm,
        "information_received": forms.InformationReceivedForm, "postpone": forms.PostponeForm,
        "extend": forms.ExtendForm, "contact": forms.ContactAttemptForm, "note": forms.NoteForm,
        "link": forms.LinkForm, "safety": forms.SafetyForm, "close": forms.CloseForm, "reopen": forms.ReopenForm,
        "review_return": forms.ReviewReturnForm,
    }  # fmt: skip
    needs_case = {"assign", "close"}
    return {
        key: form_class(auto_id=f"id_{key}_%s", **({"case": case} if key in needs_case else {}))
        for key, form_class in classes.items()
    }


# --- acting --------------------------------------------------------------------------------------


def _act(request: HttpRequest, form: Form, run: Callable[[dict[str, Any]], str]) -> HttpResponse:
    """Parse, call the service, say what happened (or why not) and go back to the case."""
    if not form.is_valid():
        messages.error(request, forms.error_text(form))
    else:
        try:
            messages.success(request, run(form.cleaned_data))
        except CaseError as error:
            messages.error(request, str(error))
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the case page, or to the start page when the step took the case out of the user's view
    (a colleague flags a safety concern on a case someone else handles)."""
    case = Case.objects.get(pk=request.casus_object.pk)
    if can(request.user, "case.view", case):
        return redirect("workspace:case", pk=case.pk)
    return redirect("home")


def _moved(case: Case, before: Any) -> str:
    case.refresh_from_db(fields=["due_on"])
    if case.due_on == before:
        return f"De uiterste datum blijft {dutch_date(case.due_on)}."
    return f"De uiterste datum is nu {dutch_date(case.due_on)} (was {dutch_date(before)})."


@rule("case.edit", subject=CASE)
@require_POST
def case_take(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = request.casus_object, request.user

    def run(data: dict[str, Any]) -> str:
        services.case_assign(case=case, handler=user, actor=user, reason=data["reason"])
        return "U behandelt deze zaak nu."

    return _act(request, forms.TakeForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.casus_object

    def run(data: dict[str, Any]) -> str:
        services.case_assign(case=case, handler=data["handler"], actor=request.user, reason=data["reason"])
        name = data["handler"].get_full_name() or data["handler"].get_username()
        return f"De zaak is overgedragen aan {name}. {name} krijgt hierover een e-mail."

    return _act(request, forms.AssignForm(request.POST, case=case), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_start(request: HttpRequest, pk: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        services.case_start(case=request.casus_object, actor=request.user)
        return "De zaak is in behandeling."

    return _act(request, Form(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_request_information(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.casus_object

    def run(data: dict[str, Any]) -> str:
        before = case.due_on
        services.case_request_information(case=case, actor=request.user, **data)
        return f"Aanvulling gevraagd. De termijn staat stil. {_moved(case, before)}"

    return _act(request, forms.RequestInformationForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_information_received(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.casus_object

    def run(data: dict[str, Any]) -> str:
        before = case.due_on
        services.case_information_received(case=case, actor=request.user, **data)
        return f"Aanvulling ontvangen. De termijn loopt weer. {_moved(case, before)}"

    return _act(request, forms.InformationReceivedForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_postpone(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.casus_object

    def run(data: dict[str, Any]) -> str:
        before = case.due_on
        services.case_postpone(case=case, actor=request.user, **data)
        return f"De zaak is verdaagd. {_moved(case, before)} Stuur de inwoner de brief hieronder."

    return _act(request, forms.PostponeForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_extend(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.casus_object

    def run(data: dict[str, Any]) -> str:
        before = case.due_on
        services.case_extend(case=case, actor=request.user, **data)
        return f"Uitstel vastgelegd. {_moved(case, before)}"

    return _act(request, forms.ExtendForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_contact_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        attempt = services.case_record_contact_attempt(case=request.casus_object, actor=request.user, **data)
        result = "bereikt" if attempt.reached else "niet bereikt"
        return f"Contactpoging vastgelegd: {result} ({timezone.localtime(attempt.attempted_at):%d-%m-%Y %H:%M})."

    return _act(request, forms.ContactAttemptForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_note(request: HttpRequest, pk: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        services.case_add_note(case=request.casus_object, actor=request.user, **data)
        return "De notitie staat op de tijdlijn."

    return _act(request, forms.NoteForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_link(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.casus_object

    def run(data: dict[str, Any]) -> str:
        reference = data["reference"].strip()
        candidates = visible_cases(request.user).filter(organisation_id=case.organisation_id)
        other = candidates.filter(reference__iexact=reference).first()
        if other is None:
            raise CaseError(f"Geen zaak gevonden met kenmerk {reference} (of u mag die zaak niet zien).")
        services.case_link(case=case, other=other, kind=data["kind"], actor=request.user)
        return f"Gekoppeld aan {other.reference}."

    return _act(request, forms.LinkForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_flag_safety(request: HttpRequest, pk: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        services.case_flag_safety(case=request.casus_object, actor=request.user, **data)
        return "Veiligheidssignaal gemeld. De coördinatoren van het team zijn gewaarschuwd. Volg het protocol."

    return _act(request, forms.SafetyForm(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = request.casus_object

    def run(data: dict[str, Any]) -> str:
        label = Outcome(data["outcome"]).label.lower()
        facts = {key: data.pop(key) for key in ("financial_consequences", "ombudsman") if key in data}
        answer_id = data.pop("standard_answer", None)
        with transaction.atomic():  # the retention facts and the standard answer's use stand or fall with it
            if answer_id and data["closing_text"].strip():  # the picked standard answer was used
                answer_use_record(answer_id=answer_id, case=case, actor=request.user)
            if facts:  # a dispute: record its retention facts (a timeline line when they change)
                retention_mark_set(
                    case=case, actor=request.user, ombudsman=facts.get("ombudsman", False),
                    financial_consequences=facts.get("financial_consequences", False),
                )  # fmt: skip
            if services.four_eyes_required(case=case, outcome=data["outcome"]):
                services.case_propose_close(case=case, actor=request.user, **data)
                return f"Uw voorstel ({label}) ligt nu bij een collega van het team ter beoordeling (vier ogen)."
            services.case_close(case=case, actor=request.user, **data)
            return f"De zaak is afgehandeld: {label}."

    return _act(request, forms.CloseForm(request.POST, case=case), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        services.case_reopen(case=request.casus_object, actor=request.user, **data)
        return "De zaak is heropend en weer in behandeling."

    return _act(request, forms.ReopenForm(request.POST), run)


# --- four-eyes -----------------------------------------------------------------------------------


@rule("case.edit", subject=CASE)
@require_POST
def case_review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        closed = services.case_review_approve(case=request.casus_object, actor=request.user)
        return f"Goedgekeurd. De zaak is afgehandeld: {closed.get_outcome_display().lower()}."

    return _act(request, Form(request.POST), run)


@rule("case.edit", subject=CASE)
@require_POST
def case_review_return(request: HttpRequest, pk: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        services.case_review_return(case=request.casus_object, actor=request.user, **data)
        return "Het voorstel is teruggestuurd. Uw collega krijgt een e-mail met uw opmerking."

    return _act(request, forms.ReviewReturnForm(request.POST), run)


@rule("workspace.use")
@never_cache
def review_queue(request: HttpRequest) -> HttpResponse:
    waiting = open_reviews(request.user)
    context = {"to_review": waiting.exclude(proposed_by=request.user), "mine": waiting.filter(proposed_by=request.user)}
    return render(request, "workspace/case/review_queue.html", context)


def open_reviews(user: Any) -> QuerySet[CaseReview]:
    """Proposals waiting for a second reader in the user's teams (as behandelaar or coördinator),
    most urgent first; only cases the user may see."""
    access = access_for(user)
    teams = access.team_ids(TeamRole.BEHANDELAAR, TeamRole.COORDINATOR)
    orgs = access.org_ids(TeamRole.COORDINATOR)
    cases = visible_cases(user, Case.objects.filter(status=Status.TER_BEOORDELING))
    cases = cases.filter(Q(team_id__in=teams) | Q(team__isnull=True, organisation_id__in=orgs))
    return (
        CaseReview.objects.filter(decision="", case__in=cases)
        .select_related("case", "case__team", "case__resident", "proposed_by")
        .order_by("case__due_on", "proposed_at")
    )
