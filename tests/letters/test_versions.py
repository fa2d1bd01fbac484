"""Every save of a template is a new version (who, when, what changed); old versions stay readable;
editing the standard makes the organisation's own copy; a sent letter keeps the exact version."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from casus.cases.domain import TeamRole
from casus.letters.models import LetterKind, LetterTemplate
from casus.letters.selectors import template_for
from casus.letters.services import LetterTemplateError, letter_send, template_save
from tests import factories

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(db: None) -> Any:
    return factories.user("bkok", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)


def _standard() -> LetterTemplate:
    return LetterTemplate.objects.get(organisation=None, case_type="klacht", kind=LetterKind.ONTVANGSTBEVESTIGING)


def test_saving_the_standard_makes_the_organisations_own_version(beheerder: Any) -> None:
    standard = _standard()
    almere = factories.organisation()
    text = standard.current.body.replace("Dank u wel dat u dit aan ons laat weten.", "Fijn dat u dit meldt.")
    version = template_save(
        template=standard,
        organisation=almere,
        subject=standard.current.subject,
        body=text,
        actor=beheerder,
        note="Korter bedankje",
    )
    own = version.template
    assert own.organisation == almere and own.based_on == standard and version.number == 1
    assert version.created_by == beheerder and version.created_by_name == "Bas Kok" and version.created_at
    removed = [line for line in version.changes.splitlines() if line.startswith("-")]
    added = [line for line in version.changes.splitlines() if line.startswith("+")]
    assert any("Dank u wel dat u dit aan ons laat weten." in line for line in removed)
    assert any("Fijn dat u dit meldt." in line for line in added)
    assert standard.versions.count() == 1  # the standard is untouched for everyone else
    assert template_for(organisation=almere, case_type="klacht", kind=LetterKind.ONTVANGSTBEVESTIGING) == own
    zeewolde = factories.other_organisation()
    assert template_for(organisation=zeewolde, case_type="klacht", kind=LetterKind.ONTVANGSTBEVESTIGING) == standard


def test_every_save_is_a_new_version_and_old_ones_stay(beheerder: Any) -> None:
    standard, almere = _standard(), factories.organisation()
    first = template_save(
        template=standard,
        organisation=almere,
        subject="Ontvangen: uw klacht",
        body=standard.current.body,
        actor=beheerder,
    )
    second = template_save(
        template=first.template,
        organisation=almere,
        subject="Wij hebben uw klacht",
        body=standard.current.body,
        actor=beheerder,
    )
    assert (first.number, second.number) == (1, 2)
    assert first.template.current == second
    first.refresh_from_db()
    assert first.subject == "Ontvangen: uw klacht"
    assert "-Onderwerp: Ontvangen: uw klacht" in second.changes and "+Onderwerp: Wij hebben uw klacht" in second.changes


def test_an_unchanged_text_is_not_saved_again(beheerder: Any) -> None:
    standard = _standard()
    with pytest.raises(LetterTemplateError, match="niets gewijzigd"):
        template_save(
            template=standard,
            organisation=factories.organisation(),
            subject=standard.current.subject,
            body=standard.current.body,
            actor=beheerder,
        )


def test_a_template_with_a_syntax_error_is_not_saved(beheerder: Any) -> None:
    standard = _standard()
    with pytest.raises(LetterTemplateError, match="niet afgesloten"):
        template_save(
            template=standard,
            organisation=factories.organisation(),
            subject="Ontvangen",
            body="{% if zaak.onderwerp %}Over {{ zaak.onderwerp }}",
            actor=beheerder,
        )
    assert not LetterTemplate.objects.filter(organisation__isnull=False).exists()


def test_a_sent_letter_keeps_the_exact_version(
    werk: Any, beheerder: Any, behandelaar: Any, inwoner_met_mail: Any
) -> None:
    standard, almere = _standard(), factories.organisation()
    case = register("klacht", date(2026, 4, 14), resident=inwoner_met_mail, handler=behandelaar)
    used = template_save(
        template=standard, organisation=almere, subject="Versie een", body=standard.current.body, actor=beheerder
    )
    letter = letter_send(case=case, version=used.template.current, channel="email", actor=behandelaar)
    template_save(
        template=used.template, organisation=almere, subject="Versie twee", body=standard.current.body, actor=beheerder
    )
    letter.refresh_from_db()
    assert letter.template_version == used and letter.subject == "Versie een"
    assert case.events.filter(kind="brief_verzonden").get().data["template_version"] == 1
