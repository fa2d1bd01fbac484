"""Importing registrations from a spreadsheet (shared/DOMAIN.md §8): check every row first, then create
new cases in bulk (casus.cases.bulk) and update changed ones (casus.imports.services).

    report = import_file(organisation=org, name="bbk-2023.xlsx", content=data, actor=user,
                         dry_run=False, skip_invalid=True)

Counts: read = imported + updated + unchanged + rejected, always. A dry run (or an import stopped by
invalid rows) reports what the import would do and writes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from casus.cases.bulk import NewCase, NewEvent, cases_bulk_create, new_case_deadline, rules_for
from casus.cases.domain import (
    INFORMAL_OUTCOMES,
    OUTCOMES_BY_TYPE,
    CaseType,
    CategoryKind,
    Channel,
    EventKind,
    Outcome,
    Status,
)
from casus.cases.models import Case, Category, Organisation, Resident, Team
from casus.cases.services import CaseError

from .parsing import COLUMNS, FileError, Row, Sheet, dutch_header, read_file
from .services import IMPORTED_FIELDS, case_update_from_import, check_changes

User = get_user_model()

MAX_REPORTED_ROWS = 1000  # rejected rows kept in the report shown on screen; the file of rejected rows has all


@dataclass
class Problem:
    row: int
    column: str  # the Dutch header
    value: str
    reason: str


@dataclass
class Report:
    file_name: str
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    applied: bool = False  # False: a dry run, or stopped because rows were invalid
    file_error: str = ""
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    created_teams: list[str] = field(default_factory=list)
    created_subjects: list[str] = field(default_factory=list)
    created_natures: list[str] = field(default_factory=list)
    created_handlers: list[str] = field(default_factory=list)
    created_residents: int = 0
    rejected_rows: list[tuple[Row, list[Problem]]] = field(default_factory=list, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }

    def as_json(self) -> dict[str, Any]:
        """For ImportRun.report: the first MAX_REPORTED_ROWS problems."""
        data = {key: value for key, value in asdict(self).items() if key not in ("problems", "rejected_rows")}
        data["problems"] = [asdict(p) for p in self.problems[:MAX_REPORTED_ROWS]]
        data["problems_total"] = len(self.problems)
        return data

    def rejected_csv(self, headers: list[str]) -> str:
        """The rejected rows as they were, with their row number and reasons: fix and import again."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow([*headers, "rij", "reden"])
        for row, problems in self.rejected_rows:
            reasons = " | ".join(f"{p.column}: {p.reason}" for p in problems)
            writer.writerow([*row.raw, *([""] * (len(headers) - len(row.raw))), row.number, reasons])
        return out.getvalue()


# --- reading values --------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YES = {"ja", "j", "yes", "y", "1", "waar", "true", "x"}
_NO = {"nee", "n", "no", "0", "onwaar", "false"}


class ValueProblem(Exception):
    pass


def parse_date(text: str) -> date | None:
    """'2023-02-28', '28-02-2023' and '8-2-2023' (also with / or .); None for an empty cell."""
    text = text.strip()
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]  # a time after the date (Excel: '2023-02-28 00:00:00')
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DUTCH.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueProblem("Dit is geen datum. Schrijf de datum als DD-MM-JJJJ (bijvoorbeeld 28-02-2023).")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem("Deze datum bestaat niet. Controleer de dag en de maand.") from None


_CHOICE_NAMES: dict[type, dict[str, str]] = {}


def _choice(text: str, choices: type, what: str) -> str:
    """A code ('deels_gegrond') or its Dutch label ('Deels gegrond'), case-insensitive."""
    names = _CHOICE_NAMES.get(choices)
    if names is None:  # the labels are lazy translations: read them once
        names = {}
        for value, label in choices.choices:
            names.update({value: value, str(label).lower(): value, value.replace("_", " "): value})
        _CHOICE_NAMES[choices] = names
    found = names.get(text.strip().lower())
    if found is None:
        raise ValueProblem(f"Onbekend{what}. Gebruik een van: {', '.join(choices.values)}.")
    return found


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


