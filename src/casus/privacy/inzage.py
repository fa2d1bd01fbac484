"""The inzage (AVG art. 15): everything Casus holds about one resident, found by walking the models.

The walk starts at the resident and the residents merged into it (`merged_into`) and follows every
reverse relation generically with `Model._meta.get_fields()`: from the resident to their cases and to
every other table that points at a resident (corrections, requests, merges, ...); from each case to
every table that points at a case (timeline, suspensions, contact attempts, links both ways, access
grants, ...); and on from those rows, up to MAX_DEPTH. A new table with a foreign key to Resident or
Case is therefore included without a change here. Forward relations are never followed: they are
shown as a name (a colleague's name for a user, a team name, a case reference), so the walk never
wanders into other residents' data.

Excluded are only INTERNAL_FIELDS (per table) and fields whose name says they are a secret
(SECRET_FIELD_NAMES: password hashes, tokens). The full BSN is in the inzage: it is the resident's own.

JSON structure (keys are Dutch labels, from verbose_name):

    {
      "over_dit_overzicht": "...",            # what this is, in plain Dutch
      "gemaakt_op": "2026-05-20T10:15:00+02:00",
      "organisatie": {"naam": ..., "telefoonnummer": ..., "e-mailadres": ...},
      "inwoner": {"voorletters": ..., "BSN": ..., ...,  # every field of the resident
                  "correcties": [...], "verzoeken van de inwoner": [...], ...},  # every table pointing at it
      "zaken": [{"kenmerk": ..., "zaaktype": ..., ..., "tijdlijn": [...], "opschortingen": [...], ...}],
      "samengevoegde_inwoners": [{"inwoner": {...}, "zaken": [...]}],  # earlier duplicate registrations
      "raadplegingen": [{"tijdstip": ..., "handeling": ..., "gegeven": ..., "toegestaan": true}],
      "bronnen": [{"tabel": "cases.event", "naam": "tijdlijn", "via": "zaak"}, ...]  # every table walked
    }

A table reached through two foreign keys to the same parent gets the field in its key, e.g.
"koppelingen (zaak)" and "koppelingen (andere zaak)". Every relation is present, empty or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import models
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst

from casus.access.models import AuditEntry
from casus.cases.models import Case, Resident

MAX_DEPTH = 4  # resident (0) -> case (1) -> event (2) -> a table hanging on an event (3) -> (4)
INTERNAL_FIELDS: dict[str, set[str]] = {
    # The user is shown by the stored name, which stays right after an account is gone.
    "cases.event": {"actor"},
    "privacy.correction": {"actor"},
    "privacy.merge": {"actor", "case_ids"},  # the references are shown instead of internal ids
}
SECRET_FIELD_NAMES = ("password", "token", "secret", "_hash", "otp")
# Left out of the letter, kept in the JSON: internal numbers (every primary key) and a timeline entry's
# technical data (its summary says the same in words).
PDF_HIDDEN_FIELDS: dict[str, set[str]] = {"cases.event": {"data"}}

EXPLANATION = (
    "Dit is een overzicht van alle gegevens die wij in Casus over u hebben. U heeft daar recht op "
    "(artikel 15 van de Algemene verordening gegevensbescherming, AVG). Klopt er iets niet? Dan mag u "
    "vragen om het te verbeteren (artikel 16 AVG). Neem daarvoor contact met ons op."
)


@dataclass
class Section:
    key: str
    model_label: str
    via: str
    field_name: str
    rows: list[Row] = field(default_factory=list)

    @property
    def label(self) -> str:
        return capfirst(self.key)


@dataclass
class Row:
    model_label: str
    pk: Any
    values: list[tuple[str, Any]]  # (Dutch label, typed value)
    sections: list[Section] = field(default_factory=list)
    pdf_hidden: set[str] = field(default_factory=set)  # labels left out of the letter (not of the JSON)

    def value(self, label: str) -> Any:
        return next(value for key, value in self.values if key == label)


@dataclass
class Person:
    """One resident registration with their cases."""

    resident: Row
    cases: list[Row]


@dataclass
class Inzage:
    organisation: Any
    created_at: datetime
    person: Person
    merged: list[Person]
    consultations: list[dict[str, Any]]
    sources: list[dict[str, str]]

    resident_name: str = ""


# --- the walk ------------------------------------------------------------------------------------


def _is_user_model(model: Any) -> bool:
    return model is not None and model._meta.label == settings.AUTH_USER_MODEL


def _reverse_relations(model: type[models.Model]) -> list[ForeignObjectRel]:
    """Every table pointing at `model`, hidden ones (related_name='+') included."""
    found = []
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and isinstance(rel, ForeignObjectRel)):
            continue
        if rel.many_to_many and not rel.through._meta.auto_created:
            continue  # an explicit through table points at `model` itself and is walked as such
        if rel.related_model._meta.auto_created:
            continue  # the hidden table behind a plain many-to-many
        if _skipped(model, rel):
            continue
        found.append(rel)
    return sorted(found, key=lambda rel: (rel.related_model._meta.label_lower, rel.field.name))


def _skipped(model: type[models.Model], rel: ForeignObjectRel) -> bool:
    """Relations the inzage shows in their own place: a resident's cases and merged duplicates."""
    return model is Resident and rel.related_model in (Case, Resident)


