"""`manage.py retention_list`: which cases go on the list, which wait and why, and running it twice."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from casus.cases import services
from casus.cases.domain import LinkKind
from casus.retention.models import DestructionList, DestructionListItem, ItemStatus, ListStatus
from casus.retention.services import item_remove, list_reject
from tests import factories

from .helpers import closed

pytestmark = pytest.mark.django_db

ON = "2026-06-01"


def run(*args: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("retention_list", "--organisation", "almere", "--on", ON, "--format", "json", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def refs(rows: list[dict[str, Any]]) -> list[str]:
    return [row["reference"] for row in rows]


@pytest.fixture
def due() -> Any:
    """A complaint closed on 1 April 2020: 5 years, due 1 April 2025."""
    return closed("klacht", "ongegrond", received_on=date(2020, 3, 2), closed_on=date(2020, 4, 1))


def test_it_lists_a_case_past_its_period_and_not_one_within_it(due: Any) -> None:
    within = closed("klacht", "ongegrond", received_on=date(2021, 6, 1), closed_on=date(2021, 6, 2))  # due 2026-06-02
    just_due = closed("vraag", "beantwoord", received_on=date(2025, 5, 20), closed_on=date(2025, 6, 1))  # 2026-06-01
    still_open = factories.register("vraag", date(2019, 1, 7))

    (result,) = run()

    assert result["organisation"] == "almere"
    assert result["on"] == ON
    assert result["list"]["status"] == "concept"
    assert result["list"]["created"] is True
    assert sorted(refs(result["items"])) == sorted([due.reference, just_due.reference])
    assert within.reference not in refs(result["items"]) and still_open.reference not in refs(result["items"])
    item = next(row for row in result["items"] if row["reference"] == due.reference)
    assert item == {
        "reference": due.reference, "case_type": "klacht", "outcome": "ongegrond", "closed_on": "2020-04-01",
        "retention_years": 5, "retention_until": "2025-04-01", "team": "Werk",
    }  # fmt: skip
    assert result["skipped"] == []


def test_running_twice_the_same_day_makes_no_second_list(due: Any) -> None:
    (first,) = run()
    (second,) = run()

    assert DestructionList.objects.count() == 1
    assert DestructionListItem.objects.count() == 1
    assert second["list"] is None
    assert second["items"] == []
    assert second["skipped"] == [
        {
            "reference": due.reference,
            "code": "on_list",
            "reason": f"Staat al op vernietigingslijst {first['list']['id']}.",
        }
    ]


def test_a_case_due_later_the_same_day_joins_the_same_list(due: Any) -> None:
    (first,) = run()
    other = closed("vraag", "beantwoord", received_on=date(2024, 1, 8), closed_on=date(2024, 1, 9))

    (second,) = run()

    assert second["list"]["id"] == first["list"]["id"]
    assert second["list"]["created"] is False
    assert refs(second["items"]) == [other.reference]


def test_a_case_linked_to_an_open_case_waits(due: Any) -> None:
    objection = factories.register("bezwaar", date(2020, 5, 4))
    services.case_link(case=objection, other=due, kind=LinkKind.FOLLOWS_FROM, actor=None)

    (result,) = run()

    assert result["list"] is None
    assert result["skipped"] == [
        {
            "reference": due.reference,
            "code": "linked_open",
            "reason": f"Gekoppeld aan zaak {objection.reference}, die nog open is.",
        }
    ]


def test_a_case_linked_to_a_case_not_yet_due_waits(due: Any) -> None:
    objection = closed("bezwaar", "ongegrond", received_on=date(2020, 5, 4), closed_on=date(2021, 9, 1))
    services.case_link(case=objection, other=due, kind=LinkKind.FOLLOWS_FROM, actor=None)

    (result,) = run()

    assert result["list"] is None
    (skip,) = result["skipped"]
    assert skip["code"] == "linked_not_due"
    assert (
        skip["reason"] == f"Gekoppeld aan zaak {objection.reference}, die pas vanaf 01-09-2026 vernietigd mag worden."
    )


def test_a_chain_waits_for_its_last_open_link(due: Any) -> None:
    """klacht → bezwaar (due) → beroep (open): the whole chain stays."""
    objection = closed("bezwaar", "ongegrond", received_on=date(2020, 5, 4), closed_on=date(2020, 8, 3))
    appeal = factories.register("beroep", date(2020, 9, 1))
    services.case_link(case=objection, other=due, kind=LinkKind.FOLLOWS_FROM, actor=None)
    services.case_link(case=appeal, other=objection, kind=LinkKind.FOLLOWS_FROM, actor=None)

    (result,) = run()

    assert result["list"] is None
    assert sorted(refs(result["skipped"])) == sorted([due.reference, objection.reference])
    assert {skip["code"] for skip in result["skipped"]} == {"linked_open"}


def test_a_chain_that_is_all_due_goes_together(due: Any) -> None:
    objection = closed("bezwaar", "ongegrond", received_on=date(2020, 5, 4), closed_on=date(2020, 8, 3))
    services.case_link(case=objection, other=due, kind=LinkKind.FOLLOWS_FROM, actor=None)

    (result,) = run()

    assert sorted(refs(result["items"])) == sorted([due.reference, objection.reference])


def test_another_organisations_cases_are_not_on_the_list(due: Any) -> None:
    other_org = factories.other_organisation()
    elsewhere = closed(
        "vraag", "beantwoord", received_on=date(2019, 1, 2), closed_on=date(2019, 1, 3),
        organisation=other_org, team=factories.team("Loket", other_org),
    )  # fmt: skip

    (result,) = run()

    assert refs(result["items"]) == [due.reference]
    out = io.StringIO()
    call_command("retention_list", "--on", ON, "--format", "json", stdout=out)
    by_org = {row["organisation"]: row for row in map(json.loads, out.getvalue().splitlines())}
    assert set(by_org) == {"almere", "zeewolde"}
    assert refs(by_org["zeewolde"]["items"]) == [elsewhere.reference]
    assert DestructionList.objects.get(pk=by_org["zeewolde"]["list"]["id"]).organisation == other_org


def test_a_case_taken_off_a_list_stays_off_for_a_year(due: Any, fb: Any) -> None:
    run()
    item = DestructionListItem.objects.get(reference=due.reference)
    item_remove(item=item, actor=fb, reason="Er loopt nog een procedure bij de rechter.", today=date(2026, 6, 1))

    (second,) = run()

    assert second["list"] is None
    (skip,) = second["skipped"]
    assert skip["code"] == "held"
    assert "Er loopt nog een procedure bij de rechter." in skip["reason"]
    assert "01-06-2027" in skip["reason"]
    item.refresh_from_db()
    assert item.status == ItemStatus.REMOVED and item.hold_until == date(2027, 6, 1)


def test_after_a_rejected_list_the_cases_come_back_on_a_new_list(due: Any, fb: Any) -> None:
    (first,) = run()
    list_reject(destruction_list=DestructionList.objects.get(), actor=fb, reason="De regels klopten niet.")

    (second,) = run()

    assert second["list"]["id"] != first["list"]["id"]
    assert refs(second["items"]) == [due.reference]
    assert DestructionList.objects.get(pk=first["list"]["id"]).status == ListStatus.AFGEWEZEN


def test_the_text_summary_is_dutch(due: Any) -> None:
    objection = factories.register("bezwaar", date(2020, 5, 4))
    other = closed("klacht", "gegrond", received_on=date(2019, 1, 2), closed_on=date(2019, 2, 1))
    services.case_link(case=objection, other=other, kind=LinkKind.FOLLOWS_FROM, actor=None)
    out = io.StringIO()

    call_command("retention_list", "--organisation", "almere", "--on", ON, stdout=out)

    text = out.getvalue()
    list_id = DestructionList.objects.get().pk
    assert "Gemeente Almere (peildatum 01-06-2026)" in text
    assert f"Nieuwe vernietigingslijst {list_id} met 1 zaak." in text
    assert "Per zaaktype: klacht 1." in text
    assert f"/bewaartermijnen/{list_id}/" in text
    assert f"- {other.reference}: Gekoppeld aan zaak {objection.reference}, die nog open is." in text

    again = io.StringIO()
    call_command("retention_list", "--organisation", "almere", "--on", ON, stdout=again)
    assert "Geen nieuwe zaken voor een vernietigingslijst." in again.getvalue()
    assert "1 zaak staat al op een lijst die nog niet is uitgevoerd." in again.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--on", "2099-01-01"], "toekomst"),
        (["--on", "1-6-2026"], "JJJJ-MM-DD"),
        (["--organisation", "nergens"], "Onbekende organisatie"),
    ],
)
def test_bad_options_are_refused_in_dutch(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("retention_list", *args, stdout=io.StringIO())
