"""Every write of the privacy desk: requests, corrections (AVG art. 16) and merges of duplicates.

Services are keyword-only after their subject, run in one transaction, write the audit entry in that
transaction and raise PrivacyError with a Dutch message when a step is not allowed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import can
from casus.cases.domain import OPEN_STATUSES, EventKind
from casus.cases.models import Case, Resident
from casus.cases.services import event_append

from .models import Correction, DataRequest, Merge, RequestKind
from .terms import answer_due

# The resident's own data that a correction may change (not the organisation, source id or merge link).
CORRECTABLE_FIELDS = (
    "initials", "given_name", "surname_prefix", "surname", "street", "house_number", "postcode", "city",
    "phone", "email", "bsn", "preferred_channel", "interpreter_language", "low_digital_skills",
    "representative_kind", "representative_name", "representative_contact",
)  # fmt: skip
# Filled on the kept resident from the duplicate when empty there. Not source_id: it is unique per
# organisation and stays on the duplicate, so an import still finds the old row (and its merged_into).
MERGE_FILL_FIELDS = CORRECTABLE_FIELDS


class PrivacyError(Exception):
    """A step that is not allowed; the message is Dutch and shown to the user as it is."""


def _name(user: Any) -> str:
    if user is None:
        return "Casus"
    return user.get_full_name() or user.get_username()


def _label(field_name: str) -> str:
    return str(Resident._meta.get_field(field_name).verbose_name)


def _masked(field_name: str, value: Any) -> Any:
    """A BSN is stored masked in a correction record: the record is evidence, not a second copy."""
    if field_name == "bsn" and value:
        return f"*****{str(value)[-4:]}"
    return value


def _validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(
            f"{_label(field) if field in CORRECTABLE_FIELDS else field}: {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


# --- requests ------------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def data_request_register(
    resident: Resident, *, kind: str, received_on: date, actor: Any, notes: str = ""
) -> DataRequest:
    """Record a request for inzage or correctie; it must be answered within one month (AVG art. 12 lid 3)."""
    if kind not in RequestKind.values:
        raise PrivacyError("Kies het soort verzoek: inzage of correctie.")
    if received_on > timezone.localdate():
        raise PrivacyError("De datum van ontvangst ligt in de toekomst.")
    data_request = DataRequest.objects.create(
        organisation_id=resident.organisation_id, resident=resident, kind=kind, received_on=received_on,
        due_on=answer_due(received_on), notes=notes.strip(), registered_by=actor,
    )  # fmt: skip
    audit(AuditAction.CHANGE, resident, user=actor, step="verzoek vastgelegd", kind=kind, data_request=data_request.pk)
    return data_request


@transaction.atomic(durable=True)
def data_request_handle(data_request: DataRequest, *, actor: Any, handled_on: date, notes: str = "") -> DataRequest:
    """Mark a request answered. Once handled it stays handled (the date is the evidence)."""
    data_request = DataRequest.objects.select_for_update().select_related("resident").get(pk=data_request.pk)
    if data_request.handled_on is not None:
        raise PrivacyError(f"Dit verzoek is al afgehandeld op {data_request.handled_on:%d-%m-%Y}.")
    if handled_on < data_request.received_on:
        raise PrivacyError("De datum van afhandeling ligt vóór de datum van ontvangst.")
    if handled_on > timezone.localdate():
        raise PrivacyError("De datum van afhandeling ligt in de toekomst.")
    data_request.handled_on, data_request.handled_by = handled_on, actor
    if notes.strip():
        data_request.notes = f"{data_request.notes}\n{notes.strip()}".strip()
    data_request.save(update_fields=["handled_on", "handled_by", "notes"])
    audit(
        AuditAction.CHANGE, data_request.resident, user=actor, step="verzoek afgehandeld",
        data_request=data_request.pk, on_time=handled_on <= data_request.due_on,
    )  # fmt: skip
    return data_request


# --- correction (AVG art. 16) --------------------------------------------------------------------


@transaction.atomic(durable=True)
def resident_correct(resident: Resident, changes: dict[str, Any], *, reason: str, actor: Any) -> Correction:
    """Correct a resident's data (AVG art. 16): validate, save, keep old and new value in a Correction
    (a BSN masked), note it on the timeline of their open cases and in the audit log."""
    if not reason.strip():
        raise PrivacyError("Vul de reden van de correctie in.")
    unknown = sorted(set(changes) - set(CORRECTABLE_FIELDS))
    if unknown:
        raise PrivacyError(f"Deze gegevens kunnen niet worden gecorrigeerd: {', '.join(unknown)}.")
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.merged_into_id is not None:
        raise PrivacyError("Deze inwoner is samengevoegd met een andere inwoner. Corrigeer de gegevens daar.")
    record = []
    for field_name, new in changes.items():
        old = getattr(resident, field_name)
        if old == new:
            continue
        setattr(resident, field_name, new)
        record.append(
            {
                "field": field_name,
                "label": _label(field_name),
                "old": _masked(field_name, old),
                "new": _masked(field_name, new),
            }
        )
    if not record:
        raise PrivacyError("Er is niets gewijzigd. Pas eerst een gegeven aan.")
    try:
        resident.full_clean(exclude=[f.name for f in Resident._meta.fields if f.name not in changes])
    except ValidationError as error:
        raise PrivacyError(_validation_message(error)) from error
    resident.save(update_fields=[change["field"] for change in record])
    correction = Correction.objects.create(
        resident=resident, changes=record, reason=reason.strip(), actor=actor, actor_name=_name(actor)
    )
    labels = ", ".join(change["label"] for change in record)
    for case in _open_cases(resident):
        event_append(
            case=case, kind=EventKind.UPDATED, actor=actor,
            summary=f"Gegevens van de inwoner gecorrigeerd (AVG art. 16): {labels}.", correction=correction.pk,
        )  # fmt: skip
    audit(
        AuditAction.CHANGE,
        resident,
        user=actor,
        fields=[change["field"] for change in record],
        correction=correction.pk,
    )
    return correction


def _open_cases(resident: Resident) -> list[Case]:
    return list(Case.objects.filter(resident=resident, status__in=OPEN_STATUSES).order_by("pk"))


# --- merge of duplicates -------------------------------------------------------------------------


def merge_problem(keep: Resident, duplicate: Resident) -> str | None:
    """Why these two cannot be merged (Dutch), or None."""
    if keep.pk == duplicate.pk:
        return "U kunt een inwoner niet met zichzelf samenvoegen."
    if keep.organisation_id != duplicate.organisation_id:
        return "Deze inwoners horen bij verschillende organisaties. Samenvoegen kan alleen binnen één organisatie."
    if keep.merged_into_id is not None:
        return "De inwoner die u wilt bewaren, is zelf al samengevoegd met een andere inwoner."
    if duplicate.merged_into_id is not None:
        return "Deze dubbele inwoner is al samengevoegd met een andere inwoner."
    return None


def merge_fill(keep: Resident, duplicate: Resident) -> dict[str, Any]:
    """The fields of `keep` that are empty and get the duplicate's value."""
    fill = {}
    for field_name in MERGE_FILL_FIELDS:
        mine, theirs = getattr(keep, field_name), getattr(duplicate, field_name)
        if theirs not in ("", None, False) and mine in ("", None, False):
            fill[field_name] = theirs
    return fill


