"""The functioneel beheerder's pages: destruction lists, approve or reject, take a case off, export.

Every view carries its access rule (casus.access.rules): "retention.view" (functioneel beheerder and
privacyfunctionaris) to read, "retention.approve" (functioneel beheerder) to change, both for the
list's own organisation.
"""

from __future__ import annotations

import csv
import logging
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import can
from casus.access.rules import rule
from casus.cases.models import Organisation

from .models import DestructionList, DestructionListItem, ItemStatus, ListStatus, RetentionRule
from .services import RetentionError, item_remove, list_approve, list_execute, list_reject

log = logging.getLogger(__name__)
LIST = "retention.destructionlist"


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label="Ik heb de lijst gecontroleerd. De persoonsgegevens van deze zaken mogen worden vernietigd.",
        error_messages={"required": "Zet eerst een vinkje: daarmee bevestigt u dat u de lijst hebt gecontroleerd."},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reden",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 50}),
        error_messages={"required": "Schrijf de reden op."},
    )


def _counts() -> dict[str, Any]:
    return {
        "total": Count("items", filter=~Q(items__status=ItemStatus.REMOVED)),
        "on_list": Count("items", filter=Q(items__status=ItemStatus.ON_LIST)),
        "removed": Count("items", filter=Q(items__status=ItemStatus.REMOVED)),
        "destroyed": Count("items", filter=Q(items__status=ItemStatus.DESTROYED)),
        "skipped": Count("items", filter=Q(items__status=ItemStatus.SKIPPED)),
    }


@rule("retention.view")
def lists(request: HttpRequest) -> HttpResponse:
    """The lists of the organisations the user may see, newest first."""
    orgs = [org for org in Organisation.objects.all() if can(request.user, "retention.view", org)]
    found = (
        DestructionList.objects.filter(organisation__in=orgs)
        .select_related("organisation")
        .annotate(**_counts())
        .order_by("-selected_on", "-pk")
    )
    page = Paginator(found, 25).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "several_orgs": len(orgs) > 1,
        "waiting": found.filter(status__in=[ListStatus.CONCEPT, ListStatus.GOEDGEKEURD]).count(),
        "rules": RetentionRule.objects.filter(organisation__in=orgs).count(),
        "may_configure": can(request.user, "admin.config"),
    }
    return render(request, "retention/lists.html", context)


def _detail(request: HttpRequest, destruction_list: DestructionList, status: int = 200, **forms_: Any) -> HttpResponse:
    items = destruction_list.items.order_by("status", "closed_on", "reference")
    page = Paginator(items, 100).get_page(request.GET.get("pagina"))
    counts = DestructionList.objects.filter(pk=destruction_list.pk).aggregate(**_counts())
    may_approve = can(request.user, "retention.approve", destruction_list)
    context = {
        "list": destruction_list,
        "page": page,
        "counts": counts,
        "may_approve": may_approve,
        "concept": destruction_list.status == ListStatus.CONCEPT,
        "approved": destruction_list.status == ListStatus.GOEDGEKEURD,
        "approve_form": forms_.get("approve_form") or ApproveForm(),
        "reject_form": forms_.get("reject_form") or ReasonForm(),
        "remove_errors": forms_.get("remove_errors") or {},
        "ON_LIST": ItemStatus.ON_LIST,
    }
    return render(request, "retention/list.html", context, status=status)


@rule("retention.view", subject=LIST)
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, request.casus_object)


def _done(result: Any) -> str:
    destroyed = len(result.destroyed)
    text = f"Vernietigingslijst {result.destruction_list.pk} is uitgevoerd. "
    text += f"Van {destroyed} {'zaak' if destroyed == 1 else 'zaken'} zijn de persoonsgegevens vernietigd."
    if result.skipped:
        text += f" {len(result.skipped)} niet: zie de toelichting in de lijst."
    if result.residents_deleted:
        text += f" {result.residents_deleted} inwoner(s) zonder andere zaken verwijderd."
    return text


