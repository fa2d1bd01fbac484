"""`manage.py report`: the Monitor's figures as JSON (DOMAIN.md §9). Definitions: docs/monitor.md."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casus.cases.domain import CaseType, CategoryKind
from casus.cases.models import Category, Team
from casus.monitor import figures


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: '{value}' is geen geldige datum; gebruik JJJJ-MM-DD.") from None


class Command(BaseCommand):
    help = "Rapportage van de Monitor over een periode (JSON volgens DOMAIN.md §9)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, help="Begin van de periode (JJJJ-MM-DD).")
        parser.add_argument("--to", dest="date_to", required=True, help="Einde van de periode (JJJJ-MM-DD).")
        parser.add_argument("--type", dest="case_type", help="Zaaktype, bijvoorbeeld klacht of bezwaar.")
        parser.add_argument("--team", help="Naam van het team.")
        parser.add_argument("--subject", help="Naam van het onderwerp.")
        parser.add_argument("--compare-from", dest="compare_from", help="Begin van de vergelijkingsperiode.")
        parser.add_argument("--compare-to", dest="compare_to", help="Einde van de vergelijkingsperiode.")
        parser.add_argument("--format", dest="fmt", choices=["json"], default="json", help="Uitvoerformaat.")
        parser.add_argument("--output", help="Schrijf naar dit bestand in plaats van naar het scherm.")

    def handle(self, *args: Any, **options: Any) -> None:
        filters = self.filters(options)
        text = json.dumps(figures.report(filters), ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Rapportage geschreven naar {options['output']}.")
        else:
            self.stdout.write(text)

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
        if subject and not Category.objects.filter(kind__in=kinds, name=subject).exists():
            raise CommandError(f"Onbekend onderwerp '{subject}'.")
        return figures.Filters(
            date_from=date_from, date_to=date_to, case_type=case_type, team=team, subject=subject,
            compare_from=compare_from, compare_to=compare_to,
        )  # fmt: skip
