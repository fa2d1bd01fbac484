"""`manage.py report`: the Monitor's figures as JSON (DOMAIN.md §9) or as an export (XLSX, CSV, PDF).
Definitions: docs/monitor.md."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casus.cases.domain import CaseType, CategoryKind, Channel
from casus.cases.models import Category, Organisation, Team
from casus.dbrouting import reporting
from casus.monitor import exports, figures

# The exports: the function that writes the file. They are files, never text for a terminal.
EXPORTS = {"xlsx": exports.xlsx_bytes, "csv": exports.csv_bytes, "pdf": exports.pdf_bytes}


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: '{value}' is geen geldige datum; gebruik JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Rapportage van de Monitor over een periode: JSON (DOMAIN.md §9), Excel, CSV of PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="Begin van de periode (JJJJ-MM-DD).")
        parser.add_argument("--to", dest="date_to", required=True, help="Einde van de periode (JJJJ-MM-DD).")
        parser.add_argument("--type", dest="case_type", help="Zaaktype, bijvoorbeeld klacht of bezwaar.")
        parser.add_argument("--team", help="Naam van het team.")
        parser.add_argument("--subject", help="Naam van het onderwerp.")
        parser.add_argument("--compare-from", dest="compare_from", help="Begin van de vergelijkingsperiode.")
        parser.add_argument("--compare-to", dest="compare_to", help="Einde van de vergelijkingsperiode.")
        parser.add_argument("--without-subject", dest="without_subject", help="Ook de instroom zonder dit onderwerp.")
        parser.add_argument("--channel", help="Kanaal, bijvoorbeeld email of telefoon.")
        parser.add_argument("--organisation", help="Korte naam (slug) van de organisatie; standaard alle.")
        parser.add_argument(
            "--format", dest="fmt", choices=["json", *EXPORTS], default="json",
            help="Uitvoerformaat: json (scherm), xlsx, csv of pdf (bestand).",
        )  # fmt: skip
        parser.add_argument("--output", help="Schrijf naar dit bestand in plaats van naar het scherm.")

    def handle(self, *args: Any, **options: Any) -> None:
        with reporting():  # read-only throughout: on the replica when one is configured (casus.dbrouting)
            self.run(options)

    def run(self, options: dict[str, Any]) -> None:
        filters = self.filters(options)
        if options["fmt"] in EXPORTS:
            self.export(filters, options["fmt"], options["output"])
            return
        text = json.dumps(figures.report(filters), ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Rapportage geschreven naar {options['output']}.")
        else:
            self.stdout.write(text)

    def export(self, filters: figures.Filters, fmt: str, output: str | None) -> None:
        """Write the export to --output or, without it, to a file named after the report in the current
        directory: binary content never goes to a terminal."""
        target = Path(output) if output else Path(default_name(filters, fmt))
        target.write_bytes(EXPORTS[fmt](filters))
        self.stderr.write(f"Rapportage ({fmt}) geschreven naar {target}.")

    def filters(self, options: dict[str, Any]) -> figures.Filters:
        date_from = _day(options["date_from"], "--from")
        date_to = _day(options["date_to"], "--to")
        if date_from > date_to:
            raise CommandError("--from ligt na --to: de periode is leeg.")
        compare_from = _day(options["compare_from"], "--compare-from") if options["compare_from"] else None
        compare_to = _day(options["compare_to"], "--compare-to") if options["compare_to"] else None
        if (compare_from is None) != (compare_to is None):
            raise CommandError("Geef voor de vergelijkingsperiode zowel --compare-from als --compare-to.")
        if compare_from and compare_to and compare_from > compare_to:
            raise CommandError("--compare-from ligt na --compare-to: de vergelijkingsperiode is leeg.")
        case_type = options["case_type"]
        if case_type and case_type not in CaseType.values:
            raise CommandError(f"Onbekend zaaktype '{case_type}'. Kies uit: {', '.join(CaseType.values)}.")
        team = options["team"]
        if team and not Team.objects.filter(name=team).exists():
            raise CommandError(f"Onbekend team '{team}'.")
        subject = options["subject"]
        kinds = [CategoryKind.SUBJECT, CategoryKind.DOMAIN]
        for name in (subject, options.get("without_subject")):
            if name and not Category.objects.filter(kind__in=kinds, name=name).exists():
                raise CommandError(f"Onbekend onderwerp '{name}'.")
        channel = options.get("channel")
        if channel and channel not in [*Channel.values, figures.UNKNOWN]:
            raise CommandError(f"Onbekend kanaal '{channel}'. Kies uit: {', '.join(Channel.values)}.")
        organisation = None
        if options.get("organisation"):
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"Onbekende organisatie '{options['organisation']}'.")
        return figures.Filters(
            date_from=date_from, date_to=date_to, case_type=case_type, team=team, subject=subject,
            compare_from=compare_from, compare_to=compare_to, channel=channel,
            without_subject=options.get("without_subject"), organisation=organisation,
        )  # fmt: skip


def default_name(f: figures.Filters, fmt: str) -> str:
    """rapportage-klacht-2025-01-01-2025-12-31.pdf (without a type: rapportage-2025-01-01-2025-12-31.pdf)."""
    parts = ["rapportage", f.case_type, f.date_from.isoformat(), f.date_to.isoformat()]
    return "-".join(part for part in parts if part) + f".{fmt}"
