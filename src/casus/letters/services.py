"""Every write of the letters app: saving a template (a new version each time) and sending a letter
(stored with its HTML and PDF, on the case's timeline, e-mailed after commit).

`send_acknowledgement(case)` is the acknowledgement of receipt a written complaint must get (Awb 9:6);
the resident portal calls it for every case it registers. It is idempotent: the database allows one
acknowledgement per case, and a second call returns the first letter without sending anything.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.cases.domain import EventKind
from casus.cases.models import Case, Organisation
from casus.cases.services import event_append

from . import fields as merge
from .models import Letter, LetterChannel, LetterKind, LetterTemplate, LetterTemplateVersion
from .render import Draft, LetterError, MissingFields, compose, document_html, fill, pdf_bytes, tidy
from .sandbox import LetterTemplateError, compile_text
from .selectors import template_for

__all__ = [
    "LetterError", "LetterTemplateError", "MissingFields", "letter_send", "send_acknowledgement", "template_save",
    "template_validate",
]  # fmt: skip


def _name(user: Any) -> str:
    if user is None or getattr(user, "pk", None) is None:
        return "Casus"
    return user.get_full_name() or user.get_username()


# --- templates -----------------------------------------------------------------------------------


def template_validate(*, subject: str, body: str) -> None:
    """Refuse a template that does not compile or that names a merge field that does not exist
    (LetterTemplateError, in Dutch)."""
    if not subject.strip():
        raise LetterTemplateError("Het onderwerp van de brief is leeg.")
    if not body.strip():
        raise LetterTemplateError("De tekst van de brief is leeg.")
    for label, text in (("Onderwerp", subject), ("Tekst", body)):
        try:
            compile_text(text)
        except LetterTemplateError as error:
            raise LetterTemplateError(f"{label}: {error}") from None
    probe = LetterTemplateVersion(subject=subject, body=body)
    try:
        fill(probe, merge.example_fields(None, on=timezone.localdate()))
    except MissingFields as error:
        names = ", ".join("{{ " + name + " }}" for name in error.missing)
        which = "Dit veld bestaat niet" if len(error.missing) == 1 else "Deze velden bestaan niet"
        raise LetterTemplateError(f"{which}: {names}. Kies een veld uit de lijst bij de tekst.") from None


def describe_changes(previous: LetterTemplateVersion | None, subject: str, body: str) -> str:
    """What changed, as a short unified diff the beheerder can read (the first version: 'Eerste versie')."""
    if previous is None:
        return "Eerste versie."
    old = [f"Onderwerp: {previous.subject}", *previous.body.splitlines()]
    new = [f"Onderwerp: {subject}", *body.splitlines()]
    lines = difflib.unified_diff(old, new, "vorige versie", "deze versie", n=1, lineterm="")
    return "\n".join(list(lines)[2:])


@transaction.atomic
def template_save(
    *, template: LetterTemplate, organisation: Organisation | None, subject: str, body: str, actor: Any,
    note: str = "",
) -> LetterTemplateVersion:  # fmt: skip
    """Save a new version. Saving a standard template for an organisation creates that organisation's
    own copy (the standard stays as it is for everyone else); organisation None edits the standard
    itself (superuser only, checked by the view)."""
    template_validate(subject=subject, body=body)
    subject, body = subject.strip(), body.replace("\r\n", "\n").strip()
    target = _target(template, organisation)
    previous = target.versions.order_by("-number").first() or template.versions.order_by("-number").first()
    if previous is not None and previous.subject == subject and previous.body == body:
        raise LetterTemplateError("Er is niets gewijzigd. De tekst is niet opnieuw opgeslagen.")
    number = (target.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = LetterTemplateVersion.objects.create(
        template=target, number=number, subject=subject, body=body, created_by=actor if getattr(actor, "pk", None)
        else None, created_by_name=_name(actor), note=note.strip()[:300],
        changes=describe_changes(previous, subject, body),
    )  # fmt: skip
    audit(AuditAction.CHANGE, target, user=actor if getattr(actor, "pk", None) else None, version=number)
    return version


def _target(template: LetterTemplate, organisation: Organisation | None) -> LetterTemplate:
    if template.organisation_id is not None or organisation is None:
        return LetterTemplate.objects.select_for_update().get(pk=template.pk)
    own, _ = LetterTemplate.objects.get_or_create(
        organisation=organisation, case_type=template.case_type, kind=template.kind,
        defaults={"based_on": template},
    )  # fmt: skip
    return LetterTemplate.objects.select_for_update().get(pk=own.pk)


# --- sending -------------------------------------------------------------------------------------


def _require_channel(case: Case, channel: str, draft: Draft) -> str:
    """The address the letter goes to: the resident's e-mail, or a postal address for the window."""
    resident = case.resident
    if channel == LetterChannel.EMAIL:
        if resident is None or not resident.email:
            raise LetterError("De inwoner heeft geen e-mailadres. Verstuur de brief per post.")
        return resident.email
    if channel == LetterChannel.POST:
        if resident is None or not (resident.street and resident.postcode and resident.city):
            raise LetterError(
                "Voor een brief per post is het adres van de inwoner nodig (straat, postcode en woonplaats). "
                "Vul het adres aan bij de inwoner."
            )
        return resident.address
    raise LetterError("Kies hoe de brief verstuurd wordt: per e-mail of per post.")


