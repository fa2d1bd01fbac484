"""The status page behind the secret link: the state in plain words, the named contact person with a
direct line, the date of the answer, what the inwoner can do, and nothing internal. Unknown, altered or
expired links all get the same 404."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from casus.access.models import AuditEntry
from casus.cases import services
from casus.cases.domain import EventKind, Status, TeamRole
from casus.cases.models import Case
from casus.portal.models import ContactDetails, StatusLink, token_hash
from casus.portal.services import new_status_token, status_link_create
from casus.portal.texts import long_date
from tests import factories

from .conftest import send, status_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(inwoner_client: Client) -> tuple[Case, str]:
    """A klacht sent through the portal, and its status link's token (from the receipt)."""
    response = send(inwoner_client, "klacht", description_text="De medewerker was onbeleefd aan de balie.")
    return Case.objects.get(), status_token(inwoner_client.get(response["Location"]))


@pytest.fixture
def sanne(bbk: Any) -> Any:
    person = factories.user("sbakker", first="Sanne", last="Bakker", team_name="BBK")
    ContactDetails.objects.create(user=person, phone="036 539 4321", email="s.bakker@almere.example")
    return person


def page(token: str, client: Client | None = None) -> str:
    response = (client or Client()).get(f"/status/{token}/")
    assert response.status_code == 200
    return response.content.decode()


def text(body: str) -> str:
    """The page's visible text, without tags (so hidden markup cannot hide a leak from the test)."""
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_a_new_case_is_received_and_the_team_is_the_contact(filed: tuple[Case, str]) -> None:
    case, token = filed
    body = text(page(token))

    assert "We hebben uw klacht ontvangen" in body
    assert f"U krijgt uiterlijk {long_date(case.due_on)} antwoord." in body
    assert "Team BBK" in body and "036 539 1234" in body and "bbk@almere.example" in body
    assert case.reference in body


def test_after_assignment_it_names_the_handler_with_a_direct_line(filed: tuple[Case, str], sanne: Any) -> None:
    case, token = filed
    services.case_assign(case=case, handler=sanne, actor=sanne)
    body = page(token)

    assert "Uw klacht is in behandeling bij Sanne Bakker" in text(body)
    assert 'href="tel:0365394321"' in body and "s.bakker@almere.example" in body
    assert "Team BBK" in text(body)


def test_it_shows_nothing_internal(filed: tuple[Case, str], sanne: Any) -> None:
    case, token = filed
    colleague = factories.user("rmeijer", first="Rachid", last="Meijer", team_name="BBK")
    coordinator = factories.user("mvisser", first="Mark", last="Visser", team_name="BBK", role=TeamRole.COORDINATOR)
    services.case_assign(case=case, handler=colleague, actor=coordinator)
    services.case_add_note(case=case, actor=colleague, text="Interne notitie: inwoner belt vaak, let op toon.")
    services.case_assign(case=case, handler=sanne, actor=coordinator, reason="Rachid is ziek, overdracht.")
    services.case_flag_safety(case=case, actor=sanne, note="Dreigende taal aan de telefoon.")
    services.case_start(case=case, actor=sanne)
    services.case_propose_close(case=case, actor=sanne, outcome="ongegrond", closing_text="Concept: ongegrond.")
    case.refresh_from_db()
    assert case.status == Status.TER_BEOORDELING and case.safety_flag

    body = text(page(token))

    assert "Uw klacht is in behandeling bij Sanne Bakker" in body
    for secret in ("Interne notitie", "let op toon", "Rachid", "Meijer", "Mark Visser", "ziek", "overdracht",
                   "Dreigende taal", "veiligheid", "Veiligheid", "beoordeling", "vier ogen", "Concept", "ongegrond",
                   "De medewerker was onbeleefd", "Femke", "de Vries", "femke@voorbeeld.nl"):  # fmt: skip
        assert secret not in body, secret


def test_waiting_for_information_says_until_when_and_what(filed: tuple[Case, str], sanne: Any) -> None:
    case, token = filed
    services.case_assign(case=case, handler=sanne, actor=sanne)
    until = timezone.localdate() + timedelta(days=14)
    services.case_request_information(
        case=case, actor=sanne, requested_on=timezone.localdate(), repair_until=until, what="Stuur de bon mee."
    )
    body = text(page(token))

    assert f"We wachten op informatie van u tot {long_date(until)}" in body
    assert "Wat wij nodig hebben: Stuur de bon mee." in body


def test_a_postponement_gives_the_new_date_and_why_it_is_allowed(filed: tuple[Case, str], sanne: Any) -> None:
    case, token = filed
    services.case_assign(case=case, handler=sanne, actor=sanne)
    case = services.case_postpone(
        case=case, actor=sanne, notice_sent_on=timezone.localdate(), reason="Wij wachten op advies van de wijkagent."
    )
    body = text(page(token))

    assert "Wij hebben meer tijd nodig." in body
    assert f"U krijgt uiterlijk {long_date(case.due_on)} antwoord." in body
    assert "Waarom: Wij wachten op advies van de wijkagent." in body
    assert "artikel 9:11" in body and "hoogstens 4 weken" in body


