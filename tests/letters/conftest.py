"""Personas and cases for the letter tests: team Werk of Gemeente Almere with a direct line, and
residents with and without an e-mail address."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from casus.cases.models import Case, Resident, Team
from casus.letters.models import Letterhead
from tests import factories


@pytest.fixture
def werk(db: None) -> Team:
    team = factories.team("Werk")
    Team.objects.filter(pk=team.pk).update(phone="036 539 99 11", email="werk@almere.example")
    team.refresh_from_db()
    org = team.organisation
    org.phone = "14 036"
    org.save(update_fields=["phone"])
    Letterhead.objects.update_or_create(
        organisation=org,
        defaults={
            "sender_line": "Werk en Inkomen",
            "postal_address": "Postbus 200",
            "postal_city": "1300 AE Almere",
            "visiting_address": "Stadhuisplein 1, Almere",
            "website": "www.almere.nl",
        },
    )
    return team


@pytest.fixture
def inwoner_met_mail(db: None) -> Resident:
    return factories.resident(
        given_name="Fatima",
        surname="Yilmaz",
        email="f.yilmaz@voorbeeld.invalid",
        street="Kathmandustraat",
        house_number="7",
        postcode="1336KJ",
        city="Almere",
    )


def register(case_type: str, received_on: date, **fields: Any) -> Case:
    fields.setdefault("team", factories.team("Werk"))
    return factories.register(case_type, received_on, **fields)


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as a reader extracts it (pypdf, pure Python: no poppler on a bare machine)."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
