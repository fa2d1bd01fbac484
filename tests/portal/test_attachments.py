"""Attachments: PDF, JPG or PNG by what the content says (magic bytes), not by the name; at most three of
at most 10 MB; refusals in Dutch. Accepted files are stored through Django's storage, linked to the case
and on its timeline; only who may see the case downloads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import override_settings

from casus.cases.domain import EventKind
from casus.cases.models import Case
from casus.portal import uploads
from casus.portal.models import Attachment
from tests import factories

from .conftest import send

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_pdf_jpg_and_png_are_stored_and_on_the_timeline(inwoner_client: Client) -> None:
    files = [upload("besluit.pdf", PDF), upload("foto.jpg", JPG, "image/jpeg"), upload("scan.png", PNG, "image/png")]
    response = send(inwoner_client, "klacht", files=files)

    assert response.status_code == 302
    case = Case.objects.get()
    stored = list(case.attachments.order_by("id"))
    assert [(a.original_name, a.content_type) for a in stored] == [
        ("besluit.pdf", "application/pdf"), ("foto.jpg", "image/jpeg"), ("scan.png", "image/png"),
    ]  # fmt: skip
    for attachment, content in zip(stored, (PDF, JPG, PNG), strict=True):
        assert Path(attachment.file.path).read_bytes() == content
        assert "besluit" not in attachment.file.name  # stored under a random name
    events = case.events.filter(kind=EventKind.ATTACHMENT).order_by("id")
    assert [e.data["attachment"] for e in events] == [a.pk for a in stored]
    assert "Bijlage ontvangen via het webformulier: besluit.pdf (PDF, 1 kB)." in events[0].summary


def test_a_png_named_pdf_is_taken_as_the_png_it_is(inwoner_client: Client) -> None:
    send(inwoner_client, "vraag", files=[upload("brief.pdf", PNG, "application/pdf")])

    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    assert attachment.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("brief.pdf", EXE)], "brief.pdf is geen PDF, JPG of PNG."),
        ([("virus.exe", EXE)], "virus.exe is geen PDF, JPG of PNG."),
        ([("notities.txt", b"gewoon tekst")], "notities.txt is geen PDF, JPG of PNG."),
        ([("leeg.pdf", b"")], "leeg.pdf is leeg."),
        ([(f"{n}.pdf", PDF) for n in range(4)], "U kunt hoogstens 3 bestanden meesturen. U koos er 4."),
    ],
)
def test_other_files_are_refused_in_dutch_and_nothing_is_registered(
    inwoner_client: Client, files: list[tuple[str, bytes]], message: str
) -> None:
    response = send(inwoner_client, "klacht", files=[upload(name, content) for name, content in files])

    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "kies uw bijlagen opnieuw" in body
    assert not Case.objects.exists() and not Attachment.objects.exists()


def test_a_file_over_10_mb_is_refused(inwoner_client: Client) -> None:
    big = upload("groot.pdf", PDF + b"0" * uploads.MAX_SIZE)
    body = send(inwoner_client, "klacht", files=[big]).content.decode()

    assert "groot.pdf is te groot (10,0 MB). Een bestand mag hoogstens 10 MB zijn." in body
    assert not Case.objects.exists()


def test_a_handler_downloads_an_attachment_and_the_look_is_audited(
    inwoner_client: Client, behandelaar: Any, client: Client
) -> None:
    send(inwoner_client, "klacht", files=[upload("besluit.pdf", PDF)])
    case, attachment = Case.objects.get(), Attachment.objects.get()
    factories.team("BBK").memberships.create(user=behandelaar)
    factories.verified_login(client, behandelaar)
    page = client.get(f"/werk/zaken/{case.pk}/").content.decode()
    assert f'href="/werk/zaken/{case.pk}/bijlagen/{attachment.pk}/">Bijlage openen' in page  # on the timeline

    response = client.get(f"/werk/zaken/{case.pk}/bijlagen/{attachment.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="besluit.pdf"' in response["Content-Disposition"]


def test_someone_who_may_not_see_the_case_cannot_download(inwoner_client: Client, behandelaar_beheer: Any) -> None:
    send(inwoner_client, "klacht", files=[upload("besluit.pdf", PDF)])
    case, attachment = Case.objects.get(), Attachment.objects.get()
    client = Client()
    factories.verified_login(client, behandelaar_beheer)

    assert client.get(f"/werk/zaken/{case.pk}/bijlagen/{attachment.pk}/").status_code == 403
    assert Client().get(f"/werk/zaken/{case.pk}/bijlagen/{attachment.pk}/").status_code == 302  # to the login


def test_a_file_is_removed_from_storage_with_its_attachment(
    inwoner_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    send(inwoner_client, "klacht", files=[upload("besluit.pdf", PDF)])
    attachment = Attachment.objects.get()
    path = Path(attachment.file.path)
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()

    assert not path.exists()


def test_the_storage_folder_follows_the_setting(tmp_path: Path) -> None:
    with override_settings(CASUS_UPLOAD_DIR=str(tmp_path / "elders")):
        storage = Attachment._meta.get_field("file").storage
        assert storage.location == str(tmp_path / "elders")
        assert storage.base_url is None
