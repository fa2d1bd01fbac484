"""The web Monitor (DOMAIN.md §5): the figures of one organisation as tables and charts, every number a
link to the cases behind it, and the report as XLSX, CSV or PDF.

The figures are pseudonymised counts (casus.monitor.figures). The list behind a number shows case
data, so it is in the audit log; a resident's name shows only on rows of cases the user may open, and
never to a role that reads reports pseudonymised (MT, functioneel beheer). Only those rows link to the
dossier. Filters update the figures through htmx; without JavaScript the same form reloads the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.vary import vary_on_headers

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import pseudonymised_reports, visible_cases
from casus.access.rules import rule
from casus.cases.domain import Channel, Outcome
from casus.cases.models import Case
from casus.dbrouting import reporting
from casus.deadlines.explain import MONTHS, MONTHS_SHORT

from . import charts, exports, figures
from .forms import MonitorFilter, day_text

PAGE_SIZE = 50
# Download formats: content type and the function of casus.monitor.exports that writes the file.
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}
LEAD_BUCKETS = (
    ("within_6_weeks", "binnen 6 weken"),
    ("6_to_10_weeks", "6 tot 10 weken"),
    ("over_10_weeks", "meer dan 10 weken"),
)
REPEAT_LABELS = {"2": "2 zaken", "3": "3 zaken", "4+": "4 of meer zaken"}


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


@rule("reports.view")
@vary_on_headers("HX-Request")
def monitor(request: HttpRequest) -> HttpResponse:
    """The figures for the filters given (this year to date without filters)."""
    form = MonitorFilter(request.GET, user=request.user)
    context: dict[str, Any] = {"form": form, "page": None}
    if form.is_valid():
        with reporting():  # read-only: the replica when one is configured (casus.dbrouting)
            context["page"] = MonitorPage(form, figures.full_report(form.filters()))
    template = "monitor/_monitor.html" if _is_htmx(request) else "monitor/page.html"
    return render(request, template, context)


@rule("reports.view")
def cases(request: HttpRequest) -> HttpResponse:
    """The cases behind one number (`figuur`, `sleutel`), with the Monitor's filters."""
    form = MonitorFilter(request.GET, user=request.user)
    figure, key = request.GET.get("figuur") or "received", request.GET.get("sleutel") or None
    context: dict[str, Any] = {"form": form, "back": f"{reverse('monitor:monitor')}?{form.query()}"}
    if not form.is_valid():
        return render(request, "monitor/cases.html", {**context, "problem": "filters"}, status=400)
    try:
        if not key_is_valid(figure, key):
            raise ValueError(f"no number of the Monitor has the key {key!r}")
        # The list is read (count, page, rows) on the replica when one is configured; the audit entry
        # below is a write and goes to default, outside the block.
        with reporting():
            found = figures.drill(form.filters(), figure, key).select_related("team", "subject", "resident")
            found = found.order_by("received_on", "reference", "id")
            page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("pagina"))
            rows = case_rows(request.user, page.object_list)
            count = page.paginator.count
    except ValueError:
        return render(request, "monitor/cases.html", {**context, "problem": "figure"}, status=404)
    title = figure_title(figure, key)
    audit(AuditAction.VIEW, ("monitor.figuur", figure, title[:200]), request=request, sleutel=key or "",
          zaken=count, filters=form.query(), organisation_id=form.organisation.pk)  # fmt: skip
    query = request.GET.copy()
    query.pop("pagina", None)
    context |= {"title": title, "figure": figure, "page": page, "rows": rows}
    context |= {"names": not pseudonymised_reports(request.user), "query": query.urlencode()}
    return render(request, "monitor/cases.html", context)


