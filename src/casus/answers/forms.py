"""The library editor's form. Labels and errors are plain Dutch (B1)."""

from __future__ import annotations

from typing import Any

from django import forms

from casus.cases.domain import CaseType, CategoryKind
from casus.cases.models import Category, Organisation

from .models import StandardAnswer
from .placeholders import PLACEHOLDERS, unknown_placeholders
from .widgets import readability_attrs


def _placeholder_help() -> str:
    names = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    return f"Gewone tekst, zonder opmaak. Casus vult deze invulvelden in vanuit de zaak: {names}."


class StandardAnswerForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Organisatie", queryset=Organisation.objects.none(), empty_label=None)
    title = forms.CharField(
        label="Titel", max_length=160, help_text="De vraag of situatie, zoals de inwoner die zou noemen."
    )
    text = forms.CharField(
        label="Tekst van het antwoord",
        help_text=_placeholder_help(),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    case_types = forms.MultipleChoiceField(
        label="Voor welke soorten zaken?", choices=CaseType.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Niets aangevinkt: voor alle soorten zaken.",
    )  # fmt: skip
    subjects = forms.ModelMultipleChoiceField(
        label="Onderwerpen", required=False, widget=forms.CheckboxSelectMultiple,
        queryset=Category.objects.filter(kind__in=[CategoryKind.SUBJECT, CategoryKind.DOMAIN], active=True),
        help_text="Bij zaken met dit onderwerp staat het antwoord bovenaan.",
    )  # fmt: skip
    active = forms.BooleanField(label="Actief (behandelaars kunnen dit antwoord kiezen)", required=False, initial=True)

    def __init__(self, *args: Any, organisations: Any, answer: StandardAnswer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answer = answer
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
            self.fields["organisation"].widget = forms.HiddenInput()
        text = self.fields["text"].widget
        text.attrs.update(readability_attrs("id_text", field="text"))
        text.attrs["aria-describedby"] = f"id_text_helptext {text.attrs['aria-describedby']}"

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        unknown = unknown_placeholders(text)
        if unknown:
            names = ", ".join(f"{{{name}}}" for name in unknown)
            known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            raise forms.ValidationError(f"Dit invulveld kent Casus niet: {names}. U kunt gebruiken: {known}.")
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        organisation, title = data.get("organisation"), (data.get("title") or "").strip()
        if organisation and title:
            same = StandardAnswer.objects.filter(organisation=organisation, title__iexact=title)
            if self.answer is not None:
                same = same.exclude(pk=self.answer.pk)
            if same.exists():
                self.add_error("title", "Er is al een standaardantwoord met deze titel. Kies een andere titel.")
        return data


def error_text(form: forms.Form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
