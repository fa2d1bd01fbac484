"""Forms of the letter pages: the beheerder's template editor, the letterhead, and the handler's
letter for one case. Labels and errors in plain Dutch."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from casus.cases.models import Case, Organisation
from casus.deadlines.explain import long_dutch_date

from .models import Letterhead, LetterKind, LetterTemplate
from .services import LetterTemplateError, template_validate


def long_date(day: date) -> str:
    """'dinsdag 2 juni 2026' (a hearing's date in a letter)."""
    return long_dutch_date(day)


class TemplateForm(forms.Form):
    subject = forms.CharField(label="Onderwerp van de brief", max_length=200)
    body = forms.CharField(
        label="Tekst van de brief",
        widget=forms.Textarea(attrs={"rows": 26, "spellcheck": "true", "class": "template-source"}),
        help_text="Begin met waarom de inwoner de brief krijgt. Noem de contactpersoon en wat de inwoner kan doen.",
    )  # fmt: skip
    note = forms.CharField(label="Wat heeft u veranderd en waarom? (niet verplicht)", max_length=300, required=False)
    organisation = forms.ModelChoiceField(
        label="Voor organisatie", queryset=Organisation.objects.none(), required=False,
        help_text="De standaardbrief blijft voor andere organisaties zoals hij is.",
    )  # fmt: skip

    def __init__(self, *args: Any, template: LetterTemplate, organisations: list[Organisation] | None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.template = template
        if template.organisation_id is not None or (organisations is not None and len(organisations) == 1):
            del self.fields["organisation"]
        elif organisations is None:  # a superuser: the standard itself, or one organisation's own
            self.fields["organisation"].queryset = Organisation.objects.all()
            self.fields["organisation"].empty_label = "De standaardbrief zelf (alle organisaties)"
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "subject" in data and "body" in data:
            try:
                template_validate(subject=data["subject"], body=data["body"])
            except LetterTemplateError as error:
                raise forms.ValidationError(str(error)) from None
        return data


class PreviewCaseForm(forms.Form):
    reference = forms.CharField(
        label="Voorbeeld op zaak (kenmerk)", max_length=40, required=False,
        help_text="Alleen een zaak die u mag inzien. Leeg: een verzonnen voorbeeldzaak.",
    )  # fmt: skip


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = [
            "sender_line", "postal_address", "postal_city", "visiting_address", "website", "ombudsman",
            "ombudsman_contact", "court", "court_contact",
        ]  # fmt: skip


class ChooseForm(forms.Form):
    kind = forms.ChoiceField(label="Welke brief?")

    def __init__(self, *args: Any, templates: list[LetterTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(t.kind, t.get_kind_display()) for t in templates]


class HearingForm(forms.Form):
    """What only the handler knows: when and where the hearing is."""

    day = forms.DateField(label="Datum van de hoorzitting", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.CharField(label="Tijd", max_length=20, help_text="Bijvoorbeeld: 10.00 uur")
    place = forms.CharField(label="Plaats", max_length=200, help_text="Bijvoorbeeld: het stadhuis, Stadhuisplein 1")

    def extra(self) -> dict[str, str]:
        data = self.cleaned_data
        return {"hoorzitting.datum": long_date(data["day"]), "hoorzitting.tijd": data["time"],
                "hoorzitting.plaats": data["place"]}  # fmt: skip


EXTRA_FORMS = {LetterKind.HOORZITTING: HearingForm}


class LetterForm(forms.Form):
    """The letter for one case: the handler may change the text for this letter only."""

    kind = forms.CharField(widget=forms.HiddenInput)
    subject = forms.CharField(label="Onderwerp", max_length=200)
    body = forms.CharField(
        label="Tekst van deze brief", widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "true"}),
        help_text="De gegevens van de zaak zijn al ingevuld. Wat u hier verandert, geldt alleen voor deze brief.",
    )  # fmt: skip
    channel = forms.ChoiceField(label="Hoe verstuurt u de brief?", widget=forms.RadioSelect)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = case.resident.email if case.resident else ""
        choices = [("post", "Per post: ik download de PDF, print en verstuur hem")]
        if email:
            choices.insert(0, ("email", f"Per e-mail aan {email} (met de brief als PDF)"))
        self.fields["channel"].choices = choices
        self.fields["channel"].initial = choices[0][0]
