"""Signals: a handler records what stands out in a case; it is on the timeline and in the signal list."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from casus.cases.domain import EventKind
from casus.cases.models import GuidingPrinciple
from casus.learning import services
from casus.learning.models import Signal
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_records_a_signal_with_a_timeline_event(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    principle = GuidingPrinciple.objects.get(name="luisteren")
    signal = services.signal_record(
        case=case, actor=behandelaar, text="  Inwoner begreep de brief niet.  ",
        subject=factories.subject("terugvordering"), principle=principle,
    )  # fmt: skip
    assert signal.text == "Inwoner begreep de brief niet."
    assert signal.author_name == "Sanne Bakker"
    event = factories.last_event(case)
    assert event.kind == EventKind.SIGNAL
    assert event.summary == "Inwoner begreep de brief niet. (onderwerp terugvordering, principe luisteren)"
    assert event.data == {"signal": signal.pk, "subject": "terugvordering", "principle": "luisteren"}


def test_it_refuses_an_empty_signal(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    with pytest.raises(services.LearningError, match="Schrijf op wat er opvalt"):
        services.signal_record(case=case, actor=behandelaar, text="   ")
    assert not Signal.objects.exists()
    assert EventKind.SIGNAL not in factories.event_kinds(case)


def test_the_handler_sends_a_signal_from_the_case_page(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    client = factories.logged_in(behandelaar)
    page = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert "Wat valt op?" in page
    assert reverse("learning:case-signal", args=[case.pk]) in page
    response = client.post(
        reverse("learning:case-signal", args=[case.pk]),
        {"text": "Derde klacht over dezelfde brief.", "subject": factories.subject("terugvordering").pk},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("workspace:case", args=[case.pk])
    body = response.content.decode()
    assert "Het signaal staat op de tijdlijn" in body
    assert "Derde klacht over dezelfde brief." in body  # on the timeline
    assert Signal.objects.get().subject.name == "terugvordering"


def test_an_empty_form_says_what_is_missing(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    response = factories.logged_in(behandelaar).post(
        reverse("learning:case-signal", args=[case.pk]), {"text": ""}, follow=True
    )
    assert "Wat valt op?: Dit veld is verplicht." in response.content.decode()
    assert not Signal.objects.exists()


def test_a_kwaliteitsmedewerker_reads_but_sends_no_signal(kwaliteit_werk: Any, behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    client = factories.logged_in(kwaliteit_werk)
    page = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert reverse("learning:case-signal", args=[case.pk]) not in page
    response = client.post(reverse("learning:case-signal", args=[case.pk]), {"text": "Iets"})
    assert response.status_code == 403
    assert not Signal.objects.exists()


def test_the_case_page_names_the_themes_of_the_case(kwaliteit_werk: Any, behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    theme = services.theme_create(organisation=case.organisation, actor=kwaliteit_werk, title="Brieven", cases=[case])
    page = factories.logged_in(kwaliteit_werk).get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert reverse("learning:theme", args=[theme.pk]) in page
    # A behandelaar has no access to the learning pages: no link to a page that would refuse.
    page = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert reverse("learning:theme", args=[theme.pk]) not in page


def test_the_signal_list_links_only_cases_the_reader_may_open(kwaliteitsmedewerker: Any, behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)  # team Werk; the kwaliteitsmedewerker is of team BBK
    services.signal_record(case=case, actor=behandelaar, text="Telefoon wordt niet opgenomen.")
    body = factories.logged_in(kwaliteitsmedewerker).get(reverse("learning:signals")).content.decode()
    assert "Telefoon wordt niet opgenomen." in body
    assert case.reference in body
    assert reverse("workspace:case", args=[case.pk]) not in body


def test_a_behandelaar_has_no_signal_list(behandelaar: Any) -> None:
    assert factories.logged_in(behandelaar).get(reverse("learning:signals")).status_code == 403


def test_signals_go_with_their_case(behandelaar: Any) -> None:
    from django.db import transaction

    from casus.cases.models import Case, Event
    from casus.retention.guard import event_delete_allowed

    case = factories.register(handler=behandelaar)
    services.signal_record(case=case, actor=behandelaar, text="Iets valt op.")
    theme = services.theme_create(organisation=case.organisation, actor=None, title="T", cases=[case])
    with transaction.atomic(), event_delete_allowed():
        Event.objects.filter(case=case).delete()
    Case.objects.filter(pk=case.pk).delete()
    assert not Signal.objects.exists()
    assert theme.case_links.count() == 0


def test_the_retention_run_can_empty_the_signal_text(behandelaar: Any) -> None:
    case = factories.register(handler=behandelaar)
    services.signal_record(case=case, actor=behandelaar, text="Mevrouw Jansen belde drie keer.")
    assert services.learning_forget_cases(case_ids=[case.pk]) == 1
    assert Signal.objects.get().text == "(vernietigd)"