# --- lookups: what the organisation already has, and what the import creates -----------------------


class Lookups:
    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self.teams = {_key(t.name): t for t in Team.objects.filter(organisation=organisation)}
        categories = Category.objects.filter(kind__in=[CategoryKind.SUBJECT, CategoryKind.DOMAIN, CategoryKind.NATURE])
        self.subjects: dict[str, Category] = {}
        self.natures: dict[str, Category] = {}
        for category in categories.order_by("-kind"):  # a subject before a domain of the same name
            target = self.natures if category.kind == CategoryKind.NATURE else self.subjects
            target[_key(category.name)] = category
        self.users: dict[str, Any] = {}
        for person in User.objects.all():
            full = _key(person.get_full_name())
            if full:
                self.users.setdefault(full, person)
        for person in User.objects.all():
            self.users[_key(person.get_username())] = person  # a user name wins over a display name
        self.new_teams: dict[str, str] = {}
        self.new_subjects: dict[str, str] = {}
        self.new_natures: dict[str, str] = {}
        self.new_handlers: dict[str, str] = {}
        self.residents = _residents(organisation)
        self.new_residents: set[str] = set()

    def note(self, values: dict[str, str]) -> None:
        """Remember the unknown names of a valid row: they are created (and reported) on import."""
        for column, known, new in (
            ("team", self.teams, self.new_teams),
            ("subject", self.subjects, self.new_subjects),
            ("nature", self.natures, self.new_natures),
            ("handler", self.users, self.new_handlers),
        ):
            name = " ".join(values.get(column, "").split())
            if name and _key(name) not in known:
                new.setdefault(_key(name), name)
        source_id = values.get("resident", "").strip()
        if source_id and source_id not in self.residents:
            self.new_residents.add(source_id)

    def create_missing(self, actor: Any) -> None:
        for key, name in self.new_teams.items():
            self.teams[key] = Team.objects.create(organisation=self.organisation, name=name[:100])
        for key, name in self.new_subjects.items():
            self.subjects[key] = Category.objects.create(kind=CategoryKind.SUBJECT, name=name[:120])
        for key, name in self.new_natures.items():
            self.natures[key] = Category.objects.create(kind=CategoryKind.NATURE, name=name[:120])
        for key, name in self.new_handlers.items():
            self.users[key] = _create_handler(name)
        created = Resident.objects.bulk_create(
            [Resident(organisation=self.organisation, source_id=s) for s in sorted(self.new_residents)],
            batch_size=2000,
        )
        if created and created[0].pk is None:  # databases that return no ids on bulk insert
            self.residents = _residents(self.organisation)
        else:
            self.residents.update({r.source_id: r for r in created})


def _residents(organisation: Organisation) -> dict[str, Resident]:
    """Residents by source id; a merged duplicate stands for the resident it was merged into."""
    everyone = {r.pk: r for r in Resident.objects.filter(organisation=organisation)}
    found = {}
    for resident in everyone.values():
        if not resident.source_id:
            continue
        target, seen = resident, set()
        while target.merged_into_id and target.merged_into_id in everyone and target.pk not in seen:
            seen.add(target.pk)
            target = everyone[target.merged_into_id]
        found[resident.source_id] = target
    return found


def _create_handler(name: str) -> Any:
    """A handler named in the file who has no account yet: an inactive account without a password,
    so the cases keep their handler; the systeembeheerder activates it when the person starts."""
    base = slugify(name).replace("-", ".")[:140] or "behandelaar"
    username, number = base, 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}{number}"
    parts = name.split(" ", 1) if " " in name and "." not in name.split(" ", 1)[0] else ["", name]
    person = User(username=username, first_name=parts[0][:150], last_name=parts[-1][:150], is_active=False)
    if "@" in name or " " not in name:
        person.first_name, person.last_name = "", ""
    person.set_unusable_password()
    person.save()
    return person