def test_a_closed_case_says_so_and_offers_no_forms(filed: tuple[Case, str], sanne: Any) -> None:
    case, token = filed
    services.case_assign(case=case, handler=sanne, actor=sanne)
    services.case_close(case=case, actor=sanne, outcome="gegrond", closing_text="Interne toelichting.")
    body = page(token)

    assert "Uw klacht is afgehandeld" in text(body)
    assert "Interne toelichting" not in body and "gegrond" not in body
    assert 'name="message"' not in body and "/intrekken/" not in body
    assert Client().post(f"/status/{token}/", {"message": "Nog iets"}).status_code == 200
    assert not case.events.filter(summary__contains="Nog iets").exists()


def test_the_inwoner_adds_a_message_and_a_file(
    filed: tuple[Case, str], sanne: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, token = filed
    services.case_assign(case=case, handler=sanne, actor=sanne)
    mail.outbox.clear()
    png = SimpleUploadedFile("bon.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png")

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(f"/status/{token}/", {"message": "Hierbij de bon.", "files": [png]})

    assert response.status_code == 302 and response["Location"] == f"/status/{token}/"
    note = case.events.filter(kind=EventKind.NOTE).get()
    assert note.summary == "Bericht van de inwoner via de statuspagina: Hierbij de bon." and note.actor is None
    assert case.events.filter(kind=EventKind.ATTACHMENT).count() == 1 and case.attachments.count() == 1
    assert [m.to for m in mail.outbox] == [["sbakker@casus.invalid"]]
    assert Case.objects.get(pk=case.pk).status == case.status  # the handler judges what came in


def test_adding_nothing_is_refused_in_dutch(filed: tuple[Case, str]) -> None:
    _case, token = filed
    response = Client().post(f"/status/{token}/", {"message": "  "})

    assert "Schrijf een bericht of kies een bestand om mee te sturen." in response.content.decode()


def test_withdrawing_asks_first_and_leaves_the_decision_to_the_handler(
    filed: tuple[Case, str], sanne: Any, django_capture_on_commit_callbacks: Any
) -> None:
    case, token = filed
    services.case_assign(case=case, handler=sanne, actor=sanne)
    confirm = Client().get(f"/status/{token}/intrekken/")
    assert "Wilt u uw klacht intrekken?" in confirm.content.decode()
    assert not case.events.filter(kind=EventKind.NOTE).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(f"/status/{token}/intrekken/", {"reason": "Het is opgelost."})

    assert response.status_code == 302
    note = case.events.filter(kind=EventKind.NOTE).get()
    assert "De inwoner wil de zaak intrekken" in note.summary and "Het is opgelost." in note.summary
    assert Case.objects.get(pk=case.pk).is_open
    assert "gevraagd om uw klacht in te trekken" in page(token)
    assert mail.outbox[-1].to == ["sbakker@casus.invalid"]
    Client().post(f"/status/{token}/intrekken/", {"reason": "Nog een keer geklikt."})
    assert case.events.filter(kind=EventKind.NOTE).count() == 1  # asked once is enough


@pytest.mark.parametrize("kind", ["unknown", "altered", "short", "long", "other_case_hash"])
def test_unknown_and_altered_tokens_get_the_same_404(filed: tuple[Case, str], kind: str) -> None:
    _case, token = filed
    tries = {
        "unknown": new_status_token(),
        "altered": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "short": token[:10],
        "long": token + "x" * 300,
        "other_case_hash": token_hash(token),  # the stored hash does not open the page
    }
    reference = Client().get(f"/status/{new_status_token()}/")
    response = Client().get(f"/status/{tries[kind]}/")

    assert response.status_code == 404
    assert response.content == reference.content  # one answer, no hint what exists
    assert "Deze pagina bestaat niet" in response.content.decode()
    assert Client().post(f"/status/{tries[kind]}/", {"message": "x"}).status_code == 404
    assert Client().get(f"/status/{tries[kind]}/intrekken/").status_code == 404


def test_tokens_are_long_random_and_only_their_hash_is_stored(filed: tuple[Case, str]) -> None:
    case, token = filed
    tokens = {status_link_create(case=case) for _ in range(1000)}

    assert len(tokens) == 1000
    assert all(len(t) == 43 and re.fullmatch(r"[A-Za-z0-9_-]+", t) for t in tokens)
    stored = set(StatusLink.objects.values_list("token_hash", flat=True))
    assert token not in stored and token_hash(token) in stored
    assert not (tokens & stored)
    assert len(token) * 6 >= 256  # 43 URL-safe characters: 256 bits of randomness


def test_the_status_page_keeps_its_address_to_itself(filed: tuple[Case, str]) -> None:
    _case, token = filed
    response = Client().get(f"/status/{token}/")

    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="referrer" content="no-referrer">' in response.content.decode()


def test_the_status_page_writes_no_audit_entries(filed: tuple[Case, str]) -> None:
    _case, token = filed
    before = AuditEntry.objects.count()
    page(token)
    Client().get(f"/status/{new_status_token()}/")

    assert AuditEntry.objects.count() == before


def test_the_status_page_is_rate_limited_per_address(filed: tuple[Case, str], settings: Any) -> None:
    _case, token = filed
    settings.CASUS_PORTAL_STATUS_VIEWS = 5
    client = Client()
    answers = [client.get(f"/status/{secrets.token_urlsafe(32)}/").status_code for _ in range(5)]

    assert answers == [404] * 5
    limited = client.get(f"/status/{token}/")
    assert limited.status_code == 429 and "Even wachten" in limited.content.decode()
    assert Client(REMOTE_ADDR="192.0.2.8").get(f"/status/{token}/").status_code == 200
