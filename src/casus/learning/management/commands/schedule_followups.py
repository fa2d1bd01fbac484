"""manage.py schedule_followups: plan the nazorg of closed complex cases (idempotent; run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from casus.learning.services import follow_up_months, followups_schedule


class Command(BaseCommand):
    help = "Plan nazorg voor afgehandelde complexe zaken (een keer per zaak, na CASUS_LEARNING_FOLLOW_UP_MONTHS)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = followups_schedule()
        self.stdout.write(f"{added} nazorgmoment(en) gepland, {follow_up_months()} maanden na afhandeling.")
