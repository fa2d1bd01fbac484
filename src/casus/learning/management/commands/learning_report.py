"""manage.py learning_report --quarter 2026Q1 --format json|pdf: the quarterly learning report for MT."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casus.cases.models import Organisation
from casus.learning import report_render
from casus.learning.report import learning_report, parse_quarter


class Command(BaseCommand):
    help = "Het kwartaalrapport leren en verbeteren (thema's, verbeteracties, nazorg, casuïstiekoverleg)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quarter", required=True, help="kwartaal, zoals 2026Q1")
        parser.add_argument("--format", choices=["json", "pdf"], default="json")
        parser.add_argument("--organisation", default="almere", help="korte naam van de organisatie")
        parser.add_argument(
            "--output", help="bestand; standaard: JSON naar het scherm, PDF naar casus-leren-<kwartaal>.pdf"
        )

    def handle(
        self, *args: Any, quarter: str, format: str, organisation: str, output: str | None, **options: Any
    ) -> None:
        try:
            chosen = parse_quarter(quarter)
        except ValueError as error:
            raise CommandError(str(error)) from None
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"Onbekende organisatie: {organisation}")
        data = learning_report(organisation=org, quarter=chosen)
        if format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            else:
                self.stdout.write(text)
            return
        path = output or f"casus-leren-{chosen.code}.pdf"
        with open(path, "wb") as handle:
            handle.write(report_render.pdf_bytes(data))
        self.stdout.write(f"Rapport geschreven naar {path}")
