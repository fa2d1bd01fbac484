"""The quarterly learning report as a web page and a PDF (learning.view: MT, kwaliteit, coördinator)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.rules import rule

from . import report_render, selectors
from .report import Quarter, current_quarter, learning_report, parse_quarter


def _choice(request: HttpRequest) -> tuple[Any, Quarter, list[Any]]:
    organisations = selectors.learning_organisations(request.user)
    chosen = next((o for o in organisations if str(o.pk) == request.GET.get("organisatie")), organisations[0])
    try:
        quarter = parse_quarter(request.GET.get("kwartaal", ""))
    except ValueError:
        quarter = current_quarter()
    return chosen, quarter, organisations


def _quarters() -> list[Quarter]:
    quarter, found = current_quarter(), []
    for _ in range(8):
        found.append(quarter)
        quarter = quarter.previous()
    return found


@rule("learning.view")
def report(request: HttpRequest) -> HttpResponse:
    organisation, quarter, organisations = _choice(request)
    data = learning_report(organisation=organisation, quarter=quarter)
    context = {**report_render.context(data), "organisation": organisation, "organisations": organisations,
               "quarters": _quarters()}  # fmt: skip
    return render(request, "learning/report.html", context)


@rule("learning.view")
def report_pdf(request: HttpRequest) -> HttpResponse:
    organisation, quarter, _ = _choice(request)
    content = report_render.pdf_bytes(learning_report(organisation=organisation, quarter=quarter))
    audit(AuditAction.EXPORT, request=request, table="leren", format="pdf", quarter=quarter.code,
          organisation_id=organisation.pk)  # fmt: skip
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="casus-leren-{quarter.code}.pdf"'
    return response
