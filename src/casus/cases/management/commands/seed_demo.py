from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from casus.cases.demo import DEMO_PASSWORD, generate
from casus.cases.models import Organisation


class Command(BaseCommand):
    help = "Vul Casus met realistische (verzonnen) demodata: vier jaar zaken van elk type."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=3000, help="aantal zaken (standaard 3000)")
        parser.add_argument("--seed", type=int, default=2026, help="startwaarde voor het toeval (standaard 2026)")
        parser.add_argument("--organisation", default="almere", help="korte naam van de organisatie")

    def handle(self, *args: Any, cases: int, seed: int, organisation: str, **options: Any) -> None:
        org = Organisation.objects.get(slug=organisation)
        began = time.perf_counter()
        added = generate(organisation=org, cases=cases, seed=seed)
        if added == 0:
            self.stdout.write(f"Demodata staat er al ({org}): niets toegevoegd.")
            return
        seconds = time.perf_counter() - began
        self.stdout.write(self.style.SUCCESS(f"{added} zaken toegevoegd aan {org} in {seconds:.1f} s."))
        self.stdout.write(
            f"Inloggen op /inloggen/: behandelaar, coordinator, kwaliteit, mt, privacy of beheerder; "
            f"wachtwoord {DEMO_PASSWORD}"
        )
