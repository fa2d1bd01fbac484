"""python manage.py import_cases PATH [--dry-run] [--skip-invalid] [--organisation NAME]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.cases.models import Organisation
from casus.imports.importer import Report, import_file


def format_report(report: Report) -> list[str]:
    lines = [f"Bestand: {report.file_name}"]
    if report.file_error:
        return [*lines, f"Het bestand kan niet worden gelezen: {report.file_error}"]
    if report.ignored_columns:
        lines.append("Genegeerde kolommen (geen importkolom): " + ", ".join(report.ignored_columns))
    for label, names in (
        ("Nieuwe teams", report.created_teams),
        ("Nieuwe onderwerpen", report.created_subjects),
        ("Nieuwe aarden", report.created_natures),
        ("Nieuwe behandelaars (account nog niet actief)", report.created_handlers),
    ):
        if names:
            lines.append(f"{label}: " + ", ".join(names))
    if report.created_residents:
        lines.append(f"Nieuwe inwoners (alleen id uit het bronsysteem): {report.created_residents}")
    if report.problems:
        lines.append("Afgekeurde rijen:")
        lines += [f"  rij {p.row}, kolom {p.column}, waarde '{p.value}': {p.reason}" for p in report.problems]
    if not report.applied:
        lines.append("Er is niets opgeslagen. De aantallen laten zien wat de import zou doen.")
    counts = report.counts
    lines.append(
        f"Gelezen: {counts['read']}, nieuw: {counts['imported']}, bijgewerkt: {counts['updated']}, "
        f"ongewijzigd: {counts['unchanged']}, afgekeurd: {counts['rejected']}"
    )
    return lines


def find_organisation(name: str | None) -> Organisation:
    if name:
        found = Organisation.objects.filter(Q(name__iexact=name) | Q(slug__iexact=name)).first()
        if found is None:
            raise CommandError(f"Organisatie '{name}' bestaat niet. Gebruik de naam of de korte naam.")
        return found
    organisations = list(Organisation.objects.all()[:2])
    if len(organisations) != 1:
        raise CommandError("Er is meer dan één organisatie (of geen). Kies er een met --organisation.")
    return organisations[0]


class Command(BaseCommand):
    help = "Importeer zaken uit een CSV- of Excel-bestand (kolommen: zie de handleiding)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren, niets opslaan.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Geldige rijen importeren; afgekeurde naar PATH.rejected.csv."
        )
        parser.add_argument("--organisation", help="Naam of korte naam van de organisatie.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Bestand {path} bestaat niet.")
        organisation = find_organisation(options["organisation"])
        report, sheet = import_file(
            organisation=organisation, name=path.name, content=path.read_bytes(),
            dry_run=options["dry_run"], skip_invalid=options["skip_invalid"],
        )  # fmt: skip
        for line in format_report(report):
            self.stdout.write(line)
        if report.file_error:
            raise CommandError("Er is niets geïmporteerd.")
        if options["skip_invalid"] and report.rejected and sheet is not None:
            rejected_path = path.with_name(path.name + ".rejected.csv")
            rejected_path.write_text(report.rejected_csv(sheet.headers), encoding="utf-8-sig")
            self.stdout.write(f"De afgekeurde rijen staan in {rejected_path}.")
        if report.applied:
            audit(
                AuditAction.CHANGE, ("imports.import", "", path.name), username="manage.py import_cases",
                organisation_id=organisation.pk, **report.counts,
            )  # fmt: skip
        elif report.rejected and not options["dry_run"]:
            raise CommandError(
                "Er is niets geïmporteerd, omdat er afgekeurde rijen zijn. Verbeter ze, of gebruik --skip-invalid."
            )