@transaction.atomic(durable=True)
def residents_merge(keep: Resident, duplicate: Resident, *, actor: Any, reason: str) -> Merge:
    """Merge a duplicate registration into `keep`: its cases move, empty fields of `keep` are filled
    from it, and the duplicate row stays with merged_into = keep, so nothing of its history is lost."""
    if not reason.strip():
        raise PrivacyError("Vul de reden van het samenvoegen in.")
    first, second = sorted([keep.pk, duplicate.pk])
    locked = {r.pk: r for r in Resident.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk")}
    keep, duplicate = locked[keep.pk], locked.get(duplicate.pk, keep)
    if problem := merge_problem(keep, duplicate):
        raise PrivacyError(problem)
    if not (can(actor, "resident.merge", keep) and can(actor, "resident.merge", duplicate)):
        raise PrivacyError("U mag deze inwoners niet samenvoegen.")
    cases = list(Case.objects.filter(resident=duplicate).order_by("pk"))
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(resident=keep, updated_at=timezone.now())
    for case in cases:
        event_append(
            case=case, kind=EventKind.UPDATED, actor=actor,
            summary="Dubbele registratie van de inwoner opgeheven: de zaak hoort nu bij de bewaarde inwoner.",
            resident_before=duplicate.pk, resident_after=keep.pk,
        )  # fmt: skip
    fill = merge_fill(keep, duplicate)
    for field_name, value in fill.items():
        setattr(keep, field_name, value)
    if fill:
        keep.save(update_fields=list(fill))
    # Earlier duplicates of the duplicate now point at `keep` too: one level, never a chain.
    Resident.objects.filter(merged_into=duplicate).update(merged_into=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    merge = Merge.objects.create(
        keep=keep, duplicate=duplicate, reason=reason.strip(), case_ids=[case.pk for case in cases],
        case_references=[case.reference for case in cases], filled_fields=[_label(name) for name in fill],
        actor=actor, actor_name=_name(actor),
    )  # fmt: skip
    audit(AuditAction.CHANGE, keep, user=actor, merged=duplicate.pk, cases=len(cases), merge=merge.pk)
    audit(AuditAction.CHANGE, duplicate, user=actor, merged_into=keep.pk, merge=merge.pk)
    return merge
