"""The quarterly learning report as HTML (web page and PDF through WeasyPrint, local fonts only)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from casus.monitor import charts


def context(data: dict[str, Any]) -> dict[str, Any]:
    """The report's data with a chart per theme (its cases per quarter)."""
    themes = [
        {
            **theme,
            "chart": charts.bar_chart(list(theme["by_quarter"].items()), title=f"Zaken per kwartaal: {theme['title']}"),
        }
        for theme in data["themes"]
    ]
    principles = [(name, [counts[s] for s in ("gepland", "loopt", "gereed", "gestopt")])
                  for name, counts in data["actions"]["per_principle"].items()]  # fmt: skip
    return {
        "report": data, "themes": themes, "principles": principles, "made_on": timezone.localdate(),
        "quarter_from": date.fromisoformat(data["quarter"]["from"]),
        "quarter_to": date.fromisoformat(data["quarter"]["to"]),
    }  # fmt: skip


def pdf_bytes(data: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("learning/report_pdf.html", context(data))).write_pdf()
