from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

HEADER = "kenmerk;zaaktype;ontvangen_op;kanaal;team;onderwerp;inwoner;behandelaar;afgehandeld_op;uitkomst;omschrijving"


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


@pytest.fixture
def run_import(tmp_path: Path):
    """Write `content` to a file and run the command; returns (output, path)."""

    def run(content: bytes, *args: str, name: str = "registraties.csv") -> tuple[str, Path]:
        import io

        path = tmp_path / name
        path.write_bytes(content)
        out = io.StringIO()
        call_command("import_cases", str(path), *args, stdout=out)
        return out.getvalue(), path

    return run