# --- checking one row -------------------------------------------------------------------------------


@dataclass
class Checked:
    row: Row
    fields: dict[str, Any]  # case field -> value, only for cells that are filled
    problems: list[Problem]


_CHOICE_LABEL = {
    "case_type": ("zaaktype", CaseType),
    "channel": ("kanaal", Channel),
    "outcome": ("e uitkomst", Outcome),
}


def check_row(row: Row, lookups: Lookups, today: date) -> Checked:
    values = row.values
    problems: list[Problem] = []
    fields: dict[str, Any] = {}

    def problem(column: str, reason: str) -> None:
        problems.append(Problem(row.number, dutch_header(column), values.get(column, ""), reason))

    for column in ("reference", "case_type", "received_on"):
        if not values.get(column, "").strip():
            problem(column, "Dit veld is verplicht.")
    if values.get("reference", "").strip():
        fields["reference"] = values["reference"].strip()[:40]
    for column, (what, choices) in _CHOICE_LABEL.items():
        if values.get(column, "").strip():
            try:
                fields[column] = _choice(values[column], choices, f" {what}" if column != "outcome" else what)
            except ValueProblem as error:
                problem(column, str(error))
    for column in ("received_on", "closed_on", "decision_sent_on", "filed_at_court_on"):
        try:
            day = parse_date(values.get(column, ""))
        except ValueProblem as error:
            problem(column, str(error))
            continue
        if day is not None:
            if day > today:
                problem(column, "Deze datum ligt in de toekomst.")
            fields[column] = day
    informal = values.get("informal", "").strip().lower()
    if informal in _YES:
        fields["informal"] = True
    elif informal in _NO:
        fields["informal"] = False
    elif informal:
        problem("informal", "Schrijf ja of nee.")
    if values.get("description", "").strip():
        fields["description"] = values["description"].strip()

    received, closed = fields.get("received_on"), fields.get("closed_on")
    if received and closed and closed < received:
        problem("closed_on", "De afhandeldatum ligt vóór de ontvangstdatum.")
    if "closed_on" in fields and not values.get("outcome", "").strip():
        problem("outcome", "Een afgehandelde zaak heeft een uitkomst. Vul de uitkomst in.")
    if values.get("outcome", "").strip() and "closed_on" not in fields and not problems_in(problems, "closed_on"):
        problem("closed_on", "Bij een uitkomst hoort een afhandeldatum. Vul de afhandeldatum in.")
    case_type, outcome = fields.get("case_type"), fields.get("outcome")
    if case_type and outcome and outcome not in OUTCOMES_BY_TYPE[CaseType(case_type)]:
        allowed = ", ".join(OUTCOMES_BY_TYPE[CaseType(case_type)])
        problem("outcome", f"Deze uitkomst past niet bij een {CaseType(case_type).label.lower()}. Kies uit: {allowed}.")
    if not problems:
        lookups.note(values)
    return Checked(row=row, fields=fields, problems=problems)


def problems_in(problems: list[Problem], column: str) -> bool:
    return any(p.column == dutch_header(column) for p in problems)


# --- the import ------------------------------------------------------------------------------------

_RELATIONS = ("team", "subject", "nature", "handler", "resident")


def _resolve(checked: Checked, lookups: Lookups) -> dict[str, Any]:
    """The row's fields with names replaced by the objects (after create_missing)."""
    values = checked.row.values
    fields = dict(checked.fields)
    sources = {"team": lookups.teams, "subject": lookups.subjects, "nature": lookups.natures, "handler": lookups.users}
    for column, source in sources.items():
        name = values.get(column, "").strip()
        if name:
            fields[column] = source[_key(name)]
    if values.get("resident", "").strip():
        fields["resident"] = lookups.residents[values["resident"].strip()]
    return fields


