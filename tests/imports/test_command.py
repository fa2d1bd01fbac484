"""The import command on messy real-world files (shared/DOMAIN.md §8)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from casus.cases.domain import EventKind, Status
from casus.cases.models import Case, Category, Event, Resident, Team
from casus.imports.importer import import_file
from tests import factories

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db

GOOD = [
    "KL-OUD-1;klacht;12-01-2023;email;BBK;parkeren;P-001;;20-02-2023;gegrond;Wachtte lang op antwoord",
    "VR-OUD-2;vraag;2023-03-07;telefoon;BBK;afval;P-002;;;;Vraag over de container",
]


def test_a_semicolon_csv_is_imported_with_due_dates_and_an_event(run_import) -> None:
    output, _ = run_import(csv_bytes(*GOOD))
    assert "Gelezen: 2, nieuw: 2, bijgewerkt: 0, ongewijzigd: 0, afgekeurd: 0" in output
    closed = Case.objects.get(reference="KL-OUD-1")
    assert closed.status == Status.AFGEHANDELD and closed.outcome == "gegrond"
    assert closed.closed_on == date(2023, 2, 20)
    assert closed.due_on == date(2023, 2, 23)  # 6 weeks after receipt
    event = Event.objects.get(case=closed, kind=EventKind.IMPORTED)
    assert event.summary == "Geïmporteerd uit registraties.csv."
    open_case = Case.objects.get(reference="VR-OUD-2")
    assert open_case.status == Status.ONTVANGEN and open_case.resident.source_id == "P-002"


def test_bom_windows_1252_and_comma_files_are_read(run_import) -> None:
    header = "Reference,Case_Type,Received_On,Description,Kleur"
    row = "BZ-1,bezwaar,3-2-2023,Beëindiging uitkering café"
    utf8_bom = b"\xef\xbb\xbf" + csv_bytes(row + ",rood", header=header)
    output, _ = run_import(utf8_bom)
    assert "Genegeerde kolommen (geen importkolom): Kleur" in output
    assert Case.objects.get(reference="BZ-1").description == "Beëindiging uitkering café"
    cp1252 = csv_bytes("BZ-2;bezwaar;2023-02-03;Beëindiging", header="kenmerk;zaaktype;ontvangen_op;omschrijving")
    run_import(cp1252.decode().encode("cp1252"), name="oud.csv")
    assert Case.objects.get(reference="BZ-2").description == "Beëindiging"


def test_invalid_rows_stop_the_whole_import_with_dutch_reasons(run_import) -> None:
    rows = [
        *GOOD,
        "KL-3;klacht;31-02-2022;;;;;;;;",
        "KL-4;klachtje;2023-01-01;;;;;;;;",
        "KL-5;klacht;2023-05-01;;;;;;2023-04-01;gegrond;",
        "VR-6;vraag;2023-05-01;;;;;;2023-05-02;gegrond;",
        "KL-OUD-1;klacht;2023-05-01;;;;;;;;",
    ]
    with pytest.raises(CommandError, match="niets geïmporteerd"):
        run_import(csv_bytes(*rows))
    assert not Case.objects.exists()
    report, _ = import_file(organisation=factories.organisation(), name="x.csv", content=csv_bytes(*rows))
    reasons = {(p.row, p.column): p.reason for p in report.problems}
    assert reasons[(4, "ontvangen_op")] == "Deze datum bestaat niet. Controleer de dag en de maand."
    assert reasons[(5, "zaaktype")].startswith("Onbekend zaaktype.")
    assert reasons[(6, "afgehandeld_op")] == "De afhandeldatum ligt vóór de ontvangstdatum."
    assert reasons[(7, "uitkomst")].startswith("Deze uitkomst past niet bij een vraag.")
    assert reasons[(8, "kenmerk")] == "Dit kenmerk staat al in rij 2."
    assert report.counts == {"read": 7, "imported": 2, "updated": 0, "unchanged": 0, "rejected": 5}
    assert not report.applied


def test_skip_invalid_imports_the_valid_rows_and_writes_the_rejected_ones(run_import) -> None:
    output, path = run_import(csv_bytes(*GOOD, "KL-3;klacht;31-02-2022;;;;;;;;"), "--skip-invalid")
    assert "rij 4, kolom ontvangen_op, waarde '31-02-2022': Deze datum bestaat niet" in output
    assert "Gelezen: 3, nieuw: 2, bijgewerkt: 0, ongewijzigd: 0, afgekeurd: 1" in output
    rejected = path.with_name("registraties.csv.rejected.csv").read_text(encoding="utf-8-sig")
    assert rejected.splitlines()[0].endswith(";rij;reden")
    assert "KL-3;klacht;31-02-2022" in rejected and "Deze datum bestaat niet" in rejected
    assert Case.objects.count() == 2


def test_dry_run_writes_nothing(run_import) -> None:
    output, _ = run_import(csv_bytes(*GOOD, "KL-9;klacht;2023-01-05;;Nieuw team;;;Piet Nieuw;;;"), "--dry-run")
    assert "Er is niets opgeslagen" in output
    assert "Gelezen: 3, nieuw: 3" in output
    assert "Nieuwe teams: Nieuw team" in output
    assert not Case.objects.exists() and not Team.objects.filter(name="Nieuw team").exists()
    assert not Resident.objects.filter(source_id="P-001").exists()


def test_unknown_teams_subjects_and_handlers_are_created_and_reported(run_import) -> None:
    factories.user("s.bakker", first="Sanne", last="Bakker")
    rows = [
        "KL-1;klacht;2023-01-05;post;Team Nieuw;Hondenbelasting;P-1;Sanne Bakker;;;",
        "KL-2;klacht;2023-01-06;post;team nieuw;hondenbelasting;P-1;Kees de Wit;;;",
        "KL-3;klacht;2023-01-07;post;;;P-2;s.bakker;;;",
    ]
    output, _ = run_import(csv_bytes(*rows))
    assert "Nieuwe teams: Team Nieuw" in output
    assert "Nieuwe onderwerpen: Hondenbelasting" in output
    assert "Nieuwe behandelaars (account nog niet actief): Kees de Wit" in output
    first, second, third = (Case.objects.get(reference=f"KL-{n}") for n in (1, 2, 3))
    assert first.team == second.team and first.team.name == "Team Nieuw"
    assert Category.objects.get(name="Hondenbelasting").kind == "subject"
    assert first.handler == third.handler and first.handler.username == "s.bakker"
    assert second.handler.get_full_name() == "Kees de Wit" and not second.handler.is_active
    assert first.resident == second.resident


def test_a_merged_resident_is_matched_to_the_one_kept() -> None:
    org = factories.organisation()
    keep = factories.resident(organisation=org, source_id="P-KEEP")
    factories.resident(organisation=org, source_id="P-OLD", merged_into=keep)
    import_file(organisation=org, name="a.csv", content=csv_bytes("KL-1;klacht;2023-01-05;;;;P-OLD;;;;"))
    assert Case.objects.get(reference="KL-1").resident == keep


def test_reimporting_changes_nothing_and_a_changed_row_writes_old_and_new(run_import) -> None:
    run_import(csv_bytes(*GOOD))
    events = Event.objects.count()
    output, _ = run_import(csv_bytes(*GOOD))
    assert "Gelezen: 2, nieuw: 0, bijgewerkt: 0, ongewijzigd: 2, afgekeurd: 0" in output
    assert Event.objects.count() == events
    changed = GOOD[1].replace(";;;;Vraag", ";;2023-03-20;beantwoord;Vraag")
    output, _ = run_import(csv_bytes(GOOD[0], changed), name="registraties-v2.csv")
    assert "Gelezen: 2, nieuw: 0, bijgewerkt: 1, ongewijzigd: 1, afgekeurd: 0" in output
    case = Case.objects.get(reference="VR-OUD-2")
    assert case.status == Status.AFGEHANDELD and case.outcome == "beantwoord"
    event = Event.objects.get(case=case, kind=EventKind.UPDATED)
    assert event.data["wijzigingen"]["uitkomst"] == {"oud": "", "nieuw": "beantwoord"}
    assert event.data["wijzigingen"]["afgehandeld op"] == {"oud": "", "nieuw": "2023-03-20"}
    assert "registraties-v2.csv" in event.summary


def test_the_organisation_option_and_several_organisations() -> None:
    factories.other_organisation()
    path_args = ["/nonexistent.csv"]
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_cases", *path_args, stdout=io.StringIO())


def test_several_organisations_need_the_option(run_import) -> None:
    factories.other_organisation()
    with pytest.raises(CommandError, match="--organisation"):
        run_import(csv_bytes(*GOOD))
    run_import(csv_bytes(*GOOD), "--organisation", "Gemeente Zeewolde")
    assert Case.objects.get(reference="KL-OUD-1").organisation.slug == "zeewolde"


def test_the_deadline_engine_rejects_impossible_facts() -> None:
    header = "kenmerk;zaaktype;ontvangen_op;besluit_verzonden_op"
    content = csv_bytes("BZ-1;bezwaar;2023-04-01;2023-05-01", "BZ-2;bezwaar;2023-04-01;2023-03-01", header=header)
    report, _ = import_file(organisation=factories.organisation(), name="b.csv", content=content, skip_invalid=True)
    assert [p.row for p in report.problems] == [2]
    assert "niet later verzonden" in report.problems[0].reason
    assert Case.objects.get().reference == "BZ-2"
