"""manage.py send_deadline_warnings: one digest per person, once per case per state and due date."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from casus import deadlines
from casus.cases import services
from casus.cases.models import Case
from casus.workspace.models import DeadlineWarning
from tests import factories

pytestmark = pytest.mark.django_db

# A Monday without holidays around it: klacht received 2026-09-14 is due Monday 2026-10-26 (6 weeks).
RECEIVED = date(2026, 9, 14)
DUE = date(2026, 10, 26)
THREATENING_DAY = date(2026, 10, 21)  # Wednesday: 3 working days left, inside the 5-day window
SAFE_DAY = date(2026, 10, 12)  # 10 working days left
LATE_DAY = date(2026, 10, 27)


def run(on: date, *extra: str) -> str:
    out = io.StringIO()
    call_command("send_deadline_warnings", "--on", on.isoformat(), *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def complaint(behandelaar: Any) -> Case:
    case = factories.register("klacht", RECEIVED, handler=behandelaar)
    assert case.due_on == DUE
    return case


def test_the_fixture_dates_are_what_they_claim() -> None:
    assert deadlines.working_days_between(THREATENING_DAY, DUE) == 3
    assert deadlines.working_days_between(SAFE_DAY, DUE) == 10


def test_nothing_is_sent_while_the_case_is_on_time(complaint: Case) -> None:
    assert "0 e-mails" in run(SAFE_DAY)
    assert mail.outbox == []


def test_a_threatening_case_is_mailed_to_its_handler_once(complaint: Case, behandelaar: Any) -> None:
    assert "1 e-mails verstuurd over 1 zaken" in run(THREATENING_DAY)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [behandelaar.email]
    assert message.subject == "Casus: termijnen van 21-10-2026 – 1 dreigt"
    assert f"- {complaint.reference} (klacht): dreigt, uiterlijk 26-10-2026, nog 3 werkdagen" in message.body
    assert complaint.resident is None or complaint.resident.surname not in message.body
    run(THREATENING_DAY)
    run(THREATENING_DAY + timedelta(days=1))  # still dreigt, same due date: no second mail
    assert len(mail.outbox) == 1


def test_turning_late_is_a_new_state_change(complaint: Case) -> None:
    run(THREATENING_DAY)
    run(LATE_DAY)
    assert len(mail.outbox) == 2
    assert "te laat, was uiterlijk 26-10-2026" in mail.outbox[1].body
    assert set(DeadlineWarning.objects.values_list("state", flat=True)) == {"dreigt", "te_laat"}


def test_a_moved_due_date_that_threatens_again_is_warned_again(complaint: Case, behandelaar: Any) -> None:
    run(THREATENING_DAY)
    services.case_request_information(
        case=complaint, actor=behandelaar, requested_on=date(2026, 10, 1), repair_until=date(2026, 10, 14),
        what="Stuur de brief mee.",
    )  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.due_on > DUE
    day = complaint.due_on - timedelta(days=3)
    assert deadlines.deadline_status(complaint.due_on, day).state == deadlines.State.DREIGT
    run(day)
    assert len(mail.outbox) == 2
    assert DeadlineWarning.objects.filter(case=complaint, state="dreigt").count() == 2


def test_closed_cases_are_not_warned(complaint: Case, behandelaar: Any) -> None:
    services.case_close(case=complaint, actor=behandelaar, outcome="gegrond", closed_on=date(2026, 10, 20))
    run(LATE_DAY)
    assert mail.outbox == []


def test_an_unassigned_case_goes_to_the_teams_coordinators(coordinator: Any, behandelaar: Any) -> None:
    case = factories.register("klacht", RECEIVED)
    assert case.handler_id is None
    run(LATE_DAY)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "(nog niet toegewezen, team Werk)" in mail.outbox[0].body


def test_one_digest_per_person_lists_all_their_cases(behandelaar: Any) -> None:
    first = factories.register("klacht", RECEIVED, handler=behandelaar)
    second = factories.register("vraag", date(2026, 9, 14), handler=behandelaar)
    run(LATE_DAY)
    assert len(mail.outbox) == 1
    assert first.reference in mail.outbox[0].body and second.reference in mail.outbox[0].body
    assert mail.outbox[0].subject.endswith("2 te laat")


def test_dry_run_sends_and_records_nothing(complaint: Case) -> None:
    out = run(THREATENING_DAY, "--dry-run")
    assert "Proef: 1 zaken voor 1 medewerkers; niets verstuurd." in out
    assert complaint.reference in out
    assert mail.outbox == [] and not DeadlineWarning.objects.exists()


def test_a_failing_mail_server_leaves_the_warning_for_the_next_run(
    complaint: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("casus.workspace.warnings.send_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        run(THREATENING_DAY)
    assert not DeadlineWarning.objects.exists()
    monkeypatch.undo()
    run(THREATENING_DAY)
    assert len(mail.outbox) == 1


def test_a_handler_without_an_address_is_reported(complaint: Case, behandelaar: Any) -> None:
    behandelaar.email = ""
    behandelaar.save()
    err = io.StringIO()
    call_command("send_deadline_warnings", "--on", THREATENING_DAY.isoformat(), stdout=io.StringIO(), stderr=err)
    assert "sbakker heeft geen e-mailadres" in err.getvalue()


def test_a_bad_date_is_a_dutch_error() -> None:
    with pytest.raises(CommandError, match="Ongeldige datum bij --on"):
        call_command("send_deadline_warnings", "--on", "21-10-2026")
