"""A case destroyed by the retention run takes its status links, attachments (and their files) and form
tokens with it: its link answers 404 like any unknown link."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from casus.cases import services as case_services
from casus.cases.domain import TeamRole
from casus.portal import services
from casus.portal.models import Attachment, StatusLink, Submission
from casus.portal.uploads import PDF
from casus.retention.models import DestroyedCase, DestructionList, ListStatus
from casus.retention.services import list_approve, list_execute
from tests import factories

pytestmark = pytest.mark.django_db


def old_closed_case_with_a_link_and_a_file() -> tuple[Any, str, Path]:
    case = factories.register("klacht", date(2019, 3, 4), resident=factories.resident())
    token = services.status_link_create(case=case)
    Submission.objects.create(token_hash="f" * 64, case=case)
    attachment = services._attach(case, SimpleUploadedFile("besluit.pdf", b"%PDF-1.4 oud"), PDF, via="het webformulier")
    case = case_services.case_close(case=case, actor=None, outcome="ongegrond", closed_on=date(2019, 4, 1))
    return case, token, Path(attachment.file.path)


def test_destruction_removes_the_link_the_attachments_and_their_files(
    bbk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, token, path = old_closed_case_with_a_link_and_a_file()
    assert Client().get(f"/status/{token}/").status_code == 200 and path.exists()
    fb = factories.user("fbeheer", first="Fatima", last="Amrani", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    call_command("retention_list", "--organisation", "almere", stdout=io.StringIO())
    destruction_list = list_approve(destruction_list=DestructionList.objects.get(status=ListStatus.CONCEPT), actor=fb)

    with django_capture_on_commit_callbacks(execute=True):
        result = list_execute(destruction_list=destruction_list, actor=fb)

    assert result.destroyed == [case.reference]
    assert not StatusLink.objects.filter(case=case).exists()
    assert not Attachment.objects.filter(case=case).exists()
    assert not Submission.objects.filter(case=case).exists()
    assert not path.exists()
    assert Client().get(f"/status/{token}/").status_code == 404


def test_a_link_of_a_destroyed_case_is_dead_even_if_it_were_left(bbk: Any) -> None:
    case, token, _path = old_closed_case_with_a_link_and_a_file()
    destruction_list = DestructionList.objects.create(organisation=case.organisation, selected_on=date(2026, 1, 1))
    DestroyedCase.objects.create(case=case, destruction_list=destruction_list)  # the row alone, no cleanup

    assert StatusLink.objects.filter(case=case).exists()
    response = Client().get(f"/status/{token}/")
    assert response.status_code == 404 and "Deze pagina bestaat niet" in response.content.decode()
