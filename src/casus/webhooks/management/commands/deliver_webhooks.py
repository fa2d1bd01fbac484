"""manage.py deliver_webhooks [--once] [--interval S]: queue overdue cases and send due deliveries."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casus.webhooks.services import deliver_due


class Command(BaseCommand):
    help = "Verstuur de webhook-berichten die klaarstaan (en zet zaken die te laat zijn in de wachtrij)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="één ronde en dan stoppen (voor cron)")
        parser.add_argument(
            "--interval", type=int, default=15, help="seconden tussen twee rondes zonder --once (standaard 15)"
        )

    def handle(self, *args: Any, once: bool = False, interval: int = 15, **options: Any) -> None:
        while True:
            result = deliver_due()
            if once or result.sent or result.retrying or result.failed or result.queued_overdue:
                self.stdout.write(
                    f"{result.sent} verzonden, {result.retrying} opnieuw later, {result.failed} mislukt; "
                    f"{result.queued_overdue} te late zaken in de wachtrij gezet."
                )
            if once:
                return
            time.sleep(max(1, interval))
