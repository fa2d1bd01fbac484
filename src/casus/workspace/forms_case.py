"""The forms of the case page: one small form per action; the services check the rules themselves.

Labels and errors are plain Dutch (B1). Dates default to today, so the usual case is one click.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from casus.cases.domain import OUTCOMES_BY_TYPE, CaseType, LinkKind, TeamRole
from casus.cases.models import Case

User = get_user_model()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _today() -> Any:
    return timezone.localdate()


def _text(label: str, *, required: bool = True, rows: int = 3, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class TakeForm(forms.Form):
    reason = forms.CharField(
        label="Reden (alleen nodig als een collega de zaak nu behandelt)", required=False, max_length=500
    )


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label="Nieuwe behandelaar", queryset=User.objects.none(), empty_label=None)
    reason = _text("Reden van de overdracht", help_text="Wat moet uw collega weten? Dit komt op de tijdlijn.")

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = colleagues(case)


def colleagues(case: Case) -> Any:
    """Active behandelaars and coördinatoren of the case's team, without its current handler."""
    if case.team_id is None:
        return User.objects.none()
    users = User.objects.filter(
        is_active=True,
        memberships__team_id=case.team_id,
        memberships__role__in=[TeamRole.BEHANDELAAR, TeamRole.COORDINATOR],
    )
    if case.handler_id is not None:
        users = users.exclude(pk=case.handler_id)
    return users.distinct().order_by("first_name", "last_name", "username")


class RequestInformationForm(forms.Form):
    what = _text("Wat vraagt u de inwoner aan te vullen?")
    requested_on = forms.DateField(label="Gevraagd op", initial=_today, widget=DateInput())
    repair_until = forms.DateField(
        label="Hersteltermijn tot en met",
        initial=lambda: timezone.localdate() + timedelta(days=14),
        widget=DateInput(),
        help_text="De termijn staat stil vanaf de dag na het verzoek tot de aanvulling binnen is.",
    )


class InformationReceivedForm(forms.Form):
    received_on = forms.DateField(label="Aanvulling ontvangen op", initial=_today, widget=DateInput())


class PostponeForm(forms.Form):
    reason = _text("Reden van de verdaging", help_text="Deze reden staat ook in de brief aan de inwoner.")
    notice_sent_on = forms.DateField(label="Bericht verzonden op", initial=_today, widget=DateInput())


class ExtendForm(forms.Form):
    until = forms.DateField(label="Nieuwe uiterste datum", widget=DateInput())
    consent_on = forms.DateField(
        label="Schriftelijke toestemming van de inwoner op",
        required=False,
        widget=DateInput(),
        help_text="Nodig bij een klacht of bezwaar.",
    )
    reason = _text("Reden van het uitstel", rows=2)


class ContactAttemptForm(forms.Form):
    attempted_at = forms.DateTimeField(
        label="Tijdstip", initial=lambda: timezone.localtime().replace(second=0, microsecond=0), widget=DateTimeInput()
    )
    reached = forms.TypedChoiceField(
        label="Resultaat",
        choices=[("nee", "Niet bereikt"), ("ja", "Bereikt")],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        initial="nee",
    )
    note = _text("Notitie", required=False, rows=2)


class NoteForm(forms.Form):
    text = _text("Notitie", help_text="Alleen voor collega's. De inwoner ziet dit niet.")


class LinkForm(forms.Form):
    reference = forms.CharField(label="Kenmerk van de andere zaak", max_length=40)
    kind = forms.ChoiceField(label="Soort koppeling", choices=LinkKind.choices, initial=LinkKind.RELATED)


class SafetyForm(forms.Form):
    note = _text("Wat is er gezegd of gebeurd? (mag leeg)", required=False, rows=2)


RETENTION_DISPUTES = (CaseType.KLACHT, CaseType.BEZWAAR, CaseType.BEROEP)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label="Uitkomst")
    informal = forms.BooleanField(label="Informeel afgehandeld (bijvoorbeeld na een telefoongesprek)", required=False)
    closed_on = forms.DateField(label="Afgehandeld op", initial=_today, widget=DateInput())
    closing_text = _text("Toelichting bij de afhandeling", required=False)
    # Facts that lengthen the retention period of a dispute (Selectielijst 2020; casus.retention).
    financial_consequences = forms.BooleanField(
        label="Met financiële gevolgen (bewaren 7 jaar in plaats van 5)", required=False
    )
    ombudsman = forms.BooleanField(label="De klacht is voorgelegd aan de ombudsman (bewaren 10 jaar)", required=False)
    # The standard answer the picker filled in (casus.answers); its use is recorded on closing.
    standard_answer = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        from casus.answers.widgets import readability_attrs

        super().__init__(*args, **kwargs)
        # The live plain-language check on the text the resident reads (issue 8, item 6).
        closing_text = self.fields["closing_text"].widget
        closing_text.attrs.update(rows=8, **readability_attrs("id_close_closing_text", field="closing_text"))
        outcomes = OUTCOMES_BY_TYPE[CaseType(case.case_type)]
        self.fields["outcome"].choices = [("", "Kies een uitkomst"), *((o.value, o.label) for o in outcomes)]
        if case.case_type not in RETENTION_DISPUTES:
            del self.fields["financial_consequences"]
        if case.case_type != CaseType.KLACHT:
            del self.fields["ombudsman"]


class ReopenForm(forms.Form):
    reason = _text("Reden om te heropenen", rows=2)


class ReviewReturnForm(forms.Form):
    remark = _text("Opmerking voor uw collega", help_text="Wat moet er anders? Uw collega krijgt hierover een e-mail.")


def error_text(form: forms.Form) -> str:
    """All errors of a form as one Dutch sentence list, with the field's label in front."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts += [f"{label}: {error}" if label else str(error) for error in errors]
    return " ".join(parts)
