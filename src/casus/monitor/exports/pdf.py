"""The PDF report (WeasyPrint), laid out like seed 001's Bijlage 1: a title block with the organisation,
period and filters, then per case type in the data (only the chosen one with a type filter) the key
points as generated sentences, and every figure as a chart (casus.monitor.charts) with its table.
Local fonts only, no network. Pseudonymised: counts, categories and teams only."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from casus.cases.domain import CaseType
from casus.monitor import charts, figures, sentences
from casus.monitor.exports import tables
from casus.monitor.exports.tables import CHANGE, DAYS, INT, MONTH, SHARE, YEAR, YESNO, Grid, Sheet

# What each case type is, in a sentence or two, as the Bijlage opens each part (B1).
INTRODUCTIONS = {
    CaseType.KLACHT: "Inwoners kunnen een klacht indienen als zij niet tevreden zijn over de dienstverlening van de "
    "gemeente of over hoe medewerkers hen behandelen. De gemeente neemt eerst contact op om te kijken of de "
    "klacht snel en informeel op te lossen is.",
    CaseType.BEZWAAR: "Inwoners die het niet eens zijn met een besluit van de gemeente, kunnen bezwaar maken. De "
    "gemeente kijkt dan opnieuw naar het besluit en beslist op het bezwaar.",
    CaseType.BEROEP: "Is een inwoner het niet eens met de beslissing op zijn bezwaar, dan kan hij in beroep gaan bij "
    "de rechtbank. De rechtbank stuurt het beroep daarna door naar het team; de tijd daartussen heet hier de "
    "meldingsduur.",
    CaseType.VRAAG: "Inwoners stellen vragen per telefoon, aan de balie, per e-mail of via het webformulier. De "
    "servicenorm zegt binnen welke tijd zij een antwoord krijgen.",
}
# Sheets that only mean something for some case types.
ONLY_FOR = {
    "Aard": (CaseType.KLACHT,),
    "Gegrond per onderwerp": sentences.DISPUTES,
    "Vragen": (CaseType.VRAAG,),
    "Beroep": (CaseType.BEROEP,),
}


def cell_text(value: Any, kind: str) -> str:
    """A table cell as Dutch readers expect it; no data is an en dash, never "None"."""
    if value is None or value == "":
        return "–"
    if kind == SHARE:
        return f"{round(value * 100)}%"
    if kind == CHANGE:
        return sentences.signed_percent(value)
    if kind in (INT, DAYS):
        return f"−{sentences.number(-value)}" if value < 0 else sentences.number(value)  # a real minus sign
    if kind == MONTH:
        year, month = value.split("-")
        return f"{sentences.MONTHS_SHORT[int(month) - 1]} {year}"
    if kind == YESNO:
        return "ja" if value else "nee"
    if kind == YEAR:
        return str(value)
    return str(value)


def _short_month(key: str) -> str:
    return sentences.MONTHS_SHORT[int(key[5:7]) - 1] + " " + key[2:4]


def _grid(grid: Grid) -> dict[str, Any]:
    if grid.columns[0].kind in (MONTH, YEAR) and 2 <= len(grid.rows) <= 13:
        return _across(grid)
    numeric = [column.kind not in ("text", MONTH, YEAR) for column in grid.columns]
    return {
        "title": grid.title,
        "wide": len(grid.columns) >= 4,
        "columns": [{"header": c.header, "numeric": n} for c, n in zip(grid.columns, numeric, strict=True)],
        "rows": [
            [{"text": cell_text(v, c.kind), "numeric": n} for v, c, n in zip(row, grid.columns, numeric, strict=True)]
            for row in grid.rows
        ],
    }


def _across(grid: Grid) -> dict[str, Any]:
    """A table per month or year laid out sideways (the months as columns, as analysts set up their Excel
    overviews): a year of months fits the page width and takes three lines instead of a page."""
    key, *measures = grid.columns
    heads = [_short_month(row[0]) if key.kind == MONTH else str(row[0]) for row in grid.rows]
    return {
        "title": grid.title,
        "wide": True,
        "across": True,
        "columns": [{"header": key.header, "numeric": False}] + [{"header": h, "numeric": True} for h in heads],
        "rows": [
            [{"text": column.header, "numeric": False}]
            + [{"text": cell_text(row[index], column.kind), "numeric": True} for row in grid.rows]
            for index, column in enumerate(measures, start=1)
        ],
    }


def _chart(sheet: Sheet, data: dict[str, Any]) -> SafeString | None:
    """The chart for a sheet, from casus.monitor.charts; None where a table says it all."""
    if sheet.name == "Instroom":
        items = [(_short_month(m), n) for m, n in data["received"]["by_month"].items()]
        return charts.bar_chart(items, title="Ontvangen per maand")
    if sheet.name == "Onderwerpen" and data["by_subject"]:
        rows = data["by_subject"][:12]
        items = [(tables._label(r["subject"]), r["share"], f"N={r['count']}") for r in rows]
        return charts.hbar_chart(items, title="Aandeel per onderwerp")
    if sheet.name == "Uitkomsten" and data["closed"]["total"]:
        total = data["closed"]["total"]
        items = [(tables.outcome_label(o), n / total, f"N={n}") for o, n in data["closed"]["by_outcome"].items()]
        return charts.hbar_chart(items, title="Uitkomsten van de afgehandelde zaken")
    if sheet.name == "Gegrond per onderwerp" and data["founded_by_subject"]:
        rows = data["founded_by_subject"][:12]
        items = [(tables._label(r["subject"]), r["rate"], f"N={r['closed']}") for r in rows]
        return charts.hbar_chart(items, title="Aandeel gegrond per onderwerp")
    if sheet.name == "Doorlooptijd" and data["lead_time"]["by_close_month"]:
        rows = [(_short_month(m), shares) for m, shares in data["lead_time"]["by_close_month"].items()]
        keys = [(key, label.lower()) for key, label in tables.BUCKETS]
        return charts.stacked_bar_chart(rows, keys=keys, title="Doorlooptijd per maand van afhandeling")
    if sheet.name == "Trend" and data["trend"]["by_year"]:
        trend = data["trend"]
        return charts.trend_chart(trend["by_year"], trend["slope_per_year"], title="Ontvangen per jaar, met trendlijn")
    if sheet.name == "Beroep" and data.get("appeals"):
        items = [(_short_month(m), n) for m, n in data["appeals"]["by_month"].items()]
        return charts.bar_chart(items, title="Beroepen per maand")
    return None


def _blocks(data: dict[str, Any], case_type: str | None) -> list[dict[str, Any]]:
    blocks = []
    for sheet in tables.sheets(data):
        if case_type and case_type not in ONLY_FOR.get(sheet.name, (case_type,)):
            continue
        if sheet.note and not sheet.grids:
            continue
        grids = [_grid(grid) for grid in sheet.grids if grid.rows]
        facts = [{"label": fact.label, "text": cell_text(fact.value, fact.kind)} for fact in sheet.facts]
        blocks.append({"title": sheet.title, "facts": facts, "grids": grids, "chart": _chart(sheet, data)})
    return blocks


def case_types(f: figures.Filters) -> list[str]:
    """The case types with a case in the received or the closed cohort, in the usual order; with a type
    filter just that type (also when it has no cases: the report then says so)."""
    if f.case_type:
        return [f.case_type]
    period = (f.date_from, f.date_to)
    qs = figures.base(f).filter(Q(received_on__range=period) | Q(closed_on__range=period))
    present = set(qs.values_list("case_type", flat=True).distinct())
    return [code for code in CaseType.values if code in present]


def section(f: figures.Filters, case_type: str) -> dict[str, Any]:
    narrowed = replace(f, case_type=case_type)
    data = figures.full_report(narrowed)
    said = sentences.by_figure(data, narrowed)
    return {
        "case_type": case_type,
        "title": sentences.first_upper(sentences.NOUNS[case_type][1]),
        "introduction": INTRODUCTIONS.get(case_type, ""),
        "sentences": [sentence for group in said.values() for sentence in group],
        "key_points": sentences.key_points(said),
        "blocks": _blocks(data, case_type),
        "received": data["received"]["total"],
        "closed": data["closed"]["total"],
    }


def _compare(f: figures.Filters) -> dict[str, Any]:
    if f.compare_from is None or f.compare_to is None:
        return {}
    return {"compare": {"from": f.compare_from.isoformat(), "to": f.compare_to.isoformat()}}


def context(f: figures.Filters) -> dict[str, Any]:
    types = case_types(f)
    subject = sentences.NOUNS.get(f.case_type, ("", "zaken"))[1] if f.case_type else "zaken"
    return {
        "title": f"Analyse cijfers {subject}",
        "organisation": tables.organisation_name(f),
        "period": sentences.period_label(f.date_from, f.date_to),
        "filters": tables.filter_rows(_compare(f), f),
        "made_on": timezone.localdate(),
        "sections": [section(f, t) for t in types],
        "overview": len(types) > 1,
    }


def html(f: figures.Filters) -> str:
    return render_to_string("monitor/pdf/report.html", context(f))


def render(f: figures.Filters) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(f)).write_pdf()
