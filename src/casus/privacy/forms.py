"""Forms of the privacy desk. Labels and errors are Dutch (B1)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from casus.cases.models import Resident, validate_bsn

from .models import RequestKind
from .selectors import POSTCODE
from .services import CORRECTABLE_FIELDS


class DutchForm(forms.Form):
    """Labels without a trailing colon, 'Geen keuze' instead of dashes for an empty choice."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        _dutch_blank_choices(self)


def _dutch_blank_choices(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        choices = list(getattr(field, "choices", []))
        if isinstance(field, forms.ChoiceField) and choices and choices[0][0] == "":
            field.choices = [("", "Geen keuze"), *choices[1:]]


class SearchForm(DutchForm):
    q = forms.CharField(
        label="Zoek een inwoner",
        required=False,
        max_length=120,
        help_text="Naam, postcode, e-mailadres, BSN (alle 9 cijfers) of id uit het bronsysteem.",
    )


class CorrectionForm(forms.ModelForm):
    """The resident's own data. The BSN is never filled in here (it would show it in full): a new BSN
    is typed in, or the old one removed. Give it a fresh copy of the resident as `instance` (a ModelForm
    writes the posted values onto its instance while validating) and compare with `changes(original)`."""

    new_bsn = forms.CharField(
        label="Nieuw BSN",
        required=False,
        max_length=12,
        help_text="Laat leeg als het BSN goed is.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    clear_bsn = forms.BooleanField(label="BSN verwijderen", required=False)
    reason = forms.CharField(
        label="Reden van de correctie",
        help_text="Bijvoorbeeld: verzoek van de inwoner van 12-05-2026, verhuisd.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Vul de reden van de correctie in."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        _dutch_blank_choices(self)

    class Meta:
        model = Resident
        fields = [name for name in CORRECTABLE_FIELDS if name != "bsn"]
        error_messages = {"email": {"invalid": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."}}

    def clean_postcode(self) -> str:
        value = " ".join(self.cleaned_data["postcode"].split())
        if match := POSTCODE.match(value):
            return f"{match.group(1)}{match.group(2).upper()}"
        return value

    def clean_new_bsn(self) -> str:
        value = re.sub(r"[\s.\-]", "", self.cleaned_data["new_bsn"])
        if not value:
            return ""
        if not value.isdigit() or len(value) not in (8, 9):
            raise forms.ValidationError("Een BSN heeft 9 cijfers.")
        value = stdnum_bsn.compact(value)
        validate_bsn(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("new_bsn") and data.get("clear_bsn"):
            self.add_error("clear_bsn", "Kies: een nieuw BSN invullen of het BSN verwijderen, niet allebei.")
        new_bsn = data.get("new_bsn")
        if new_bsn and self._bsn_taken(new_bsn):
            self.add_error(
                "new_bsn",
                "Er is al een andere inwoner met dit BSN. Is het dezelfde persoon? Voeg de twee dan samen.",
            )
        return data

    def _bsn_taken(self, value: str) -> bool:
        others = Resident.objects.filter(organisation_id=self.instance.organisation_id, bsn=value)
        return others.exclude(pk=self.instance.pk).exclude(merged_into=self.instance).exists()

    def changes(self, original: Resident) -> dict[str, Any]:
        """Only what differs from the stored resident."""
        data = self.cleaned_data
        changed = {name: data[name] for name in self.Meta.fields if data[name] != getattr(original, name)}
        if data.get("new_bsn") and data["new_bsn"] != original.bsn:
            changed["bsn"] = data["new_bsn"]
        elif data.get("clear_bsn") and original.bsn:
            changed["bsn"] = ""
        return changed


class MergeForm(DutchForm):
    duplicate = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Waarom zijn dit dezelfde persoon?",
        help_text="Bijvoorbeeld: zelfde naam, geboortedatum en adres; dubbel geregistreerd bij de import.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Vul de reden van het samenvoegen in."},
    )
    confirm = forms.BooleanField(
        label="Ik heb gecontroleerd dat dit dezelfde persoon is.",
        error_messages={"required": "Vink aan dat u heeft gecontroleerd dat dit dezelfde persoon is."},
    )


class RequestForm(DutchForm):
    kind = forms.ChoiceField(label="Soort verzoek", choices=RequestKind.choices)
    received_on = forms.DateField(
        label="Ontvangen op",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een geldige datum in.", "required": "Vul de datum van ontvangst in."},
    )
    notes = forms.CharField(label="Notitie", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class HandleRequestForm(DutchForm):
    handled_on = forms.DateField(
        label="Afgehandeld op",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Vul een geldige datum in.", "required": "Vul de datum van afhandeling in."},
    )
    notes = forms.CharField(label="Notitie", required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handled_on"].initial = timezone.localdate()
