"""`manage.py retention_destroy`: execute approved destruction lists that were not executed yet.

Approving a list in Casus executes it at once; this command is the safety net for a list whose
execution failed (and for operators who prefer to run destruction at night). An executed list is never
executed again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...models import DestructionList, ListStatus
from ...services import list_execute


class Command(BaseCommand):
    help = "Voer goedgekeurde vernietigingslijsten uit die nog niet zijn uitgevoerd."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", type=int, dest="list_id", help="alleen deze lijst (nummer)")

    def handle(self, *args: Any, list_id: int | None, **options: Any) -> None:
        lists = DestructionList.objects.filter(status=ListStatus.GOEDGEKEURD).order_by("pk")
        if list_id is not None:
            lists = lists.filter(pk=list_id)
        if not lists.exists():
            self.stdout.write("Geen goedgekeurde lijsten die nog moeten worden uitgevoerd.")
            return
        for destruction_list in lists:
            result = list_execute(destruction_list=destruction_list, actor=destruction_list.approved_by)
            self.stdout.write(
                f"Vernietigingslijst {destruction_list.pk}: {len(result.destroyed)} zaken vernietigd, "
                f"{len(result.skipped)} niet, {result.residents_deleted} inwoners verwijderd."
            )
            for reference, reason in result.skipped:
                self.stdout.write(f"  - {reference}: {reason}")
