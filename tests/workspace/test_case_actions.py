"""Every action of the case page: a success with its Dutch message, and a refused step with the
service's Dutch error. The views only parse and call the services (tests/cases checks the rules)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casus.cases import services
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, CaseLink
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _post(user: Any, name: str, case: Case, data: dict[str, Any] | None = None) -> list[str]:
    """POST an action; return the messages shown on the case page after the redirect."""
    client = factories.logged_in(user)
    response = client.post(reverse(f"workspace:{name}", args=[case.pk]), data or {})
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def klacht(behandelaar: Any) -> Case:
    return factories.register("klacht", TODAY - timedelta(days=7), handler=behandelaar, actor=behandelaar)


@pytest.fixture
def open_klacht(klacht: Case, behandelaar: Any) -> Case:
    return services.case_start(case=klacht, actor=behandelaar)


def _reload(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_take_an_unassigned_case(behandelaar: Any) -> None:
    case = factories.register("vraag", TODAY)
    assert _post(behandelaar, "case-take", case) == ["U behandelt deze zaak nu."]
    assert _reload(case).handler == behandelaar


def test_taking_a_colleagues_case_needs_a_reason(collega: Any, klacht: Case) -> None:
    assert "Geef een reden voor de overdracht" in _post(collega, "case-take", klacht, {"reason": ""})[0]
    assert _post(collega, "case-take", klacht, {"reason": "Sanne is ziek."}) == ["U behandelt deze zaak nu."]


def test_hand_over_to_a_colleague_who_gets_an_email(
    behandelaar: Any, collega: Any, klacht: Case, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        shown = _post(behandelaar, "case-assign", klacht, {"handler": collega.pk, "reason": "Ik ben met verlof."})
    assert shown == ["De zaak is overgedragen aan Rachid Meijer. Rachid Meijer krijgt hierover een e-mail."]
    assert _reload(klacht).handler == collega
    assert mail.outbox[-1].to == [collega.email]
    assert "Ik ben met verlof." in factories.last_event(klacht).summary


def test_hand_over_without_a_reason_is_refused(behandelaar: Any, collega: Any, klacht: Case) -> None:
    shown = _post(behandelaar, "case-assign", klacht, {"handler": collega.pk, "reason": ""})
    assert shown == ["Reden van de overdracht: Dit veld is verplicht."]
    assert _reload(klacht).handler == behandelaar


def test_hand_over_only_to_a_member_of_the_team(behandelaar: Any, behandelaar_beheer: Any, klacht: Case) -> None:
    shown = _post(behandelaar, "case-assign", klacht, {"handler": behandelaar_beheer.pk, "reason": "Graag."})
    assert shown[0].startswith("Nieuwe behandelaar: Selecteer een geldige keuze.")


def test_start(behandelaar: Any, klacht: Case) -> None:
    assert _post(behandelaar, "case-start", klacht) == ["De zaak is in behandeling."]
    assert _post(behandelaar, "case-start", klacht) == [f"Zaak {klacht.reference} is al in behandeling genomen."]


def test_request_information_moves_the_due_date_visibly(behandelaar: Any, open_klacht: Case) -> None:
    before = open_klacht.due_on
    data = {"what": "Stuur de brief mee.", "requested_on": TODAY - timedelta(days=5), "repair_until": TODAY}
    shown = _post(behandelaar, "case-request-information", open_klacht, data)
    after = _reload(open_klacht)
    assert after.status == Status.WACHT_OP_INWONER
    assert after.due_on > before
    assert "De termijn staat stil." in shown[0] and "(was " in shown[0]
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[open_klacht.pk])).content.decode()
    assert "Opschortingen (de termijn stond stil)" in body
    assert "Stuur de brief mee." in body


def test_request_information_without_text_is_refused(behandelaar: Any, open_klacht: Case) -> None:
    data = {"what": " ", "requested_on": TODAY, "repair_until": TODAY}
    assert _post(behandelaar, "case-request-information", open_klacht, data) == [
        "Wat vraagt u de inwoner aan te vullen?: Dit veld is verplicht."
    ]


def test_information_received(behandelaar: Any, open_klacht: Case) -> None:
    assert _post(behandelaar, "case-information-received", open_klacht, {"received_on": TODAY}) == [
        "Er loopt geen verzoek om aanvulling bij deze zaak."
    ]
    services.case_request_information(
        case=open_klacht, actor=behandelaar, requested_on=TODAY - timedelta(days=3), repair_until=TODAY, what="x"
    )
    shown = _post(behandelaar, "case-information-received", open_klacht, {"received_on": TODAY})
    assert shown[0].startswith("Aanvulling ontvangen. De termijn loopt weer.")
    assert _reload(open_klacht).status == Status.IN_BEHANDELING


def test_postpone_shows_the_letter(behandelaar: Any, open_klacht: Case) -> None:
    shown = _post(
        behandelaar, "case-postpone", open_klacht, {"reason": "Wij wachten op advies.", "notice_sent_on": TODAY}
    )
    assert shown[0].startswith("De zaak is verdaagd. De uiterste datum is nu")
    client = factories.logged_in(behandelaar)
    body = client.get(reverse("workspace:case", args=[open_klacht.pk])).content.decode()
    assert "Deze zaak is verdaagd. Stuur de inwoner het verdagingsbericht" in body  # the letters library's
    compose = reverse("letters:compose", args=[open_klacht.pk]) + "?kind=verdagingsbericht"
    assert compose in body
    letter = client.get(compose).content.decode()
    assert "Wij nemen 4 weken extra tijd." in letter
    assert "artikel 9:11 lid 2 van de Algemene wet bestuursrecht" in letter
    assert "Wij wachten op advies." in letter
    again = _post(behandelaar, "case-postpone", open_klacht, {"reason": "Nog eens.", "notice_sent_on": TODAY})
    assert again[0].startswith("Deze zaak is al verdaagd op")


def test_postpone_is_not_offered_after_the_due_date(behandelaar: Any) -> None:
    late = factories.register("klacht", TODAY - timedelta(days=90), handler=behandelaar)
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[late.pk])).content.decode()
    assert "Verdagen en brief maken" not in body
    shown = _post(behandelaar, "case-postpone", late, {"reason": "Te laat.", "notice_sent_on": TODAY})
    assert shown[0].startswith("Verdagen kan alleen vóór het einde van de termijn")


def test_extend_to_an_agreed_date(behandelaar: Any, open_klacht: Case) -> None:
    until = open_klacht.due_on + timedelta(days=21)
    refused = _post(behandelaar, "case-extend", open_klacht, {"until": until, "reason": "Afgesproken."})
    assert refused == ["Verder uitstellen kan alleen met schriftelijke toestemming van de inwoner. Vul de datum in."]
    data = {"until": until, "reason": "Afgesproken.", "consent_on": TODAY}
    assert _post(behandelaar, "case-extend", open_klacht, data)[0].startswith("Uitstel vastgelegd.")
    assert _reload(open_klacht).due_on == until


def test_contact_attempt(behandelaar: Any, open_klacht: Case) -> None:
    at = timezone.localtime() - timedelta(hours=1)
    shown = _post(
        behandelaar,
        "case-contact-attempt",
        open_klacht,
        {"attempted_at": at.strftime("%Y-%m-%dT%H:%M"), "reached": "nee"},
    )
    assert shown == [f"Contactpoging vastgelegd: niet bereikt ({at:%d-%m-%Y %H:%M})."]
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    refused = _post(behandelaar, "case-contact-attempt", open_klacht, {"attempted_at": future, "reached": "ja"})
    assert refused == ["Een contactpoging kan niet in de toekomst liggen."]


def test_note(behandelaar: Any, klacht: Case) -> None:
    assert _post(behandelaar, "case-note", klacht, {"text": "Inwoner belt morgen terug."}) == [
        "De notitie staat op de tijdlijn."
    ]
    assert factories.last_event(klacht).kind == EventKind.NOTE
    assert _post(behandelaar, "case-note", klacht, {"text": ""}) == ["Notitie: Dit veld is verplicht."]


def test_link_by_reference_only_to_a_visible_case(behandelaar: Any, klacht: Case) -> None:
    other = factories.register("vraag", TODAY)
    hidden = factories.register("vraag", TODAY, team=factories.team("Beheer"))
    assert _post(behandelaar, "case-link", klacht, {"reference": other.reference.lower(), "kind": "related"}) == [
        f"Gekoppeld aan {other.reference}."
    ]
    assert CaseLink.objects.filter(from_case=klacht, to_case=other).exists()
    assert _post(behandelaar, "case-link", klacht, {"reference": hidden.reference, "kind": "related"}) == [
        f"Geen zaak gevonden met kenmerk {hidden.reference} (of u mag die zaak niet zien)."
    ]


def test_flag_safety_alerts_the_coordinators(
    behandelaar: Any, coordinator: Any, klacht: Case, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        shown = _post(behandelaar, "case-flag-safety", klacht, {"note": "Inwoner sprak over zelfdoding."})
    assert shown[0].startswith("Veiligheidssignaal gemeld.")
    assert _reload(klacht).sensitive
    assert mail.outbox[-1].to == [coordinator.email]
    assert _post(behandelaar, "case-flag-safety", klacht) == ["Deze zaak heeft al een veiligheidssignaal."]


def test_a_colleague_who_flags_safety_goes_back_to_the_start_page(collega: Any, klacht: Case) -> None:
    response = factories.logged_in(collega).post(reverse("workspace:case-flag-safety", args=[klacht.pk]), {})
    assert response.headers["Location"] == reverse("home")


def test_close_with_an_outcome_for_the_type(behandelaar: Any, open_klacht: Case) -> None:
    data = {"outcome": "gegrond", "closed_on": TODAY, "informal": "on", "closing_text": "Excuses gemaakt."}
    assert _post(behandelaar, "case-close", open_klacht, data) == ["De zaak is afgehandeld: gegrond."]
    closed = _reload(open_klacht)
    assert closed.status == Status.AFGEHANDELD and closed.informal and closed.closing_text == "Excuses gemaakt."


def test_close_with_an_outcome_of_another_type_is_refused(behandelaar: Any, open_klacht: Case) -> None:
    shown = _post(behandelaar, "case-close", open_klacht, {"outcome": "afgewezen", "closed_on": TODAY})
    assert shown[0].startswith("Uitkomst: Selecteer een geldige keuze.")


def test_a_callback_closes_as_not_reached_only_after_three_attempts(behandelaar: Any) -> None:
    callback = factories.register("terugbelverzoek", TODAY, channel="telefoon", handler=behandelaar)
    data = {"outcome": "niet_bereikt", "closed_on": TODAY}
    assert _post(behandelaar, "case-close", callback, data)[0].startswith("'Niet bereikt' kan pas na 3 mislukte")


def test_reopen(behandelaar: Any, open_klacht: Case) -> None:
    assert _post(behandelaar, "case-reopen", open_klacht, {"reason": "Nieuwe informatie."}) == [
        f"Zaak {open_klacht.reference} is niet afgehandeld."
    ]
    services.case_close(case=open_klacht, actor=behandelaar, outcome="gegrond")
    assert _post(behandelaar, "case-reopen", open_klacht, {"reason": "Nieuwe informatie."}) == [
        "De zaak is heropend en weer in behandeling."
    ]
    assert _reload(open_klacht).status == Status.IN_BEHANDELING


ACTIONS = [
    "case-take", "case-assign", "case-start", "case-request-information", "case-information-received",
    "case-postpone", "case-extend", "case-contact-attempt", "case-note", "case-link", "case-flag-safety",
    "case-close", "case-reopen", "case-review-approve", "case-review-return",
]  # fmt: skip


@pytest.mark.parametrize("name", ACTIONS)
def test_another_teams_behandelaar_cannot_act(name: str, behandelaar_beheer: Any, klacht: Case) -> None:
    response = factories.logged_in(behandelaar_beheer).post(reverse(f"workspace:{name}", args=[klacht.pk]), {})
    assert response.status_code == 403


@pytest.mark.parametrize("name", ACTIONS)
def test_a_kwaliteitsmedewerker_of_the_team_cannot_act(name: str, klacht: Case) -> None:
    reader = factories.user("kwal", first="Kim", last="Kwaliteit", team_name="Werk", role="kwaliteitsmedewerker")
    response = factories.logged_in(reader).post(reverse(f"workspace:{name}", args=[klacht.pk]), {})
    assert response.status_code == 403


@pytest.mark.parametrize("name", ACTIONS)
def test_actions_answer_only_post(name: str, behandelaar: Any, klacht: Case) -> None:
    assert factories.logged_in(behandelaar).get(reverse(f"workspace:{name}", args=[klacht.pk])).status_code == 405


def test_the_page_offers_the_actions_that_fit_the_status(behandelaar: Any, klacht: Case) -> None:
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "In behandeling nemen" in body and "Heropenen" not in body
    services.case_close(case=klacht, actor=behandelaar, outcome="ingetrokken")
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "Heropenen" in body and "In behandeling nemen" not in body


def test_closing_a_complaint_records_its_retention_facts(behandelaar: Any, open_klacht: Case) -> None:
    from casus.retention.models import RetentionMark
    from casus.retention.periods import retention_due

    data = {"outcome": "gegrond", "closed_on": TODAY, "ombudsman": "on", "financial_consequences": "on"}
    assert _post(behandelaar, "case-close", open_klacht, data) == ["De zaak is afgehandeld: gegrond."]
    mark = RetentionMark.objects.get(case=open_klacht)
    assert mark.ombudsman and mark.financial_consequences
    assert retention_due(_reload(open_klacht)).year == TODAY.year + 10  # the ombudsman's 10 years win
    assert "Bewaartermijn: financiële gevolgen, ombudsman." in _reload(open_klacht).events.values_list(
        "summary", flat=True
    )


def test_a_refused_closing_leaves_the_retention_facts_alone(behandelaar: Any) -> None:
    from casus.retention.models import RetentionMark

    callback = factories.register("klacht", TODAY, handler=behandelaar)
    data = {"outcome": "gegrond", "closed_on": TODAY - timedelta(days=30), "ombudsman": "on"}  # before receipt
    assert _post(behandelaar, "case-close", callback, data)
    assert _reload(callback).status != Status.AFGEHANDELD
    assert not RetentionMark.objects.filter(case=callback, ombudsman=True).exists()


def test_only_disputes_ask_for_retention_facts(behandelaar: Any) -> None:
    from casus.workspace.forms_case import CloseForm

    question = factories.register("vraag", TODAY, handler=behandelaar)
    bezwaar = factories.register("bezwaar", TODAY, handler=behandelaar, decision_sent_on=TODAY - timedelta(days=7))
    assert {"financial_consequences", "ombudsman"}.isdisjoint(CloseForm(case=question).fields)
    assert "financial_consequences" in CloseForm(case=bezwaar).fields
    assert "ombudsman" not in CloseForm(case=bezwaar).fields
