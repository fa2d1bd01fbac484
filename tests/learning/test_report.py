"""The quarterly learning report for MT: JSON, PDF and web page, with generated Dutch sentences."""

from __future__ import annotations

import json
from datetime import date, datetime
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from casus.cases import services as case_services
from casus.cases.models import GuidingPrinciple
from casus.learning import services
from casus.learning.models import FollowUp, Theme
from casus.learning.report import Quarter, learning_report, parse_quarter
from tests import factories

pytestmark = pytest.mark.django_db


def test_quarters_are_read_in_three_spellings() -> None:
    assert parse_quarter("2026Q1") == parse_quarter("2026K1") == parse_quarter("2026-q1") == Quarter(2026, 1)
    assert (Quarter(2026, 4).start, Quarter(2026, 4).end) == (date(2026, 10, 1), date(2026, 12, 31))
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    with pytest.raises(ValueError, match="2026Q1"):
        parse_quarter("2026-05")


def _world(handler: Any) -> Theme:
    """A theme opened in 2025 on a subject, cases in 2025Q2–2026Q1, a finished and an overdue action, a
    follow-up done and a case discussion in 2026Q1."""
    subject = factories.subject("woonlastenfonds")
    for received, n in ((date(2025, 5, 1), 2), (date(2025, 8, 1), 4), (date(2025, 11, 1), 6), (date(2026, 2, 1), 8)):
        for _ in range(n):
            factories.register(handler=handler, subject=subject, received_on=received)
    organisation = factories.organisation()
    theme = services.theme_create(organisation=organisation, actor=None, title="Woonlasten", subjects=[subject])
    Theme.objects.filter(pk=theme.pk).update(created_at=timezone.make_aware(datetime(2025, 6, 1)))
    principle = GuidingPrinciple.objects.get(name="luisteren")
    services.action_create(
        theme=theme, actor=None, title="Folder", principle=principle, deadline=date(2026, 1, 15), status="gereed",
        completed_on=date(2026, 1, 10),
    )  # fmt: skip
    services.action_create(theme=theme, actor=None, title="Spreekuur", principle=principle, deadline=date(2026, 2, 1))
    theme.actions.update(created_at=timezone.make_aware(datetime(2025, 12, 1)))
    case = factories.register(handler=handler, received_on=date(2025, 10, 1), complex=True)
    case_services.case_close(case=case, actor=handler, outcome="gegrond", closed_on=date(2025, 11, 20))
    services.followups_schedule()
    FollowUp.objects.update(done_on=date(2026, 2, 25), result="werkt")
    services.discussion_record(
        organisation=organisation, actor=None, held_on=date(2026, 3, 3), title="Schulden", cases=[case],
        perspectives={"recht": "ruimte"}, signal_to_policy_owner="Regel ontbreekt.",
    )  # fmt: skip
    return theme


def test_the_report_of_a_finished_quarter(behandelaar: Any) -> None:
    _world(behandelaar)
    data = learning_report(organisation=factories.organisation(), quarter=Quarter(2026, 1), today=date(2026, 6, 1))
    theme = data["themes"][0]
    assert theme["by_quarter"] == {"K2 2025": 2, "K3 2025": 4, "K4 2025": 6, "K1 2026": 8}
    assert theme["slope_per_quarter"] == 2.0 and not theme["opened_in_quarter"]
    assert [a["title"] for a in theme["actions"] if a["overdue"]] == ["Spreekuur"]
    assert data["actions"]["per_principle"]["luisteren"] == {"gepland": 1, "loopt": 0, "gereed": 1, "gestopt": 0}
    assert data["follow_ups"]["done_in_quarter"] == 1 and data["follow_ups"]["by_result"]["werkt"] == 1
    assert data["discussions"] == {"held": 1, "signals_to_policy": 1, "titles": ["Schulden"]}
    assert data["sentences"] == [
        "In het 1e kwartaal 2026 was 1 thema actief; 0 daarvan zijn dit kwartaal geopend. Behandelaars gaven 0 "
        "signalen.",
        "Woonlasten: 8 zaken dit kwartaal, 6 het kwartaal ervoor. Het aantal zaken stijgt: de trendlijn gaat per "
        "kwartaal ongeveer 2 zaken omhoog (gemiddeld 5 per kwartaal).",
        "Er zijn 2 verbeteracties; 1 kwam dit kwartaal gereed en 1 is te laat.",
        "Bij 1 complexe zaak is nazorg gedaan: bij 1 werkt de oplossing, bij 0 deels en bij 0 niet.",
        "Er was 1 casuïstiekoverleg; 1 gaf een signaal aan de beleidseigenaar.",
    ]


def test_the_command_writes_json_and_pdf(behandelaar: Any, tmp_path: Any) -> None:
    _world(behandelaar)
    out = StringIO()
    call_command("learning_report", quarter="2026Q1", format="json", stdout=out)
    assert json.loads(out.getvalue())["quarter"]["code"] == "2026Q1"
    target = tmp_path / "rapport.pdf"
    call_command("learning_report", quarter="2026K1", format="pdf", output=str(target), stdout=out)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(target.read_bytes())).pages)
    assert "Leren en verbeteren: 1e kwartaal 2026" in text and "Woonlasten" in text
    with pytest.raises(CommandError, match="Onbekend kwartaal"):
        call_command("learning_report", quarter="Q1", stdout=out)


def test_mt_reads_the_report_on_the_web_and_downloads_the_pdf(behandelaar: Any, mt: Any) -> None:
    _world(behandelaar)
    client = factories.logged_in(mt)
    body = client.get(reverse("learning:report") + "?kwartaal=2026Q1").content.decode()
    assert "Kwartaalrapport: 1e kwartaal 2026" in body and "Woonlasten: 8 zaken dit kwartaal" in body
    response = client.get(reverse("learning:report-pdf") + "?kwartaal=2026Q1")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert factories.logged_in(behandelaar).get(reverse("learning:report")).status_code == 403


def test_the_current_quarter_says_it_is_not_over(behandelaar: Any) -> None:
    _world(behandelaar)
    data = learning_report(organisation=factories.organisation(), quarter=Quarter(2026, 1), today=date(2026, 2, 15))
    assert data["sentences"][0].startswith("Dit kwartaal is nog niet voorbij")
    assert data["themes"][0]["by_quarter"]["K1 2026"] == 8


def test_in_the_current_quarter_an_action_is_late_only_after_its_deadline(behandelaar: Any) -> None:
    _world(behandelaar)
    data = learning_report(organisation=factories.organisation(), quarter=Quarter(2026, 1), today=date(2026, 1, 20))
    assert data["actions"]["overdue"] == 0  # Spreekuur is due on 1 February
    assert not any(a["overdue"] for a in data["themes"][0]["actions"])