def _section_key(model: type[models.Model], rel: ForeignObjectRel) -> str:
    related = rel.related_model
    key = str(related._meta.verbose_name_plural)
    twins = [r for r in _reverse_relations(model) if r.related_model is related]
    if len(twins) > 1:
        key = f"{key} ({rel.field.verbose_name})"
    return key


def _excluded(model: type[models.Model], model_field: models.Field) -> bool:
    if model_field.name in INTERNAL_FIELDS.get(model._meta.label_lower, set()):
        return True
    name = model_field.name.lower()
    return any(part in name for part in SECRET_FIELD_NAMES)


def _user_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _field_value(obj: models.Model, model_field: models.Field) -> Any:
    if model_field.many_to_many:
        related = getattr(obj, model_field.name).all()
        return [_user_name(item) if _is_user_model(model_field.related_model) else str(item) for item in related]
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        if related is None:
            return None
        return _user_name(related) if _is_user_model(model_field.related_model) else str(related)
    value = getattr(obj, model_field.attname)
    if model_field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{model_field.name}_display")())
    return value


def shown_fields(model: type[models.Model], parent: models.Field | None = None) -> list[models.Field]:
    """The fields of `model` in the inzage: all concrete and many-to-many fields but the link to the
    parent row (it is where the row is shown) and the declared internal ones."""
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [f for f in fields if f is not parent and not _excluded(model, f)]


def _label(model_field: models.Field, taken: set[str]) -> str:
    label = str(model_field.verbose_name)
    return label if label not in taken else f"{label} ({model_field.name})"


def _row(obj: models.Model, parent: models.Field | None = None, depth: int = 0) -> Row:
    model = type(obj)
    values: list[tuple[str, Any]] = []
    for model_field in shown_fields(model, parent):
        values.append((_label(model_field, {label for label, _ in values}), _field_value(obj, model_field)))
    row = Row(model._meta.label_lower, obj.pk, values)
    hidden = PDF_HIDDEN_FIELDS.get(model._meta.label_lower, set())
    row.pdf_hidden = {
        label
        for f, (label, _) in zip(shown_fields(model, parent), values, strict=True)
        if f.primary_key or f.name in hidden
    }
    if depth >= MAX_DEPTH:
        return row
    taken = {label for label, _ in values}
    for rel in _reverse_relations(model):
        key = _section_key(model, rel)
        key = key if key not in taken else f"{key} ({rel.related_model._meta.label_lower})"
        children = rel.related_model._base_manager.filter(**{rel.field.name: obj}).order_by("pk")
        section = Section(key, rel.related_model._meta.label_lower, str(rel.field.verbose_name), rel.field.name)
        # Rows reached through a many-to-many are shared with other residents: shown, never walked on.
        walk_on = not rel.many_to_many
        section.rows = [
            _row(child, rel.field if walk_on else None, depth + 1 if walk_on else MAX_DEPTH) for child in children
        ]
        row.sections.append(section)
    return row


