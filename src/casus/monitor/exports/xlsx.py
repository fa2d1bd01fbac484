"""The report as an Excel workbook (openpyxl, write-only so a long case list streams).

Sheets: Samenvatting (period, filters, the generated sentences), one sheet per figure (tables.sheets),
and Zaken: the cases behind the report (received cohort ∪ closed cohort), pseudonymised — the case
reference and categories only, never a resident's name, BSN, address or a description.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from typing import Any

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from casus.monitor import figures, sentences
from casus.monitor.exports import tables
from casus.monitor.exports.tables import CHANGE, DATE, DAYS, INT, MONTH, SHARE, TEXT, YEAR, YESNO, Sheet

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER_FORMATS = {
    INT: "#,##0",
    SHARE: "0.0%",
    CHANGE: "+0.0%;-0.0%;0.0%",
    DAYS: "#,##0.0",
    YEAR: "0",
    DATE: "dd-mm-yyyy",
}
WIDTHS = {INT: 14, SHARE: 12, CHANGE: 12, DAYS: 14, MONTH: 12, YEAR: 10, YESNO: 10, DATE: 13}


def _cell(ws: WriteOnlyWorksheet, value: Any, kind: str = TEXT, font: Font | None = None) -> WriteOnlyCell:
    if kind == YESNO and value is not None and value != "":
        value = "ja" if value else "nee"
    elif kind == YEAR and value is not None:
        value = int(value)
    cell = WriteOnlyCell(ws, value=value)
    if kind in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[kind]
    if font is not None:
        cell.font = font
    return cell


def _widths(ws: WriteOnlyWorksheet, widths: list[float]) -> None:
    """Column widths must be set before the first row in write-only mode."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _sheet_widths(sheet: Sheet) -> list[float]:
    """Wide enough for the longest label and header, narrow enough to read (at most 60)."""
    first = max([len(f.label) for f in sheet.facts] + [len(str(r[0])) for g in sheet.grids for r in g.rows] + [20])
    first = max([first] + [len(g.columns[0].header) for g in sheet.grids])
    widths = [min(first + 2, 60)]
    columns = max((len(g.columns) for g in sheet.grids), default=1)
    for index in range(1, max(columns, 2)):
        headers = [g.columns[index] for g in sheet.grids if index < len(g.columns)]
        longest = max([len(c.header) + 2 for c in headers] + [WIDTHS.get(c.kind, 14) for c in headers] + [14])
        widths.append(min(longest, 40))
    return widths


