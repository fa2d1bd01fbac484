"""The letter pages.

For the functioneel beheerder (admin.config, organisation-scoped): the library, the editor with a live
preview (htmx, and a button that does the same without JavaScript) and the letterhead. The preview
uses a real case only when the beheerder may see it (case.view); otherwise an invented example.

For the handler (case.edit): pick a letter for the case, see it with the case's data filled in, change
the text for this one letter, and send it by e-mail or by post (PDF). Downloads are audited.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casus.access.audit import audit
from casus.access.models import AuditAction, AuditEntry
from casus.access.permissions import can, organisations_for
from casus.access.rules import rule
from casus.cases.models import Case, Organisation

from . import fields as merge
from . import selectors, services
from .forms import EXTRA_FORMS, ChooseForm, LetterForm, LetterheadForm, PreviewCaseForm, TemplateForm
from .models import Letter, Letterhead, LetterTemplate, LetterTemplateVersion
from .render import Draft, LetterError, MissingFields, compose, compose_example, sheet_html
from .sandbox import LetterTemplateError

CASE = "cases.case"
TEMPLATE = "letters.lettertemplate"


def _organisations(user: Any) -> list[Organisation] | None:
    """The organisations the user configures; None for a superuser (all of them)."""
    ids = organisations_for(user, "admin.config")
    return None if ids is None else list(Organisation.objects.filter(pk__in=ids))


# --- the library and the editor (functioneel beheerder) -------------------------------------------


@rule("admin.config")
@never_cache
def library(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request.user)
    rows = selectors.library(None if organisations is None else [o.pk for o in organisations])
    heads = organisations if organisations is not None else list(Organisation.objects.all())
    return render(request, "letters/library.html", {"rows": rows, "organisations": heads})


@rule("admin.config", subject=TEMPLATE)
@never_cache
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template: LetterTemplate = request.casus_object
    organisations = _organisations(request.user)
    current = template.current
    initial = {"subject": current.subject, "body": current.body}
    form = TemplateForm(request.POST or None, initial=initial, template=template, organisations=organisations)
    preview_form = PreviewCaseForm(request.POST or request.GET or None)
    if request.method == "POST" and request.POST.get("action") == "preview":
        context = _preview(request, template, request.POST.get("subject", ""), request.POST.get("body", ""))
        if request.headers.get("HX-Request"):
            return render(request, "letters/_template_preview.html", context)
    elif request.method == "POST" and form.is_valid():
        return _save(request, template, form, organisations)
    else:
        context = _preview(request, template, form["subject"].value() or "", form["body"].value() or "")
    context |= {"template": template, "form": form, "preview_form": preview_form, "fields": merge.FIELDS,
                "versions": _versions(template)}  # fmt: skip
    return render(request, "letters/template_edit.html", context)


def _save(request: HttpRequest, template: LetterTemplate, form: TemplateForm,
          organisations: list[Organisation] | None) -> HttpResponse:  # fmt: skip
    data = form.cleaned_data
    organisation = data.get("organisation")
    if organisation is None and template.organisation_id is None and organisations is not None:
        organisation = organisations[0]
    try:
        version = services.template_save(
            template=template, organisation=organisation, subject=data["subject"], body=data["body"],
            actor=request.user, note=data.get("note", ""),
        )  # fmt: skip
    except LetterTemplateError as error:
        messages.error(request, str(error))
        return redirect("letters:template", pk=template.pk)
    owner = version.template.organisation or "alle organisaties"
    messages.success(request, f"Opgeslagen als versie {version.number} voor {owner}.")
    return redirect("letters:template", pk=version.template_id)


def _versions(template: LetterTemplate) -> list[LetterTemplateVersion]:
    """This template's versions, newest first, then those of the standard it is based on."""
    own = list(template.versions.select_related("template__organisation").order_by("-number"))
    if template.based_on_id is not None:
        own += list(template.based_on.versions.select_related("template__organisation").order_by("-number"))
    return own


def _preview(request: HttpRequest, template: LetterTemplate, subject: str, body: str) -> dict[str, Any]:
    """The letter as it will look, on a real case the user may see, else on the example case."""
    reference = (request.POST.get("reference") or request.GET.get("reference") or "").strip()
    case, note = _preview_case(request, reference)
    context: dict[str, Any] = {"preview_note": note, "preview_case": case, "readability": _readability(body)}
    probe = LetterTemplateVersion(template=template, subject=subject, body=body)
    organisation = template.organisation or (case.organisation if case else None)
    try:
        draft = compose(case, probe) if case else compose_example(probe, organisation, on=timezone.localdate())
    except MissingFields as error:
        return context | {"missing": error.items}
    except LetterTemplateError as error:
        return context | {"error": str(error)}
    org = case.organisation if case else (organisation or _example_organisation(request.user))
    context |= {"sheet": sheet_html(org, draft, subject=draft.subject, body=draft.body),
                "readability": _readability(draft.body)}  # the text as the resident reads it  # fmt: skip
    if case is not None and case.case_type != template.case_type:
        context["preview_note"] = (
            f"Let op: zaak {case.reference} is een {case.get_case_type_display().lower()}, deze brief is voor een "
            f"{template.get_case_type_display().lower()}."
        )
    return context


def _example_organisation(user: Any) -> Organisation:
    organisations = _organisations(user)
    return (organisations or list(Organisation.objects.all()[:1]) or [Organisation(name="Gemeente Voorbeeld")])[0]