def _new_case(fields: dict[str, Any], file_name: str, actor: Any, row: int, now: Any) -> NewCase:
    closed = "closed_on" in fields
    outcome = fields.get("outcome", "")
    new = NewCase(
        case_type=fields["case_type"], received_on=fields["received_on"], reference=fields["reference"],
        channel=fields.get("channel", ""), team=fields.get("team"), handler=fields.get("handler"),
        subject=fields.get("subject"), nature=fields.get("nature"), resident=fields.get("resident"),
        description=fields.get("description", ""), outcome=outcome if closed else "",
        informal=fields.get("informal", False) or outcome in INFORMAL_OUTCOMES,
        closed_on=fields.get("closed_on"), decision_sent_on=fields.get("decision_sent_on"),
        filed_at_court_on=fields.get("filed_at_court_on"),
        status=Status.AFGEHANDELD if closed else (Status.IN_BEHANDELING if fields.get("handler") else Status.ONTVANGEN),
    )  # fmt: skip
    summary = f"Geïmporteerd uit {file_name}."
    data = {"bestand": file_name, "rij": row}
    new.events.append(NewEvent(kind=EventKind.IMPORTED, at=now, actor=actor, summary=summary, data=data))
    return new


# What an update compares: the case's own fields, its relations' ids and the names the file uses for them.
_EXISTING_VALUES = (
    "pk", "reference", "case_type", "received_on", "channel", "team_id", "subject_id", "nature_id", "resident_id",
    "handler_id", "closed_on", "outcome", "informal", "decision_sent_on", "filed_at_court_on", "description",
    "team__name", "subject__name", "nature__name", "resident__source_id", "resident__merged_into_id",
    "handler__username", "handler__first_name", "handler__last_name",
)  # fmt: skip


class Existing(SimpleNamespace):
    """A case already in Casus, as plain values (100,000 of them are read in a few seconds)."""


def _existing(organisation: Organisation, references: list[str]) -> dict[str, Existing]:
    found: dict[str, Existing] = {}
    for start in range(0, len(references), 5000):
        chunk = references[start : start + 5000]
        rows = Case.objects.filter(organisation=organisation, reference__in=chunk).values(*_EXISTING_VALUES)
        for row in rows:
            found[row["reference"]] = Existing(**{key.replace("__", "_"): value for key, value in row.items()})
    return found


def _changes(case: Existing, fields: dict[str, Any]) -> dict[str, Any]:
    """The filled cells that differ from the case (an empty cell means unknown: it changes nothing)."""
    changes = {}
    for name in IMPORTED_FIELDS:
        if name not in fields:
            continue
        new = fields[name]
        old = getattr(case, f"{name}_id") if name in _RELATIONS else getattr(case, name)
        if (new.pk if name in _RELATIONS else new) != old:
            changes[name] = new
    return changes


def import_file(
    *, organisation: Organisation, name: str, content: bytes, actor: Any = None, dry_run: bool = False,
    skip_invalid: bool = False,
) -> tuple[Report, Sheet | None]:  # fmt: skip
    report = Report(file_name=name)
    try:
        sheet = read_file(name, content)
    except FileError as error:
        report.file_error = str(error)
        return report, None
    report.ignored_columns = sheet.ignored
    report.read = len(sheet.rows)
    today = timezone.localdate()
    lookups = Lookups(organisation)
    rules = rules_for(organisation)
    valid: list[Checked] = []
    seen: dict[str, int] = {}
    for row in sheet.rows:
        checked = check_row(row, lookups, today)
        reference = checked.fields.get("reference")
        if reference and _key(reference) in seen:
            checked.problems.append(
                Problem(row.number, "kenmerk", reference, f"Dit kenmerk staat al in rij {seen[_key(reference)]}.")
            )
        elif reference:
            seen[_key(reference)] = row.number
        if not checked.problems:
            valid.append(checked)
        else:
            report.problems += checked.problems
            report.rejected_rows.append((row, checked.problems))
    existing = _existing(organisation, [c.fields["reference"] for c in valid])
    # The deadline engine checks the facts too (e.g. a decision date after the objection): such rows are
    # rejected before anything is written.
    planned_new: list[Checked] = []
    planned_update: list[tuple[Checked, Existing]] = []
    for checked in valid:
        case = existing.get(checked.fields["reference"])
        try:
            if case is None:
                _check_new(organisation, rules, checked.fields)
                planned_new.append(checked)
            else:
                plain = {k: v for k, v in checked.fields.items() if k not in _RELATIONS and k in IMPORTED_FIELDS}
                check_changes(case, {k: v for k, v in plain.items() if getattr(case, k) != v})
                planned_update.append((checked, case))
        except CaseError as error:
            values = checked.row.values
            _reject(report, checked, Problem(checked.row.number, "zaaktype", values["case_type"], str(error)))
    report.rejected = len(report.rejected_rows)
    report.created_teams = sorted(lookups.new_teams.values())
    report.created_subjects = sorted(lookups.new_subjects.values())
    report.created_natures = sorted(lookups.new_natures.values())
    report.created_handlers = sorted(lookups.new_handlers.values())
    report.created_residents = len(lookups.new_residents)
    if dry_run or (report.rejected and not skip_invalid):
        _plan_counts(report, planned_new, planned_update)
        return report, sheet
    with transaction.atomic():
        lookups.create_missing(actor)
        _apply(report, organisation, lookups, planned_new, planned_update, actor)
    report.applied = True
    return report, sheet


