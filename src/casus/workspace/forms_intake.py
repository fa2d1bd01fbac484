"""The intake form: who (an existing or a new resident), what (type, channel, team, subject, text) and,
for a bezwaar, the dates the filing check needs.

One form for the contact and one for a new resident (prefix "inwoner"); `IntakeForm.is_valid()` checks
both and the likely duplicates. Errors are plain Dutch and shown next to the fields; a bound form
renders what the user typed, so nothing is lost on an error.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from casus.access.permissions import HANDLING_ROLES, access_for
from casus.cases.domain import CaseType, CategoryKind, Channel, FrontOfficeResult, TeamRole
from casus.cases.models import Category, Resident, Team, validate_bsn
from casus.deadlines.explain import dutch_date

from .selectors_intake import Duplicates, choosable_residents, likely_duplicates, normalise_postcode

# Dates are typed as on a letter (1-9-2026 or 01-09-2026): a text field reads the same in every browser
# and for every screen reader, where a native date field follows the browser's language (mm/dd/yyyy).
DATE_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d"]
DATE_HELP = "Bijvoorbeeld 1-9-2026."


DATE_ERROR = "Vul een datum in zoals 1-9-2026 (dag-maand-jaar)."


def _full_year(value: date) -> None:
    """'1-9-20' reads as the year 20: ask for the year in four digits."""
    if value.year < 1900:
        raise forms.ValidationError(DATE_ERROR)


def dutch_date_field(label: str, *, required: bool = True, help_text: str = DATE_HELP, **kwargs: Any) -> Any:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, help_text=help_text,
        error_messages={"invalid": DATE_ERROR}, validators=[_full_year],
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off"}), **kwargs,
    )  # fmt: skip


POSTCODE_ERROR = "Vul een postcode in zoals 1312 AB: vier cijfers en twee letters."
NO_RESIDENT = "Kies een inwoner uit de lijst, of vul bij 'Nieuwe inwoner' minstens de achternaam in."
HIDDEN_DUPLICATE = "Er bestaat mogelijk al een inwoner met deze gegevens; vraag de coördinator."


class ResidentForm(forms.ModelForm):
    """A new resident. Only the surname is needed; the rest helps to reach and help them."""

    bsn = forms.CharField(
        label="BSN", required=False, max_length=20, help_text="Niet verplicht. Casus controleert het met de elfproef."
    )

    class Meta:
        model = Resident
        fields = [
            "given_name", "surname_prefix", "surname", "street", "house_number", "postcode", "city", "phone",
            "email", "bsn", "preferred_channel", "interpreter_language", "low_digital_skills",
            "representative_kind", "representative_name", "representative_contact",
        ]  # fmt: skip
        labels = {"given_name": "Voornaam", "interpreter_language": "Tolk nodig? Welke taal"}
        help_texts = {"interpreter_language": "Leeg laten als er geen tolk nodig is."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="inwoner", label_suffix="", **kwargs)
        self.fields["surname"].required = True
        self.fields["surname"].error_messages["required"] = "Vul de achternaam in."
        self.fields["preferred_channel"].choices = [("", "Geen voorkeur"), *Channel.choices]
        self.fields["representative_kind"].choices = [("", "Geen vertegenwoordiger"), *self._representatives()]
        self.fields["email"].widget.input_type = "email"
        self.fields["phone"].widget.input_type = "tel"

    def _representatives(self) -> list[tuple[str, str]]:
        return [choice for choice in self.fields["representative_kind"].choices if choice[0]]

    def clean_postcode(self) -> str:
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode and not (len(postcode) == 6 and postcode[:4].isdigit() and postcode[4:].isalpha()):
            raise forms.ValidationError(POSTCODE_ERROR)
        return postcode

    def clean_bsn(self) -> str:
        bsn = stdnum_bsn.compact(self.cleaned_data["bsn"]) if self.cleaned_data["bsn"] else ""
        if bsn and (len(bsn) != 9 or not bsn.isdigit()):
            raise forms.ValidationError("Een BSN heeft 9 cijfers.")
        validate_bsn(bsn)
        return bsn

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def handling_teams(user: Any) -> Any:
    """Active teams of the organisations where the user has a handling role."""
    return Team.objects.filter(active=True, organisation_id__in=_handling_org_ids(user)).select_related("organisation")


def _handling_org_ids(user: Any) -> frozenset[int]:
    return access_for(user).org_ids(*HANDLING_ROLES)


def own_team_id(user: Any) -> int | None:
    """The user's own team: where they are behandelaar or coördinator (else any handling team)."""
    access = access_for(user)
    ids = access.team_ids(TeamRole.BEHANDELAAR, TeamRole.COORDINATOR) or access.team_ids(*HANDLING_ROLES)
    return min(ids) if ids else None


