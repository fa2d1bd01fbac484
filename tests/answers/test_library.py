"""The library of standard answers: placeholders, the order on a case (most used for the subject
first), and who may keep it (organisation-scoped; the shared library is read-only)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from casus.answers import placeholders, selectors, services
from casus.answers.models import StandardAnswer, StandardAnswerUse
from casus.cases.models import Case
from tests import factories

pytestmark = pytest.mark.django_db


def answer(title: str, *, organisation: Any = None, case_types: str = "", subjects: tuple[str, ...] = ()) -> Any:
    made = StandardAnswer.objects.create(
        organisation=organisation, title=title, text=f"Beste {{naam}}, {title}", case_types=case_types
    )
    made.subjects.set([factories.subject(name) for name in subjects])
    return made


def use(answer: StandardAnswer, case: Case, times: int = 1) -> None:
    StandardAnswerUse.objects.bulk_create([StandardAnswerUse(answer=answer, case=case) for _ in range(times)])


# --- placeholders --------------------------------------------------------------------------------


def test_it_fills_the_placeholders_from_the_case(behandelaar: Any, inwoner: Any) -> None:
    team = factories.team("Werk")
    team.phone = "036 539 99 11"
    team.save()
    case = factories.register("vraag", date(2026, 10, 1), handler=behandelaar, resident=inwoner)
    text = "Beste {naam}, uw kenmerk is {kenmerk}. Bel {behandelaar} van {team} op {telefoon}. Ontvangen: {ontvangen}."
    assert placeholders.fill(text, case) == (
        f"Beste Jan Smit, uw kenmerk is {case.reference}. Bel Sanne Bakker van Werk op 036 539 99 11. "
        "Ontvangen: 1 oktober 2026."
    )


def test_a_placeholder_without_a_value_gets_a_readable_stand_in_and_an_unknown_one_stays() -> None:
    case = factories.register("vraag", date(2026, 10, 1), team=None)
    assert placeholders.fill("Beste {naam}, bel {behandelaar}. {onbekend}", case) == (
        "Beste heer of mevrouw, bel uw behandelaar. {onbekend}"
    )


# --- the order on a case -------------------------------------------------------------------------


def test_the_answers_most_used_for_the_cases_subject_come_first() -> None:
    energy, assistance = factories.subject("energietoeslag"), factories.subject("bijzondere bijstand")
    StandardAnswer.objects.all().delete()  # only this test's answers
    popular_elsewhere = answer("Veel gebruikt bij bijstand")
    for_subject = answer("Gemaakt voor de toeslag", subjects=("energietoeslag",))
    used_for_subject = answer("Twee keer gebruikt bij de toeslag")
    never = answer("Nooit gebruikt")
    other_cases = [factories.register("vraag", date(2026, 9, 1), subject=assistance) for _ in range(2)]
    energy_cases = [factories.register("vraag", date(2026, 9, 1), subject=energy) for _ in range(2)]
    use(popular_elsewhere, other_cases[0], times=5)
    use(used_for_subject, energy_cases[0])
    use(used_for_subject, energy_cases[1])
    use(for_subject, other_cases[1])
    case = factories.register("vraag", date(2026, 10, 1), subject=energy)

    ordered = list(selectors.answers_for_case(case=case))

    assert ordered == [used_for_subject, for_subject, popular_elsewhere, never]
    assert [(a.subject_uses, a.all_uses) for a in ordered] == [(2, 2), (0, 1), (0, 5), (0, 0)]


def test_without_a_subject_the_most_used_come_first() -> None:
    StandardAnswer.objects.all().delete()
    rare, common = answer("Zelden"), answer("Vaak")
    use(common, factories.register("vraag", date(2026, 9, 1)), times=3)
    case = factories.register("vraag", date(2026, 10, 1))
    assert list(selectors.answers_for_case(case=case)) == [common, rare]


def test_the_picker_offers_answers_for_the_cases_type_organisation_and_active_ones_only() -> None:
    StandardAnswer.objects.all().delete()
    zeewolde = factories.other_organisation()
    shared = answer("Gedeeld", case_types=",vraag,")
    own = answer("Eigen", organisation=factories.organisation())
    answer("Alleen klachten", case_types=",klacht,")
    answer("Van Zeewolde", organisation=zeewolde)
    inactive = answer("Oud")
    inactive.active = False
    inactive.save()
    case = factories.register("vraag", date(2026, 10, 1))
    assert set(selectors.answers_for_case(case=case)) == {shared, own}
    assert selectors.answer_for_case(case=case, answer_id=str(own.pk)) == own
    assert selectors.answer_for_case(case=case, answer_id=inactive.pk) is None
    assert selectors.answer_for_case(case=case, answer_id="x") is None


def test_search_looks_in_title_and_text() -> None:
    case = factories.register("vraag", date(2026, 10, 1))
    found = selectors.answers_for_case(case=case, query="WOZ waarde")
    assert [a.title for a in found] == ["Mijn WOZ-beschikking klopt niet"]


def test_the_shared_library_is_seeded_in_plain_dutch() -> None:
    from casus.answers.readability import score

    shared = StandardAnswer.objects.filter(organisation=None)
    assert shared.count() >= 12
    assert shared.get(title="Wanneer wordt de energietoeslag uitbetaald?").subjects.get().name == "energietoeslag"
    for item in shared:
        assert score(item.text).is_b1, item.title
        assert placeholders.unknown_placeholders(item.text) == [], item.title


# --- keeping the library -------------------------------------------------------------------------


def test_a_beheerder_sees_own_and_shared_answers_not_another_organisations(
    beheerder: Any, beheerder_zeewolde: Any
) -> None:
    answer("Zeewolde: parkeervergunning", organisation=factories.other_organisation())
    answer("Almere: afvalpas", organisation=factories.organisation())
    body = factories.logged_in(beheerder).get(reverse("answers:library")).content.decode()
    assert "Almere: afvalpas" in body
    assert "Wanneer wordt de energietoeslag uitbetaald?" in body  # shared
    assert "Zeewolde: parkeervergunning" not in body


def test_a_coordinator_creates_an_answer_for_the_organisation(coordinator: Any) -> None:
    client = factories.logged_in(coordinator)
    assert client.get(reverse("answers:new")).status_code == 200
    response = client.post(
        reverse("answers:new"),
        {
            "organisation": factories.organisation().pk, "title": "Wanneer komt de afvalpas?",
            "text": "Beste {naam},\n\nU krijgt de pas binnen 2 weken.", "case_types": ["vraag"],
            "subjects": [factories.subject("overig").pk], "active": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302
    made = StandardAnswer.objects.get(title="Wanneer komt de afvalpas?")
    assert (made.organisation, made.case_type_list, made.created_by, made.active) == (
        factories.organisation(),
        ["vraag"],
        coordinator,
        True,
    )
    assert [s.name for s in made.subjects.all()] == ["overig"]


def test_the_form_refuses_an_unknown_placeholder_and_a_double_title(kwaliteitsmedewerker: Any) -> None:
    answer("Afvalpas", organisation=factories.organisation())
    response = factories.logged_in(kwaliteitsmedewerker).post(
        reverse("answers:new"),
        {"organisation": factories.organisation().pk, "title": "afvalpas", "text": "Beste {voornaam}, ja."},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit invulveld kent Casus niet: {voornaam}." in body
    assert "Er is al een standaardantwoord met deze titel." in body


def test_the_editor_shows_the_readability_check(beheerder: Any) -> None:
    own = answer("Afvalpas", organisation=factories.organisation())
    body = factories.logged_in(beheerder).get(reverse("answers:edit", args=[own.pk])).content.decode()
    assert f'hx-post="{reverse("answers:readability")}"' in body
    assert 'hx-target="#id_text_leesbaarheid"' in body and 'id="id_text_leesbaarheid"' in body


def test_a_beheerder_edits_own_answers_only(beheerder: Any) -> None:
    own = answer("Afvalpas", organisation=factories.organisation())
    theirs = answer("Parkeren", organisation=factories.other_organisation())
    shared = StandardAnswer.objects.filter(organisation=None).first()
    client = factories.logged_in(beheerder)
    response = client.post(
        reverse("answers:edit", args=[own.pk]),
        {"organisation": own.organisation_id, "title": "Afvalpas aanvragen", "text": "U vraagt de pas online aan."},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.title, own.active, own.updated_by) == ("Afvalpas aanvragen", False, beheerder)
    assert client.get(reverse("answers:edit", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("answers:edit", args=[shared.pk])).status_code == 403


def test_a_shared_answer_is_changed_through_an_own_copy(beheerder: Any) -> None:
    shared = StandardAnswer.objects.get(organisation=None, title="Hoe maak ik bezwaar?")
    body = factories.logged_in(beheerder).get(reverse("answers:new") + f"?kopie={shared.pk}").content.decode()
    assert 'value="Hoe maak ik bezwaar?"' in body
    assert "Zet uw handtekening eronder." in body
    with pytest.raises(ValueError):
        services.answer_save(actor=beheerder, answer=shared, title="x", text="y", case_types=[], subjects=[])


def test_a_behandelaar_and_mt_cannot_keep_the_library(behandelaar: Any) -> None:
    from casus.cases.domain import TeamRole

    mt = factories.user("asmits", first="Anouk", last="Smits", team_name="BBK", role=TeamRole.MT)
    for person in (behandelaar, mt):
        client = factories.logged_in(person)
        assert client.get(reverse("answers:library")).status_code == 403
        assert client.get(reverse("answers:new")).status_code == 403


# --- the readability endpoint --------------------------------------------------------------------


def test_the_readability_endpoint_answers_with_score_level_and_warnings(behandelaar: Any) -> None:
    client = factories.logged_in(behandelaar)
    text = " ".join(["Wij hebben uw uitgebreide bezwaarschrift met betrekking tot de terugvordering"] * 3) + "."
    response = client.post(reverse("answers:readability"), {"field": "closing_text", "closing_text": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Leesbaarheid:" in body and "zeer moeilijk" in body
    assert "1 zin is langer dan 20 woorden. Maak er twee zinnen van." in body
    assert "terugvordering" in body


def test_the_readability_endpoint_is_for_writers_only() -> None:
    from casus.cases.domain import TeamRole

    mt = factories.user("asmits", first="Anouk", last="Smits", team_name="BBK", role=TeamRole.MT)
    assert factories.logged_in(mt).post(reverse("answers:readability"), {"text": "Hallo."}).status_code == 403


def test_the_demo_uses_follow_the_subject_and_run_once(behandelaar: Any) -> None:
    from django.core.management import call_command

    from casus.cases import services

    energy = factories.subject("energietoeslag")
    for day in range(1, 21):
        case = factories.register("vraag", date(2026, 9, day), subject=energy, handler=behandelaar)
        services.case_close(case=case, actor=behandelaar, outcome="beantwoord", closed_on=date(2026, 10, 1))
    call_command("seed_answer_uses")
    uses = list(StandardAnswerUse.objects.all())
    assert 5 <= len(uses) <= 20
    assert {use.answer.subjects.get().name for use in uses} == {"energietoeslag"}
    call_command("seed_answer_uses")
    assert StandardAnswerUse.objects.count() == len(uses)
