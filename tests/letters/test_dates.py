"""The dates in a letter come from the deadline engine and are written in Dutch ("12 mei 2026"):
a postponed complaint, a suspended application (hersteltermijn) and a bezwaar's six-week appeal term."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from casus.cases import services
from casus.deadlines.explain import dutch_date
from casus.letters.fields import merge_fields
from casus.letters.models import Letter, LetterKind, LetterTemplate
from casus.letters.render import compose
from casus.letters.services import letter_send

from .conftest import pdf_text, register

pytestmark = pytest.mark.django_db


def _version(case_type: str, kind: str) -> Any:
    return LetterTemplate.objects.get(organisation=None, case_type=case_type, kind=kind).current


def test_a_postponed_complaint_names_the_old_and_the_new_date(
    werk: Any, behandelaar: Any, inwoner_met_mail: Any
) -> None:
    case = register("klacht", date(2026, 4, 14), resident=inwoner_met_mail, handler=behandelaar)  # due 26 May
    services.case_postpone(
        case=case, actor=behandelaar, notice_sent_on=date(2026, 5, 1), reason="wij wachten op advies"
    )
    case.refresh_from_db()
    dates = merge_fields(case, on=date(2026, 5, 1))["datum"]
    assert dates["oude_uiterste_datum"] == "26 mei 2026"
    assert dates["verdaagd_tot"] == "23 juni 2026"  # 4 weeks later (Awb 9:11 lid 2)
    assert dates["verdaagd_tot"] == dutch_date(services.deadline_for(case).due, weekday=False)
    body = compose(case, _version("klacht", LetterKind.VERDAGING), on=date(2026, 5, 1)).body
    assert "uiterlijk op 26 mei 2026 antwoord geven" in body
    assert "Wij nemen 4 weken extra tijd. U krijgt uiterlijk op 23 juni 2026 antwoord." in body
    assert "Wij wachten op advies." in body
    assert "artikel 9:11 lid 2 van de Algemene wet bestuursrecht" in body


def test_a_suspended_application_names_the_repair_term_and_the_moved_due_date(
    werk: Any, behandelaar: Any, inwoner_met_mail: Any
) -> None:
    case = register("aanvraag", date(2026, 3, 2), resident=inwoner_met_mail, handler=behandelaar)  # 8 weeks: 27 April
    services.case_request_information(
        case=case,
        actor=behandelaar,
        requested_on=date(2026, 3, 10),
        repair_until=date(2026, 3, 24),
        what="Een kopie van uw huurcontract.",
    )
    case.refresh_from_db()
    draft = compose(case, _version("aanvraag", LetterKind.AANVULLING), on=date(2026, 3, 10))
    assert "Een kopie van uw huurcontract." in draft.body
    assert "Stuur het uiterlijk op 24 maart 2026." in draft.body
    assert "artikel 4:5 van de Algemene wet bestuursrecht" in draft.body
    # 14 days suspended (11 up to and including 24 March): 27 April + 14 = 11 May.
    assert merge_fields(case, on=date(2026, 3, 10))["datum"]["uiterste_datum"] == "11 mei 2026"


def test_the_bezwaar_decision_gives_six_weeks_for_an_appeal(werk: Any, behandelaar: Any, inwoner_met_mail: Any) -> None:
    case = register(
        "bezwaar", date(2026, 3, 20), resident=inwoner_met_mail, handler=behandelaar, decision_sent_on=date(2026, 3, 3)
    )
    services.case_close(
        case=case, actor=behandelaar, outcome="ongegrond", closed_on=date(2026, 6, 1), closing_text="Het besluit klopt."
    )
    case.refresh_from_db()
    draft = compose(case, _version("bezwaar", LetterKind.BESLISSING_BEZWAAR), on=date(2026, 6, 1))
    assert "uiterlijk op 13 juli 2026 bij de rechtbank" in draft.body  # 1 June + 6 weeks (Awb 6:7, 6:8)
    assert "tegen ons besluit van 3 maart 2026" in draft.body
    assert "Uw bezwaar is ongegrond. Dat betekent: het besluit blijft zoals het was." in draft.body


def test_an_appeal_term_ending_on_a_holiday_moves_to_the_next_working_day(werk: Any, behandelaar: Any) -> None:
    case = register("bezwaar", date(2026, 3, 20), handler=behandelaar, decision_sent_on=date(2026, 3, 3))
    # Sent on Saturday 14 November 2026: six weeks end on Saturday 26 December (2e Kerstdag) -> Monday (Atw).
    assert merge_fields(case, on=date(2026, 11, 14))["datum"]["beroep_uiterlijk"] == "28 december 2026"


def test_the_pdf_shows_the_reference_and_the_due_date(werk: Any, behandelaar: Any, inwoner_met_mail: Any) -> None:
    case = register(
        "bezwaar", date(2026, 3, 20), resident=inwoner_met_mail, handler=behandelaar, decision_sent_on=date(2026, 3, 3)
    )
    letter = letter_send(
        case=case, version=_version("bezwaar", LetterKind.ONTVANGSTBEVESTIGING), channel="post", actor=behandelaar
    )
    pdf = bytes(Letter.objects.get(pk=letter.pk).pdf)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert case.reference in text
    assert "26 mei 2026" in text  # filing term ends 14 April, then 6 weeks (Awb 7:10)
    assert "Fatima Yilmaz" in text and "Kathmandustraat 7" in text and "1336 KJ" in text
    assert "Sanne Bakker" in text and "Pagina 1 van" in text