def _person(resident: Resident) -> Person:
    cases = Case.objects.filter(resident=resident).order_by("received_on", "pk")
    return Person(_row(resident), [_row(case, Case._meta.get_field("resident"), 1) for case in cases])


def root_of(resident: Resident) -> Resident:
    """The registration that is kept: follow merged_into to its end."""
    seen = {resident.pk}
    while resident.merged_into_id is not None and resident.merged_into_id not in seen:
        seen.add(resident.merged_into_id)
        resident = resident.merged_into
    return resident


def _merged_into(resident: Resident) -> list[Resident]:
    """Every registration merged into `resident`, also indirectly (older data may hold chains)."""
    found, todo = [], [resident.pk]
    while todo:
        level = list(Resident.objects.filter(merged_into_id__in=todo).exclude(pk=resident.pk).order_by("pk"))
        level = [r for r in level if r.pk not in {f.pk for f in found}]
        found.extend(level)
        todo = [r.pk for r in level]
    return found


def sources() -> list[dict[str, str]]:
    """Every table the walk visits, from the model graph (not from the rows found): the test that no
    table with resident data is forgotten reads this."""
    found: list[dict[str, str]] = [{"tabel": "cases.resident", "naam": "inwoner", "via": ""}]
    found.append({"tabel": "cases.case", "naam": "zaken", "via": str(Case._meta.get_field("resident").verbose_name)})
    found.append({"tabel": "cases.resident", "naam": "samengevoegde_inwoners", "via": "samengevoegd met"})
    todo, seen = [(Resident, 0), (Case, 1)], set()
    while todo:
        model, depth = todo.pop(0)
        if model in seen or depth >= MAX_DEPTH:
            continue
        seen.add(model)
        for rel in _reverse_relations(model):
            label = rel.related_model._meta.label_lower
            found.append({"tabel": label, "naam": _section_key(model, rel), "via": str(rel.field.verbose_name)})
            if not rel.many_to_many:
                todo.append((rel.related_model, depth + 1))
    return found


def _consultations(residents: list[Resident], cases: list[Row]) -> list[dict[str, Any]]:
    """When the resident's data was looked at, searched, exported or changed, and what (CJEU C-579/21:
    the date and the act, not the colleague's name)."""
    references = {str(case.pk): case.value(str(Case._meta.get_field("reference").verbose_name)) for case in cases}
    entries = AuditEntry.objects.filter(
        models.Q(object_type="cases.resident", object_id__in=[str(r.pk) for r in residents])
        | models.Q(object_type="cases.case", object_id__in=list(references))
    ).order_by("at", "id")
    return [
        {
            "tijdstip": entry.at,
            "handeling": str(entry.get_action_display()),
            "gegeven": f"zaak {references[entry.object_id]}" if entry.object_type == "cases.case" else "uw gegevens",
            "toegestaan": entry.allowed,
        }
        for entry in entries
    ]


def collect(resident: Resident) -> Inzage:
    """Everything about `resident` (and the registrations merged into it)."""
    root = root_of(resident)
    person = _person(root)
    duplicates = _merged_into(root)
    merged = [_person(duplicate) for duplicate in duplicates]
    all_cases = [*person.cases, *(case for m in merged for case in m.cases)]
    return Inzage(
        organisation=root.organisation, created_at=timezone.now(), person=person, merged=merged,
        consultations=_consultations([root, *duplicates], all_cases), sources=sources(), resident_name=str(root),
    )  # fmt: skip