@rule("reports.view")
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The report as a file (casus.monitor.exports), pseudonymised like the page."""
    if fmt not in FORMATS:
        raise Http404("Onbekend formaat")
    form = MonitorFilter(request.GET, user=request.user)
    if not form.is_valid():  # back to the page, which shows the Dutch error next to the filter
        return redirect(f"{reverse('monitor:monitor')}?{request.GET.urlencode()}")
    f = form.filters()
    with reporting():  # read-only: the replica when one is configured; the audit entry below goes to default
        content = getattr(exports, f"{fmt}_bytes")(f)
    audit(AuditAction.EXPORT, request=request, table="monitor", format=fmt, filters=form.query(),
          organisation_id=form.organisation.pk)  # fmt: skip
    response = HttpResponse(content, content_type=FORMATS[fmt])
    name = f"casus-monitor-{f.date_from.isoformat()}-{f.date_to.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the case list behind a number ------------------------------------------------------------------


def case_rows(user: Any, page_cases: Any) -> list[dict[str, Any]]:
    """One row per case; the name and the link only for cases `user` may open, the name never in a
    pseudonymised report."""
    page_cases = list(page_cases)
    ids = [case.pk for case in page_cases]
    openable = set(visible_cases(user, Case.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    hide_names = pseudonymised_reports(user)
    rows = []
    for case in page_cases:
        may_open = case.pk in openable
        url = reverse("workspace:case", args=[case.pk]) if may_open else ""
        name = case.resident.full_name if (may_open and not hide_names and case.resident) else ""
        rows.append({"case": case, "url": url, "name": name, "may_open": may_open})
    return rows


MONTH_KEY = re.compile(r"[1-9]\d{3}-(0[1-9]|1[0-2])")
YEAR_KEY = re.compile(r"[1-9]\d{3}")


def key_is_valid(figure: str, key: str | None) -> bool:
    """Whether a number on the page can have this key; anything else (a month 13, year 0, a NUL byte
    typed into the address) never reaches the database."""
    if key is None:
        return True
    if not key.isprintable() or len(key) > 200:
        return False
    if figure in ("trend", "questions_received"):
        return bool(YEAR_KEY.fullmatch(key))
    if figure == "received" or (figure == "appeals" and key not in LAG_TEXT):
        return bool(MONTH_KEY.fullmatch(key))
    if figure == "lead" and ":" in key:
        return bool(MONTH_KEY.fullmatch(key.split(":", 1)[0]))
    return True


def month_text(key: str, *, short: bool = False) -> str:
    """'2025-03' → 'maart 2025' (or 'mrt 2025')."""
    year, month = key.split("-")
    names = MONTHS_SHORT if short else MONTHS
    return f"{names[int(month) - 1]} {year}"


UNKNOWN_TEXT = {"subject": "zonder onderwerp", "founded": "zonder onderwerp", "founded_gegrond": "zonder onderwerp",
                "channel": "kanaal onbekend", "closed": "zonder uitkomst"}  # fmt: skip
LAG_TEXT = {key: f"gemeld {label}" for key, _low, _high, label in figures.LAG_BUCKETS}


def _key_text(figure: str, key: str) -> str:
    """The part of a figure a key stands for, in words: 'maart 2025', 'binnen 6 weken', 'zonder team'."""
    buckets = dict(LEAD_BUCKETS)
    if figure == "lead" and ":" in key:
        month, bucket = key.split(":", 1)
        return f"{month_text(month)}, {buckets.get(bucket, bucket)}"
    if key == figures.UNKNOWN:
        return "zonder team" if figure.startswith("team_") else UNKNOWN_TEXT.get(figure, key)
    if figure == "lead":
        return buckets.get(key, key)
    if figure == "appeals" and key in LAG_TEXT:
        return LAG_TEXT[key]
    if MONTH_KEY.fullmatch(key):
        return month_text(key)
    if figure == "closed":
        return str(dict(Outcome.choices).get(key, key))
    if figure == "channel":
        return str(dict(Channel.choices).get(key, key))
    if figure == "repeat":
        return f"inwoners met {REPEAT_LABELS.get(key, key)}"
    return key


def figure_title(figure: str, key: str | None) -> str:
    """The heading of the list: the figure's Dutch title, and which part of it."""
    title = figures.FIGURE_TITLES.get(figure, figure)
    return f"{title}: {_key_text(figure, key)}" if key else title


# --- the figures page ---------------------------------------------------------------------------------


def pct(value: float | None) -> str:
    """0.735 → '73,5%'; None (nothing to divide by) → '–'."""
    if value is None:
        return "–"
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')}%"


