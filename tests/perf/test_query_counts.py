"""No page does more queries when there is more data (issue 10): each page is counted in a small world,
then again after ten times the data it lists or shows was added (cases in the queue, events, notes,
links and letters on the case page, cases of the resident, cases behind the Monitor and the API list).
The counts must be equal, and under a fixed ceiling measured with a little headroom.

The world (Gemeente Almere, team Werk): a behandelaar with open cases, a coördinator of Werk, a
resident with a few cases, one case with a short timeline. More data is added with bulk_create
(copies of cases registered through the services), so the tests stay fast.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casus.api.services import api_application_create
from casus.cases import services
from casus.cases.domain import EventKind, LinkKind
from casus.cases.models import Case, CaseLink, Event, Resident
from casus.letters.models import Letter, LetterChannel, LetterKind
from casus.letters.selectors import template_for
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

# The ceilings: what each page took when these tests were written, plus a little headroom (a new
# feature may add a query; it may never add one per row).
WORK_QUEUE_MAX = 16  # measured 14
TEAM_QUEUE_MAX = 15  # measured 13
DASHBOARD_MAX = 18  # measured 16
CASE_PAGE_MAX = 42  # measured 37-38 (a few per section: timeline, letters, learning, links, chain)
RESIDENT_PAGE_MAX = 25  # measured 23
API_LIST_MAX = 5  # measured 3
MONITOR_MAX = 42  # measured 33 on PostgreSQL, 37 on SQLite

FEW, MANY = 5, 50  # ten times the data
NUMBERS = itertools.count(1)  # unique references for the copies


def queries(client: Any, url: str, **params: Any) -> int:
    """The number of queries of one GET (after a first one that warms the session)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def copies(case: Case, n: int, **changes: Any) -> list[Case]:
    """n copies of a registered case (new references, each with its 'ontvangen' event)."""
    rows = []
    for _ in range(n):
        copy = Case.objects.get(pk=case.pk)
        copy.pk = None
        copy.reference = f"{case.reference}-{next(NUMBERS)}"
        for field, value in changes.items():
            setattr(copy, field, value)
        rows.append(copy)
    made = Case.objects.bulk_create(rows)
    Event.objects.bulk_create(
        Event(case=c, kind=EventKind.RECEIVED, actor=None, summary="Zaak geregistreerd.") for c in made
    )
    return made


def events(case: Case, n: int, actor: Any, kind: str = EventKind.NOTE) -> None:
    Event.objects.bulk_create(
        Event(case=case, kind=kind, actor=actor, summary=f"Notitie {i}: inwoner gebeld.") for i in range(n)
    )


@pytest.fixture
def open_case(behandelaar: Any, inwoner: Resident) -> Case:
    return factories.register(
        "klacht", received_on=date.today() - timedelta(days=3), handler=behandelaar, resident=inwoner,
        subject=factories.subject(), description="Klacht over de bejegening.",
    )  # fmt: skip


# --- the lists ---------------------------------------------------------------------------------------


def test_the_work_queue_takes_the_same_queries_for_ten_times_the_cases(open_case: Case, behandelaar: Any) -> None:
    copies(open_case, FEW - 1)
    client = factories.logged_in(behandelaar)
    few = queries(client, reverse("workspace:my-work"))
    copies(open_case, MANY - FEW, resident=factories.resident(surname="Yilmaz"))
    many = queries(client, reverse("workspace:my-work"))
    assert Case.objects.filter(handler=behandelaar).count() == MANY
    assert few == many <= WORK_QUEUE_MAX


@pytest.mark.parametrize("name", ["workspace:team-queue", "workspace:unassigned"])
def test_the_team_lists_take_the_same_queries_for_ten_times_the_cases(
    name: str, open_case: Case, coordinator: Any, collega: Any
) -> None:
    copies(open_case, FEW, handler=None)
    client = factories.logged_in(coordinator)
    few = queries(client, reverse(name))
    copies(open_case, MANY, handler=None)
    copies(open_case, MANY, handler=collega)
    many = queries(client, reverse(name))
    assert few == many <= TEAM_QUEUE_MAX


def test_the_dashboard_takes_the_same_queries_for_ten_times_the_cases(
    open_case: Case, coordinator: Any, collega: Any
) -> None:
    copies(open_case, FEW, handler=None)
    client = factories.logged_in(coordinator)
    few = queries(client, reverse("workspace:dashboard"))
    copies(open_case, MANY, handler=None, safety_flag=True)
    copies(open_case, MANY, handler=collega)
    many = queries(client, reverse("workspace:dashboard"))
    assert few == many <= DASHBOARD_MAX


def test_a_search_in_the_queue_takes_the_same_queries_for_ten_times_the_cases(
    open_case: Case, behandelaar: Any
) -> None:
    client = factories.logged_in(behandelaar)
    few = queries(client, reverse("workspace:my-work"), q="Smit")
    copies(open_case, MANY)
    many = queries(client, reverse("workspace:my-work"), q="Smit")
    assert few == many <= WORK_QUEUE_MAX + 1  # the search is in the audit log: one insert more


# --- the case page ----------------------------------------------------------------------------------