# --- JSON ----------------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    return value


def _row_json(row: Row) -> dict[str, Any]:
    data = {label: _json_value(value) for label, value in row.values}
    for section in row.sections:
        data[section.key] = [_row_json(child) for child in section.rows]
    return data


def _organisation_json(organisation: Any) -> dict[str, str]:
    return {"naam": organisation.name, "telefoonnummer": organisation.phone, "e-mailadres": organisation.email}


def as_json(inzage: Inzage) -> dict[str, Any]:
    return {
        "over_dit_overzicht": EXPLANATION,
        "gemaakt_op": _json_value(inzage.created_at),
        "organisatie": _organisation_json(inzage.organisation),
        "inwoner": _row_json(inzage.person.resident),
        "zaken": [_row_json(case) for case in inzage.person.cases],
        "samengevoegde_inwoners": [
            {"inwoner": _row_json(m.resident), "zaken": [_row_json(case) for case in m.cases]} for m in inzage.merged
        ],
        "raadplegingen": [{key: _json_value(value) for key, value in c.items()} for c in inzage.consultations],
        "bronnen": inzage.sources,
    }


# --- PDF -----------------------------------------------------------------------------------------


def display(value: Any) -> str:
    """A value as a resident reads it: dates as 20-05-2026, yes/no in Dutch, '–' for empty."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
            if timezone.is_aware(value)
            else f"{value:%d-%m-%Y %H:%M}"
        )
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, dict):
        if {"label", "old", "new"} <= set(value):
            return f"{value['label']}: {display(value['old'])} → {display(value['new'])}"
        return "; ".join(f"{key}: {display(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(display(item) for item in value)
    return str(value)


def _verbose(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _pdf_values(row: Row, *, skip_empty: bool) -> list[tuple[str, str]]:
    pairs = [(capfirst(label), display(value)) for label, value in row.values if label not in row.pdf_hidden]
    return [(label, text) for label, text in pairs if not (skip_empty and text == "–")]


def _pdf_section(section: Section) -> dict[str, Any]:
    rows = [
        {"values": _pdf_values(row, skip_empty=False), "sections": [_pdf_section(s) for s in row.sections if s.rows]}
        for row in section.rows
    ]
    columns = [label for label, _ in rows[0]["values"]] if rows else []
    return {"label": section.label, "rows": rows, "columns": columns, "wide": len(columns) > 6}


def _pdf_person(person: Person) -> dict[str, Any]:
    return {
        "resident": _pdf_values(person.resident, skip_empty=True),
        "resident_sections": [_pdf_section(s) for s in person.resident.sections if s.rows],
        "cases": [
            {
                "title": f"{case.value(_verbose(Case, 'reference'))} – {case.value(_verbose(Case, 'case_type'))}",
                "values": _pdf_values(case, skip_empty=True),
                "sections": [_pdf_section(s) for s in case.sections if s.rows],
            }
            for case in person.cases
        ],
    }


def _address_lines(resident: Row) -> list[str]:
    def get(name: str) -> str:
        value = resident.value(_verbose(Resident, name))
        return "" if value in ("", None) else str(value)

    return [
        " ".join(part for part in (get("street"), get("house_number")) if part),
        " ".join(part for part in (get("postcode"), get("city")) if part),
    ]


def html(inzage: Inzage) -> str:
    resident = inzage.person.resident
    return render_to_string(
        "privacy/inzage_pdf.html",
        {
            "inzage": inzage, "organisation": inzage.organisation, "explanation": EXPLANATION,
            "name": inzage.resident_name,
            "person": _pdf_person(inzage.person), "merged": [_pdf_person(m) for m in inzage.merged],
            "consultations": [{k: display(v) for k, v in c.items()} for c in inzage.consultations],
            "address": [root_line for root_line in _address_lines(resident) if root_line],
        },
    )  # fmt: skip


def pdf(inzage: Inzage) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(inzage)).write_pdf()