def _subject_choices() -> list[Any]:
    """Subjects and social domains as two groups of one list."""
    groups = []
    for kind in (CategoryKind.SUBJECT, CategoryKind.DOMAIN):
        options = [(c.pk, c.name) for c in Category.objects.filter(kind=kind, active=True).order_by("name")]
        groups.append((kind.label, options))
    return [("", "Kies een onderwerp"), *groups]


class IntakeForm(forms.Form):
    q = forms.CharField(
        label="Zoek de inwoner", required=False, max_length=100,
        help_text="Naam, postcode, e-mailadres, telefoonnummer of BSN.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )  # fmt: skip
    resident = forms.ModelChoiceField(label="Inwoner", queryset=Resident.objects.none(), required=False)
    confirm_new = forms.BooleanField(label="Het is een andere inwoner: maak een nieuwe inwoner aan", required=False)
    case_type = forms.ChoiceField(label="Soort contact", choices=[("", "Kies het soort contact"), *CaseType.choices])
    channel = forms.ChoiceField(label="Kanaal", choices=Channel.choices, initial=Channel.TELEFOON)
    received_on = dutch_date_field("Ontvangen op", initial=timezone.localdate, help_text="")
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), empty_label=None)
    subject = forms.ModelChoiceField(label="Onderwerp", queryset=Category.objects.none(), required=False)
    nature = forms.ModelChoiceField(
        label="Aard van de klacht", queryset=Category.objects.none(), required=False, empty_label="Kies de aard"
    )
    description = forms.CharField(
        label="Korte omschrijving", required=False, max_length=4000,
        help_text="Wat vraagt of meldt de inwoner? In een paar zinnen.", widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    decision_sent_on = dutch_date_field(
        "Bestreden besluit verzonden op", required=False, help_text="De datum op de brief met het besluit."
    )
    posted_on = dutch_date_field(
        "Poststempel van het bezwaar", required=False, help_text="Alleen als het per post kwam."
    )
    delay_excused = forms.BooleanField(label="Termijnoverschrijding verschoonbaar", required=False)
    assign_to_me = forms.BooleanField(label="Aan mij toewijzen", required=False, initial=True)
    front_office_result = forms.ChoiceField(
        label="Resultaat", required=False, choices=[("", "Kies het resultaat"), *FrontOfficeResult.choices]
    )

    def __init__(self, *args: Any, user: Any, front_office: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        self.user = user
        self.front_office = front_office
        self.new_resident = ResidentForm(self.data if self.is_bound else None)
        self.duplicates = Duplicates()
        self.fields["resident"].queryset = choosable_residents(user=user)
        self.fields["team"].queryset = handling_teams(user)
        self.fields["team"].initial = own_team_id(user)
        self.fields["subject"].queryset = Category.objects.filter(
            kind__in=[CategoryKind.SUBJECT, CategoryKind.DOMAIN], active=True
        )
        self.fields["subject"].widget.choices = _subject_choices()
        self.fields["nature"].queryset = Category.objects.filter(kind=CategoryKind.NATURE, active=True)
        if front_office:
            self.fields["case_type"].required = False
            self.fields["front_office_result"].required = True
            self.fields["front_office_result"].error_messages["required"] = "Kies wat er met het contact is gebeurd."
        else:
            self.fields["case_type"].error_messages["required"] = "Kies het soort contact."
            self.fields["description"].required = True
            self.fields["description"].error_messages["required"] = "Schrijf kort op waar het over gaat."

    # --- who ---------------------------------------------------------------------------------------

    @property
    def wants_new_resident(self) -> bool:
        """No resident chosen, and something typed in the new resident's fields."""
        return not self.data.get("resident") and self.new_resident.has_changed()

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if self.wants_new_resident:
            valid = self.new_resident.is_valid() and valid
            if valid and not self.cleaned_data.get("confirm_new"):
                valid = self._no_duplicates()
        return valid

    def _no_duplicates(self) -> bool:
        data = self.new_resident.cleaned_data
        self.duplicates = likely_duplicates(
            user=self.user, organisation=self.cleaned_data["team"].organisation, surname=data["surname"],
            postcode=data["postcode"], bsn=data["bsn"], email=data["email"],
        )  # fmt: skip
        if not self.duplicates:
            return True
        message = (
            "Deze inwoner staat mogelijk al in Casus. Kies de inwoner hierboven, of bevestig dat het iemand anders is."
        )
        if not self.duplicates.visible:
            message = f"{HIDDEN_DUPLICATE} Of bevestig dat het iemand anders is."
        self.add_error("confirm_new", message)
        return False

    # --- what --------------------------------------------------------------------------------------

    def clean_received_on(self) -> date:
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError("Deze datum ligt in de toekomst.")
        return received_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        case_type = cleaned.get("case_type") or ""
        if self.front_office and case_type not in ("", CaseType.VRAAG):
            self.add_error(
                "case_type",
                "Alleen een vraag kan direct aan de balie of telefoon worden afgehandeld. "
                "Kies 'Vraag', of registreer het contact als zaak.",
            )
        if not self.front_office and not cleaned.get("resident") and not self.wants_new_resident:
            self.add_error("resident", NO_RESIDENT)
        if case_type != CaseType.KLACHT:
            cleaned["nature"] = None
        if case_type == CaseType.BEZWAAR and not self.front_office:
            self._clean_bezwaar(cleaned)
        else:
            cleaned.update(decision_sent_on=None, posted_on=None, delay_excused=False)
        return cleaned

    def _clean_bezwaar(self, cleaned: dict[str, Any]) -> None:
        sent, posted, received = cleaned.get("decision_sent_on"), cleaned.get("posted_on"), cleaned.get("received_on")
        if sent is None and "decision_sent_on" not in self.errors:
            self.add_error("decision_sent_on", "Vul in wanneer het besluit is verzonden. Dat staat op de brief.")
        if sent and received and sent > received:
            when = dutch_date(received)
            self.add_error("decision_sent_on", f"Het besluit kan niet na de ontvangst ({when}) zijn verzonden.")
        if posted and received and posted > received:
            self.add_error("posted_on", "De poststempel kan niet na de ontvangst liggen.")
        if posted and sent and posted < sent:
            self.add_error("posted_on", "De poststempel kan niet vóór de verzending van het besluit liggen.")


class FilingCheckForm(forms.Form):
    """The dates of the filing check, sent by htmx while the user types."""

    received_on = forms.DateField(input_formats=DATE_FORMATS, validators=[_full_year])
    decision_sent_on = forms.DateField(input_formats=DATE_FORMATS, validators=[_full_year])
    posted_on = forms.DateField(input_formats=DATE_FORMATS, validators=[_full_year], required=False)
    delay_excused = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        sent, received = cleaned.get("decision_sent_on"), cleaned.get("received_on")
        if sent and received and sent > received:
            raise forms.ValidationError("Het besluit kan niet na de ontvangst zijn verzonden.")
        return cleaned
