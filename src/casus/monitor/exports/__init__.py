"""The Monitor's exports (issue 7, DOMAIN.md §5): XLSX, CSV and a PDF report that reads like seed 001's
Bijlage, shared by `manage.py report` and the web Monitor. Each function takes the filters, computes
`figures.full_report(f)` and returns the file's bytes. Pseudonymised: no resident data in any of them.
Definitions: docs/monitor.md ("Exports")."""

from __future__ import annotations

from casus.monitor import figures
from casus.monitor.sentences import by_figure, sentences

__all__ = ["csv_bytes", "pdf_bytes", "sentences", "xlsx_bytes"]


def xlsx_bytes(f: figures.Filters) -> bytes:
    """The workbook: Samenvatting, one sheet per figure, and Zaken (the case list behind the report)."""
    from casus.monitor.exports import xlsx

    data = figures.full_report(f)
    return xlsx.workbook(data, f, by_figure(data, f))


def csv_bytes(f: figures.Filters) -> bytes:
    """One flat table (figuur; sleutel; maat; waarde), UTF-8 with BOM for Excel."""
    from casus.monitor.exports import flat

    return flat.csv_text(figures.full_report(f), f).encode("utf-8-sig")


def pdf_bytes(f: figures.Filters) -> bytes:
    """The PDF report: per case type the key points, the figures as tables and the charts."""
    from casus.monitor.exports import pdf

    return pdf.render(f)
