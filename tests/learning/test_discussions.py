"""Case discussions (casuïstiekoverleg / maatwerkplaats): the cases, the perspectives heard, the
decision and the signal to the policy owner; on every case's timeline."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from casus.cases.domain import EventKind
from casus.learning import services
from casus.learning.models import CaseDiscussion
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_discussion_is_recorded_with_its_perspectives(kwaliteit_werk: Any, behandelaar: Any) -> None:
    cases = [factories.register(handler=behandelaar) for _ in range(2)]
    client = factories.logged_in(kwaliteit_werk)
    assert (
        "Perspectief inwoner / ervaringsdeskundige" in client.get(reverse("learning:discussion-new")).content.decode()
    )
    response = client.post(
        reverse("learning:discussion-new"),
        {
            "organisation": factories.organisation().pk, "held_on": timezone.localdate().isoformat(),
            "title": "Schulden en terugvordering", "references": f"{cases[0].reference}, {cases[1].reference}",
            "participants": "jurist, klantmanager, ervaringsdeskundige", "recht": "Kwijtschelding kan.",
            "inwoner": "De brieven maken bang.", "decision": "Betalingsregeling naar draagkracht.",
            "policy_owner": "Beleid Inkomen", "signal_to_policy_owner": "Regel voor draagkracht ontbreekt.",
        },
        follow=True,
    )  # fmt: skip
    body = response.content.decode()
    discussion = CaseDiscussion.objects.get()
    assert "Het overleg is vastgelegd" in body and "Regel voor draagkracht ontbreekt." in body
    assert body.index("Recht (wet en regels)") < body.index("Inwoner / ervaringsdeskundige")  # law first
    assert set(discussion.cases.all()) == set(cases)
    assert dict(discussion.perspectives.values_list("kind", "text")) == {
        "recht": "Kwijtschelding kan.", "inwoner": "De brieven maken bang."
    }  # fmt: skip
    event = factories.last_event(cases[0])
    assert event.kind == EventKind.DISCUSSION
    assert "Schulden en terugvordering" in event.summary and "Betalingsregeling naar draagkracht." in event.summary


def test_unknown_or_invisible_cases_are_named(kwaliteitsmedewerker: Any, behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)  # team Werk; this kwaliteitsmedewerker is of team BBK
    body = factories.logged_in(kwaliteitsmedewerker).post(
        reverse("learning:discussion-new"),
        {"organisation": factories.organisation().pk, "held_on": timezone.localdate().isoformat(), "title": "x",
         "references": case.reference, "recht": "y"},
    ).content.decode()  # fmt: skip
    assert f"Niet gevonden (of u mag de zaak niet zien): {case.reference}." in body
    assert not CaseDiscussion.objects.exists()


def test_a_discussion_needs_a_perspective_and_is_not_in_the_future(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    kwargs = {"organisation": case.organisation, "actor": None, "title": "x", "cases": [case]}
    with pytest.raises(services.LearningError, match="perspectieven"):
        services.discussion_record(held_on=timezone.localdate(), perspectives={"recht": " "}, **kwargs)
    with pytest.raises(services.LearningError, match="nog moet komen"):
        services.discussion_record(
            held_on=timezone.localdate() + timedelta(days=1), perspectives={"recht": "y"}, **kwargs
        )


def test_mt_reads_discussions_without_case_links(mt: Any, behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    discussion = services.discussion_record(
        organisation=case.organisation, actor=None, held_on=timezone.localdate(), title="Maatwerk", cases=[case],
        perspectives={"beleid": "Ruimte in de beleidsregel."},
    )  # fmt: skip
    client = factories.logged_in(mt)
    body = client.get(reverse("learning:discussion", args=[discussion.pk])).content.decode()
    assert "Ruimte in de beleidsregel." in body and case.reference in body
    assert reverse("workspace:case", args=[case.pk]) not in body
    assert client.get(reverse("learning:discussion-new")).status_code == 403
