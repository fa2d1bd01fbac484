"""The audit log: append-only in the database, written for every audited action, searchable and
exportable by the privacy officer of the organisation only."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from casus.access import services
from casus.access.audit import audit
from casus.access.models import AuditAction, AuditEntry
from casus.cases.domain import TeamRole
from casus.cases.models import TeamMembership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fg(db: None) -> Any:
    return factories.user("fg", first="Nora", last="Vos", team_name="Beheer", role=TeamRole.PRIVACY)


def _client(user: Any) -> Client:
    return factories.logged_in(user, REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Testbrowser/1.0")


# --- append-only ----------------------------------------------------------------------------------


def test_the_database_refuses_to_change_or_delete_an_entry(behandelaar: Any) -> None:
    entry = audit(AuditAction.VIEW, user=behandelaar)
    for statement in (
        f"UPDATE access_auditentry SET username = 'iemand' WHERE id = {entry.pk}",
        f"DELETE FROM access_auditentry WHERE id = {entry.pk}",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).username == "sbakker"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_truncate(behandelaar: Any) -> None:
    audit(AuditAction.VIEW, user=behandelaar)
    before = AuditEntry.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE access_auditentry")
    assert AuditEntry.objects.count() == before > 0


def test_the_model_refuses_save_and_delete_of_an_existing_entry(behandelaar: Any) -> None:
    from django.core.exceptions import ValidationError

    entry = audit(AuditAction.VIEW, user=behandelaar)
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


# --- what is recorded ------------------------------------------------------------------------------


def test_a_login_and_a_failed_login_are_recorded_with_the_address(behandelaar: Any) -> None:
    url = reverse("auth:login")
    Client(REMOTE_ADDR="10.9.8.7").post(url, {"username": "sbakker", "password": "fout-wachtwoord"})
    Client(REMOTE_ADDR="10.9.8.6").post(url, {"username": "sbakker", "password": "correct-horse-battery"})
    failed = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (failed.username, failed.allowed, failed.ip) == ("sbakker", False, "10.9.8.7")
    login = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert (login.user, login.allowed, login.ip) == (behandelaar, True, "10.9.8.6")


def test_role_changes_are_permission_entries(behandelaar: Any) -> None:
    membership = TeamMembership.objects.create(
        team=factories.team("Beheer"), user=behandelaar, role=TeamRole.COORDINATOR
    )
    membership.delete()
    changes = list(
        AuditEntry.objects.filter(action=AuditAction.PERMISSION, object_id=str(behandelaar.pk), detail__team="Beheer")
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert [c["change"] for c in changes] == ["rol gegeven", "rol ingetrokken"]
    assert changes[0]["team"] == "Beheer" and changes[0]["rol"] == "coordinator"


def test_account_flags_and_groups_are_permission_entries(behandelaar: Any) -> None:
    behandelaar.is_staff = True
    behandelaar.save()
    behandelaar.groups.add(Group.objects.create(name="Werk"))
    details = list(
        AuditEntry.objects.filter(action=AuditAction.PERMISSION, object_id=str(behandelaar.pk)).values_list(
            "detail", flat=True
        )
    )
    assert {"change": "accountrechten gewijzigd", "is_staff": True} in details
    assert any(d["change"].startswith("groepen gewijzigd") for d in details)


def test_a_grant_is_a_permission_entry_on_the_case(behandelaar: Any, coordinator: Any, collega: Any) -> None:
    case = factories.register("klacht", handler=collega)
    type(case).objects.filter(pk=case.pk).update(sensitive=True)
    case.refresh_from_db()
    grant = services.case_grant(case=case, user=behandelaar, reason="vervanging", actor=coordinator)
    services.case_grant_revoke(grant=grant, actor=coordinator)
    entries = AuditEntry.objects.filter(action=AuditAction.PERMISSION, object_type="cases.case", object_id=str(case.pk))
    assert [e.detail["change"] for e in entries.order_by("id")] == ["toegang gegeven", "toegang ingetrokken"]
    assert entries.first().object_repr == case.reference


# --- the privacy officer's page ----------------------------------------------------------------------


def test_the_privacy_officer_searches_the_log(fg: Any, behandelaar: Any) -> None:
    case = factories.register("klacht")
    audit(AuditAction.VIEW, case, user=behandelaar)
    audit(AuditAction.DENIED, case, user=behandelaar, allowed=False)
    client = _client(fg)
    response = client.get(reverse("access:audit"), {"q": "sbakker", "allowed": "0"})
    assert response.status_code == 200
    page = response.context["page"]
    assert [entry.action for entry in page] == [AuditAction.DENIED]
    assert case.reference in response.content.decode()
    # Searching the audit log is itself recorded.
    assert AuditEntry.objects.filter(action=AuditAction.SEARCH, user=fg, detail__table="access.auditentry").exists()


def test_the_privacy_officer_exports_the_log_as_csv(fg: Any, behandelaar: Any) -> None:
    case = factories.register("klacht")
    audit(AuditAction.VIEW, case, user=behandelaar)
    response = _client(fg).get(reverse("access:audit-export"), {"action": "view"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="casus-auditlog-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["tijdstip", "gebruiker", "handeling"]
    assert [row[1] for row in rows[1:]] == ["sbakker"]
    assert rows[1][6] == case.reference
    export = AuditEntry.objects.get(action=AuditAction.EXPORT, user=fg)
    assert export.detail["rows"] == 1 and export.ip == "10.1.2.3"


def test_the_log_shows_only_the_officers_own_organisation(fg: Any) -> None:
    zeewolde = factories.other_organisation()
    audit(AuditAction.VIEW, ("cases.case", "1", "ZW-2026-0001"), username="iemand", organisation_id=zeewolde.pk)
    response = _client(fg).get(reverse("access:audit"), {"q": "ZW-2026"})
    assert list(response.context["page"]) == []


@pytest.mark.parametrize("persona", ["behandelaar", "coordinator", "kwaliteitsmedewerker"])
def test_other_roles_cannot_open_the_log_and_their_attempt_is_recorded(
    request: pytest.FixtureRequest, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = _client(user)
    assert client.get(reverse("access:audit")).status_code == 403
    assert client.get(reverse("access:audit-export")).status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, user=user, detail__permission="audit.view").exists()


def test_a_bad_date_range_gets_a_dutch_message(fg: Any) -> None:
    response = _client(fg).get(reverse("access:audit"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert "De begindatum ligt na de einddatum." in response.content.decode()


def test_failed_logins_reach_the_privacy_officer_also_for_an_unknown_user_name(fg: Any, behandelaar: Any) -> None:
    url = reverse("auth:login")
    Client(REMOTE_ADDR="10.6.6.6").post(url, {"username": "sbakker", "password": "fout-wachtwoord"})
    Client(REMOTE_ADDR="10.6.6.7").post(url, {"username": "admin", "password": "admin"})
    known = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED, username="sbakker")
    assert known.organisation == factories.organisation()
    response = _client(fg).get(reverse("access:audit"), {"action": "login_failed"})
    shown = {(entry.username, entry.ip) for entry in response.context["page"]}
    assert shown == {("sbakker", "10.6.6.6"), ("admin", "10.6.6.7")}


def test_a_search_in_the_admins_case_data_is_recorded_with_term_and_count(behandelaar: Any) -> None:
    beheerder = factories.user("jm", first="Joost", last="Mulder", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)
    TeamMembership.objects.create(team=factories.team("Werk"), user=beheerder, role=TeamRole.BEHANDELAAR)
    factories.register("klacht", resident=factories.resident(surname="Zonneveld"))
    client = _client(beheerder)
    assert client.get(reverse("admin:cases_case_changelist"), {"q": "Zonneveld"}).status_code == 200
    assert (
        client.get(
            reverse("admin:autocomplete"),
            {"app_label": "cases", "model_name": "case", "field_name": "resident", "term": "Zonne"},
        ).status_code
        == 200
    )
    searches = AuditEntry.objects.filter(action=AuditAction.SEARCH, user=beheerder).order_by("id")
    assert [(s.detail["table"], s.detail["term"], s.detail["results"]) for s in searches] == [
        ("cases.case", "Zonneveld", 1),
        ("cases.resident", "Zonne", 1),
    ]
