"""The four public forms. Only what is needed to help (data minimisation): a name, how to reach the
resident, what it is about; for a klacht optionally when it happened and which department; for a bezwaar
the contested decision's date and reference, the reasons and, when late, why. No BSN, no address.

Every message is plain Dutch (B1) and set here, whatever language the browser asks for. A form that
does not validate renders again with everything the resident typed; only chosen files must be chosen
again (a browser never fills in a file field for a page).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from casus import deadlines
from casus.cases.domain import CaseType, Channel
from casus.workspace.forms_intake import DATE_ERROR, DATE_FORMATS, _full_year

from .uploads import AttachmentsField

HONEYPOT = "website_extra"  # a field people never see (CSS), that form-filling robots do fill in
PREFERENCE_CHOICES = [(Channel.EMAIL.value, "Per e-mail"), (Channel.TELEFOON.value, "Telefonisch")]
CALL_MOMENTS = [
    ("", "Het maakt niet uit"),
    ("ochtend", "In de ochtend (9.00 tot 12.00 uur)"),
    ("middag", "In de middag (12.00 tot 17.00 uur)"),
]
# Dutch surname prefixes (tussenvoegsels) stored apart, so "de Vries" is sorted and found under V.
PREFIXES = ("van der", "van den", "van de", "van 't", "in 't", "op de", "uit de", "van", "de", "der", "den",
            "ter", "ten", "te", "het", "'t", "la", "le", "du", "d'", "el", "al")  # fmt: skip


def required(message: str) -> dict[str, str]:
    return {"required": message}


def text_field(label: str, *, max_length: int, rows: int = 0, message: str = "", **kwargs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    field = forms.CharField(
        label=label, max_length=max_length, required=bool(message), widget=widget,
        error_messages={**required(message), "max_length": f"Gebruik hoogstens {max_length} tekens."}, **kwargs,
    )  # fmt: skip
    return field


def date_field(label: str, *, help_text: str, message: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=bool(message), input_formats=DATE_FORMATS, help_text=help_text,
        error_messages={**required(message), "invalid": DATE_ERROR}, validators=[_full_year],
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip


def split_surname(text: str) -> tuple[str, str]:
    """'de Vries' -> ('de', 'Vries'); 'Van Dijk' (a capital: part of the name) stays whole."""
    name = " ".join(text.split())
    for prefix in PREFIXES:
        if name.startswith(prefix + " ") and len(name) > len(prefix) + 1:
            return prefix, name[len(prefix) + 1 :]
    return "", name


def normalise_phone(value: str) -> str:
    return " ".join(value.split())


def phone_digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


class PortalForm(forms.Form):
    """Who the resident is and how to reach them; the kind-specific questions are in the subclasses."""

    case_type: str = ""
    title = ""
    attachments = True
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    given_name = text_field("Voornaam", max_length=80, message="Vul uw voornaam in.")
    given_name.widget.attrs["autocomplete"] = "given-name"
    surname = text_field(
        "Achternaam", max_length=120, message="Vul uw achternaam in.", help_text="Met tussenvoegsel, zoals 'de Vries'."
    )
    surname.widget.attrs["autocomplete"] = "family-name"
    email = forms.EmailField(
        label="E-mailadres", required=False, max_length=254,
        error_messages={"invalid": "Vul een e-mailadres in zoals naam@voorbeeld.nl."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )  # fmt: skip
    phone = forms.CharField(
        label="Telefoonnummer", required=False, max_length=40, help_text="Bijvoorbeeld 06 12345678.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )  # fmt: skip
    preferred = forms.ChoiceField(
        label="Hoe wilt u antwoord krijgen?", choices=PREFERENCE_CHOICES, widget=forms.RadioSelect,
        error_messages=required("Kies hoe u antwoord wilt krijgen: per e-mail of telefonisch."),
    )  # fmt: skip
    website_extra = forms.CharField(label="Laat dit veld leeg", required=False, max_length=200)
    files = AttachmentsField(
        label="Bijlagen (niet verplicht)",
        help_text="Hoogstens 3 bestanden: PDF, JPG of PNG, elk hoogstens 10 MB.",
    )

    what: tuple[str, ...] = ("description_text",)  # the questions of "Waarover gaat het?", in order
    who = ("given_name", "surname", "email", "phone", "preferred")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.attachments:
            del self.fields["files"]

    def _section(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    @property
    def what_fields(self) -> list[forms.BoundField]:
        return self._section(self.what)

    @property
    def who_fields(self) -> list[forms.BoundField]:
        return self._section(self.who)

    @property
    def shown_fields(self) -> list[forms.BoundField]:
        """Every visible question in the order of the page (for the error summary)."""
        return self._section((*self.what, *self.who, "files"))

    @property
    def spam(self) -> bool:
        """A robot filled in the field people never see."""
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["phone"])
        wrong_characters = any(char not in "0123456789 +-()" for char in phone)
        if phone and (wrong_characters or not 10 <= len(phone_digits(phone)) <= 15):
            raise forms.ValidationError("Vul een telefoonnummer in zoals 06 12345678 of 036 123 4567.")
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        preferred = cleaned.get("preferred")
        if preferred == Channel.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", "U wilt antwoord per e-mail. Vul uw e-mailadres in.")
        if preferred == Channel.TELEFOON and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "U wilt dat wij u bellen. Vul uw telefoonnummer in.")
        return cleaned

    # --- what the service needs ----------------------------------------------------------------

    def resident_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        prefix, surname = split_surname(data["surname"])
        return {
            "given_name": " ".join(data["given_name"].split()), "surname_prefix": prefix, "surname": surname,
            "email": data.get("email", ""), "phone": data.get("phone", ""), "preferred_channel": data["preferred"],
        }  # fmt: skip

    def description(self) -> str:
        """The case's description from the form's own fields: every form (klacht, vraag, …) writes its own."""
        raise NotImplementedError

    def registration(self) -> dict[str, Any]:
        """Extra keyword arguments for case_register (the bezwaar's decision date)."""
        return {}

    def uploads(self) -> list[Any]:
        return self.cleaned_data.get("files") or []


def _past(value: date | None, message: str) -> date | None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


def _lines(*parts: tuple[str, str]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in parts if value)


class KlachtForm(PortalForm):
    case_type = CaseType.KLACHT
    title = "Klacht indienen"
    description_text = text_field(
        "Wat is er gebeurd?", max_length=5000, rows=6, message="Schrijf op waarover u een klacht heeft.",
        help_text="Vertel wat er gebeurde en waarom u niet tevreden bent. Wat wilt u dat wij doen?",
    )  # fmt: skip
    happened_on = date_field("Wanneer gebeurde het? (niet verplicht)", help_text="Bijvoorbeeld 15-3-2026.")
    department = text_field(
        "Over welke afdeling of medewerker gaat het? (niet verplicht)", max_length=200,
        help_text="Weet u het niet? Laat dit dan leeg.",
    )  # fmt: skip
    what = ("description_text", "happened_on", "department")

    def clean_happened_on(self) -> date | None:
        future = "Deze datum ligt in de toekomst. Kies een datum tot vandaag."
        return _past(self.cleaned_data.get("happened_on"), future)

    def description(self) -> str:
        data = self.cleaned_data
        when = data["happened_on"].strftime("%d-%m-%Y") if data.get("happened_on") else ""
        extra = _lines(("Wanneer gebeurd", when), ("Afdeling of medewerker", data.get("department", "").strip()))
        return "\n\n".join(part for part in (data["description_text"].strip(), extra) if part)


class VraagForm(PortalForm):
    case_type = CaseType.VRAAG
    title = "Vraag stellen"
    description_text = text_field(
        "Wat is uw vraag?", max_length=5000, rows=6, message="Schrijf uw vraag op.",
        help_text="Hoe beter u uw vraag beschrijft, hoe sneller wij u kunnen helpen.",
    )  # fmt: skip

    def description(self) -> str:
        return self.cleaned_data["description_text"].strip()


class TerugbelForm(PortalForm):
    case_type = CaseType.TERUGBELVERZOEK
    title = "Bel mij terug"
    attachments = False
    description_text = text_field(
        "Waarover wilt u ons spreken?", max_length=2000, rows=4, message="Schrijf kort op waarover wij u bellen.",
        help_text="Een paar woorden is genoeg. Dan belt de juiste medewerker u terug.",
    )  # fmt: skip
    moment = forms.ChoiceField(label="Wanneer kunnen wij u het best bellen?", choices=CALL_MOMENTS, required=False)
    what = ("description_text", "moment")
    who = ("given_name", "surname", "phone", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["phone"].error_messages["required"] = "Vul het telefoonnummer in waarop wij u kunnen bellen."
        self.fields["phone"].label = "Op welk nummer kunnen wij u bellen?"
        self.fields["email"].label = "E-mailadres (niet verplicht)"
        self.fields["email"].help_text = "Dan sturen wij u een bevestiging met een link naar de status."
        del self.fields["preferred"]

    def clean(self) -> dict[str, Any]:
        self.cleaned_data["preferred"] = Channel.TELEFOON
        return super().clean()

    def description(self) -> str:
        chosen = self.cleaned_data.get("moment") or ""
        moment = dict(CALL_MOMENTS)[chosen] if chosen else ""
        parts = (self.cleaned_data["description_text"].strip(), _lines(("Bellen", moment)))
        return "\n\n".join(part for part in parts if part)


class BezwaarForm(PortalForm):
    case_type = CaseType.BEZWAAR
    title = "Bezwaar maken"
    decision_sent_on = date_field(
        "Op welke datum is het besluit verstuurd?", message="Vul de datum van het besluit in. Die staat op de brief.",
        help_text="Dit is meestal de datum bovenaan de brief. Bijvoorbeeld 15-3-2026.",
    )  # fmt: skip
    decision_reference = text_field(
        "Kenmerk van het besluit (niet verplicht)", max_length=80,
        help_text="Dit staat meestal bovenaan de brief, bij 'Ons kenmerk'.",
    )  # fmt: skip
    description_text = text_field(
        "Waarom bent u het niet eens met het besluit?", max_length=10000, rows=8,
        message="Schrijf op waarom u het niet eens bent met het besluit.",
        help_text="Schrijf wat er volgens u niet klopt, en wat u wilt dat wij beslissen.",
    )  # fmt: skip
    late_reason = text_field(
        "Bent u te laat? Schrijf dan waarom (niet verplicht)", max_length=2000, rows=3,
        help_text="Bijvoorbeeld omdat u ziek was, of de brief niet op tijd kreeg.",
    )  # fmt: skip
    late_seen = forms.BooleanField(widget=forms.HiddenInput, required=False)
    what = ("decision_sent_on", "decision_reference", "description_text", "late_reason")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Progressive enhancement: htmx asks whether the term has passed while the date is typed.
        self.fields["decision_sent_on"].widget.attrs.update({
            "hx-get": reverse("portal:filing-check"), "hx-trigger": "input changed delay:400ms, change",
            "hx-target": "#termijn", "hx-sync": "this:replace", "aria-controls": "termijn",
        })  # fmt: skip

    def filing(self) -> deadlines.Filing | None:
        """Has the filing term of Awb 6:7 passed today? (None until the date is valid)."""
        sent = self.cleaned_data.get("decision_sent_on") if hasattr(self, "cleaned_data") else None
        return deadlines.filing_check(sent, timezone.localdate()) if sent else None

    @property
    def needs_late_reason(self) -> bool:
        """Late, no reason given and not asked yet: ask once before sending (Awb 6:11)."""
        filing = self.filing()
        data = self.cleaned_data
        late = bool(filing and not filing.on_time)
        return late and not data.get("late_reason", "").strip() and not data.get("late_seen")

    def clean_decision_sent_on(self) -> date | None:
        return _past(
            self.cleaned_data.get("decision_sent_on"),
            "Deze datum ligt in de toekomst. Vul de datum in die op de brief met het besluit staat.",
        )

    def registration(self) -> dict[str, Any]:
        return {"decision_sent_on": self.cleaned_data["decision_sent_on"]}

    def description(self) -> str:
        data = self.cleaned_data
        about = f"Bezwaar tegen het besluit verzonden op {data['decision_sent_on']:%d-%m-%Y}"
        if data.get("decision_reference", "").strip():
            about += f", kenmerk {data['decision_reference'].strip()}"
        parts = [about + ".", data["description_text"].strip()]
        if data.get("late_reason", "").strip():
            parts.append(f"Reden waarom het bezwaar te laat is: {data['late_reason'].strip()}")
        return "\n\n".join(parts)


class FilingCheckForm(forms.Form):
    """The decision's date, sent by htmx while the resident types it."""

    decision_sent_on = forms.DateField(input_formats=DATE_FORMATS, validators=[_full_year])


class AddInformationForm(forms.Form):
    """Add a message and/or files from the status page."""

    message = text_field("Uw bericht", max_length=5000, rows=4)
    files = AttachmentsField(
        label="Bijlagen (niet verplicht)", help_text="Hoogstens 3 bestanden: PDF, JPG of PNG, elk hoogstens 10 MB."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, label_suffix="", **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not cleaned.get("message", "").strip() and not cleaned.get("files"):
            self.add_error("message", "Schrijf een bericht of kies een bestand om mee te sturen.")
        return cleaned


FORMS: dict[str, type[PortalForm]] = {
    CaseType.KLACHT: KlachtForm, CaseType.VRAAG: VraagForm, CaseType.TERUGBELVERZOEK: TerugbelForm,
    CaseType.BEZWAAR: BezwaarForm,
}  # fmt: skip
