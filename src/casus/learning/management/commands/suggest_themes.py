"""manage.py suggest_themes: a fresh search for suggested themes, per organisation (for a nightly timer).

Replaces the open suggestions; decided ones stay and are never proposed again (casus.learning.suggestions).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from casus.cases.models import Organisation
from casus.learning.suggestions import suggestions_refresh


class Command(BaseCommand):
    help = "Zoek nieuwe voorstellen voor thema's: teksten die op elkaar lijken en onderwerpen die stijgen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="korte naam (slug) van één organisatie; leeg: alle")

    def handle(self, *args: Any, organisation: str | None = None, **options: Any) -> None:
        organisations = Organisation.objects.order_by("name")
        if organisation:
            organisations = organisations.filter(slug=organisation)
            if not organisations.exists():
                raise CommandError(f"Onbekende organisatie: {organisation}")
        for org in organisations:
            found = suggestions_refresh(organisation=org)
            self.stdout.write(
                f"{org.name}: {found.text_groups} groep(en) teksten, {found.rises} stijgend(e) onderwerp(en)"
            )
