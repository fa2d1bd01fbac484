"""`manage.py retention_list`: put closed cases past their retention period on a destruction list.

    manage.py retention_list [--organisation SLUG] [--on YYYY-MM-DD] [--format text|json]

One concept list per organisation (the list of the same day is added to when it exists); cases that
already wait on a list, were taken off one, or are linked to a case that must stay are left off and
reported. Running it twice adds nothing. `--format json` prints one JSON object per organisation,
one per line: {"organisation", "on", "list", "items", "skipped"}.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import timezone

from casus.cases.models import Organisation

from ...selection import Selection, select


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Onbekende datum '{value}'. Schrijf de datum als JJJJ-MM-DD.") from None


def as_json(selection: Selection) -> dict[str, Any]:
    lst = selection.destruction_list
    return {
        "organisation": selection.organisation.slug,
        "on": selection.on.isoformat(),
        "list": None
        if lst is None
        else {
            "id": lst.pk,
            "status": lst.status,
            "created": selection.created,
            "selected_on": lst.selected_on.isoformat(),
            "url": reverse("retention:list", args=[lst.pk]),
        },
        "items": [
            {
                "reference": item.reference,
                "case_type": item.case_type,
                "outcome": item.outcome,
                "closed_on": item.closed_on.isoformat(),
                "retention_years": item.retention_years,
                "retention_until": item.retention_until.isoformat(),
                "team": item.team_name,
            }
            for item in selection.items
        ],
        "skipped": [skip.as_dict() for skip in selection.skipped],
    }


def as_text(selection: Selection) -> str:
    lines = [f"{selection.organisation} (peildatum {selection.on:%d-%m-%Y})"]
    lst = selection.destruction_list
    count = len(selection.items)
    zaken = "zaak" if count == 1 else "zaken"
    if lst is None:
        lines.append("  Geen nieuwe zaken voor een vernietigingslijst.")
    elif selection.created:
        lines.append(f"  Nieuwe vernietigingslijst {lst.pk} met {count} {zaken}.")
    else:
        lines.append(f"  {count} {zaken} toegevoegd aan vernietigingslijst {lst.pk}.")
    if lst is not None:
        types = Counter(item.get_case_type_display().lower() for item in selection.items)
        lines.append("  Per zaaktype: " + ", ".join(f"{name} {n}" for name, n in sorted(types.items())) + ".")
        url = reverse("retention:list", args=[lst.pk])
        lines.append(f"  De functioneel beheerder keurt de lijst goed of af: {url}")
    waiting = [skip for skip in selection.skipped if skip.code == "on_list"]
    others = [skip for skip in selection.skipped if skip.code != "on_list"]
    if waiting:
        n = len(waiting)
        lines.append(f"  {n} {'zaak staat' if n == 1 else 'zaken staan'} al op een lijst die nog niet is uitgevoerd.")
    if others:
        lines.append(f"  Niet op de lijst gezet ({len(others)}):")
        lines.extend(f"  - {skip.reference}: {skip.reason}" for skip in others)
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Zet afgehandelde zaken waarvan de bewaartermijn voorbij is op een vernietigingslijst."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="korte naam (slug) van de organisatie; standaard alle")
        parser.add_argument("--on", help="peildatum JJJJ-MM-DD; standaard vandaag")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="uitvoer: text of json")

    def handle(self, *args: Any, organisation: str | None, on: str | None, format: str, **options: Any) -> None:
        today = timezone.localdate()
        day = _date(on) if on else today
        if day > today:
            raise CommandError("De peildatum ligt in de toekomst. Kies vandaag of een eerdere datum.")
        organisations = Organisation.objects.order_by("name")
        if organisation:
            organisations = organisations.filter(slug=organisation)
            if not organisations.exists():
                raise CommandError(f"Onbekende organisatie '{organisation}'.")
        for org in organisations:
            selection = select(org, day)
            if format == "json":
                self.stdout.write(json.dumps(as_json(selection), ensure_ascii=False))
            else:
                self.stdout.write(as_text(selection))
