"""Reading a spreadsheet as Excel writes it (shared/DOMAIN.md §8): CSV with comma or semicolon, in UTF-8
(with or without BOM) or Windows-1252, and XLSX (merged header cells, empty trailing rows).

The result is a list of rows: each a row number as the user sees it in Excel (the header is row 1) and
the cells by their column key ("reference", "case_type", ...). Values stay text; dates from XLSX cells
become ISO text. Checking the values is the importer's work (casus.imports.importer).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

# Column key -> (Dutch header, English header), in the order of DOMAIN.md §8.
COLUMNS: dict[str, tuple[str, str]] = {
    "reference": ("kenmerk", "reference"),
    "case_type": ("zaaktype", "case_type"),
    "received_on": ("ontvangen_op", "received_on"),
    "channel": ("kanaal", "channel"),
    "team": ("team", "team"),
    "subject": ("onderwerp", "subject"),
    "nature": ("aard", "nature"),
    "resident": ("inwoner", "resident"),
    "handler": ("behandelaar", "handler"),
    "closed_on": ("afgehandeld_op", "closed_on"),
    "outcome": ("uitkomst", "outcome"),
    "informal": ("informeel", "informal"),
    "decision_sent_on": ("besluit_verzonden_op", "decision_sent_on"),
    "filed_at_court_on": ("ingediend_bij_rechtbank_op", "filed_at_court_on"),
    "description": ("omschrijving", "description"),
}
REQUIRED = ("reference", "case_type", "received_on")
_HEADER_TO_KEY = {name: key for key, names in COLUMNS.items() for name in names}


class FileError(Exception):
    """The file as a whole cannot be read; the message is Dutch and shown as it is."""


@dataclass
class Row:
    number: int  # as in Excel: the header is row 1
    values: dict[str, str]
    raw: list[str]  # every cell of the row, for the file of rejected rows


@dataclass
class Sheet:
    headers: list[str]  # as written in the file
    columns: dict[int, str]  # cell index -> column key
    ignored: list[str]  # headers that are not an import column
    rows: list[Row] = field(default_factory=list)


def dutch_header(key: str) -> str:
    return COLUMNS[key][0]


def normalise_header(text: str) -> str:
    """'Ontvangen op ', 'ONTVANGEN_OP' and 'ontvangen-op' are all 'ontvangen_op'."""
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def read_file(name: str, content: bytes) -> Sheet:
    """A CSV or XLSX file by its name's extension (and the XLSX zip signature)."""
    if name.lower().endswith((".xlsx", ".xlsm")) or content[:4] == b"PK\x03\x04":
        return _sheet(_xlsx_rows(content))
    if name.lower().endswith((".xls", ".ods")):
        raise FileError("Dit bestandstype kan Casus niet lezen. Sla het bestand op als .xlsx of als .csv.")
    return _sheet(_csv_rows(content))


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _csv_rows(content: bytes) -> list[list[str]]:
    text = _decode(content)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if "\t" in first and first.count("\t") > first.count(delimiter):
        delimiter = "\t"
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(content: bytes) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        # Read-only mode: fast and light for 100,000 rows. A merged cell's value is in its first cell only,
        # so a title merged over the columns is a row of its own and a merged header names its first column.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileError("Het Excel-bestand kan niet worden geopend. Is het een .xlsx-bestand?") from error
    sheet = book.worksheets[0]
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _is_empty(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _header_columns(headers: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = _HEADER_TO_KEY.get(normalise_header(header)) if header else None
        if key is None:
            continue
        if key in columns.values():
            raise FileError(f"De kolom '{header}' staat twee keer in het bestand.")
        columns[index] = key
    return columns


def _sheet(rows: list[list[str]]) -> Sheet:
    filled = [i for i, cells in enumerate(rows) if not _is_empty(cells)]
    if not filled:
        raise FileError("Het bestand is leeg.")
    # The header row is the first row with the required columns: a title above it (often merged over
    # all columns in Excel) is skipped.
    start = next(
        (i for i in filled[:10] if set(REQUIRED) <= set(_header_columns([c.strip() for c in rows[i]]).values())),
        filled[0],
    )
    headers = [cell.strip() for cell in rows[start]]
    columns = _header_columns(headers)
    ignored = [header for index, header in enumerate(headers) if header and index not in columns]
    missing = [dutch_header(key) for key in REQUIRED if key not in columns.values()]
    if missing:
        raise FileError(
            "Deze kolommen ontbreken: "
            + ", ".join(missing)
            + ". Staan de kolomnamen in de eerste regel? Zie de handleiding voor de namen."
        )
    sheet = Sheet(headers=headers, columns=columns, ignored=ignored)
    for offset, cells in enumerate(rows[start + 1 :], start=start + 2):
        if _is_empty(cells):
            continue  # empty rows (Excel often adds them at the end) are no registrations
        values = {key: (cells[index].strip() if index < len(cells) else "") for index, key in columns.items()}
        sheet.rows.append(Row(number=offset, values=values, raw=cells))
    return sheet
