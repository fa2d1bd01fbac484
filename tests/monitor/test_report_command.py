"""`manage.py report --format json`: the §9 contract (key set), --output, and Dutch errors on bad input."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from casus.cases import services
from tests import factories

pytestmark = pytest.mark.django_db

# The example of DOMAIN.md §9, verbatim: the contract for the keys.
SECTION_9_EXAMPLE = """
{
  "period": {"from": "2022-01-01", "to": "2022-12-31"},
  "filters": {"type": "klacht"},
  "received": {"total": 100, "by_month": {"2022-01": 9}, "change_vs_compare": 0.81},
  "by_subject": [{"subject": "energietoeslag", "count": 15, "share": 0.15}],
  "top3_subjects_share": 0.65,
  "by_channel": [{"channel": "email", "count": 40}],
  "by_nature": [{"nature": "duurt lang", "count": 18}],
  "by_team": [{"team": "Beheer", "received": 55, "closed": 50, "gegrond": 11, "deels_gegrond": 5}],
  "repeat_filers": {"2": 8, "3": 0, "4+": 1},
  "closed": {"total": 97, "by_outcome": {"gegrond": 22, "deels_gegrond": 11, "ongegrond": 40}},
  "founded_by_subject": [{"subject": "boete", "closed": 3, "gegrond": 3, "rate": 1.0}],
  "informal_rate": 0.79,
  "lead_time": {"within_6_weeks": 0.74, "6_to_10_weeks": 0.14, "over_10_weeks": 0.12,
                "median_days": 30, "p90_days": 75, "within_term": 0.9,
                "by_close_month": {"2022-01": {"within_6_weeks": 0.8, "6_to_10_weeks": 0.1, "over_10_weeks": 0.1}}},
  "trend": {"by_year": {"2019": 120, "2020": 110}, "slope_per_year": -10.0}
}
"""
# Maps whose keys are data (months, outcomes, years), not names: only their values' shape is compared.
DATA_KEYED = {"by_month", "by_outcome", "by_year", "by_close_month"}


def shape(value: Any, key: str = "") -> Any:
    """The key structure of a JSON value, recursively; lists by their first item."""
    if isinstance(value, dict):
        if key in DATA_KEYED:
            return {"*": shape(next(iter(value.values())), "")} if value else {}
        return {k: shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


def _report(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("report", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


@pytest.fixture
def data(db: None) -> None:
    inwoner = factories.resident()
    first = factories.register(
        "klacht", date(2022, 1, 10), subject=factories.subject("boete"), nature=factories.nature("duurt lang"),
        resident=inwoner, team=factories.team("Beheer"),
    )  # fmt: skip
    factories.register("klacht", date(2022, 2, 3), subject=factories.subject("boete"), resident=inwoner)
    factories.register("klacht", date(2020, 2, 3))
    services.case_close(case=first, actor=None, outcome="gegrond", closed_on=date(2022, 1, 31))


def test_keys_exactly_as_section_9(data: None) -> None:
    produced = _report("--from", "2022-01-01", "--to", "2022-12-31", "--type", "klacht", "--format", "json")
    assert shape(produced) == shape(json.loads(SECTION_9_EXAMPLE))
    assert produced["period"] == {"from": "2022-01-01", "to": "2022-12-31"}
    assert produced["filters"] == {"type": "klacht"}


def test_filters_echo_what_was_given(data: None) -> None:
    produced = _report(
        "--from", "2022-01-01", "--to", "2022-12-31", "--team", "Beheer", "--subject", "boete",
        "--compare-from", "2021-01-01", "--compare-to", "2021-12-31",
    )  # fmt: skip
    assert produced["filters"] == {"team": "Beheer", "subject": "boete"}  # §9 lists type, team, subject only
    assert produced["received"]["total"] == 1
    assert produced["received"]["change_vs_compare"] is None  # nothing received in 2021


def test_writes_output_file(data: None, tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    call_command(
        "report", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json", "--output", str(target),
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["received"]["total"] == 2
    assert written["repeat_filers"] == {"2": 1, "3": 0, "4+": 0}
    assert written["trend"] == {"by_year": {"2020": 1, "2022": 2}, "slope_per_year": 0.5}
    assert "Smit" not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2022-12-31", "--to", "2022-01-01"], "--from ligt na --to"),
        (["--from", "2022-13-01", "--to", "2022-12-31"], "geen geldige datum"),
        (["--from", "2022-01-01", "--to", "2022-12-31", "--type", "klachten"], "Onbekend zaaktype"),
        (["--from", "2022-01-01", "--to", "2022-12-31", "--team", "Nergens"], "Onbekend team"),
        (["--from", "2022-01-01", "--to", "2022-12-31", "--subject", "iets"], "Onbekend onderwerp"),
        (["--from", "2022-01-01", "--to", "2022-12-31", "--compare-from", "2021-01-01"], "zowel --compare-from"),
        (
            [
                "--from",
                "2022-01-01",
                "--to",
                "2022-12-31",
                "--compare-from",
                "2021-12-01",
                "--compare-to",
                "2021-01-01",
            ],
            "--compare-from ligt na --compare-to",
        ),
    ],
)
def test_bad_input_is_a_dutch_error(db: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, stdout=StringIO(), stderr=StringIO())


# --- the exports (XLSX, CSV, PDF) ----------------------------------------------------------------


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF-"), ("xlsx", b"PK"), ("csv", b"\xef\xbb\xbffiguur;")])
def test_an_export_without_output_goes_to_a_named_file_not_the_screen(
    data: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, magic: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    out, err = _run("--from", "2022-01-01", "--to", "2022-12-31", "--type", "klacht", "--format", fmt)
    name = f"rapportage-klacht-2022-01-01-2022-12-31.{fmt}"
    assert out == ""  # nothing binary on a terminal
    assert (tmp_path / name).read_bytes().startswith(magic)
    assert f"Rapportage ({fmt}) geschreven naar {name}." in err


def test_an_export_writes_to_output(data: None, tmp_path: Path) -> None:
    target = tmp_path / "monitor.xlsx"
    out, err = _run("--from", "2022-01-01", "--to", "2022-12-31", "--format", "xlsx", "--output", str(target))
    assert out == "" and str(target) in err
    import openpyxl

    assert "Zaken" in openpyxl.load_workbook(target).sheetnames


def test_without_subject_reaches_the_exports_and_leaves_the_json_alone(data: None, tmp_path: Path) -> None:
    args = ["--from", "2022-01-01", "--to", "2022-12-31", "--compare-from", "2021-01-01", "--compare-to", "2021-12-31"]
    plain, _ = _run(*args, "--format", "json")
    without, _ = _run(*args, "--format", "json", "--without-subject", "boete")
    assert plain == without  # §9 has no key for it: the JSON stays byte for byte the same
    target = tmp_path / "r.csv"
    _run(*args, "--format", "csv", "--without-subject", "boete", "--output", str(target))
    text = target.read_text(encoding="utf-8-sig")
    assert "Instroom;;Ontvangen zonder boete;0" in text  # both 2022 complaints are about boete
    assert "Rapportage;;zonder onderwerp;boete" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--without-subject", "iets"], "Onbekend onderwerp 'iets'"),
        (["--channel", "duif"], "Onbekend kanaal"),
        (["--organisation", "nergens"], "Onbekende organisatie"),
        (["--format", "docx"], "invalid choice"),
    ],
)
def test_bad_export_options_are_refused(db: None, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _run("--from", "2022-01-01", "--to", "2022-12-31", *args)
