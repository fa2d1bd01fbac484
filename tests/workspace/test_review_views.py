"""Four-eyes in the browser's terms: closing a rejection proposes it; a colleague approves or returns it
from the case page; the review queue lists the team's proposals, not the user's own."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from casus.cases import services
from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, CaseTypeSetting
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def klacht(behandelaar: Any) -> Case:
    CaseTypeSetting.objects.create(organisation=factories.organisation(), case_type="klacht", four_eyes=True)
    case = factories.register("klacht", TODAY - timedelta(days=10), handler=behandelaar, actor=behandelaar)
    return services.case_start(case=case, actor=behandelaar)


def _propose(user: Any, case: Case) -> Any:
    data = {"outcome": "ongegrond", "closed_on": TODAY, "closing_text": "De klacht is ongegrond."}
    return factories.logged_in(user).post(reverse("workspace:case-close", args=[case.pk]), data)


def test_closing_a_rejection_proposes_it(behandelaar: Any, klacht: Case) -> None:
    assert _messages(_propose(behandelaar, klacht)) == [
        "Uw voorstel (ongegrond) ligt nu bij een collega van het team ter beoordeling (vier ogen)."
    ]
    assert Case.objects.get(pk=klacht.pk).status == Status.TER_BEOORDELING
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "Wacht op beoordeling (vier ogen)" in body
    assert "U kunt het niet zelf goedkeuren." in body
    assert "Goedkeuren en afhandelen" not in body


def test_the_queue_shows_the_teams_proposals_but_not_the_users_own(
    behandelaar: Any, collega: Any, behandelaar_beheer: Any, klacht: Case
) -> None:
    _propose(behandelaar, klacht)
    url = reverse("workspace:review-queue")
    assert url == "/werk/zaken/beoordelen/"
    colleague_body = factories.logged_in(collega).get(url).content.decode()
    assert klacht.reference in colleague_body and "Sanne Bakker" in colleague_body
    own_body = factories.logged_in(behandelaar).get(url).content.decode()
    assert "Er wachten geen voorstellen op uw oordeel." in own_body
    assert "Uw voorstellen" in own_body
    assert klacht.reference not in factories.logged_in(behandelaar_beheer).get(url).content.decode()


def test_a_colleague_approves_from_the_case_page(behandelaar: Any, collega: Any, klacht: Case) -> None:
    _propose(behandelaar, klacht)
    client = factories.logged_in(collega)
    assert "Goedkeuren en afhandelen" in client.get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    response = client.post(reverse("workspace:case-review-approve", args=[klacht.pk]))
    assert _messages(response) == ["Goedgekeurd. De zaak is afgehandeld: ongegrond."]
    closed = Case.objects.get(pk=klacht.pk)
    assert closed.status == Status.AFGEHANDELD and closed.outcome == "ongegrond"
    body = client.get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "goedgekeurd door Rachid Meijer (voorgesteld door Sanne Bakker)" in body


def test_the_proposer_cannot_approve_by_posting(behandelaar: Any, klacht: Case) -> None:
    _propose(behandelaar, klacht)
    response = factories.logged_in(behandelaar).post(reverse("workspace:case-review-approve", args=[klacht.pk]))
    assert _messages(response) == ["U kunt uw eigen voorstel niet beoordelen. Een collega van het team doet dat."]
    assert Case.objects.get(pk=klacht.pk).status == Status.TER_BEOORDELING


def test_a_colleague_returns_with_a_remark(behandelaar: Any, collega: Any, klacht: Case) -> None:
    _propose(behandelaar, klacht)
    url = reverse("workspace:case-review-return", args=[klacht.pk])
    assert _messages(factories.logged_in(collega).post(url, {"remark": ""})) == [
        "Opmerking voor uw collega: Dit veld is verplicht."
    ]
    response = factories.logged_in(collega).post(url, {"remark": "Bel de inwoner eerst."})
    assert _messages(response) == ["Het voorstel is teruggestuurd. Uw collega krijgt een e-mail met uw opmerking."]
    assert Case.objects.get(pk=klacht.pk).status == Status.IN_BEHANDELING
    assert factories.last_event(klacht).kind == EventKind.CLOSE_RETURNED


def test_a_kwaliteitsmedewerker_sees_the_queue_page_but_cannot_approve(
    behandelaar: Any, kwaliteitsmedewerker: Any, klacht: Case
) -> None:
    _propose(behandelaar, klacht)
    assert factories.logged_in(kwaliteitsmedewerker).get(reverse("workspace:review-queue")).status_code == 200
    response = factories.logged_in(kwaliteitsmedewerker).post(
        reverse("workspace:case-review-approve", args=[klacht.pk])
    )
    assert response.status_code == 403


def test_the_queue_needs_a_workspace_role(behandelaar: Any) -> None:
    outsider = factories.user("buiten", first="Bo", last="Buiten")
    assert factories.logged_in(outsider).get(reverse("workspace:review-queue")).status_code == 403
