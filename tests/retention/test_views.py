"""The functioneel beheerder's pages: who may see and do what, the confirmation, rejection, export."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from casus.access.models import AuditAction, AuditEntry
from casus.access.rules import rule_of
from casus.cases.models import Team, TeamMembership
from casus.retention import urls as retention_urls
from casus.retention.models import DestroyedCase, DestructionList, ItemStatus, ListStatus, RetentionRule
from tests import factories

from .helpers import closed, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def destruction_list() -> DestructionList:
    closed("klacht", "ongegrond", received_on=date(2019, 3, 4), closed_on=date(2019, 4, 1), description="Geheim.")
    closed("vraag", "beantwoord", received_on=date(2019, 3, 4), closed_on=date(2019, 3, 5))
    call_command("retention_list", "--organisation", "almere", stdout=io.StringIO())
    return DestructionList.objects.get()


def urls(pk: int, item: int) -> dict[str, tuple[str, str]]:
    return {
        "retention:list": ("get", reverse("retention:list", args=[pk])),
        "retention:export": ("get", reverse("retention:export", args=[pk])),
        "retention:approve": ("post", reverse("retention:approve", args=[pk])),
        "retention:execute": ("post", reverse("retention:execute", args=[pk])),
        "retention:reject": ("post", reverse("retention:reject", args=[pk])),
        "retention:remove-item": ("post", reverse("retention:remove-item", args=[pk, item])),
    }


def test_every_view_states_its_rule() -> None:
    for pattern in retention_urls.urlpatterns:
        found = rule_of(pattern.callback)
        assert found is not None and found.perm.startswith("retention."), pattern.name
        if "pk" in str(pattern.pattern):
            assert found.subject == "retention.destructionlist", pattern.name


def test_a_beheerder_of_another_organisation_gets_403_everywhere(
    client: Any, fb_other: Any, destruction_list: Any
) -> None:
    login(client, fb_other)
    item = destruction_list.items.first()

    for name, (method, url) in urls(destruction_list.pk, item.pk).items():
        response = getattr(client, method)(url, {"confirm": "on", "reason": "x"})
        assert response.status_code == 403, name

    assert DestructionList.objects.get().status == ListStatus.CONCEPT
    overview = client.get(reverse("retention:lists")).content.decode()
    assert reverse("retention:list", args=[destruction_list.pk]) not in overview
    assert "Er zijn nog geen vernietigingslijsten." in overview
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, username="zbeheer").count() == 6


def test_a_handler_may_not_open_the_lists(client: Any, destruction_list: Any) -> None:
    handler = factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk")
    login(client, handler)

    assert client.get(reverse("retention:lists")).status_code == 403
    assert client.get(reverse("retention:list", args=[destruction_list.pk])).status_code == 403


def test_anonymous_users_are_sent_to_the_login_page(client: Any, destruction_list: Any) -> None:
    response = client.get(reverse("retention:lists"))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_privacy_officer_reads_but_cannot_decide(client: Any, privacy_officer: Any, destruction_list: Any) -> None:
    login(client, privacy_officer)

    page = client.get(reverse("retention:list", args=[destruction_list.pk])).content.decode()
    assert "Alleen een functioneel beheerder kan deze lijst goedkeuren of afwijzen." in page
    assert "Goedkeuren en vernietigen" not in page
    response = client.post(reverse("retention:approve", args=[destruction_list.pk]), {"confirm": "on"})
    assert response.status_code == 403
    assert not DestroyedCase.objects.exists()


def test_the_overview_shows_status_and_counts(client: Any, fb: Any, destruction_list: Any) -> None:
    login(client, fb)

    page = client.get(reverse("retention:lists")).content.decode()

    assert f"Vernietigingslijst {destruction_list.pk}" in page
    assert "Concept: wacht op goedkeuring" in page
    assert "<td>2</td>" in page
    assert "Er wacht 1 lijst op uw beslissing." in page


def test_approving_needs_the_confirmation_checkbox(client: Any, fb: Any, destruction_list: Any) -> None:
    login(client, fb)

    response = client.post(reverse("retention:approve", args=[destruction_list.pk]), {})

    assert response.status_code == 400
    assert "Zet eerst een vinkje" in response.content.decode()
    assert DestructionList.objects.get().status == ListStatus.CONCEPT
    assert not DestroyedCase.objects.exists()


def test_approve_is_post_only(client: Any, fb: Any, destruction_list: Any) -> None:
    login(client, fb)
    assert client.get(reverse("retention:approve", args=[destruction_list.pk])).status_code == 405


def test_rejecting_needs_a_reason_and_destroys_nothing(client: Any, fb: Any, destruction_list: Any) -> None:
    login(client, fb)
    url = reverse("retention:reject", args=[destruction_list.pk])

    assert client.post(url, {"reason": " "}).status_code == 400
    response = client.post(url, {"reason": "De zaak van 2019 loopt nog bij de ombudsman."}, follow=True)

    destruction_list.refresh_from_db()
    assert destruction_list.status == ListStatus.AFGEWEZEN
    assert destruction_list.rejection_reason == "De zaak van 2019 loopt nog bij de ombudsman."
    assert destruction_list.rejected_by_name == "Fatima El Amrani"
    assert set(destruction_list.items.values_list("status", flat=True)) == {ItemStatus.LIST_REJECTED}
    assert "is afgewezen. Er is niets vernietigd." in response.content.decode()
    assert not DestroyedCase.objects.exists()
    again = client.post(reverse("retention:approve", args=[destruction_list.pk]), {"confirm": "on"}, follow=True)
    assert "Deze lijst is al afgewezen." in again.content.decode()
    assert not DestroyedCase.objects.exists()


def test_taking_a_case_off_needs_a_reason(client: Any, fb: Any, destruction_list: Any) -> None:
    login(client, fb)
    item = destruction_list.items.get(case_type="klacht")
    url = reverse("retention:remove-item", args=[destruction_list.pk, item.pk])

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400 and "Schrijf de reden op." in refused.content.decode()
    response = client.post(url, {"reason": "Nog nodig voor een rechtszaak."}, follow=True)

    item.refresh_from_db()
    assert (item.status, item.note, item.changed_by_name) == (
        ItemStatus.REMOVED, "Nog nodig voor een rechtszaak.", "Fatima El Amrani"
    )  # fmt: skip
    assert f"Zaak {item.reference} is van de lijst gehaald en blijft bewaard." in response.content.decode()


def test_an_item_of_another_list_is_404(client: Any, fb: Any, destruction_list: Any) -> None:
    other = DestructionList.objects.create(organisation=factories.organisation(), selected_on=date(2026, 1, 1))
    login(client, fb)
    item = destruction_list.items.first()

    response = client.post(reverse("retention:remove-item", args=[other.pk, item.pk]), {"reason": "x"})

    assert response.status_code == 404


def test_the_export_is_a_csv_without_personal_data_and_is_audited(client: Any, fb: Any, destruction_list: Any) -> None:
    login(client, fb)

    response = client.get(reverse("retention:export", args=[destruction_list.pk]))

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert lines[0].startswith("kenmerk;zaaktype;uitkomst")
    assert len(lines) == 3
    assert "Geheim" not in text
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.object_id, entry.detail["rows"]) == (
        "retention.destructionlist", str(destruction_list.pk), 2
    )  # fmt: skip


def test_an_approved_list_that_was_not_executed_offers_to_try_again(
    client: Any, fb: Any, destruction_list: Any
) -> None:
    from casus.retention.services import list_approve

    list_approve(destruction_list=destruction_list, actor=fb)
    login(client, fb)

    page = client.get(reverse("retention:list", args=[destruction_list.pk])).content.decode()
    assert "nog <strong>niet uitgevoerd</strong>" in page
    response = client.post(reverse("retention:execute", args=[destruction_list.pk]), follow=True)

    assert "is uitgevoerd" in response.content.decode()
    assert DestroyedCase.objects.count() == 2


def test_a_failing_execution_keeps_the_approval_and_says_so(
    client: Any, fb: Any, destruction_list: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("casus.retention.services._destroy", broken)
    login(client, fb)

    response = client.post(reverse("retention:approve", args=[destruction_list.pk]), {"confirm": "on"}, follow=True)

    assert "het vernietigen is niet gelukt. Er is niets vernietigd." in response.content.decode()
    assert DestructionList.objects.get().status == ListStatus.GOEDGEKEURD
    assert not DestroyedCase.objects.exists()


# --- admin ---------------------------------------------------------------------------------------


def test_the_beheerder_edits_the_rules_in_the_admin(client: Any, fb: Any) -> None:
    login(client, fb)
    rule = RetentionRule.objects.get(organisation__slug="almere", case_type="vraag", outcome="", condition="")

    page = client.get(reverse("admin:retention_retentionrule_changelist"))
    response = client.post(
        reverse("admin:retention_retentionrule_change", args=[rule.pk]),
        {"organisation": rule.organisation_id, "case_type": "vraag", "outcome": "", "condition": "", "years": 2},
    )

    assert page.status_code == 200
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.years == 2


def test_a_handler_cannot_open_the_rules(client: Any) -> None:
    login(client, factories.user("sbakker", first="Sanne", last="Bakker", team_name="Werk"))
    assert client.get(reverse("admin:retention_retentionrule_changelist")).status_code in (302, 403)


def test_the_destruction_lists_of_another_organisation_are_not_in_the_admin(
    client: Any, fb_other: Any, destruction_list: Any
) -> None:
    login(client, fb_other)

    page = client.get(reverse("admin:retention_destructionlist_changelist"))
    detail = client.get(reverse("admin:retention_destructionlist_change", args=[destruction_list.pk]))

    assert page.status_code == 200 and list(page.context["cl"].result_list) == []
    assert detail.status_code in (302, 403, 404)


def test_the_destruction_list_admin_is_read_only(client: Any, fb: Any, destruction_list: Any) -> None:
    login(client, fb)

    response = client.get(reverse("admin:retention_destructionlist_change", args=[destruction_list.pk]))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert client.get(reverse("admin:retention_destructionlist_add")).status_code == 403


def test_a_systeembeheerder_does_not_see_destruction_lists(client: Any, destruction_list: Any) -> None:
    person = factories.user("sysb", first="Sam", last="Bos")
    TeamMembership.objects.create(team=Team.objects.get(name="Beheer"), user=person, role="systeembeheerder")
    login(client, person)

    assert client.get(reverse("retention:lists")).status_code == 403
    assert client.get(reverse("admin:retention_destructionlist_changelist")).status_code == 403
