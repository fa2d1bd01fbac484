"""Nazorg: a closed complex case gets one follow-up three months later (configurable); the handler
records whether the solution works; it is on the timeline."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casus.cases import services as case_services
from casus.cases.domain import EventKind
from casus.learning import services
from casus.learning.models import FollowUp
from tests import factories

pytestmark = pytest.mark.django_db


def _closed_complex(handler: Any, closed_on: date, complex_: bool = True) -> Any:
    case = factories.register("klacht", closed_on - timedelta(days=20), handler=handler, complex=complex_)
    case_services.case_close(case=case, actor=handler, outcome="gegrond", closed_on=closed_on, closing_text="Opgelost.")
    return case


def test_add_months_keeps_the_day_or_takes_the_last_one() -> None:
    assert services.add_months(date(2026, 1, 15), 3) == date(2026, 4, 15)
    assert services.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert services.add_months(date(2026, 1, 31), 3) == date(2026, 4, 30)


def test_it_schedules_once_per_closed_complex_case(behandelaar: Any, settings: Any) -> None:
    case = _closed_complex(behandelaar, date(2026, 2, 10))
    _closed_complex(behandelaar, date(2026, 2, 10), complex_=False)
    factories.register("klacht", date(2026, 3, 1), handler=behandelaar, complex=True)  # still open
    out = StringIO()
    call_command("schedule_followups", stdout=out)
    assert "1 nazorgmoment(en) gepland, 3 maanden" in out.getvalue()
    follow_up = FollowUp.objects.get()
    assert (follow_up.case, follow_up.due_on, follow_up.handler) == (case, date(2026, 5, 10), behandelaar)
    call_command("schedule_followups", stdout=out)
    assert FollowUp.objects.count() == 1  # idempotent
    settings.CASUS_LEARNING_FOLLOW_UP_MONTHS = 6
    other = _closed_complex(behandelaar, date(2026, 2, 10))
    assert services.followups_schedule() == 1
    assert FollowUp.objects.get(case=other).due_on == date(2026, 8, 10)


def test_the_handler_records_the_result_on_the_case_page(behandelaar: Any) -> None:
    case = _closed_complex(behandelaar, timezone.localdate() - timedelta(days=100))
    services.followups_schedule()
    client = factories.logged_in(behandelaar)
    page = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert "Deze complexe zaak krijgt nazorg op" in page and "Werkt de oplossing?" in page
    body = client.post(
        reverse("learning:case-follow-up", args=[case.pk]), {"result": "deels", "note": "Schuld is kleiner."},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "De nazorg is vastgelegd" in body
    follow_up = FollowUp.objects.get()
    assert (follow_up.result, follow_up.done_on, follow_up.note) == (
        "deels",
        timezone.localdate(),
        "Schuld is kleiner.",
    )
    event = factories.last_event(case)
    assert event.kind == EventKind.FOLLOW_UP and event.summary == "Nazorg: de oplossing werkt deels. Schuld is kleiner."
    again = client.post(reverse("learning:case-follow-up", args=[case.pk]), {"result": "werkt"}, follow=True)
    assert "al vastgelegd" in again.content.decode()


def test_a_case_without_follow_up_says_so(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    body = factories.logged_in(behandelaar).post(
        reverse("learning:case-follow-up", args=[case.pk]), {"result": "werkt"}, follow=True
    )
    assert "Voor deze zaak is geen nazorg gepland." in body.content.decode()


def test_the_follow_up_list_shows_visible_cases_only(behandelaar: Any, behandelaar_beheer: Any) -> None:
    mine = _closed_complex(behandelaar, timezone.localdate() - timedelta(days=100))
    services.followups_schedule()
    assert mine.reference in factories.logged_in(behandelaar).get(reverse("learning:follow-ups")).content.decode()
    other = factories.logged_in(behandelaar_beheer).get(reverse("learning:follow-ups")).content.decode()
    assert mine.reference not in other


def test_schedule_followups_puts_them_in_the_handlers_queue(behandelaar: Any, behandelaar_beheer: Any) -> None:
    today = timezone.localdate()
    due = _closed_complex(behandelaar, services.add_months(today, -3) - timedelta(days=2))  # due two days ago
    soon = _closed_complex(behandelaar, services.add_months(today, -3) + timedelta(days=10))  # due in 10 days
    later = _closed_complex(behandelaar, services.add_months(today, -3) + timedelta(days=40))  # due in 40 days
    colleague = _closed_complex(behandelaar_beheer, services.add_months(today, -3))
    call_command("schedule_followups", stdout=StringIO())
    page = factories.logged_in(behandelaar).get(reverse("workspace:my-work")).content.decode()
    assert "Nazorg: bel de inwoner na" in page
    assert due.reference in page and soon.reference in page
    assert page.index(due.reference) < page.index(soon.reference)  # the overdue one first
    assert later.reference not in page.split('id="nazorg"')[1].split("</section>")[0]  # not yet
    assert colleague.reference not in page
    FollowUp.objects.filter(case=due).update(done_on=today, result="werkt")
    page = factories.logged_in(behandelaar).get(reverse("workspace:my-work")).content.decode()
    assert due.reference not in page.split('id="nazorg"')[1].split("</section>")[0]
