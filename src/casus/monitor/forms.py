"""The Monitor's filters: one GET form shared by the figures page, the case list behind a number and
the downloads, so the three always speak about the same cases.

The figures are limited to the organisations where the user holds a reporting role; with more than
one, the form offers a choice (never "all": a shared service reports per municipality).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone

from casus.access.permissions import organisations_for
from casus.cases.domain import CaseType, CategoryKind, Channel
from casus.cases.models import Category, Organisation, Team
from casus.deadlines.explain import dutch_date

from .figures import UNKNOWN, Filters

MAX_YEARS = 20  # a period spans at most 20 calendar years (240 months on the page)
# The GET parameters of the filters, in the order of the form; drill-down and downloads pass them on.
FILTER_FIELDS = (
    "organisatie", "van", "tot", "zaaktype", "team", "onderwerp", "kanaal",
    "vergelijk_van", "vergelijk_tot", "zonder_onderwerp",
)  # fmt: skip


def report_organisations(user: Any) -> list[Organisation]:
    """The organisations whose figures `user` may read, by name."""
    ids = organisations_for(user, "reports.view")
    found = Organisation.objects.all() if ids is None else Organisation.objects.filter(pk__in=ids)
    return list(found.order_by("name"))


def default_period(today: date | None = None) -> tuple[date, date]:
    """This year up to today; in January (too little to read yet) the whole of last year."""
    today = today or timezone.localdate()
    if today.month == 1:
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return date(today.year, 1, 1), today


def _choice(label: str, choices: list[tuple[str, str]], *, empty: str = "Alle", help_text: str = "") -> Any:
    return forms.ChoiceField(label=label, required=False, choices=[("", empty), *choices], help_text=help_text)


def _date(label: str, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Vul een datum in.", "invalid": "Vul een geldige datum in, zoals 31-12-2025."},
    )


class MonitorFilter(forms.Form):
    organisatie = forms.ChoiceField(label="Organisatie", choices=[])
    van = _date("Periode van", required=True)
    tot = _date("Periode tot en met", required=True)
    zaaktype = _choice("Zaaktype", list(CaseType.choices))
    team = _choice("Team", [])
    onderwerp = _choice("Onderwerp", [])
    kanaal = _choice("Kanaal", [*Channel.choices, (UNKNOWN, "Onbekend")])
    vergelijk_van = _date("Vergelijken met: van", required=False)
    vergelijk_tot = _date("Vergelijken met: tot en met", required=False)
    zonder_onderwerp = _choice(
        "Ook tonen zonder onderwerp", [], empty="Niet",
        help_text="Het aantal ontvangen zaken nog eens, zonder dit onderwerp.",
    )  # fmt: skip

    def __init__(self, query: QueryDict | dict[str, Any], *, user: Any, today: date | None = None) -> None:
        self.organisations = report_organisations(user)
        start, end = default_period(today)
        data = {"van": start.isoformat(), "tot": end.isoformat()}
        if self.organisations:
            data["organisatie"] = str(self.organisations[0].pk)
        data.update({name: query.get(name, "") for name in FILTER_FIELDS if name in query})
        super().__init__(data, label_suffix="")
        self.fields["organisatie"].choices = [(str(org.pk), org.name) for org in self.organisations]
        if len(self.organisations) < 2:
            self.fields["organisatie"].widget = forms.HiddenInput()
        teams = Team.objects.filter(organisation__in=self.organisations).order_by("name")
        self.fields["team"].choices = [("", "Alle"), *((n, n) for n in dict.fromkeys(t.name for t in teams))]
        subjects = [(c.name, c.name) for c in _subjects()]
        self.fields["onderwerp"].choices = [("", "Alle"), *subjects]
        self.fields["zonder_onderwerp"].choices = [("", "Niet"), *subjects]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", "De einddatum ligt voor de begindatum. Kies een latere einddatum.")
        elif data.get("van") and data.get("tot") and data["tot"].year - data["van"].year >= MAX_YEARS:
            self.add_error("tot", f"Kies een periode van hoogstens {MAX_YEARS} jaar. De trend toont alle jaren.")
        start, end = data.get("vergelijk_van"), data.get("vergelijk_tot")
        if (start is None) != (end is None) and "vergelijk_van" not in self.errors:
            field = "vergelijk_tot" if start else "vergelijk_van"
            self.add_error(field, "Vul beide datums van de vergelijkingsperiode in, of geen van beide.")
        elif start and end and start > end:
            self.add_error("vergelijk_tot", "De einddatum van de vergelijkingsperiode ligt voor de begindatum.")
        elif start and end and end.year - start.year >= MAX_YEARS:
            self.add_error("vergelijk_tot", f"Kies een vergelijkingsperiode van hoogstens {MAX_YEARS} jaar.")
        return data

    @property
    def organisation(self) -> Organisation | None:
        chosen = (self.cleaned_data if self.is_valid() else {}).get("organisatie")
        return next((org for org in self.organisations if str(org.pk) == chosen), None)

    def filters(self) -> Filters:
        """The figures' Filters; call only when the form is valid."""
        data = self.cleaned_data
        return Filters(
            date_from=data["van"],
            date_to=data["tot"],
            case_type=data["zaaktype"] or None,
            team=data["team"] or None,
            subject=data["onderwerp"] or None,
            organisation=self.organisation,
            compare_from=data.get("vergelijk_van"),
            compare_to=data.get("vergelijk_tot"),
            channel=data["kanaal"] or None,
            without_subject=data["zonder_onderwerp"] or None,
        )

    def query(self) -> str:
        """The filters as a query string (for links to the cases behind a number and for downloads)."""
        params = QueryDict(mutable=True)
        for name in FILTER_FIELDS:
            value = self.data.get(name)
            if value:
                params[name] = value
        return params.urlencode()

    def summary(self) -> str:
        """The filters besides the period, in words: 'zaaktype Klacht, team Werk'."""
        data, labels = self.cleaned_data, {**dict(CaseType.choices), **dict(Channel.choices), UNKNOWN: "onbekend"}
        parts = [
            f"{word} {labels.get(data[name], data[name])}"
            for name, word in (
                ("zaaktype", "zaaktype"),
                ("team", "team"),
                ("onderwerp", "onderwerp"),
                ("kanaal", "kanaal"),
            )
            if data.get(name)
        ]
        return ", ".join(parts)

    def period_text(self) -> str:
        data = self.cleaned_data
        return f"{day_text(data['van'])} tot en met {day_text(data['tot'])}"


def _subjects() -> Any:
    return Category.objects.filter(kind__in=[CategoryKind.SUBJECT, CategoryKind.DOMAIN]).order_by("name")


def day_text(day: date) -> str:
    """'3 maart 2025'."""
    return dutch_date(day, weekday=False)
