"""Improvement actions: per theme, with owner, deadline, principle, status and progress notes; the
overview puts overdue actions first; a finished action shows its effect on the theme."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from casus.cases.models import GuidingPrinciple
from casus.learning import selectors, services
from casus.learning.models import ActionProgress, ImprovementAction, Theme
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = date.today()


def _theme(**fields: Any) -> Theme:
    return services.theme_create(organisation=factories.organisation(), actor=None, title="Brieven", **fields)


def _principle(name: str = "betrouwbaarheid") -> GuidingPrinciple:
    return GuidingPrinciple.objects.get(name=name)


def _action(theme: Theme, title: str = "Brieven herschrijven", **fields: Any) -> ImprovementAction:
    fields.setdefault("deadline", TODAY + timedelta(days=30))
    fields.setdefault("principle", _principle())
    return services.action_create(theme=theme, actor=None, title=title, **fields)


def test_a_kwaliteitsmedewerker_adds_an_action(kwaliteitsmedewerker: Any) -> None:
    theme = _theme()
    client = factories.logged_in(kwaliteitsmedewerker)
    page = client.get(reverse("learning:theme", args=[theme.pk])).content.decode()
    assert "Verbeteractie toevoegen" in page
    response = client.post(
        reverse("learning:action-new", args=[theme.pk]),
        {"actie-title": "Brieven in B1", "actie-principle": _principle("vakmanschap").pk,
         "actie-owner": kwaliteitsmedewerker.pk, "actie-deadline": "2026-12-31"},
        follow=True,
    )  # fmt: skip
    assert "De actie &#x27;Brieven in B1&#x27; is toegevoegd." in response.content.decode()
    action = ImprovementAction.objects.get()
    assert (action.principle.name, action.owner, action.deadline, action.status) == (
        "vakmanschap",
        kwaliteitsmedewerker,
        date(2026, 12, 31),
        "gepland",
    )


def test_an_action_needs_a_principle_and_a_deadline(kwaliteitsmedewerker: Any) -> None:
    theme = _theme()
    body = (
        factories.logged_in(kwaliteitsmedewerker)
        .post(reverse("learning:action-new", args=[theme.pk]), {"actie-title": "Iets"}, follow=True)
        .content.decode()
    )
    assert "Leidend principe: Dit veld is verplicht." in body and "Klaar op (uiterlijk): Dit veld is verplicht." in body
    assert not ImprovementAction.objects.exists()


def test_progress_notes_move_the_status(kwaliteitsmedewerker: Any) -> None:
    action = _action(_theme())
    client = factories.logged_in(kwaliteitsmedewerker)
    url = reverse("learning:action-progress", args=[action.theme_id, action.pk])
    prefix = f"voortgang-{action.pk}"
    client.post(url, {f"{prefix}-note": "Eerste brieven herschreven.", f"{prefix}-status": "loopt"})
    action.refresh_from_db()
    assert action.status == "loopt" and action.completed_on is None
    client.post(url, {f"{prefix}-note": "Alle brieven klaar.", f"{prefix}-status": "gereed"})
    action.refresh_from_db()
    assert action.status == "gereed" and action.completed_on == TODAY
    notes = list(ActionProgress.objects.order_by("at").values_list("note", "status", "by_name"))
    assert notes == [("Eerste brieven herschreven.", "loopt", "Ilse Jansen"), ("Alle brieven klaar.", "gereed",
                                                                                  "Ilse Jansen")]  # fmt: skip
    page = client.get(reverse("learning:theme", args=[action.theme_id])).content.decode()
    assert "Alle brieven klaar." in page and "Effect op dit thema:" in page


def test_finished_in_the_future_is_refused(kwaliteitsmedewerker: Any) -> None:
    action = _action(_theme())
    with pytest.raises(services.LearningError, match="toekomst"):
        services.action_progress(
            action=action, actor=kwaliteitsmedewerker, note="x", status="gereed",
            completed_on=TODAY + timedelta(days=1),
        )  # fmt: skip


def test_the_database_keeps_gereed_and_its_date_together() -> None:
    action = _action(_theme())
    with pytest.raises(IntegrityError), transaction.atomic():
        ImprovementAction.objects.filter(pk=action.pk).update(status="gereed")


def test_an_action_of_another_theme_is_not_found_under_this_one(kwaliteitsmedewerker: Any) -> None:
    action = _action(_theme())
    other = _theme()
    response = factories.logged_in(kwaliteitsmedewerker).post(
        reverse("learning:action-progress", args=[other.pk, action.pk]), {}
    )
    assert response.status_code == 404


def test_the_overview_puts_overdue_actions_first(coordinator: Any, mt: Any) -> None:
    theme = _theme()
    later = _action(theme, "Later", deadline=TODAY + timedelta(days=60))
    soon = _action(theme, "Binnenkort", deadline=TODAY + timedelta(days=5))
    late = _action(theme, "Te laat", deadline=TODAY - timedelta(days=3))
    done = _action(theme, "Klaar", deadline=TODAY - timedelta(days=30), status="gereed", completed_on=TODAY)
    assert list(selectors.actions_for(coordinator)) == [late, soon, later, done]
    for person in (coordinator, mt):
        body = factories.logged_in(person).get(reverse("learning:actions")).content.decode()
        assert body.index("Te laat</a>") < body.index("Binnenkort</a>") < body.index("Klaar</a>")
        assert "Nu 1 te laat." in body
    assert (
        "Verbeteractie toevoegen"
        not in factories.logged_in(mt).get(reverse("learning:theme", args=[theme.pk])).content.decode()
    )


def test_the_overview_counts_per_principle(coordinator: Any) -> None:
    theme = _theme()
    _action(theme, "A", principle=_principle("luisteren"))
    _action(theme, "B", principle=_principle("luisteren"), status="loopt")
    body = factories.logged_in(coordinator).get(reverse("learning:actions")).content.decode()
    row = body[body.index('<th scope="row">luisteren</th>') :].split("</tr>")[0]
    assert row.count('<td class="number">1</td>') == 2


def test_mt_may_not_add_actions(mt: Any) -> None:
    theme = _theme()
    response = factories.logged_in(mt).post(reverse("learning:action-new", args=[theme.pk]), {"actie-title": "x"})
    assert response.status_code == 403


def test_the_effect_of_a_finished_action_on_its_theme(behandelaar: Any) -> None:
    subject = factories.subject("woonlastenfonds")
    theme = _theme(subjects=[subject])
    done = TODAY - timedelta(days=40)
    for days in range(1, 31, 2):  # 15 cases in the 40 days before
        factories.register(handler=behandelaar, subject=subject, received_on=done - timedelta(days=days))
    for days in (3, 20):  # 2 after
        factories.register(handler=behandelaar, subject=subject, received_on=done + timedelta(days=days))
    action = _action(theme, status="gereed", completed_on=done)
    result = selectors.action_effect(action, today=TODAY)
    assert (result.days, result.before, result.after) == (40, 15, 2)
    assert "duidelijk minder" in result.sentence
    assert selectors.action_effect(_action(theme, "Open")) is None


def test_a_moved_deadline_is_noted_in_the_progress(kwaliteitsmedewerker: Any) -> None:
    action = _action(_theme(), deadline=date(2026, 12, 1))
    client = factories.logged_in(kwaliteitsmedewerker)
    page = client.get(reverse("learning:theme", args=[action.theme_id])).content.decode()
    assert f'name="actie-{action.pk}-deadline" value="2026-12-01"' in page
    assert f'<option value="{_principle().pk}" selected>betrouwbaarheid</option>' in page  # the change form
    prefix = f"actie-{action.pk}"
    body = client.post(
        reverse("learning:action-edit", args=[action.theme_id, action.pk]),
        {f"{prefix}-title": "Brieven in B1", f"{prefix}-principle": _principle("luisteren").pk,
         f"{prefix}-owner": kwaliteitsmedewerker.pk, f"{prefix}-deadline": "2027-02-01"},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "is gewijzigd" in body and "Datum verschoven van 01-12-2026 naar 01-02-2027." in body
    action.refresh_from_db()
    assert (action.title, action.deadline, action.owner) == ("Brieven in B1", date(2027, 2, 1), kwaliteitsmedewerker)
