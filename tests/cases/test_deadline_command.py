"""`manage.py deadline` wraps the deadline CLI with the same options."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command


def test_it_answers_through_call_command(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("deadline", "klacht", "--received", "2026-04-12", "--format", "json")
    assert json.loads(capsys.readouterr().out)["due"] == "2026-05-26"


def test_it_runs_from_manage_py() -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "deadline", "bezwaar", "--received", "2026-03-20",
         "--decision-sent", "2026-03-03", "--format", "json"],
        capture_output=True, text=True, check=False, env={"DEBUG": "1", "PATH": ""},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["filing_deadline"] == "2026-04-14" and out["due"] == "2026-05-26"
    bad = subprocess.run(
        [sys.executable, "manage.py", "deadline", "klacht", "--received", "2026-02-30"],
        capture_output=True, text=True, check=False, env={"DEBUG": "1", "PATH": ""},
    )  # fmt: skip
    assert bad.returncode == 2 and "bestaat niet als datum" in bad.stderr
