"""Two pages for staff, beside the public ones: a staff member's own contact details for residents
(from "Mijn account"), and the download of an attachment a resident sent (for whoever may see the case)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.rules import rule

from .models import Attachment, ContactDetails


class ContactDetailsForm(forms.ModelForm):
    class Meta:
        model = ContactDetails
        fields = ["phone", "email"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}
        error_messages = {"email": {"invalid": "Vul een e-mailadres in zoals naam@voorbeeld.nl."}}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, label_suffix="", **kwargs)  # type: ignore[arg-type]


@rule("account")
@never_cache
def account_contact(request: HttpRequest) -> HttpResponse:
    details = ContactDetails.objects.filter(user=request.user).first() or ContactDetails(user=request.user)
    form = ContactDetailsForm(request.POST or None, instance=details)
    if request.method == "POST" and form.is_valid():
        form.save()
        user = ("auth.user", str(request.user.pk), request.user.get_username())
        audit(AuditAction.CHANGE, user, request=request, change="contactgegevens voor inwoners gewijzigd")
        messages.success(request, "Uw contactgegevens voor inwoners zijn opgeslagen.")
        return redirect("auth:account")
    return render(request, "portal/account_contact.html", {"form": form})


@rule("case.view", subject="cases.case", audit_view=True)
@never_cache
def attachment_download(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    found = Attachment.objects.filter(case=request.casus_object, pk=attachment).first()
    if found is None:
        raise Http404
    name = found.original_name.rsplit(".", 1)[0] + "." + found.file.name.rsplit(".", 1)[-1]
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=name, content_type=found.content_type)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