def _preview_case(request: HttpRequest, reference: str) -> tuple[Case | None, str]:
    """A case of the user's organisations with this reference that the user may see (audited), or
    None with a note that says nothing about whether such a case exists."""
    if not reference:
        return None, ""
    ids = organisations_for(request.user, "admin.config")
    cases = Case.objects.filter(reference__iexact=reference).select_related("organisation", "resident", "team")
    case = (cases if ids is None else cases.filter(organisation_id__in=ids)).first()
    if case is None or not can(request.user, "case.view", case):
        if case is not None:
            audit(AuditAction.DENIED, case, request=request, allowed=False, purpose="voorbeeld brief")
        return None, (
            f"U kunt zaak {reference} niet inzien: functioneel beheerders openen geen dossiers. "
            "Het voorbeeld gebruikt daarom een verzonnen zaak."
        )
    audit_view_once(request, case, purpose="voorbeeld brief")
    return case, f"Voorbeeld op zaak {case.reference}."


def audit_view_once(request: HttpRequest, case: Case, *, purpose: str) -> None:
    """Record the look at a dossier, once per user, case and purpose in ten minutes: the live preview
    asks again at every pause in typing, and the privacy officer needs the look, not every keystroke."""
    since = timezone.now() - timedelta(minutes=10)
    seen = AuditEntry.objects.filter(
        user=request.user, action=AuditAction.VIEW, object_type="cases.case", object_id=str(case.pk), at__gte=since,
        detail__purpose=purpose,
    )  # fmt: skip
    if not seen.exists():
        audit(AuditAction.VIEW, case, request=request, purpose=purpose)


def _readability(text: str) -> Any:
    """The plain-language score of the text (casus.answers), when that part of Casus is installed."""
    try:
        from casus.answers.readability import score
    except ImportError:
        return None
    return score(text) if text.strip() else None


@rule("admin.config", subject="cases.organisation")
@never_cache
def letterhead_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation: Organisation = request.casus_object
    instance = Letterhead.objects.filter(organisation=organisation).first() or Letterhead(organisation=organisation)
    form = LetterheadForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit(AuditAction.CHANGE, organisation, request=request, changed="briefhoofd", fields=form.changed_data)
        messages.success(request, f"Het briefhoofd van {organisation} is opgeslagen.")
        return redirect("letters:library")
    return render(request, "letters/letterhead.html", {"form": form, "organisation": organisation})


# --- a letter for one case (behandelaar) ---------------------------------------------------------


@rule("case.edit", subject=CASE)
@never_cache
def compose_letter(request: HttpRequest, pk: int) -> HttpResponse:
    case = Case.objects.select_related("organisation", "resident", "team", "handler", "subject").get(pk=pk)
    audit_view_once(request, case, purpose="brief maken")
    templates = selectors.templates_for_case(case)
    data = request.POST if request.method == "POST" else request.GET
    template = next((t for t in templates if t.kind == data.get("kind")), None)
    if template is None:
        return render(request, "letters/choose.html", {"case": case, "choose": ChooseForm(templates=templates)})
    extra_form = EXTRA_FORMS[template.kind](data if "day" in data else None) if template.kind in EXTRA_FORMS else None
    context: dict[str, Any] = {"case": case, "template": template, "extra_form": extra_form}
    if extra_form is not None and not extra_form.is_valid():
        return render(request, "letters/compose.html", context)
    extra = extra_form.extra() if extra_form is not None else None
    try:
        draft = compose(case, template.current, extra=extra)
    except MissingFields as error:
        return render(request, "letters/compose.html", context | {"missing": error.items})
    if request.method == "POST" and request.POST.get("action") == "send":
        return _send(request, case, template, draft, extra, context)
    return _draft_page(request, case, draft, context)


def _draft_page(request: HttpRequest, case: Case, draft: Draft, context: dict[str, Any],
                form: LetterForm | None = None) -> HttpResponse:  # fmt: skip
    if form is None:
        posted = request.method == "POST" and "body" in request.POST
        initial = {"kind": context["template"].kind, "subject": draft.subject, "body": draft.body}
        form = LetterForm(request.POST if posted else None, initial=initial, case=case)
    subject = form["subject"].value() or draft.subject
    body = form["body"].value() or draft.body
    context |= {
        "form": form, "sheet": sheet_html(case.organisation, draft, subject=subject, body=body),
        "readability": _readability(body), "edited": (subject, body) != (draft.subject, draft.body),
    }  # fmt: skip
    template = "letters/_compose_preview.html" if request.headers.get("HX-Request") else "letters/compose.html"
    return render(request, template, context)


def _send(request: HttpRequest, case: Case, template: LetterTemplate, draft: Draft, extra: dict[str, str] | None,
          context: dict[str, Any]) -> HttpResponse:  # fmt: skip
    form = LetterForm(request.POST, case=case)
    if not form.is_valid():
        return _draft_page(request, case, draft, context, form)
    data = form.cleaned_data
    try:
        letter = services.letter_send(
            case=case, version=template.current, channel=data["channel"], actor=request.user,
            subject=data["subject"], body=data["body"], extra=extra,
        )  # fmt: skip
    except LetterError as error:
        messages.error(request, str(error))
        return _draft_page(request, case, draft, context, form)
    if letter.channel == "email":
        messages.success(request, f"De brief '{letter.subject}' is per e-mail verstuurd aan {letter.recipient}.")
    else:
        messages.success(request, "De brief is vastgelegd als verstuurd per post. Download de PDF hieronder bij "
                         "Brieven, print hem en stuur hem op.")  # fmt: skip
    return redirect(reverse("workspace:case", kwargs={"pk": case.pk}) + "#brieven")


@rule("case.view", subject=CASE)
@never_cache
def letter_pdf(request: HttpRequest, pk: int, letter: int) -> HttpResponse:
    found = get_object_or_404(Letter, pk=letter, case_id=pk)
    if not found.pdf:
        raise Http404
    audit(AuditAction.DOWNLOAD, request.casus_object, request=request, letter=found.pk, format="pdf")
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found.file_name}"'
    return response
