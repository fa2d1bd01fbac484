"""manage.py send_deadline_warnings [--on YYYY-MM-DD] [--dry-run]: the daily digest (see warnings.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from casus.workspace.warnings import render, send_deadline_warnings


class Command(BaseCommand):
    help = "Mail handlers (or the coördinatoren of unassigned cases) the cases that turned dreigt or te laat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="de dag waarop de termijnen gelden (JJJJ-MM-DD); standaard vandaag")
        parser.add_argument("--dry-run", action="store_true", help="alleen laten zien wat verstuurd zou worden")

    def handle(self, *args: Any, on: str | None = None, dry_run: bool = False, **options: Any) -> None:
        try:
            day = date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"Ongeldige datum bij --on: {on!r}. Gebruik JJJJ-MM-DD.") from None
        result = send_deadline_warnings(day, dry_run=dry_run)
        if dry_run:
            for digest in result.digests:
                subject, body = render(digest, day)
                self.stdout.write(f"Aan {digest.recipient.email}: {subject}\n{body}\n")
            self.stdout.write(
                f"Proef: {result.warnings} zaken voor {len(result.digests)} medewerkers; niets verstuurd."
            )
        else:
            self.stdout.write(f"{result.sent} e-mails verstuurd over {result.warnings} zaken.")
        for username in result.skipped_without_address:
            self.stderr.write(f"{username} heeft geen e-mailadres: geen waarschuwing verstuurd.")