@transaction.atomic
def letter_send(
    *, case: Case, version: LetterTemplateVersion, channel: str, actor: Any, subject: str | None = None,
    body: str | None = None, on: date | None = None, extra: dict[str, str] | None = None,
) -> Letter:  # fmt: skip
    """Send one letter for `case` from template `version`. `subject` and `body` are the handler's text
    for this one letter (default: the template's, filled in). Every merge field must have a value
    (MissingFields otherwise). The letter is stored with its HTML and PDF and the exact version, goes
    on the timeline, and an e-mail (PDF attached) leaves after commit."""
    draft = compose(case, version, on=on, extra=extra)
    subject = " ".join((subject if subject is not None else draft.subject).split())
    body = tidy(body if body is not None else draft.body)
    if not subject or not body:
        raise LetterError("Het onderwerp en de tekst van de brief mogen niet leeg zijn.")
    recipient = _require_channel(case, channel, draft)
    html = document_html(case.organisation, draft, subject=subject, body=body)
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                case=case, template_version=version, kind=version.template.kind, subject=subject, body=body,
                edited=(subject, body) != (draft.subject, draft.body), html=html, pdf=pdf_bytes(html),
                channel=channel, recipient=recipient, sent_by=actor if getattr(actor, "pk", None) else None,
                sent_by_name=_name(actor), sent_at=timezone.now(),
            )  # fmt: skip
    except IntegrityError:
        raise LetterError("Voor deze zaak is al een ontvangstbevestiging verstuurd.") from None
    _on_timeline(letter, actor)
    if channel == LetterChannel.EMAIL:
        _mail_after_commit(letter, draft)
    return letter


def _on_timeline(letter: Letter, actor: Any) -> None:
    label = letter.get_kind_display()
    version = letter.template_version
    how = (
        f"per e-mail verzonden aan {letter.recipient}"
        if letter.channel == LetterChannel.EMAIL
        else "per post verstuurd (PDF om te printen)"
    )
    edited = " De tekst is voor deze brief aangepast." if letter.edited else ""
    event_append(
        case=letter.case, kind=EventKind.LETTER_SENT, actor=actor,
        summary=f"Brief '{label}' {how}: {letter.subject}.{edited}",
        letter=letter.pk, letter_kind=letter.kind, channel=letter.channel, template=version.template_id,
        template_version=version.number,
    )  # fmt: skip


def _mail_after_commit(letter: Letter, draft: Draft) -> None:
    case = letter.case
    text = (
        f"{letter.body}\n\nMet vriendelijke groet,\n\n{draft.contact.name}\n"
        + (f"Team {draft.contact.team}\n" if draft.contact.team else "")
        + f"{case.organisation.name}\n\nU vindt deze brief ook als PDF in de bijlage."
    )
    message = EmailMessage(f"{letter.subject} (kenmerk {case.reference})", text, None, [letter.recipient])
    if draft.contact.email:
        message.reply_to = [draft.contact.email]
    message.attach(letter.file_name, bytes(letter.pdf), "application/pdf")
    transaction.on_commit(lambda: message.send(fail_silently=False))


# --- the acknowledgement of receipt (Awb 9:6) ----------------------------------------------------


def send_acknowledgement(case: Case, actor: Any = None) -> Letter | None:
    """Send the acknowledgement of receipt for the case's type (for a written complaint: Awb 9:6),
    by e-mail when the resident has an e-mail address, else ready for the post. Idempotent: when the
    case already has one, that letter is returned and nothing is sent. None when the case type has
    no acknowledgement template, or when the letter cannot be made (the reason goes on the timeline,
    so the handler sends it by hand from the case page)."""
    existing = Letter.objects.filter(case=case, kind=LetterKind.ONTVANGSTBEVESTIGING).first()
    if existing is not None:
        return existing
    template = template_for(
        organisation=case.organisation, case_type=case.case_type, kind=LetterKind.ONTVANGSTBEVESTIGING
    )
    if template is None:
        return None
    resident = case.resident
    channel = LetterChannel.EMAIL if resident is not None and resident.email else LetterChannel.POST
    try:
        return letter_send(case=case, version=template.current, channel=channel, actor=actor)
    except LetterError as error:
        existing = Letter.objects.filter(case=case, kind=LetterKind.ONTVANGSTBEVESTIGING).first()
        if existing is not None:  # a concurrent call sent it first
            return existing
        event_append(
            case=case, kind=EventKind.NOTE, actor=actor,
            summary=f"De ontvangstbevestiging is niet automatisch verstuurd. {error} "
            "Stuur haar vanaf de zaakpagina (Brieven).",
        )  # fmt: skip
        return None
