"""The case page: resident, other cases, chain, timeline, term; audited; team scope."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casus.access.models import AuditAction, AuditEntry
from casus.cases import services
from casus.cases.models import Case
from casus.deadlines.explain import dutch_date
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def klacht(behandelaar: Any, inwoner: Any) -> Case:
    inwoner.bsn = "111222333"
    inwoner.interpreter_language = "Arabisch"
    inwoner.low_digital_skills = True
    inwoner.representative_kind = "bewindvoerder"
    inwoner.representative_name = "P. de Wit"
    inwoner.save()
    return factories.register(
        "klacht", date(2026, 10, 1), handler=behandelaar, resident=inwoner, description="Niet teruggebeld."
    )


def test_it_shows_the_resident_with_needs_and_a_masked_bsn(behandelaar: Any, klacht: Case) -> None:
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "Jan Smit" in body
    assert "*****2333" in body and "111222333" not in body
    assert "Tolk nodig: Arabisch" in body
    assert "Weinig digitale vaardigheden" in body
    assert "Bewindvoerder P. de Wit" in body


def test_it_shows_the_deadline_and_how_it_was_counted(behandelaar: Any, klacht: Case) -> None:
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "Hoe is de uiterste datum geteld?" in body
    assert "Klacht ontvangen op do 1 oktober 2026" in body
    assert f"Uiterste datum: {dutch_date(services.deadline_for(klacht).due)}." in body
    assert "werkdagen over de termijn" in body  # received 1 October, due mid-November, today is later


def test_it_lists_only_other_cases_the_user_may_see(
    behandelaar: Any, behandelaar_beheer: Any, klacht: Case, inwoner: Any
) -> None:
    own = factories.register("vraag", date(2026, 9, 1), resident=inwoner)
    hidden = factories.register("vraag", date(2026, 9, 2), resident=inwoner, team=factories.team("Beheer"))
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert own.reference in body
    assert hidden.reference not in body


def test_it_shows_the_chain(behandelaar: Any, klacht: Case, inwoner: Any) -> None:
    bezwaar = factories.register("bezwaar", date(2026, 10, 20), resident=inwoner)
    services.case_link(case=bezwaar, other=klacht, kind="follows_from", actor=behandelaar)
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[bezwaar.pk])).content.decode()
    assert "klacht → bezwaar → beroep" in body
    assert body.index(klacht.reference) < body.index(f'aria-current="page">{bezwaar.reference}')


def test_the_timeline_is_newest_first(behandelaar: Any, klacht: Case) -> None:
    services.case_add_note(case=klacht, actor=behandelaar, text="Eerst bellen.")
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "nieuwste bovenaan" in body
    assert body.index("Eerst bellen.") < body.index("Klacht ontvangen via e-mail")


def test_every_view_of_the_page_is_audited(behandelaar: Any, klacht: Case) -> None:
    factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk]))
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_id=str(klacht.pk))
    assert entry.user == behandelaar
    assert entry.object_repr == klacht.reference


def test_another_teams_behandelaar_gets_403_and_the_refusal_is_audited(behandelaar_beheer: Any, klacht: Case) -> None:
    response = factories.logged_in(behandelaar_beheer).get(reverse("workspace:case", args=[klacht.pk]))
    assert response.status_code == 403
    assert "Niet teruggebeld." not in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, object_id=str(klacht.pk), allowed=False).exists()


def test_a_kwaliteitsmedewerker_reads_but_sees_no_actions(klacht: Case) -> None:
    reader = factories.user("kwal", first="Kim", last="Kwaliteit", team_name="Werk", role="kwaliteitsmedewerker")
    client = factories.logged_in(reader)
    body = client.get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "Niet teruggebeld." in body
    assert "Wat wilt u doen?" not in body
    response = client.post(reverse("workspace:case-note", args=[klacht.pk]), {"text": "Meegelezen."})
    assert response.status_code == 403


def test_a_safety_flag_shows_the_protocol_and_marks_the_case_sensitive(
    behandelaar: Any, coordinator: Any, collega: Any, klacht: Case
) -> None:
    organisation = klacht.organisation
    organisation.safety_protocol = "Bel direct de teamleider op 036-5399999."
    organisation.save()
    response = factories.logged_in(behandelaar).post(
        reverse("workspace:case-flag-safety", args=[klacht.pk]), {"note": ""}
    )
    assert response.status_code == 302
    body = factories.logged_in(coordinator).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "Veiligheidssignaal: volg het protocol" in body
    assert "0800-0113" in body and "112" in body
    assert "Bel direct de teamleider op 036-5399999." in body
    assert "Gevoelig dossier" in body
    assert factories.logged_in(collega).get(reverse("workspace:case", args=[klacht.pk])).status_code == 403


def test_a_case_in_another_organisation_is_refused(behandelaar: Any) -> None:
    other = factories.register("vraag", date(2026, 10, 1), organisation=factories.other_organisation(), team=None)
    assert factories.logged_in(behandelaar).get(reverse("workspace:case", args=[other.pk])).status_code == 403


def test_the_page_needs_a_login(klacht: Case) -> None:
    response = Client().get(reverse("workspace:case", args=[klacht.pk]))
    assert response.status_code == 302 and "/inloggen/" in response.headers["Location"]
