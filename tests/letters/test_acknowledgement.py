"""The acknowledgement of receipt (Awb 9:6) the portal sends for every written complaint."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from casus.cases.domain import EventKind
from casus.letters.models import Letter, LetterChannel, LetterKind
from casus.letters.services import send_acknowledgement
from tests import factories

from .conftest import pdf_text, register

pytestmark = pytest.mark.django_db(transaction=False)


def test_it_emails_the_acknowledgement_with_the_pdf_and_puts_it_on_the_timeline(
    werk, inwoner_met_mail, behandelaar, django_capture_on_commit_callbacks
) -> None:
    case = register("klacht", date(2026, 4, 14), resident=inwoner_met_mail, handler=behandelaar)
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_acknowledgement(case)
    assert letter is not None
    assert letter.kind == LetterKind.ONTVANGSTBEVESTIGING
    assert letter.channel == LetterChannel.EMAIL
    assert letter.template_version.template.case_type == "klacht"
    message = next(m for m in mail.outbox if m.to == ["f.yilmaz@voorbeeld.invalid"])
    assert case.reference in message.subject
    assert "Sanne Bakker" in message.body
    (_name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    event = factories.last_event(case)
    assert event.kind == EventKind.LETTER_SENT
    assert event.data["letter"] == letter.pk
    assert "Ontvangstbevestiging" in event.summary


def test_a_second_call_sends_nothing(werk, inwoner_met_mail, behandelaar, django_capture_on_commit_callbacks) -> None:
    case = register("klacht", date(2026, 4, 14), resident=inwoner_met_mail, handler=behandelaar)
    with django_capture_on_commit_callbacks(execute=True):
        first = send_acknowledgement(case)
        second = send_acknowledgement(case)
    assert first is not None and second is not None and first.pk == second.pk
    assert Letter.objects.filter(case=case).count() == 1
    assert len([m for m in mail.outbox if m.to == ["f.yilmaz@voorbeeld.invalid"]]) == 1
    assert factories.event_kinds(case).count(EventKind.LETTER_SENT) == 1


def test_the_database_refuses_a_second_acknowledgement(werk, inwoner_met_mail, behandelaar) -> None:
    from django.db import IntegrityError, transaction

    case = register("klacht", date(2026, 4, 14), resident=inwoner_met_mail, handler=behandelaar)
    letter = send_acknowledgement(case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            case=case,
            template_version=letter.template_version,
            kind=LetterKind.ONTVANGSTBEVESTIGING,
            subject="x",
            body="x",
            html="x",
            pdf=b"x",
            channel=LetterChannel.POST,
        )


def test_without_e_mail_it_is_ready_for_the_post_with_the_reference_and_due_date(werk, behandelaar) -> None:
    resident = factories.resident(given_name="Johan", surname="de Wit")
    case = register("klacht", date(2026, 4, 14), resident=resident, handler=behandelaar)
    letter = send_acknowledgement(case)
    assert letter.channel == LetterChannel.POST
    assert not mail.outbox
    text = pdf_text(bytes(letter.pdf))
    assert case.reference in text
    assert "26 mei 2026" in text  # 14 April + 6 weeks
    assert "Johan de Wit" in text and "1312 AB" in text


def test_a_case_that_cannot_get_the_letter_says_so_on_the_timeline(werk) -> None:
    case = register("klacht", date(2026, 4, 14), resident=None)  # no resident, no address, no e-mail
    assert send_acknowledgement(case) is None
    event = factories.last_event(case)
    assert event.kind == EventKind.NOTE
    assert "niet automatisch verstuurd" in event.summary
    assert not Letter.objects.filter(case=case).exists()


def test_a_type_without_an_acknowledgement_gets_none(werk, inwoner_met_mail) -> None:
    case = register("terugbelverzoek", date(2026, 4, 14), resident=inwoner_met_mail)
    assert send_acknowledgement(case) is None
    assert not Letter.objects.filter(case=case).exists()