def _write_sheet(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet(sheet.name)
    _widths(ws, _sheet_widths(sheet))
    ws.append([_cell(ws, sheet.title, font=TITLE)])
    ws.append([])
    if sheet.note:
        ws.append([sheet.note])
    for fact in sheet.facts:
        ws.append([_cell(ws, fact.label), _cell(ws, fact.value, fact.kind)])
    for grid in sheet.grids:
        if sheet.facts or grid.title:
            ws.append([])
        if grid.title:
            ws.append([_cell(ws, grid.title, font=BOLD)])
        ws.append([_cell(ws, column.header, font=BOLD) for column in grid.columns])
        for row in grid.rows:
            ws.append([_cell(ws, value, column.kind) for value, column in zip(row, grid.columns, strict=True)])


def _summary(wb: Workbook, data: dict[str, Any], f: figures.Filters, said: dict[str, list[str]]) -> None:
    ws = wb.create_sheet("Samenvatting")
    _widths(ws, [24, 110])
    plural = sentences.NOUNS.get(f.case_type, sentences.NOUNS[None])[1]
    ws.append([_cell(ws, f"Rapportage {plural}", font=TITLE)])
    ws.append([])
    ws.append([_cell(ws, "Organisatie"), _cell(ws, tables.organisation_name(f))])
    for label, value in tables.filter_rows(data, f):
        ws.append([_cell(ws, label), _cell(ws, value)])
    ws.append([_cell(ws, "Gemaakt op"), _cell(ws, timezone.localdate(), DATE)])
    ws.append([])
    ws.append([_cell(ws, "Kernpunten", font=TITLE)])
    for group in sentences.key_points(said):
        ws.append([_cell(ws, group["title"], font=BOLD)])
        for sentence in group["sentences"]:
            text = WriteOnlyCell(ws, value=sentence)
            text.alignment = WRAP
            ws.append(["", text])
    ws.append([])
    ws.append([_cell(ws, "Toelichting", font=BOLD)])
    for line in NOTES:
        ws.append(["", line])


NOTES = [
    "Ontvangen: zaken die in de periode zijn binnengekomen. Afgehandeld: zaken die in de periode zijn "
    "afgehandeld, ook als ze eerder zijn binnengekomen.",
    "Doorlooptijd: dagen van ontvangst tot afhandeling (kalenderdagen).",
    "Het tabblad Zaken bevat de zaken achter de cijfers: alleen het kenmerk en de categorieën, geen namen, "
    "BSN's, adressen of omschrijvingen.",
]
CASE_COLUMNS = [
    ("Kenmerk", TEXT, 18), ("Zaaktype", TEXT, 14), ("Ontvangen", DATE, 13), ("Afgehandeld", DATE, 13),
    ("Team", TEXT, 18), ("Onderwerp", TEXT, 26), ("Aard", TEXT, 28), ("Kanaal", TEXT, 14),
    ("Uitkomst", TEXT, 24), ("Informeel", YESNO, 11), ("Doorlooptijd (dagen)", INT, 12),
    ("Binnen termijn", YESNO, 10), ("Ontvangen in periode", YESNO, 11), ("Afgehandeld in periode", YESNO, 11),
]  # fmt: skip
CASE_FIELDS = (
    "reference", "case_type", "received_on", "closed_on", "team__name", "subject__name", "nature__name",
    "channel", "outcome", "informal", "days", "due_on",
)  # fmt: skip


def case_list(f: figures.Filters) -> Iterator[list[Any]]:
    """The cases behind the report, one row each, streamed from the database in chunks. Only the
    reference and categories: the fields that could identify a resident are never selected."""
    period = (f.date_from, f.date_to)
    qs = figures.base(f).filter(Q(received_on__range=period) | Q(closed_on__range=period))
    qs = qs.annotate(days=figures.LeadDays()).order_by("received_on", "reference", "id").values_list(*CASE_FIELDS)
    for (
        reference,
        case_type,
        received,
        closed,
        team,
        subject,
        nature,
        channel,
        outcome,
        informal,
        days,
        due,
    ) in qs.iterator(chunk_size=2000):
        yield [
            reference, tables.type_label(case_type), received, closed, team or "", subject or "", nature or "",
            tables.channel_label(channel) if channel else "", tables.outcome_label(outcome) if outcome else "",
            informal, days, (closed <= due) if closed else None, _within(received, period),
            closed is not None and _within(closed, period),
        ]  # fmt: skip


def _within(day: date, period: tuple[date, date]) -> bool:
    return period[0] <= day <= period[1]


def _cases(wb: Workbook, f: figures.Filters) -> None:
    ws = wb.create_sheet("Zaken")
    _widths(ws, [width for _header, _kind, width in CASE_COLUMNS])
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, header, font=BOLD) for header, _kind, _width in CASE_COLUMNS])
    rows = 1
    for row in case_list(f):
        ws.append([_cell(ws, value, kind) for value, (_h, kind, _w) in zip(row, CASE_COLUMNS, strict=True)])
        rows += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(CASE_COLUMNS))}{rows}"


def workbook(data: dict[str, Any], f: figures.Filters, said: dict[str, list[str]]) -> bytes:
    """The whole workbook; `said` is sentences.by_figure(data, f)."""
    wb = Workbook(write_only=True)
    _summary(wb, data, f, said)
    for sheet in tables.sheets(data):
        _write_sheet(wb, sheet)
    _cases(wb, f)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