def num(value: int | float | None) -> str:
    """1234 → '1.234'; 30.5 → '30,5'."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


def change_text(change: float | None) -> str:
    """0.81 → 'een stijging van 81%'; -0.03 → 'een daling van 3%'."""
    if change is None:
        return "geen vergelijking mogelijk (de vergelijkingsperiode heeft geen zaken)"
    if change == 0:
        return "gelijk gebleven"
    return f"een {'stijging' if change > 0 else 'daling'} van {pct(abs(change))}"


def cell(value: str, url: str | None = None, *, note: str = "", context: str = "") -> dict[str, Any]:
    """A number, with the link to its cases; `context` is read out after the number by screen readers
    (in a table: the row and the column)."""
    return {"text": value, "url": url, "note": note, "context": context}


def text(value: str) -> dict[str, Any]:
    return {"text": value, "url": None}


def table(caption: str, columns: list[str], rows: list[tuple[str, list[dict[str, Any]]]], **extra: Any) -> dict:
    """A table for monitor/_table.html: the first column holds row headers, the others numbers. Each
    linked number gets its row and column as hidden context, so a list of links still reads well."""
    for head, cells in [*rows, *([extra["foot"]] if extra.get("foot") else [])]:
        for column, item in zip(columns[1:], cells, strict=False):
            if not item["context"]:
                item["context"] = f"{head}, {column.lower()}"
    return {"caption": caption, "columns": columns, "rows": [{"head": h, "cells": c} for h, c in rows], **extra}


class MonitorPage:
    """The report shaped for the template: key figures and one section per figure group. Every number is
    a cell with the link to the cases behind it (`figuur` and `sleutel` as figures.drill knows them).
    The charts themselves hold no links: a link inside an `<svg role="img">` is a control nested in an
    image, which screen readers do not announce (axe: nested-interactive); the table next to each chart
    holds the same numbers as links."""

    def __init__(self, form: MonitorFilter, report: dict[str, Any]) -> None:
        self.r = report
        self.query = form.query()
        self.period = form.period_text()
        data = form.cleaned_data
        self.one_year = data["van"].year == data["tot"].year
        self.downloads = [
            (fmt.upper(), f"{reverse('monitor:export', args=[fmt])}?{self.query}") for fmt in ("xlsx", "csv", "pdf")
        ]

    def axis(self, month: str) -> str:
        """A month under a bar: 'jan' within one year, 'jan ’25' across years."""
        name = MONTHS_SHORT[int(month[5:]) - 1]
        return name if self.one_year else f"{name} ’{month[2:4]}"

    def link(self, figure: str, key: str | None = None) -> str:
        params = {"figuur": figure, **({"sleutel": key} if key is not None else {})}
        return f"{reverse('monitor:cases')}?{'&'.join(filter(None, [self.query, urlencode(params)]))}"

    def count(self, value: int | None, figure: str, key: str | None = None, **extra: Any) -> dict[str, Any]:
        return cell(num(value), self.link(figure, key), **extra)

    def share(self, value: float | None, figure: str, key: str | None = None) -> dict[str, Any]:
        return cell(pct(value), self.link(figure, key))

    # Key figures -----------------------------------------------------------------------------

    def key_figures(self) -> list[dict[str, Any]]:
        r, lead = self.r, self.r["lead_time"]
        median, p90 = days_text(lead["median_days"]), days_text(lead["p90_days"])
        items = [
            ("Ontvangen", num(r["received"]["total"]), "received", self._received_note()),
            ("Afgehandeld", num(r["closed"]["total"]), "closed", "zaken afgehandeld in de periode"),
            ("Binnen de termijn", pct(lead["within_term"]), "within_term", "van de afgehandelde zaken"),
            ("Doorlooptijd (mediaan)", median, "closed", f"90% binnen {p90}"),
            ("Informeel afgehandeld", pct(r["informal_rate"]), "informal", "van de afgehandelde zaken"),
        ]
        return [{"label": a, "value": b, "url": self.link(c), "note": d} for a, b, c, d in items]

    def _received_note(self) -> str:
        change = self.r["received"]["change_vs_compare"]
        if self.r.get("compare") is None or change is None:
            return "zaken ontvangen in de periode"
        return f"{'+' if change > 0 else ''}{pct(change)} ten opzichte van de vergelijkingsperiode"

    # Sections -------------------------------------------------------------------------------

    def sections(self) -> list[dict[str, Any]]:
        builders: list[Callable[[], dict[str, Any] | None]] = [
            self.intake,
            self.subjects,
            self.outcomes,
            self.lead_time,
            self.teams,
            self.others,
            self.trend,
            self.questions,
            self.appeals,
        ]
        sections = [section for section in (build() for build in builders) if section]
        for section in sections:  # a chart always comes with its table: the accessible alternative
            if section.get("chart"):
                section.setdefault("pairs", []).insert(0, (section.pop("chart"), section.pop("table")))
        return sections

    def intake(self) -> dict[str, Any]:
        by_month = self.r["received"]["by_month"]
        chart = charts.bar_chart(
            [(self.axis(m), n) for m, n in by_month.items()],
            title="Ontvangen zaken per maand",
        )
        rows = [(month_text(m), [self.count(n, "received", m)]) for m, n in by_month.items()]
        foot = ("Totaal", [self.count(self.r["received"]["total"], "received")])
        data = table("Ontvangen zaken per maand", ["Maand", "Ontvangen"], rows, foot=foot)
        return {"id": "instroom", "title": "Instroom", "chart": chart, "table": data, "sentences": self._intake_text()}

    def _intake_text(self) -> list[list[dict[str, Any]]]:
        """The comparison sentences of §5.1 as parts (text, or a number with its link)."""
        compare, without = self.r.get("compare"), self.r.get("without_subject")
        sentences = []
        if compare:
            period = f"{iso_day_text(compare['from'])} tot en met {iso_day_text(compare['to'])}"
            sentences.append([
                text(f"Ten opzichte van de vergelijkingsperiode, {period} ("),
                self.count(compare["total"], "compare", context="zaken in de vergelijkingsperiode"),
                text(f" zaken), is dat {change_text(self.r['received']['change_vs_compare'])}."),
            ])  # fmt: skip
        if without:
            subject = without["subject"]
            parts = [
                text(f"Zonder het onderwerp {subject}: "),
                self.count(without["total"], "without_subject", context=f"zaken zonder {subject}"),
                text(" zaken"),
            ]
            if without.get("compare_total") is not None:
                parts += [
                    text(", tegen "),
                    self.count(
                        without["compare_total"], "without_subject_compare", context="in de vergelijkingsperiode"
                    ),
                    text(f" in de vergelijkingsperiode: {change_text(without['change_vs_compare'])}"),
                ]
            sentences.append([*parts, text(".")])
        return sentences

    def subjects(self) -> dict[str, Any] | None:
        rows = self.r["by_subject"]
        if not rows:
            return None
        chart = charts.hbar_chart(
            [(row["subject"], row["share"] or 0, f"N={row['count']}") for row in rows],
            title="Aandeel per onderwerp",
        )
        cells = [
            (row["subject"], [self.count(row["count"], "subject", row["subject"]), cell(pct(row["share"]))])
            for row in rows
        ]
        data = table("Ontvangen zaken per onderwerp", ["Onderwerp", "Aantal", "Aandeel"], cells)
        top = f"De drie grootste onderwerpen samen: {pct(self.r['top3_subjects_share'])} van de ontvangen zaken."
        return {"id": "onderwerpen", "title": "Onderwerpen", "chart": chart, "table": data, "lead": top}

    def outcomes(self) -> dict[str, Any] | None:
        closed = self.r["closed"]
        if not closed["total"]:
            return None
        labels = dict(Outcome.choices)
        rows = [
            (labels.get(code, code), [self.count(n, "closed", code), cell(pct(figures.share(n, closed["total"])))])
            for code, n in closed["by_outcome"].items()
        ]
        foot = ("Totaal", [self.count(closed["total"], "closed"), cell("100%")])
        outcome_table = table("Afgehandelde zaken per uitkomst", ["Uitkomst", "Aantal", "Aandeel"], rows, foot=foot)
        founded = self.r["founded_by_subject"]
        chart = charts.hbar_chart(
            [(row["subject"], row["rate"] or 0, f"N={row['closed']}") for row in founded],
            title="Percentage gegrond per onderwerp",
        )
        rows = [
            (row["subject"], [self.count(row["closed"], "founded", row["subject"]),
                              self.count(row["gegrond"], "founded_gegrond", row["subject"]), cell(pct(row["rate"]))])
            for row in founded
        ]  # fmt: skip
        columns = ["Onderwerp", "Afgehandeld", "Gegrond", "Percentage gegrond"]
        return {
            "id": "uitkomsten",
            "title": "Uitkomsten",
            "extra_table": outcome_table,
            "chart": chart,
            "table": table("Gegrond per onderwerp", columns, rows),
            "lead": "Deels gegrond telt niet als gegrond. N is het aantal afgehandelde zaken.",
        }

    def lead_time(self) -> dict[str, Any] | None:
        lead = self.r["lead_time"]
        if not self.r["closed"]["total"]:
            return None
        months = lead["by_close_month"]
        chart = charts.stacked_bar_chart(
            [(self.axis(m), {k: v or 0 for k, v in shares.items()}) for m, shares in months.items()],
            keys=list(LEAD_BUCKETS),
            title="Doorlooptijd per maand van afhandeling",
        )
        rows = [
            (month_text(m, short=True), [self.share(shares[k], "lead", f"{m}:{k}") for k, _ in LEAD_BUCKETS])
            for m, shares in months.items()
        ]
        foot = ("Hele periode", [self.share(lead[k], "lead", k) for k, _ in LEAD_BUCKETS])
        columns = ["Maand", *(label.capitalize() for _, label in LEAD_BUCKETS)]
        within = lead["within_term"]
        facts = [
            ("Binnen de wettelijke of servicetermijn", self.share(within, "within_term")),
            ("Na de termijn", self.share(None if within is None else round(1 - within, 4), "over_term")),
            ("Mediaan", cell(days_text(lead["median_days"]), self.link("closed"))),
            ("90% afgehandeld binnen", cell(days_text(lead["p90_days"]), self.link("closed"))),
        ]
        return {
            "id": "doorlooptijd",
            "title": "Doorlooptijd",
            "chart": chart,
            "table": table("Doorlooptijd per maand van afhandeling", columns, rows, foot=foot),
            "facts": facts,
            "lead": "Doorlooptijd: de datum van afhandeling min de datum van ontvangst, in kalenderdagen.",
        }

    def teams(self) -> dict[str, Any] | None:
        if not self.r["by_team"]:
            return None
        figures_ = (("received", "team_received"), ("closed", "team_closed"), ("gegrond", "team_gegrond"),
                    ("deels_gegrond", "team_deels_gegrond"))  # fmt: skip
        rows = [
            (row["team"], [self.count(row[k], fig, row["team"]) for k, fig in figures_]) for row in self.r["by_team"]
        ]
        columns = ["Team", "Ontvangen", "Afgehandeld", "Gegrond", "Deels gegrond"]
        return {
            "id": "teams",
            "title": "Teams",
            "table": table("Zaken per team", columns, rows, wide=True),
            "lead": "Ontvangen: binnengekomen in de periode. Afgehandeld, gegrond en deels gegrond: afgehandeld in "
            "de periode.",
        }

    def others(self) -> dict[str, Any]:
        channels = {**dict(Channel.choices), figures.UNKNOWN: "Onbekend"}
        by_channel = [(channels.get(r["channel"], r["channel"]), [self.count(r["count"], "channel", r["channel"])])
                      for r in self.r["by_channel"]]  # fmt: skip
        by_nature = [(r["nature"], [self.count(r["count"], "nature", r["nature"])]) for r in self.r["by_nature"]]
        repeat = [(REPEAT_LABELS[k], [self.count(n, "repeat", k)]) for k, n in self.r["repeat_filers"].items()]
        tables = [
            table("Kanaal", ["Kanaal", "Ontvangen"], by_channel),
            table("Aard van de klacht", ["Aard", "Ontvangen"], by_nature),
            table("Inwoners met meer dan één zaak", ["Inwoners met", "Aantal inwoners"], repeat),
        ]
        tables = [t for t in tables if t["rows"]]
        return {"id": "kanalen", "title": "Kanalen, aard en herhaalde indieners", "tables": tables}

    def trend(self) -> dict[str, Any] | None:
        by_year, slope = self.r["trend"]["by_year"], self.r["trend"]["slope_per_year"]
        if not by_year:
            return None
        chart = charts.trend_chart(by_year, slope, title="Ontvangen zaken per jaar")
        rows = [(year, [self.count(n, "trend", year)]) for year, n in by_year.items()]
        line = "Met één jaar is er nog geen trend." if slope is None else f"De trendlijn: {slope_text(slope)} per jaar."
        return {
            "id": "trend",
            "title": "Trend over de jaren",
            "chart": chart,
            "table": table("Ontvangen zaken per jaar", ["Jaar", "Ontvangen"], rows),
            "lead": f"Alle jaren met de gekozen filters, los van de periode. {line}",
        }

    def questions(self) -> dict[str, Any] | None:
        q = self.r.get("questions")
        if not q or not (q["received"] or q["closed"] or q["backlog"]):
            return None
        facts = [
            ("Vragen ontvangen", self.count(q["received"], "questions_received")),
            ("Vragen beantwoord", self.count(q["closed"], "questions_closed")),
            ("Beantwoord binnen de servicenorm", self.share(q["within_norm"], "questions_within_norm")),
            ("Met persoonlijk contact", self.share(q["personal_contact"], "questions_personal_contact")),
            ("Nog open aan het eind van de periode", self.count(q["backlog"], "questions_backlog")),
        ]
        rows = [(year, [self.count(n, "questions_received", year)]) for year, n in q["by_year"].items()]
        return {
            "id": "vragen",
            "title": "Vragen van inwoners",
            "facts": facts,
            "table": table("Vragen per jaar", ["Jaar", "Ontvangen"], rows),
            "lead": "Persoonlijk contact: de vraag kwam telefonisch of aan de balie binnen, of de inwoner is gebeld "
            "en bereikt.",
        }

    def appeals(self) -> dict[str, Any] | None:
        a = self.r.get("appeals")
        if not a or not a["total"]:
            return None
        buckets, spikes = a["lag"]["buckets"], set(a["spike_months"])
        lag_chart = charts.bar_chart(
            [(b["label"], b["count"]) for b in buckets],
            title="Tijd tussen indienen bij de rechtbank en de melding aan het team",
        )
        lag_rows = [(b["label"], [self.count(b["count"], "appeals", b["bucket"])]) for b in buckets]
        if a["lag"].get("unknown"):
            lag_rows.append(("datum rechtbank onbekend", [cell(num(a["lag"]["unknown"]))]))
        month_chart = charts.bar_chart(
            [(self.axis(m), n) for m, n in a["by_month"].items()],
            title="Beroepen per maand",
        )
        month_rows = [
            (month_text(m), [self.count(n, "appeals", m, note="piek" if m in spikes else "")])
            for m, n in a["by_month"].items()
        ]
        facts = [
            ("Beroepen", self.count(a["total"], "appeals")),
            ("Mediane meldtijd", cell(days_text(a["lag"]["median_days"]), self.link("appeals"))),
            ("90% gemeld binnen", cell(days_text(a["lag"]["p90_days"]), self.link("appeals"))),
        ]
        spike_text = ", ".join(month_text(m) for m in a["spike_months"]) or "geen"
        return {
            "id": "beroep",
            "title": "Beroep",
            "pairs": [
                (lag_chart, table("Tijd tot de melding", ["Gemeld", "Beroepen"], lag_rows)),
                (month_chart, table("Beroepen per maand", ["Maand", "Beroepen"], month_rows)),
            ],
            "facts": facts,
            "lead": "Meldtijd: van het indienen bij de rechtbank tot de melding aan het team. Maanden met een piek "
            f"(meer dan twee keer het gemiddelde van de andere maanden): {spike_text}.",
        }


def days_text(value: float | None) -> str:
    return "–" if value is None else f"{num(value)} {'dag' if value == 1 else 'dagen'}"


def iso_day_text(value: str) -> str:
    return day_text(date.fromisoformat(value))


def slope_text(slope: float) -> str:
    """+12.5 → 'gemiddeld 12,5 zaken meer'; −3 → 'gemiddeld 3 zaken minder'."""
    if slope == 0:
        return "gelijk"
    return f"gemiddeld {num(round(abs(slope), 1))} zaken {'meer' if slope > 0 else 'minder'}"