def test_the_case_page_takes_the_same_queries_for_ten_times_the_timeline(
    open_case: Case, behandelaar: Any, collega: Any
) -> None:
    """Events (by two colleagues), notes, call attempts, links to other cases, letters: ten times more."""
    others = copies(open_case, MANY)
    services.case_add_note(case=open_case, actor=behandelaar, text="Inwoner gebeld.")
    services.case_link(case=open_case, other=others[0], kind=LinkKind.RELATED, actor=behandelaar)
    # The chain is walked one level per query (selectors.case_chain): a bezwaar that follows from the
    # klacht makes it two levels in both worlds; more cases on the same level cost nothing.
    services.case_link(case=others[1], other=open_case, kind=LinkKind.FOLLOWS_FROM, actor=behandelaar)
    services.case_record_contact_attempt(
        case=open_case,
        actor=behandelaar,
        attempted_at=timezone.now() - timedelta(hours=1),
        reached=False,
        note="Voicemail.",
    )
    letters(open_case, 1)
    client = factories.logged_in(behandelaar)
    url = reverse("workspace:case", args=[open_case.pk])
    few = queries(client, url)
    events(open_case, MANY, behandelaar)
    events(open_case, MANY, collega, kind=EventKind.CONTACT_ATTEMPT)
    CaseLink.objects.bulk_create(
        CaseLink(from_case=open_case, to_case=other, kind=LinkKind.RELATED) for other in others[2 : FEW * 2]
    )
    CaseLink.objects.bulk_create(
        CaseLink(from_case=other, to_case=open_case, kind=LinkKind.FOLLOWS_FROM) for other in others[FEW * 2 :]
    )
    letters(open_case, FEW * 2)
    many = queries(client, url)
    assert open_case.events.count() > 10 * FEW
    assert few == many <= CASE_PAGE_MAX


def letters(case: Case, n: int) -> None:
    """n letters on the case (made directly: rendering a PDF takes a second, and counts no queries)."""
    kind = LetterKind.ONTVANGSTBEVESTIGING  # a template every case type has; the letters ask for information
    template = template_for(organisation=case.organisation, case_type=case.case_type, kind=kind)
    assert template is not None
    Letter.objects.bulk_create(
        Letter(
            case=case, template_version=template.current, kind=LetterKind.AANVULLING, subject="Verzoek om aanvulling",
            body="Wilt u een kopie van de beschikking sturen?", html="<p>Wilt u …</p>", pdf=b"%PDF",
            channel=LetterChannel.POST,
        )
        for _ in range(n)
    )  # fmt: skip


def test_a_closed_case_page_takes_the_same_queries_for_ten_times_the_timeline(
    open_case: Case, coordinator: Any, behandelaar: Any
) -> None:
    services.case_close(case=open_case, actor=behandelaar, outcome="gegrond", closing_text="Excuses aangeboden.")
    client = factories.logged_in(coordinator)
    url = reverse("workspace:case", args=[open_case.pk])
    few = queries(client, url)
    events(open_case, MANY, behandelaar)
    many = queries(client, url)
    assert few == many <= CASE_PAGE_MAX


# --- the resident, the API and the Monitor --------------------------------------------------------


def test_the_resident_page_takes_the_same_queries_for_ten_times_the_cases(
    open_case: Case, coordinator: Any, inwoner: Resident
) -> None:
    duplicate = factories.resident(surname="Smit", given_name="J.")
    Resident.objects.filter(pk=duplicate.pk).update(merged_into=inwoner)
    copies(open_case, FEW - 1)
    client = factories.logged_in(coordinator)
    url = reverse("privacy:resident", args=[inwoner.pk])
    few = queries(client, url)
    copies(open_case, MANY - FEW)
    copies(open_case, MANY, resident=duplicate)
    many = queries(client, url)
    assert few == many <= RESIDENT_PAGE_MAX


def test_the_api_case_list_takes_the_same_queries_for_ten_times_the_cases(open_case: Case) -> None:
    _app, token = api_application_create(team=factories.team("Werk"), name="Zaaksysteem", scopes=("read_cases",))
    client = token_client(token)
    copies(open_case, FEW - 1)
    few = queries(client, "/api/v1/cases/")
    copies(open_case, MANY - FEW, resident=factories.resident(surname="Kaya"))
    many = queries(client, "/api/v1/cases/")
    filtered = queries(client, "/api/v1/cases/", type="klacht", page_size=10, page=2)
    assert few == many <= API_LIST_MAX
    assert filtered <= API_LIST_MAX


def test_the_monitor_takes_the_same_queries_for_ten_times_the_cases(
    open_case: Case, coordinator: Any, behandelaar: Any
) -> None:
    services.case_close(case=open_case, actor=behandelaar, outcome="gegrond", closing_text="Excuses aangeboden.")
    copies(open_case, FEW - 1)
    client = factories.logged_in(coordinator)
    few = queries(client, reverse("monitor:monitor"))
    copies(open_case, MANY - FEW, case_type="bezwaar", outcome="ongegrond")
    copies(open_case, MANY, closed_on=None, outcome="", status="in_behandeling")
    many = queries(client, reverse("monitor:monitor"))
    assert few == many <= MONITOR_MAX
