"""Four-eyes (seed 001 §3): a rejection waits for a second team member before the case closes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from casus.cases import services
from casus.cases.domain import EventKind, ReviewDecision, Status, TeamRole
from casus.cases.models import Case, CaseReview, CaseTypeSetting
from casus.cases.services import CaseError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_eyes() -> CaseTypeSetting:
    return CaseTypeSetting.objects.create(organisation=factories.organisation(), case_type="klacht", four_eyes=True)


@pytest.fixture
def klacht(behandelaar: Any) -> Case:
    case = factories.register("klacht", date(2026, 10, 1), handler=behandelaar, actor=behandelaar)
    return services.case_start(case=case, actor=behandelaar)


def _propose(case: Case, actor: Any, outcome: str = "ongegrond") -> CaseReview:
    return services.case_propose_close(
        case=case, actor=actor, outcome=outcome, closing_text="Wij vinden de klacht ongegrond."
    )


def test_it_requires_four_eyes_only_for_rejections_of_a_configured_type(four_eyes: Any, klacht: Case) -> None:
    assert services.four_eyes_required(case=klacht, outcome="ongegrond")
    assert not services.four_eyes_required(case=klacht, outcome="gegrond")
    bezwaar = factories.register("bezwaar", date(2026, 10, 1))
    assert not services.four_eyes_required(case=bezwaar, outcome="ongegrond")


def test_it_refuses_to_close_a_rejection_without_a_second_reader(
    four_eyes: Any, klacht: Case, behandelaar: Any
) -> None:
    with pytest.raises(CaseError, match="leest een tweede teamlid mee"):
        services.case_close(case=klacht, actor=behandelaar, outcome="ongegrond")
    services.case_close(case=klacht, actor=behandelaar, outcome="gegrond")


def test_it_closes_a_rejection_directly_when_four_eyes_is_off(klacht: Case, behandelaar: Any) -> None:
    closed = services.case_close(case=klacht, actor=behandelaar, outcome="ongegrond")
    assert closed.status == Status.AFGEHANDELD


def test_a_proposal_puts_the_case_in_review_without_an_outcome(four_eyes: Any, klacht: Case, behandelaar: Any) -> None:
    review = _propose(klacht, behandelaar)
    klacht.refresh_from_db()
    assert klacht.status == Status.TER_BEOORDELING
    assert klacht.outcome == "" and klacht.closed_on is None
    assert review.outcome == "ongegrond" and review.decision == ""
    assert factories.last_event(klacht).kind == EventKind.CLOSE_PROPOSED


def test_a_colleague_approves_and_the_timeline_names_both(
    four_eyes: Any, klacht: Case, behandelaar: Any, collega: Any
) -> None:
    review = _propose(klacht, behandelaar)
    closed = services.case_review_approve(case=klacht, actor=collega)
    assert closed.status == Status.AFGEHANDELD
    assert closed.outcome == "ongegrond"
    assert closed.closing_text == "Wij vinden de klacht ongegrond."
    review.refresh_from_db()
    assert review.decision == ReviewDecision.APPROVED and review.decided_by == collega
    kinds = factories.event_kinds(klacht)
    assert kinds[-2:] == [EventKind.CLOSE_APPROVED, EventKind.CLOSED]
    closing = factories.last_event(klacht)
    assert "Voorgesteld door Sanne Bakker, goedgekeurd door Rachid Meijer." in closing.summary
    assert closing.actor == collega


def test_the_proposer_cannot_approve_their_own_proposal(four_eyes: Any, klacht: Case, behandelaar: Any) -> None:
    _propose(klacht, behandelaar)
    with pytest.raises(CaseError, match="eigen voorstel"):
        services.case_review_approve(case=klacht, actor=behandelaar)


def test_a_member_of_another_team_cannot_review(
    four_eyes: Any, klacht: Case, behandelaar: Any, behandelaar_beheer: Any, kwaliteitsmedewerker: Any
) -> None:
    _propose(klacht, behandelaar)
    for outsider in (behandelaar_beheer, kwaliteitsmedewerker):
        with pytest.raises(CaseError, match="team van de zaak"):
            services.case_review_approve(case=klacht, actor=outsider)


def test_a_coordinator_of_the_team_may_review(four_eyes: Any, klacht: Case, behandelaar: Any, coordinator: Any) -> None:
    _propose(klacht, behandelaar)
    assert services.case_review_approve(case=klacht, actor=coordinator).status == Status.AFGEHANDELD


def test_returning_needs_a_remark_and_puts_the_case_back_in_handling(
    four_eyes: Any, klacht: Case, behandelaar: Any, collega: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _propose(klacht, behandelaar)
    with pytest.raises(CaseError, match="waarom"):
        services.case_review_return(case=klacht, actor=collega, remark=" ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        returned = services.case_review_return(case=klacht, actor=collega, remark="Hoor de inwoner eerst.")
    assert [message.to for message in mail.outbox] == [[behandelaar.email]]
    assert returned.status == Status.IN_BEHANDELING
    assert returned.outcome == ""
    event = factories.last_event(klacht)
    assert event.kind == EventKind.CLOSE_RETURNED
    assert "Sanne Bakker" in event.summary and "Rachid Meijer" in event.summary
    assert "Hoor de inwoner eerst." in event.summary
    _propose(klacht, behandelaar)  # a new proposal after the return is possible
    assert klacht.reviews.count() == 2


def test_a_case_in_review_cannot_be_closed_or_proposed_again(
    four_eyes: Any, klacht: Case, behandelaar: Any, collega: Any
) -> None:
    _propose(klacht, behandelaar)
    with pytest.raises(CaseError, match="wacht op beoordeling"):
        services.case_close(case=klacht, actor=behandelaar, outcome="gegrond")
    with pytest.raises(CaseError, match="wacht op beoordeling"):
        _propose(klacht, behandelaar)
    with pytest.raises(CaseError, match="wacht op beoordeling"):
        services.case_request_information(
            case=klacht, actor=behandelaar, requested_on=date(2026, 10, 2), repair_until=date(2026, 10, 9), what="x"
        )


def test_approving_without_a_proposal_is_refused(klacht: Case, collega: Any) -> None:
    with pytest.raises(CaseError, match="wacht geen voorstel"):
        services.case_review_approve(case=klacht, actor=collega)


def test_the_proposal_is_checked_like_a_closing(four_eyes: Any, klacht: Case, behandelaar: Any) -> None:
    with pytest.raises(CaseError, match="past niet bij een klacht"):
        _propose(klacht, behandelaar, outcome="afgewezen")


def test_the_database_refuses_a_second_open_review(four_eyes: Any, klacht: Case, behandelaar: Any) -> None:
    _propose(klacht, behandelaar)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseReview.objects.create(case=klacht, proposed_by=behandelaar, outcome="gegrond", closed_on=date(2026, 10, 2))


def test_a_team_coordinator_in_another_role_is_not_enough(four_eyes: Any, klacht: Case, behandelaar: Any) -> None:
    reader = factories.user("lezer", first="Lies", last="Lezer", team_name="Werk", role=TeamRole.KWALITEIT)
    _propose(klacht, behandelaar)
    with pytest.raises(CaseError, match="team van de zaak"):
        services.case_review_return(case=klacht, actor=reader, remark="Nee")
