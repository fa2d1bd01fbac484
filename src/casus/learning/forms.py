"""The forms of the learning loop. Labels and errors are plain Dutch (B1); the services check the rules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from casus.cases.domain import CategoryKind, TeamRole
from casus.cases.models import Category, GuidingPrinciple, Organisation

from .models import ActionStatus, FollowUpResult, ThemeStatus

User = get_user_model()

REQUIRED = {"required": "Dit veld is verplicht."}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=help_text, widget=DateInput(),
        error_messages={**REQUIRED, "invalid": "Vul een geldige datum in, zoals 31-12-2026."},
    )  # fmt: skip


def subjects() -> QuerySet[Category]:
    return Category.objects.filter(kind__in=[CategoryKind.SUBJECT, CategoryKind.DOMAIN], active=True).order_by("name")


def people(organisation_ids: Any) -> QuerySet[Any]:
    """Colleagues who can own a theme or an action: anyone with a role in the organisation(s)."""
    return (
        User.objects.filter(is_active=True, memberships__team__organisation_id__in=organisation_ids)
        .exclude(memberships__role=TeamRole.SYSTEEMBEHEER)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class SignalForm(forms.Form):
    text = forms.CharField(
        label="Wat valt op?", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED,
        help_text="Bijvoorbeeld: een brief die inwoners niet begrijpen, of iets wat vaker misgaat. Schrijf geen "
        "namen op.",
    )  # fmt: skip
    subject = forms.ModelChoiceField(label="Onderwerp (mag leeg)", queryset=Category.objects.none(), required=False)
    principle = forms.ModelChoiceField(
        label="Leidend principe (mag leeg)", queryset=GuidingPrinciple.objects.all(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects()
        self.fields["subject"].empty_label = "Geen onderwerp"
        self.fields["principle"].empty_label = "Geen principe"


class ThemeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisatie", queryset=Organisation.objects.none(), empty_label=None, error_messages=REQUIRED
    )
    title = forms.CharField(label="Titel", max_length=200, error_messages=REQUIRED)
    description = forms.CharField(
        label="Omschrijving", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat is het patroon? Wat merken inwoners ervan?",
    )  # fmt: skip
    subjects = forms.ModelMultipleChoiceField(
        label="Onderwerpen", queryset=Category.objects.none(), required=False,
        help_text="Zaken met deze onderwerpen tellen mee in de cijfers van het thema.",
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    principles = forms.ModelMultipleChoiceField(
        label="Leidende principes", queryset=GuidingPrinciple.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    owner = PersonChoice(label="Eigenaar", queryset=User.objects.none(), required=False, empty_label="Nog niemand")
    status = forms.ChoiceField(label="Status", choices=ThemeStatus.choices, initial=ThemeStatus.OPEN)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [org.pk for org in organisations]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids).order_by("name")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["subjects"].queryset = subjects()
        self.fields["owner"].queryset = people(ids)


class AddCaseForm(forms.Form):
    reference = forms.CharField(label="Kenmerk van de zaak", max_length=40, error_messages=REQUIRED)


class CaseChoiceForm(forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput)


class SignalChoiceForm(forms.Form):
    signals = forms.ModelMultipleChoiceField(
        label="Signalen", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies minstens één signaal."},
    )  # fmt: skip

    def __init__(self, *args: Any, queryset: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = queryset


class ActionForm(forms.Form):
    title = forms.CharField(label="Actie", max_length=200, error_messages=REQUIRED)
    description = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    principle = forms.ModelChoiceField(
        label="Leidend principe", queryset=GuidingPrinciple.objects.all(), empty_label=None, error_messages=REQUIRED
    )
    owner = PersonChoice(label="Trekker", queryset=User.objects.none(), required=False, empty_label="Nog niemand")
    deadline = _date("Klaar op (uiterlijk)")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people([organisation_id])
        if not self.is_bound:
            self.fields["deadline"].initial = timezone.localdate() + timedelta(days=90)


class ProgressForm(forms.Form):
    note = forms.CharField(
        label="Wat is er gebeurd?", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    completed_on = _date("Gereed op (alleen bij gereed)", required=False, help_text="Leeg: vandaag.")


def error_text(form: forms.Form) -> str:
    """All errors of a form as one Dutch sentence list, with the field's label in front."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts += [f"{label}: {error}" if label else str(error) for error in errors]
    return " ".join(parts)


class FollowUpForm(forms.Form):
    result = forms.ChoiceField(
        label="Werkt de oplossing?", choices=FollowUpResult.choices, widget=forms.RadioSelect,
        error_messages={"required": "Kies of de oplossing werkt, deels werkt of niet werkt."},
    )  # fmt: skip
    note = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DiscussionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisatie", queryset=Organisation.objects.none(), empty_label=None, error_messages=REQUIRED
    )
    held_on = _date("Gehouden op")
    title = forms.CharField(label="Onderwerp van het overleg", max_length=200, error_messages=REQUIRED)
    references = forms.CharField(
        label="Besproken zaken (kenmerken)", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED,
        help_text="Eén of meer kenmerken, gescheiden door een komma of een nieuwe regel.",
    )  # fmt: skip
    participants = forms.CharField(
        label="Wie deden mee?", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Namen en rollen, bijvoorbeeld: jurist, beleidsmedewerker Wmo, klantmanager, ervaringsdeskundige.",
    )  # fmt: skip
    recht = forms.CharField(
        label="Perspectief recht (wet en regels)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    beleid = forms.CharField(label="Perspectief beleid", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    uitvoering = forms.CharField(
        label="Perspectief uitvoering", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    inwoner = forms.CharField(
        label="Perspectief inwoner / ervaringsdeskundige", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision = forms.CharField(label="Besluit", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    policy_owner = forms.CharField(label="Beleidseigenaar", required=False, max_length=200)
    signal_to_policy_owner = forms.CharField(
        label="Signaal aan de beleidseigenaar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
        if not self.is_bound:
            self.fields["held_on"].initial = timezone.localdate()

    def reference_list(self) -> list[str]:
        import re

        return [part for part in re.split(r"[\s,;]+", self.cleaned_data["references"]) if part]