def _check_new(organisation: Organisation, rules: dict[str, Any], fields: dict[str, Any]) -> None:
    new = _new_case({k: v for k, v in fields.items() if k not in _RELATIONS}, "", None, 0, timezone.now())
    new_case_deadline(rules[new.case_type], new)


def _reject(report: Report, checked: Checked, problem: Problem) -> None:
    report.problems.append(problem)
    report.rejected_rows.append((checked.row, [problem]))


def _plan_counts(report: Report, planned_new: list[Checked], planned_update: list[tuple[Checked, Existing]]) -> None:
    """What the import would do: an update is counted when a filled cell differs (names of teams and
    the like compared by name, since they may not exist yet)."""
    report.imported = len(planned_new)
    for checked, case in planned_update:
        if _would_change(checked, case):
            report.updated += 1
        else:
            report.unchanged += 1


def _would_change(checked: Checked, case: Existing) -> bool:
    plain = {k: v for k, v in checked.fields.items() if k not in _RELATIONS}
    if any(getattr(case, k) != v for k, v in plain.items() if k in IMPORTED_FIELDS):
        return True
    values = checked.row.values
    current = {
        "team": case.team_name or "",
        "subject": case.subject_name or "",
        "nature": case.nature_name or "",
        "resident": case.resident_source_id or "",
    }
    for column, name in current.items():
        wanted = values.get(column, "").strip()
        if wanted and _key(wanted) != _key(name):
            if column == "resident" and case.resident_merged_into_id:
                continue
            return True
    handler = values.get("handler", "").strip()
    if handler and case.handler_id:
        full_name = f"{case.handler_first_name} {case.handler_last_name}"
        return _key(handler) not in (_key(case.handler_username), _key(full_name))
    return bool(handler)


def _apply(
    report: Report, organisation: Organisation, lookups: Lookups, planned_new: list[Checked],
    planned_update: list[tuple[Checked, Existing]], actor: Any,
) -> None:  # fmt: skip
    now = timezone.now()
    new_cases = [_new_case(_resolve(c, lookups), report.file_name, actor, c.row.number, now) for c in planned_new]
    cases_bulk_create(organisation=organisation, new_cases=new_cases)
    report.imported = len(new_cases)
    for checked, case in planned_update:
        changes = _changes(case, _resolve(checked, lookups))
        if changes:
            case_update_from_import(case=Case(pk=case.pk), changes=changes, actor=actor, file_name=report.file_name)
            report.updated += 1
        else:
            report.unchanged += 1


def column_names() -> list[str]:
    """The Dutch column names, in the order of the format."""
    return [names[0] for names in COLUMNS.values()]
