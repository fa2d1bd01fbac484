"""The import in the browser for the functioneel beheerder: upload, see the check (dry run), confirm.

Every view carries its access rule: "admin.config", for the run's own organisation.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import organisations_for
from casus.access.rules import rule
from casus.cases.models import Organisation

from .importer import column_names, import_file
from .models import ImportRun, RunStatus

RUN = "imports.importrun"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _organisations(user: Any) -> list[Organisation]:
    ids = organisations_for(user, "admin.config")
    found = Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)
    return list(found.order_by("name"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand (.csv of .xlsx)",
        error_messages={"required": "Kies een bestand.", "empty": "Het bestand is leeg."},
    )
    organisation = forms.ModelChoiceField(
        label="Organisatie", queryset=Organisation.objects.none(), empty_label=None, required=True
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 50 MB. Splits het bestand, of gebruik het commando.")
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Kies een .csv- of .xlsx-bestand.")
        return upload


class ConfirmForm(forms.Form):
    only_valid = forms.BooleanField(label="Alleen geldige rijen importeren", required=False)


@rule("admin.config")
def upload(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        content = upload_file.read()
        organisation = form.cleaned_data["organisation"]
        report, _ = import_file(organisation=organisation, name=upload_file.name, content=content, dry_run=True)
        run = ImportRun(
            organisation=organisation, file_name=upload_file.name[:255], content=content, user=request.user,
            report=report.as_json(),
            status=RunStatus.STOPPED if report.file_error else RunStatus.CHECKED,
        )  # fmt: skip
        run.set_counts(report.counts)
        run.save()
        return redirect("imports:run", pk=run.pk)
    runs = ImportRun.objects.filter(organisation__in=organisations).select_related("organisation", "user")[:20]
    context = {"form": form, "runs": runs, "columns": column_names(), "several_orgs": len(organisations) > 1}
    return render(request, "imports/upload.html", context)


@rule("admin.config", subject=RUN)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run: ImportRun = request.casus_object
    return render(request, "imports/run.html", {"run": run, "report": run.report, "form": ConfirmForm()})


@rule("admin.config", subject=RUN)
@require_POST
@transaction.atomic
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    # Locked: a double click imports once.
    run: ImportRun = ImportRun.objects.select_for_update().select_related("organisation").get(pk=pk)
    if run.status != RunStatus.CHECKED:
        messages.info(request, "Dit bestand is al verwerkt. Upload het opnieuw om het nog een keer te importeren.")
        return redirect("imports:run", pk=run.pk)
    form = ConfirmForm(request.POST)
    only_valid = form.is_valid() and form.cleaned_data["only_valid"]
    report, _ = import_file(
        organisation=run.organisation, name=run.file_name, content=bytes(run.content), actor=request.user,
        skip_invalid=only_valid,
    )  # fmt: skip
    run.report = report.as_json()
    run.set_counts(report.counts)
    run.only_valid = only_valid
    if not report.applied:
        run.save()
        messages.error(
            request,
            "Er is niets geïmporteerd: het bestand heeft afgekeurde rijen. Verbeter die rijen en upload het "
            "bestand opnieuw, of kies 'Alleen geldige rijen importeren'.",
        )
        return redirect("imports:run", pk=run.pk)
    run.status = RunStatus.IMPORTED
    run.finished_at = timezone.now()
    run.content = b""  # the file holds residents' ids; the report is enough from now on
    run.save()
    audit(AuditAction.CHANGE, run, request=request, file_name=run.file_name, **report.counts)
    messages.success(
        request,
        f"Klaar. {report.imported} nieuwe zaken, {report.updated} bijgewerkt, {report.unchanged} ongewijzigd, "
        f"{report.rejected} afgekeurd.",
    )
    return redirect("imports:run", pk=run.pk)
