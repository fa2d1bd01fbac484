"""The standard-answer picker on the case page's close form: the list (most used for the subject
first), filling the closing text, and the use recorded when the case is closed with it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from casus.answers.models import StandardAnswer, StandardAnswerUse
from casus.cases.domain import Status
from casus.cases.models import Case
from tests import factories

pytestmark = pytest.mark.django_db

PAYOUT = "Wanneer wordt de energietoeslag uitbetaald?"


@pytest.fixture
def vraag(behandelaar: Any, inwoner: Any) -> Case:
    return factories.register(
        "vraag", date(2026, 10, 1), handler=behandelaar, resident=inwoner, subject=factories.subject("energietoeslag")
    )


def _used_for_energy(title: str, times: int) -> StandardAnswer:
    chosen = StandardAnswer.objects.get(organisation=None, title=title)
    earlier = factories.register("vraag", date(2026, 9, 1), subject=factories.subject("energietoeslag"))
    StandardAnswerUse.objects.bulk_create([StandardAnswerUse(answer=chosen, case=earlier) for _ in range(times)])
    return chosen


def test_the_close_form_has_the_picker_and_the_readability_check(behandelaar: Any, vraag: Case) -> None:
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[vraag.pk])).content.decode()
    assert "Standaardantwoord kiezen" in body
    assert f'hx-get="{reverse("answers:picker", args=[vraag.pk])}"' in body
    assert 'name="standard_answer"' in body and 'id="id_close_standard_answer"' in body
    assert 'hx-target="#id_close_closing_text_leesbaarheid"' in body
    assert 'id="id_close_closing_text_leesbaarheid"' in body


def test_the_picker_lists_the_most_used_answer_for_the_subject_first(behandelaar: Any, vraag: Case) -> None:
    _used_for_energy("Hoe vraag ik de energietoeslag aan?", 1)
    _used_for_energy(PAYOUT, 3)
    body = factories.logged_in(behandelaar).get(reverse("answers:picker", args=[vraag.pk])).content.decode()
    assert body.index(PAYOUT) < body.index("Hoe vraag ik de energietoeslag aan?") < body.index("Hoe maak ik bezwaar?")
    assert "3× gebruikt bij energietoeslag" in body
    assert "Uw klacht is opgelost na ons gesprek" not in body  # for complaints only


def test_the_picker_searches(behandelaar: Any, vraag: Case) -> None:
    url = reverse("answers:picker", args=[vraag.pk]) + "?q=bijzondere+bijstand"
    body = factories.logged_in(behandelaar).get(url).content.decode()
    assert "Hoe vraag ik bijzondere bijstand aan?" in body
    assert PAYOUT not in body


def test_picking_fills_the_closing_text_with_the_case_filled_in(behandelaar: Any, vraag: Case) -> None:
    chosen = StandardAnswer.objects.get(organisation=None, title=PAYOUT)
    url = reverse("answers:pick", args=[vraag.pk]) + f"?antwoord={chosen.pk}"
    body = factories.logged_in(behandelaar).get(url).content.decode()
    assert 'id="id_close_closing_text"' in body and 'name="closing_text"' in body
    assert "Beste Jan Smit," in body
    assert f"Noem dan uw kenmerk {vraag.reference}." in body
    assert "Sanne Bakker" in body and "{naam}" not in body
    assert f'name="standard_answer" id="id_close_standard_answer" value="{chosen.pk}" hx-swap-oob="true"' in body
    assert "U koos het antwoord ‘Wanneer wordt de energietoeslag uitbetaald?’." in body


def test_picking_another_organisations_answer_is_not_found(behandelaar: Any, vraag: Case) -> None:
    theirs = StandardAnswer.objects.create(organisation=factories.other_organisation(), title="Parkeren", text="Ja.")
    url = reverse("answers:pick", args=[vraag.pk]) + f"?antwoord={theirs.pk}"
    assert factories.logged_in(behandelaar).get(url).status_code == 404


def _close(client: Any, case: Case, **extra: Any) -> Any:
    data = {"outcome": "beantwoord", "closed_on": "2026-10-05", "closing_text": "Beste Jan Smit, u krijgt het geld."}
    return client.post(reverse("workspace:case-close", args=[case.pk]), {**data, **extra})


def test_closing_with_a_picked_answer_records_its_use(behandelaar: Any, vraag: Case) -> None:
    chosen = StandardAnswer.objects.get(organisation=None, title=PAYOUT)
    response = _close(factories.logged_in(behandelaar), vraag, standard_answer=chosen.pk)
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Status.AFGEHANDELD and vraag.closing_text == "Beste Jan Smit, u krijgt het geld."
    recorded = StandardAnswerUse.objects.get(case=vraag)
    assert (recorded.answer, recorded.user) == (chosen, behandelaar)


def test_no_use_is_recorded_without_a_pick_an_empty_text_or_a_foreign_answer(
    behandelaar: Any, inwoner: Any, vraag: Case
) -> None:
    client = factories.logged_in(behandelaar)
    _close(client, vraag)
    chosen = StandardAnswer.objects.get(organisation=None, title=PAYOUT)
    empty = factories.register("vraag", date(2026, 10, 1), handler=behandelaar, resident=inwoner)
    _close(client, empty, standard_answer=chosen.pk, closing_text="")
    theirs = StandardAnswer.objects.create(organisation=factories.other_organisation(), title="Parkeren", text="Ja.")
    foreign = factories.register("vraag", date(2026, 10, 1), handler=behandelaar, resident=inwoner)
    _close(client, foreign, standard_answer=theirs.pk)
    assert Case.objects.filter(pk__in=[vraag.pk, empty.pk, foreign.pk], status=Status.AFGEHANDELD).count() == 3
    assert not StandardAnswerUse.objects.exists()


def test_a_refused_close_records_no_use(behandelaar: Any, vraag: Case) -> None:
    chosen = StandardAnswer.objects.get(organisation=None, title=PAYOUT)
    response = _close(factories.logged_in(behandelaar), vraag, standard_answer=chosen.pk, closed_on="2026-09-01")
    assert response.status_code == 302  # back to the case with the reason
    vraag.refresh_from_db()
    assert vraag.status != Status.AFGEHANDELD
    assert not StandardAnswerUse.objects.exists()


def test_a_kwaliteitsmedewerker_reads_the_case_but_gets_no_picker(kwaliteitsmedewerker: Any, vraag: Case) -> None:
    client = factories.logged_in(kwaliteitsmedewerker)
    assert client.get(reverse("answers:picker", args=[vraag.pk])).status_code == 403


def test_the_picker_needs_the_same_queries_for_few_or_many_answers(
    behandelaar: Any, vraag: Case, django_assert_max_num_queries: Any
) -> None:
    client = factories.logged_in(behandelaar)
    url = reverse("answers:picker", args=[vraag.pk])
    client.get(url)  # warm up the session and the user's memberships
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for number in range(30):
        StandardAnswer.objects.create(organisation=vraag.organisation, title=f"Antwoord {number}", text="Ja.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_filling_in_the_residents_name_is_in_the_audit_log(behandelaar: Any, vraag: Case) -> None:
    from casus.access.models import AuditAction, AuditEntry

    chosen = StandardAnswer.objects.get(organisation=None, title=PAYOUT)
    factories.logged_in(behandelaar).get(reverse("answers:pick", args=[vraag.pk]) + f"?antwoord={chosen.pk}")
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(vraag.pk), user=behandelaar).exists()
