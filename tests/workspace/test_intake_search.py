"""Finding the resident as you type: only residents the user may see, and every search audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from casus.access.models import AuditAction, AuditEntry
from casus.cases.models import Resident
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/werk/registreren/inwoners/"


def _with_case(resident: Resident, team: str = "Werk") -> Resident:
    factories.register("vraag", timezone.localdate() - timedelta(days=3), team=factories.team(team), resident=resident)
    return resident


@pytest.fixture
def smit(inwoner: Resident) -> Resident:
    inwoner.bsn, inwoner.email = "111222333", "jan.smit@example.invalid"
    inwoner.save()
    return _with_case(inwoner)


def test_the_url_names_resolve() -> None:
    assert reverse("workspace:intake") == "/werk/registreren/"
    assert reverse("workspace:intake-residents") == URL
    assert reverse("workspace:intake-filing-check") == "/werk/registreren/bezwaartermijn/"


@pytest.mark.parametrize("term", ["smit", "Jan Smit", "1312 ab", "jan.smit@example.invalid", "0612345678", "111222333"])
def test_it_finds_a_resident_by_name_postcode_email_phone_or_bsn(behandelaar: Any, smit: Resident, term: str) -> None:
    body = factories.logged_in(behandelaar).get(URL, {"q": term}).content.decode()
    assert f'id="resident-{smit.pk}"' in body
    assert "*****2333" in body and "111222333" not in body.split("resident-facts")[1]
    assert "1 inwoner gevonden" in body


def test_it_offers_only_residents_the_user_may_see(behandelaar: Any, behandelaar_beheer: Any, smit: Resident) -> None:
    other = _with_case(factories.resident(given_name="Karin", surname="Smit"), team="Beheer")
    merged = factories.resident(surname="Smit", merged_into=smit)
    _with_case(merged)
    body = factories.logged_in(behandelaar).get(URL, {"q": "Smit"}).content.decode()
    assert f'id="resident-{smit.pk}"' in body
    assert f'id="resident-{other.pk}"' not in body and "Karin" not in body
    assert f'id="resident-{merged.pk}"' not in body  # a merged duplicate: the kept resident is offered


def test_every_search_is_audited_with_term_and_count(behandelaar: Any, smit: Resident) -> None:
    factories.logged_in(behandelaar).get(URL, {"q": "Smit"})
    entry = AuditEntry.objects.get(action=AuditAction.SEARCH)
    assert entry.username == "sbakker"
    assert entry.detail == {"term": "Smit", "results": 1, "table": "cases.resident"}


def test_a_too_short_term_searches_nothing_and_is_not_audited(behandelaar: Any, smit: Resident) -> None:
    body = factories.logged_in(behandelaar).get(URL, {"q": "S"}).content.decode()
    assert f'id="resident-{smit.pk}"' not in body
    assert 'id="resident-new"' in body
    assert not AuditEntry.objects.filter(action=AuditAction.SEARCH).exists()


def test_the_chosen_resident_stays_chosen_during_a_new_search(behandelaar: Any, smit: Resident) -> None:
    body = factories.logged_in(behandelaar).get(URL, {"q": "Jansen", "resident": smit.pk}).content.decode()
    assert f'id="resident-{smit.pk}" value="{smit.pk}" checked' in body
    assert "Geen andere inwoner gevonden" in body


def test_nothing_found_offers_a_new_resident(behandelaar: Any) -> None:
    body = factories.logged_in(behandelaar).get(URL, {"q": "Jansen"}).content.decode()
    assert 'id="resident-new" value="" checked' in body
    assert "Geen inwoner gevonden bij ‘Jansen’. Vul de gegevens van een nieuwe inwoner in." in body


def test_without_htmx_enter_in_the_search_shows_the_residents_found(behandelaar: Any, smit: Resident) -> None:
    data = {"q": "Smit", "resident": "", "case_type": "", "channel": "telefoon", "team": factories.team("Werk").pk}
    body = factories.logged_in(behandelaar).post("/werk/registreren/", data).content.decode()
    assert f'id="resident-{smit.pk}"' in body and 'value="Smit"' in body
    assert AuditEntry.objects.filter(action=AuditAction.SEARCH).count() == 1
