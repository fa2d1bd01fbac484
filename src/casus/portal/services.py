"""Every write of the residents' portal. A public form becomes a case through the same services the
workspace intake uses (casus.cases.services.case_register, a new Resident as
casus.workspace.services_intake does: the intake never matches a resident automatically, so the portal
does not either; a handler merges duplicates at the privacy desk).

One transaction per form (durable): the one-time form token, the resident, the case with its due date
from the deadline engine, the attachments with a timeline event each, and the status link. E-mails go
out after the commit; the written acknowledgement of receipt of a complaint (Awb 9:6) or an objection
(Awb 6:14) follows it, from the letters library.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from casus.cases import services as case_services
from casus.cases.domain import CaseType, Channel, EventKind
from casus.cases.models import Case, Resident

from .models import Attachment, StatusLink, Submission, token_hash
from .selectors import portal_organisation, portal_team
from .texts import next_steps, noun
from .uploads import FileKind, human_size, safe_name

log = logging.getLogger(__name__)
# Written acknowledgement of receipt the law requires: a complaint (Awb 9:6) and an objection (Awb 6:14).
ACKNOWLEDGED = (CaseType.KLACHT, CaseType.BEZWAAR)


@dataclass(frozen=True)
class Filed:
    case: Case
    status_token: str  # "" when the form had been sent before (a double click or a reload)

    @property
    def repeated(self) -> bool:
        return not self.status_token


def status_path(token: str) -> str:
    return reverse("portal:status", kwargs={"token": token})


def portal_submit(
    *, case_type: str, resident: dict[str, Any], description: str, uploads: list[tuple[UploadedFile, FileKind]],
    form_token: str, base_url: str, registration: dict[str, Any] | None = None, status_token: str = "",
) -> Filed:  # fmt: skip
    """Register a public form as a case (channel webformulier) and send the receipt e-mail with the
    secret status link. The same form token twice registers one case: the second call returns the
    first call's case (the unique token decides when two requests race). `status_token`: the link's
    token when the caller chose it in advance (see views._pending_token), else a new one."""
    form_token = form_token or secrets.token_urlsafe(24)
    stored: list[Attachment] = []
    try:
        with transaction.atomic(durable=True):
            submission = Submission.objects.create(token_hash=token_hash(form_token), case=None)
            case = _register(case_type, resident, description, registration or {})
            submission.case = case
            submission.save(update_fields=["case"])
            stored = [_attach(case, upload, kind, via="het webformulier") for upload, kind in uploads]
            token = status_link_create(case=case, token=status_token)
            transaction.on_commit(lambda: _send_receipt(case, token, base_url))
    except IntegrityError:
        _remove_files(stored)
        earlier = Submission.objects.filter(token_hash=token_hash(form_token), case__isnull=False).first()
        if earlier is None:
            raise
        return Filed(case=earlier.case, status_token="")
    except Exception:
        _remove_files(stored)
        raise
    if case.case_type in ACKNOWLEDGED:
        acknowledge_receipt(case)
    return Filed(case=case, status_token=token)


def _register(case_type: str, resident: dict[str, Any], description: str, registration: dict[str, Any]) -> Case:
    organisation = portal_organisation()
    person = Resident.objects.create(organisation=organisation, **resident)
    return case_services.case_register(
        organisation=organisation, case_type=case_type, received_on=timezone.localdate(), actor=None,
        channel=Channel.WEBFORMULIER, team=portal_team(organisation), resident=person, description=description,
        **registration,
    )  # fmt: skip


def new_status_token() -> str:
    """32 random bytes, URL-safe (43 characters): unguessable, and never stored as it is."""
    return secrets.token_urlsafe(32)


def status_link_create(*, case: Case, token: str = "") -> str:
    """A secret status link, of which only the SHA-256 is stored. Returns the token; it is shown on the
    receipt page and e-mailed once."""
    token = token if len(token) >= 43 else new_status_token()
    StatusLink.objects.create(case=case, token_hash=token_hash(token))
    return token


def _attach(case: Case, upload: UploadedFile, kind: FileKind, *, via: str) -> Attachment:
    """Store one file under a random name with the extension its content says, and put it on the
    timeline (EventKind.ATTACHMENT)."""
    name = safe_name(upload.name or "")
    upload.seek(0)
    attachment = Attachment(case=case, original_name=name, content_type=kind.content_type, size=upload.size)
    attachment.file.save(f"{secrets.token_hex(16)}.{kind.extension}", upload, save=False)
    attachment.save()
    case_services.event_append(
        case=case, kind=EventKind.ATTACHMENT, actor=None,
        summary=f"Bijlage ontvangen via {via}: {name} ({kind.label}, {human_size(upload.size)}).",
        attachment=attachment.pk, content_type=kind.content_type, size=upload.size,
    )  # fmt: skip
    return attachment


def _remove_files(attachments: list[Attachment]) -> None:
    for attachment in attachments:
        attachment.file.delete(save=False)


# --- e-mail ------------------------------------------------------------------------------------


def _send_receipt(case: Case, token: str, base_url: str) -> None:
    resident = case.resident
    if resident is None or not resident.email:
        return
    context = receipt_context(case, status_url=base_url.rstrip("/") + status_path(token))
    subject = f"Wij hebben uw {noun(case.case_type)} ontvangen ({case.reference})"
    body = render_to_string("portal/email/receipt.txt", context)
    send_mail(subject, body, None, [resident.email])


def receipt_context(case: Case, *, status_url: str) -> dict[str, Any]:
    from .contact import contact_person

    return {
        "case": case, "noun": noun(case.case_type), "status_url": status_url, "contact": contact_person(case),
        "steps": next_steps(case.case_type, case.due_on, late=case.filed_on_time is False),
        "organisation": case.organisation, "resident": case.resident,
    }  # fmt: skip


def acknowledge_receipt(case: Case) -> None:
    """The written acknowledgement of receipt of a complaint (Awb 9:6) or an objection (Awb 6:14), by
    the letters library (the "ontvangstbevestiging" letter, e-mailed and on the timeline). A failure is
    logged, not shown to the resident: the case is registered and the handler sends the letter from
    the case page."""
    from casus.letters.services import send_acknowledgement

    try:
        send_acknowledgement(case, actor=None)
    except Exception:
        log.exception("De ontvangstbevestiging van zaak %s is niet verstuurd.", case.reference)


# --- from the status page ------------------------------------------------------------------------


@transaction.atomic(durable=True)
def portal_add_information(*, case: Case, message: str, uploads: list[tuple[UploadedFile, FileKind]]) -> None:
    """The resident adds a message and/or files from the status page. The message goes on the timeline
    as a note for the handler (it does not end a suspension by itself: the handler judges whether the
    information asked for is complete, Awb 4:15), each file as an attachment; the handler gets an e-mail."""
    text = message.strip()
    if text:
        case_services.event_append(
            case=case, kind=EventKind.NOTE, actor=None, summary=f"Bericht van de inwoner via de statuspagina: {text}",
            source="statuspagina",
        )  # fmt: skip
    stored: list[Attachment] = []
    try:
        stored = [_attach(case, upload, kind, via="de statuspagina") for upload, kind in uploads]
    except Exception:
        _remove_files(stored)
        raise
    _notify(case, "De inwoner heeft informatie toegevoegd via de statuspagina.")


@transaction.atomic(durable=True)
def portal_request_withdrawal(*, case: Case, reason: str = "") -> None:
    """The resident asks to withdraw. Recorded as a note for the handler, who confirms and closes the
    case as withdrawn (ingetrokken); the case is never closed by the page itself."""
    summary = "De inwoner wil de zaak intrekken (via de statuspagina). Neem contact op en handel af als ingetrokken."
    if reason.strip():
        summary += f" Toelichting van de inwoner: {reason.strip()}"
    case_services.event_append(
        case=case, kind=EventKind.NOTE, actor=None, summary=summary, source="statuspagina", withdrawal=True
    )
    _notify(case, "De inwoner wil de zaak intrekken (via de statuspagina).")


def _notify(case: Case, what: str) -> None:
    """E-mail the handler, or the team when nobody handles the case yet (after the commit)."""
    to = case.handler.email if case.handler_id and case.handler.email else (case.team.email if case.team else "")
    if not to:
        return
    body = f"{what}\nZaak {case.reference}: kijk op de tijdlijn van de zaak in Casus.\n"
    transaction.on_commit(lambda: send_mail(f"Casus: nieuw bericht bij zaak {case.reference}", body, None, [to]))