def _execute(request: HttpRequest, destruction_list: DestructionList) -> None:
    try:
        result = list_execute(destruction_list=destruction_list, actor=request.user, request=request)
    except RetentionError as error:
        messages.error(request, str(error))
        return
    except Exception:  # the approval stands; the page offers to try again
        log.exception("Executing destruction list %s failed", destruction_list.pk)
        messages.error(
            request,
            "De lijst is goedgekeurd, maar het vernietigen is niet gelukt. Er is niets vernietigd. "
            "Probeer het opnieuw met de knop 'Vernietiging nu uitvoeren', of vraag de systeembeheerder om hulp.",
        )
        return
    if result.already_done:
        messages.info(request, "Deze lijst was al uitgevoerd. Er is niets opnieuw vernietigd.")
    else:
        messages.success(request, _done(result))


@rule("retention.approve", subject=LIST)
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve a concept list and execute it at once (two steps: the approval stays if execution fails)."""
    destruction_list = request.casus_object
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _detail(request, destruction_list, status=400, approve_form=form)
    try:
        destruction_list = list_approve(destruction_list=destruction_list, actor=request.user)
    except RetentionError as error:
        messages.error(request, str(error))
        return redirect("retention:list", pk=pk)
    _execute(request, destruction_list)
    return redirect("retention:list", pk=pk)


@rule("retention.approve", subject=LIST)
@require_POST
def execute(request: HttpRequest, pk: int) -> HttpResponse:
    """Try again to execute an approved list whose execution failed."""
    _execute(request, request.casus_object)
    return redirect("retention:list", pk=pk)


@rule("retention.approve", subject=LIST)
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    destruction_list = request.casus_object
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, destruction_list, status=400, reject_form=form)
    try:
        list_reject(destruction_list=destruction_list, actor=request.user, reason=form.cleaned_data["reason"])
    except RetentionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Vernietigingslijst {pk} is afgewezen. Er is niets vernietigd.")
    return redirect("retention:list", pk=pk)


@rule("retention.approve", subject=LIST)
@require_POST
def remove_item(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    destruction_list = request.casus_object
    found = get_object_or_404(DestructionListItem, pk=item, destruction_list=destruction_list)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _detail(request, destruction_list, status=400, remove_errors={found.pk: form.errors["reason"]})
    try:
        item_remove(item=found, actor=request.user, reason=form.cleaned_data["reason"])
    except RetentionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Zaak {found.reference} is van de lijst gehaald en blijft bewaard.")
    return redirect("retention:list", pk=pk)


class _Echo:
    def write(self, value: str) -> str:
        return value


@rule("retention.view", subject=LIST)
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """The list as CSV (semicolon-separated, as Dutch Excel expects). No personal data is on it."""
    destruction_list = request.casus_object
    items = list(destruction_list.items.order_by("closed_on", "reference"))
    audit(AuditAction.EXPORT, destruction_list, request=request, format="csv", rows=len(items))
    writer = csv.writer(_Echo(), delimiter=";")
    header = [
        "kenmerk", "zaaktype", "uitkomst", "ontvangen op", "afgehandeld op", "bewaartermijn (jaren)",
        "vernietigen vanaf", "team", "status", "toelichting",
    ]  # fmt: skip
    rows = ["\ufeff" + writer.writerow(header)]
    for item in items:
        received = item.received_on.isoformat() if item.received_on else ""
        row = [
            item.reference, item.get_case_type_display(), item.get_outcome_display(), received,
            item.closed_on.isoformat(), item.retention_years, item.retention_until.isoformat(), item.team_name,
            item.get_status_display(), item.note,
        ]  # fmt: skip
        rows.append(writer.writerow(row))
    response = HttpResponse("".join(rows), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="vernietigingslijst-{pk}-{stamp}.csv"'
    return response
