"""manage.py seed_learning_demo: the learning loop's demo data, after `manage.py seed_demo`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casus.cases.models import Organisation
from casus.learning.demo import generate_learning


class Command(BaseCommand):
    help = "Vul het leren en verbeteren met demodata: signalen, een thema met verbeteracties, voorstellen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", default="almere", help="korte naam van de organisatie")

    def handle(self, *args: Any, organisation: str, **options: Any) -> None:
        added = generate_learning(organisation=Organisation.objects.get(slug=organisation))
        if added == 0:
            self.stdout.write("Demodata voor leren en verbeteren staat er al: niets toegevoegd.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"{added} signalen, een thema met verbeteracties en voorstellen toegevoegd.")
        )
