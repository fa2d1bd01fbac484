"""Demo: standard-answer uses on closed questions, so the picker's "most used for this subject" has
figures after `seed_demo`. Run it after seed_demo; running it twice adds nothing."""

from __future__ import annotations

import random
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casus.answers.demo import record_demo_uses
from casus.cases.models import Organisation


class Command(BaseCommand):
    help = "Demo: leg vast welke standaardantwoorden bij afgehandelde vragen zijn gebruikt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", default="almere", help="korte naam van de organisatie")
        parser.add_argument("--seed", type=int, default=2026, help="startwaarde voor het toeval (standaard 2026)")

    def handle(self, *args: Any, organisation: str, seed: int, **options: Any) -> None:
        org = Organisation.objects.get(slug=organisation)
        added = record_demo_uses(organisation=org, rng=random.Random(seed))
        self.stdout.write(self.style.SUCCESS(f"{added} keer een standaardantwoord vastgelegd bij zaken van {org}."))
