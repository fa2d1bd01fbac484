"""Fast intake: register a phone or desk contact with an existing or a new resident."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from casus.cases.domain import CaseType, Channel, EventKind, Status, TeamRole
from casus.cases.models import Case, Resident
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/werk/registreren/"


def _today() -> date:
    return timezone.localdate()


def _contact(**fields: Any) -> dict[str, Any]:
    """The form as a handler fills it in for a phone complaint."""
    data = {
        "q": "", "resident": "", "case_type": CaseType.KLACHT, "channel": Channel.TELEFOON,
        "received_on": _today().isoformat(), "team": factories.team("Werk").pk, "subject": "",
        "description": "Inwoner is niet teruggebeld over de bijzondere bijstand.", "assign_to_me": "on",
    }  # fmt: skip
    data.update(fields)
    return data


def _new_resident(**fields: Any) -> dict[str, Any]:
    data = {
        "inwoner-given_name": "Fatima", "inwoner-surname": "El Amrani", "inwoner-street": "Havikweg",
        "inwoner-house_number": "8", "inwoner-postcode": "1315 kl", "inwoner-city": "Almere",
        "inwoner-phone": "06-98765432", "inwoner-email": "f.elamrani@example.invalid", "inwoner-bsn": "",
    }  # fmt: skip
    data.update({f"inwoner-{key}": value for key, value in fields.items()})
    return data


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def known_inwoner(inwoner: Resident) -> Resident:
    """Jan Smit, who contacted team Werk before: visible to its behandelaars."""
    factories.register("vraag", _today() - timedelta(days=30), resident=inwoner)
    return inwoner


def test_it_shows_the_form_with_the_search_first_and_the_users_team(behandelaar: Any) -> None:
    response = factories.logged_in(behandelaar).get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_q"' in body and "autofocus" in body.split('id="id_q"')[1].split(">")[0]
    assert f'<option value="{factories.team("Werk").pk}" selected>Werk</option>' in body
    assert 'value="telefoon" selected' in body
    assert "Afgehandeld aan de balie/telefoon" in body
    assert body.index("Zaak registreren") < body.index("Afgehandeld aan de balie/telefoon")  # Enter registers


def test_it_registers_a_contact_for_an_existing_resident(behandelaar: Any, known_inwoner: Resident) -> None:
    response = factories.logged_in(behandelaar).post(URL, _contact(resident=known_inwoner.pk))
    case = Case.objects.get(resident=known_inwoner, case_type=CaseType.KLACHT)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/werk/zaken/{case.pk}/"
    assert _messages(response)[0].startswith(f"Zaak {case.reference} is geregistreerd.")
    assert case.reference.startswith(f"KL-{_today().year}-")
    assert case.handler == behandelaar and case.team == factories.team("Werk")
    assert case.channel == Channel.TELEFOON and case.status == Status.ONTVANGEN
    assert factories.event_kinds(case) == [EventKind.RECEIVED, EventKind.ASSIGNED]
    assert Resident.objects.count() == 1


def test_it_creates_a_new_resident_with_the_case(behandelaar: Any) -> None:
    data = _contact(**_new_resident(bsn="111 222 333", interpreter_language="Arabisch", low_digital_skills="on"))
    data |= {"inwoner-representative_kind": "bewindvoerder", "inwoner-representative_name": "P. de Wit"}
    response = factories.logged_in(behandelaar).post(URL, data)
    assert response.status_code == 302, response.content.decode()
    resident = Resident.objects.get(surname="El Amrani")
    assert resident.organisation == factories.organisation()
    assert (resident.postcode, resident.bsn, resident.phone) == ("1315KL", "111222333", "06-98765432")
    assert resident.interpreter_language == "Arabisch" and resident.low_digital_skills
    assert (resident.representative_kind, resident.representative_name) == ("bewindvoerder", "P. de Wit")
    assert Case.objects.get().resident == resident


def test_it_leaves_the_case_unassigned_without_aan_mij_toewijzen(behandelaar: Any, known_inwoner: Resident) -> None:
    data = _contact(resident=known_inwoner.pk, case_type=CaseType.VRAAG)
    del data["assign_to_me"]
    factories.logged_in(behandelaar).post(URL, data)
    case = Case.objects.get(case_type=CaseType.VRAAG, handler__isnull=True, received_on=_today())
    assert case.team == factories.team("Werk")


def test_it_warns_on_a_likely_duplicate_the_user_may_see(behandelaar: Any, known_inwoner: Resident) -> None:
    client = factories.logged_in(behandelaar)
    data = _contact(**_new_resident(given_name="J.", surname="smit", postcode="1312 ab", email=""))
    response = client.post(URL, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bestaat deze inwoner al?" in body
    assert "Lindelaan 12" in body  # the visible duplicate, with details, to choose
    assert f'id="resident-{known_inwoner.pk}"' in body
    assert Resident.objects.count() == 1 and not Case.objects.filter(case_type=CaseType.KLACHT).exists()

    response = client.post(URL, data | {"confirm_new": "on"})
    assert response.status_code == 302
    assert Resident.objects.filter(surname="smit").count() == 1


@pytest.mark.parametrize(
    "same",
    [
        {"surname": "Kraaijeveld", "postcode": "1312AB"},
        {"surname": "Anders", "postcode": "", "bsn": "111222333"},
        {"surname": "Anders", "postcode": "", "email": "f.kraaijeveld@example.invalid"},
    ],
    ids=["surname-postcode", "bsn", "email"],
)
def test_a_duplicate_of_another_team_is_hinted_at_without_details(
    behandelaar: Any, behandelaar_beheer: Any, same: dict[str, str]
) -> None:
    hidden = factories.resident(
        given_name="Femke", surname="Kraaijeveld", street="Geheimstraat", bsn="111222333",
        email="f.kraaijeveld@example.invalid",
    )  # fmt: skip
    factories.register("klacht", _today() - timedelta(days=5), team=factories.team("Beheer"), resident=hidden)
    data = _contact(**_new_resident(**{"email": "", **same}))
    response = factories.logged_in(behandelaar).post(URL, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "er bestaat mogelijk al een inwoner met deze gegevens; vraag de coördinator" in body.lower()
    for secret in ("Femke", "Geheimstraat", "111222333", "f.kraaijeveld@", f'id="resident-{hidden.pk}"'):
        typed = any(secret in value for value in same.values())  # what the user typed is shown back, nothing else
        assert typed or secret not in body
    assert not Case.objects.filter(team=factories.team("Werk")).exists()


def test_it_refuses_a_resident_the_user_may_not_see(behandelaar: Any, behandelaar_beheer: Any) -> None:
    hidden = factories.resident(surname="Kraaijeveld")
    factories.register("klacht", _today() - timedelta(days=5), team=factories.team("Beheer"), resident=hidden)
    response = factories.logged_in(behandelaar).post(URL, _contact(resident=hidden.pk))
    assert response.status_code == 200
    assert "Kraaijeveld" not in response.content.decode()
    assert Case.objects.count() == 1


def test_a_late_bezwaar_is_proposed_niet_ontvankelijk(behandelaar: Any, known_inwoner: Resident) -> None:
    data = _contact(
        resident=known_inwoner.pk, case_type=CaseType.BEZWAAR, channel=Channel.BALIE,
        decision_sent_on=(_today() - timedelta(days=70)).isoformat(),
    )  # fmt: skip
    response = factories.logged_in(behandelaar).post(URL, data)
    case = Case.objects.get(case_type=CaseType.BEZWAAR)
    assert response.status_code == 302
    assert case.filed_on_time is False and case.delay_excused is False
    assert "voorstel niet-ontvankelijk, tenzij verschoonbaar" in _messages(response)[0]
    assert "voorstel niet-ontvankelijk" in factories.last_event(case).summary or any(
        "voorstel niet-ontvankelijk" in event.summary for event in case.events.all()
    )


def test_an_excused_late_bezwaar_stores_the_excuse(behandelaar: Any, known_inwoner: Resident) -> None:
    data = _contact(
        resident=known_inwoner.pk, case_type=CaseType.BEZWAAR, delay_excused="on",
        decision_sent_on=(_today() - timedelta(days=70)).isoformat(),
        posted_on=(_today() - timedelta(days=3)).isoformat(),
    )  # fmt: skip
    factories.logged_in(behandelaar).post(URL, data)
    case = Case.objects.get(case_type=CaseType.BEZWAAR)
    assert (case.filed_on_time, case.delay_excused) == (False, True)
    assert case.posted_on == _today() - timedelta(days=3)
    assert "verschoonbaar (Awb 6:11)" in case.events.get(kind=EventKind.RECEIVED).summary


def test_a_bezwaar_needs_the_date_the_decision_was_sent(behandelaar: Any, known_inwoner: Resident) -> None:
    response = factories.logged_in(behandelaar).post(
        URL, _contact(resident=known_inwoner.pk, case_type=CaseType.BEZWAAR)
    )
    assert response.status_code == 200
    assert "Vul in wanneer het besluit is verzonden." in response.content.decode()


def test_the_filing_check_answers_at_once(behandelaar: Any) -> None:
    client = factories.logged_in(behandelaar)
    url = reverse("workspace:intake-filing-check")
    received = date(2026, 11, 20)
    late = client.get(url, {"received_on": received, "decision_sent_on": date(2026, 9, 1)}).content.decode()
    assert "Te laat ingediend → voorstel niet-ontvankelijk, tenzij verschoonbaar." in late
    assert 'name="delay_excused"' in late and "Termijnoverschrijding verschoonbaar" in late
    on_time = client.get(url, {"received_on": received, "decision_sent_on": date(2026, 10, 20)}).content.decode()
    assert "Op tijd ingediend." in on_time and 'name="delay_excused"' not in on_time
    # Sent 1 October: the term ends Thu 12 November; posted on the 12th and received within a week.
    posted = {"received_on": date(2026, 11, 16), "decision_sent_on": date(2026, 10, 1), "posted_on": date(2026, 11, 12)}
    assert "dankzij de poststempel" in client.get(url, posted).content.decode()
    assert client.get(url).status_code == 200


def test_a_contact_settled_at_the_desk_is_a_closed_vraag(behandelaar: Any, known_inwoner: Resident) -> None:
    data = _contact(
        resident=known_inwoner.pk, case_type="", channel=Channel.BALIE, description="Vraag over de Wmo-taxi.",
        front_office_result="verwijzing", afgehandeld="1",
    )  # fmt: skip
    del data["assign_to_me"]
    response = factories.logged_in(behandelaar).post(URL, data)
    case = Case.objects.get(front_office_result="verwijzing")
    assert response.status_code == 302 and response.headers["Location"] == URL
    assert (case.case_type, case.status, case.outcome) == (CaseType.VRAAG, Status.AFGEHANDELD, "doorverwezen")
    assert case.handler == behandelaar and case.closed_on == _today()
    assert case.closing_text == "Direct afgehandeld aan de balie: verwijzing."
    assert _messages(response) == [f"Contact {case.reference} is vastgelegd als afgehandeld (verwijzing)."]


def test_a_contact_that_becomes_a_melding_starts_the_next_intake(behandelaar: Any) -> None:
    data = _contact(case_type=CaseType.VRAAG, front_office_result="melding_aanvraag", afgehandeld="1")
    response = factories.logged_in(behandelaar).post(URL, data | _new_resident())
    case = Case.objects.get(front_office_result="melding_aanvraag")
    assert case.outcome == "beantwoord" and case.resident.surname == "El Amrani"
    assert response.headers["Location"] == f"{URL}?inwoner={case.resident_id}"
    page = factories.logged_in(behandelaar).get(response.headers["Location"]).content.decode()
    assert f'id="resident-{case.resident_id}" value="{case.resident_id}" checked' in page


def test_an_anonymous_question_can_be_settled_at_the_phone(behandelaar: Any) -> None:
    data = _contact(case_type="", description="", front_office_result="inwoner_lost_zelf_op", afgehandeld="1")
    assert factories.logged_in(behandelaar).post(URL, data).status_code == 302
    case = Case.objects.get()
    assert case.resident is None and case.outcome == "beantwoord"
    assert case.closing_text == "Direct afgehandeld aan de telefoon: inwoner lost zelf op."


def test_only_a_vraag_is_settled_at_the_desk(behandelaar: Any, known_inwoner: Resident) -> None:
    data = _contact(resident=known_inwoner.pk, front_office_result="verwijzing", afgehandeld="1")
    response = factories.logged_in(behandelaar).post(URL, data)
    assert response.status_code == 200
    assert "Alleen een vraag kan direct aan de balie of telefoon worden afgehandeld." in response.content.decode()
    assert Case.objects.count() == 1


def test_errors_are_dutch_and_keep_what_was_typed(behandelaar: Any) -> None:
    data = _contact(case_type="", description="Tekst die blijft staan") | _new_resident(
        bsn="123456789", postcode="13A5", email="geen-adres", interpreter_language="Pools"
    )
    response = factories.logged_in(behandelaar).post(URL, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies het soort contact." in body
    assert "Dit is geen geldig BSN (de elfproef klopt niet)." in body
    assert "Vul een postcode in zoals 1312 AB" in body
    assert "Voer een geldig e-mailadres in." in body
    for typed in ("Tekst die blijft staan", 'value="El Amrani"', 'value="Havikweg"', 'value="123456789"', "Pools"):
        assert typed in body
    assert 'aria-invalid="true"' in body and "Controleer deze gegevens" in body
    assert not Case.objects.exists() and not Resident.objects.exists()


def test_it_needs_a_resident_to_register_a_case(behandelaar: Any) -> None:
    response = factories.logged_in(behandelaar).post(URL, _contact())
    assert "Kies een inwoner uit de lijst, of vul bij &#x27;Nieuwe inwoner&#x27; minstens de achternaam in." in (
        response.content.decode()
    )


def test_a_received_date_in_the_future_is_refused(behandelaar: Any, known_inwoner: Resident) -> None:
    tomorrow = (_today() + timedelta(days=1)).isoformat()
    response = factories.logged_in(behandelaar).post(URL, _contact(resident=known_inwoner.pk, received_on=tomorrow))
    assert "Deze datum ligt in de toekomst." in response.content.decode()


@pytest.mark.parametrize("role", [TeamRole.MT, TeamRole.FUNCTIONEEL_BEHEER])
def test_roles_without_handling_work_may_not_register(role: str) -> None:
    person = factories.user("m_rol", first="Anouk", last="Smits", team_name="BBK", role=role)
    client = factories.logged_in(person)
    for name in ("workspace:intake", "workspace:intake-residents", "workspace:intake-filing-check"):
        assert client.get(reverse(name)).status_code == 403
    assert client.post(URL, _contact()).status_code == 403
    assert not Case.objects.exists()
