"""The command line `python -m casus.deadlines`, as a team uses it before the web UI exists."""

import json
import subprocess
import sys

import pytest

from casus.deadlines.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_it_prints_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "klacht", "--received", "2026-04-12", "--on", "2026-05-20")
    assert out["type"] == "klacht"
    assert out["start"] == "2026-04-13"
    assert out["due"] == "2026-05-26"
    assert out["atw_applied"] is True
    assert out["status"] == "dreigt"
    assert "filing_deadline" not in out and "penalty" not in out


def test_it_prints_the_filing_deadline_for_a_bezwaar(capsys: pytest.CaptureFixture[str]) -> None:
    # Decision sent Tue 3 March 2026 -> filing term ends Tue 14 April; decision term 6 weeks from
    # Wed 15 April -> Tue 26 May 2026.
    out = run_json(capsys, "bezwaar", "--received", "2026-03-20", "--decision-sent", "2026-03-03")
    assert out["filing_deadline"] == "2026-04-14"
    assert out["filed_on_time"] is True
    assert out["start"] == "2026-04-15"
    assert out["due"] == "2026-05-26"


def test_it_prints_the_penalty(capsys: pytest.CaptureFixture[str]) -> None:
    # aanvraag received Mon 5 Jan 2026 + 8 weeks = Mon 2 March. Notice received Tue 10 March, first
    # penalty day Tue 24 March; on Wed 15 April that is 23 days: 14 x 23 + 9 x 35 = 637.
    out = run_json(
        capsys, "aanvraag", "--received", "2026-01-05", "--default-notice", "2026-03-10", "--on", "2026-04-15"
    )
    assert out["due"] == "2026-03-02"
    assert out["penalty"]["first_day"] == "2026-03-24"
    assert out["penalty"]["amount"] == 637
    assert out["penalty"]["max_reached_on"] == "2026-05-04"


def test_it_accepts_repeated_suspensions(capsys: pytest.CaptureFixture[str]) -> None:
    # woo received Mon 2 Feb 2026 + 4 weeks = Mon 2 March; + 5 + 3 suspended days = Tue 10 March.
    out = run_json(
        capsys, "woo", "--received", "2026-02-02",
        "--suspension", "2026-02-05:2026-02-10", "--suspension", "2026-02-16:2026-02-19",
    )  # fmt: skip
    assert out["suspended_days"] == 8
    assert out["due"] == "2026-03-10"


def test_it_explains_in_dutch_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["klacht", "--received", "2026-04-12", "--on", "2026-04-13"]) == 0
    out = capsys.readouterr().out
    assert "6 weken na ontvangst = zo 24 mei 2026." in out
    assert "Tweede Pinksterdag" in out
    assert "Uiterste datum: di 26 mei 2026." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["klachten", "--received", "2026-01-01"], "Onbekend zaaktype"),
        (["klacht", "--received", "2026-02-30"], "bestaat niet als datum"),
        (["klacht", "--received", "gisteren"], "is geen datum"),
        (["woo", "--received", "2026-02-02", "--suspension", "2026-02-10:2026-02-05"], "kan niet eindigen"),
        (["woo", "--received", "2026-02-02", "--suspension", "2026-02-10"], "VAN:TOT"),
        (["klacht", "--received", "2026-02-02", "--default-notice", "2026-05-01"], "geen dwangsom"),
    ],
)
def test_it_exits_non_zero_on_bad_input(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_it_exits_non_zero_without_a_receipt_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["klacht"])
    assert exit_info.value.code == 2
    assert "--received" in capsys.readouterr().err


def test_it_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "casus.deadlines", "woo", "--received", "2026-02-02", "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert json.loads(done.stdout)["due"] == "2026-03-02"
    bad = subprocess.run([sys.executable, "-m", "casus.deadlines", "x", "--received", "2026-02-02"],
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert bad.returncode == 2 and "Onbekend zaaktype" in bad.stderr
