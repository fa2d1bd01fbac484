"""The report as one flat CSV table (figuur; sleutel; maat; waarde) that Dutch Excel opens as it is:
UTF-8 with a byte-order mark, semicolons, decimal commas. Shares are fractions 0–1 (as in the JSON)."""

from __future__ import annotations

import csv
from io import StringIO
from typing import Any

from casus.monitor import figures
from casus.monitor.exports import tables
from casus.monitor.exports.tables import CHANGE, DAYS, SHARE, YESNO

HEADER = ["figuur", "sleutel", "maat", "waarde"]


def value_text(value: Any, kind: str) -> str:
    """Empty for no data (never "None"); decimal comma for fractions and days; ja/nee."""
    if value is None:
        return ""
    if kind == YESNO:
        return "ja" if value else "nee"
    if kind in (SHARE, CHANGE):
        return f"{value:.4f}".replace(".", ",")
    if kind == DAYS or isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def rows(data: dict[str, Any], f: figures.Filters) -> list[list[str]]:
    out = [["Rapportage", "", label.lower(), value] for label, value in tables.filter_rows(data, f)]
    out.insert(0, ["Rapportage", "", "organisatie", tables.organisation_name(f)])
    for sheet in tables.sheets(data):
        out += [[sheet.name, "", fact.label, value_text(fact.value, fact.kind)] for fact in sheet.facts]
        for grid in sheet.grids:
            key_column, *measures = grid.columns
            for row in grid.rows:
                key = value_text(row[0], key_column.kind)
                out += [
                    [sheet.name, key, column.header, value_text(value, column.kind)]
                    for column, value in zip(measures, row[1:], strict=True)
                ]
    return out


def csv_text(data: dict[str, Any], f: figures.Filters) -> str:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(data, f))
    return buffer.getvalue()
