"""Every seeded letter renders for a realistic case of its type, with no merge field missing, and says
why the resident gets it, who the contact person is and how to reach them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from casus.cases import services
from casus.cases.models import Case
from casus.letters.models import LetterKind, LetterTemplate
from casus.letters.render import compose
from tests import factories

from .conftest import register

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HEARING = {
    "hoorzitting.datum": "dinsdag 2 juni 2026",
    "hoorzitting.tijd": "10.00 uur",
    "hoorzitting.plaats": "het stadhuis, Stadhuisplein 1",
}


def realistic_case(template: LetterTemplate, handler: Any, resident: Any) -> Case:
    """A case of the template's type, in the state the letter's step belongs to."""
    received = TODAY - timedelta(days=12)
    extra: dict[str, Any] = {}
    if template.case_type == "bezwaar":
        extra["decision_sent_on"] = received - timedelta(days=20)
    case = register(
        template.case_type, received, resident=resident, handler=handler, subject=factories.subject(), **extra
    )
    if template.kind == LetterKind.AANVULLING:
        services.case_request_information(
            case=case,
            actor=handler,
            requested_on=TODAY - timedelta(days=1),
            repair_until=TODAY + timedelta(days=13),
            what="Een kopie van uw huurcontract.",
        )
    if template.kind == LetterKind.VERDAGING:
        services.case_postpone(case=case, actor=handler, notice_sent_on=TODAY, reason="wij wachten op een advies")
    if template.kind in (LetterKind.BESLISSING_KLACHT, LetterKind.BESLISSING_BEZWAAR, LetterKind.ANTWOORD_VRAAG):
        outcome = {"klacht": "gegrond", "bezwaar": "ongegrond", "vraag": "beantwoord"}[template.case_type]
        services.case_close(case=case, actor=handler, outcome=outcome, closing_text="Wij hebben alles nagekeken.")
    case.refresh_from_db()
    return case


def test_the_library_has_every_step_the_issue_names() -> None:
    standard = {(t.case_type, t.kind) for t in LetterTemplate.objects.filter(organisation__isnull=True)}
    for needed in [
        ("klacht", "ontvangstbevestiging"),
        ("bezwaar", "verzoek_aanvulling"),
        ("aanvraag", "verzoek_aanvulling"),
        ("klacht", "verdagingsbericht"),
        ("bezwaar", "uitnodiging_hoorzitting"),
        ("klacht", "beslissing_klacht"),
        ("bezwaar", "beslissing_bezwaar"),
        ("vraag", "antwoord_vraag"),
        ("terugbelverzoek", "niet_bereikt"),
    ]:
        assert needed in standard
    assert all(t.versions.count() == 1 for t in LetterTemplate.objects.all())


def test_every_standard_letter_renders_for_a_realistic_case(werk: Any, behandelaar: Any, inwoner_met_mail: Any) -> None:
    checked = 0
    for template in LetterTemplate.objects.filter(organisation__isnull=True):
        case = realistic_case(template, behandelaar, inwoner_met_mail)
        extra = HEARING if template.kind == LetterKind.HOORZITTING else None
        draft = compose(case, template.current, extra=extra)  # raises MissingFields on any gap
        text = f"{draft.subject}\n{draft.body}"
        assert "U krijgt deze brief omdat" in draft.body, template
        assert "Sanne Bakker" in draft.body, template  # the contact person by name
        assert "036 539 99 11" in draft.body, template  # with a direct number
        assert "Beste Fatima Yilmaz," in draft.body, template
        assert "{" not in text and "\x1b" not in text, template
        checked += 1
    assert checked == LetterTemplate.objects.filter(organisation__isnull=True).count() >= 20


def test_the_hearing_letter_says_call_us_when_the_time_does_not_suit(
    werk: Any, behandelaar: Any, inwoner_met_mail: Any
) -> None:
    template = LetterTemplate.objects.get(organisation=None, case_type="bezwaar", kind=LetterKind.HOORZITTING)
    case = realistic_case(template, behandelaar, inwoner_met_mail)
    body = compose(case, template.current, extra=HEARING).body
    assert "Bel ons als dit tijdstip niet past" in body
    assert "dinsdag 2 juni 2026" in body and "10.00 uur" in body


def test_the_complaint_decision_names_the_ombudsman_and_the_one_year_term(
    werk: Any, behandelaar: Any, inwoner_met_mail: Any
) -> None:
    template = LetterTemplate.objects.get(organisation=None, kind=LetterKind.BESLISSING_KLACHT)
    case = realistic_case(template, behandelaar, inwoner_met_mail)
    draft = compose(case, template.current, on=timezone.datetime(2026, 5, 12).date())
    assert "de Nationale ombudsman" in draft.body
    assert "binnen een jaar, dus uiterlijk op 12 mei 2027" in draft.body
    assert "Ons oordeel over uw klacht: gegrond." in draft.body
    assert "Wij hebben alles nagekeken." in draft.body
