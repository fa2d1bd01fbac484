"""ops/backup.sh and ops/restore.sh, really run: a throwaway source database with cases, a timeline and an
attachment on disk is backed up, restored into a second throwaway database and folder, and compared
table by table and for one case in full. Both databases are dropped at the end.

The source database is a copy (CREATE DATABASE ... TEMPLATE) of the migrated test database after the
cases were written and committed (a transactional test): migrating a new database from scratch would take
most of the time budget. PostgreSQL only: the scripts are pg_dump/pg_restore.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection, connections

from casus.cases import services
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("cases_organisation", "cases_resident", "cases_case", "cases_event", "access_auditentry", "django_migrations")

needs_postgresql = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="backup and restore are pg_dump/pg_restore: set DATABASE_URL to a PostgreSQL database",
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql")),
        reason="pg_dump, pg_restore or psql is not installed (apt-get install postgresql-client)",
    ),
    pytest.mark.django_db(transaction=True),
]


def url_of(database: str) -> str:
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}", query="").geturl()


def admin(sql: str) -> None:
    """A statement outside any transaction (CREATE/DROP DATABASE), on the maintenance database."""
    subprocess.run(["psql", url_of("postgres"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True)


def query(database: str, sql: str) -> list[str]:
    out = subprocess.run(
        ["psql", url_of(database), "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return out.stdout.splitlines()


def run(script: str, database: str, upload_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url_of(database), "CASUS_UPLOAD_DIR": str(upload_dir)}
    env.setdefault("SECRET_KEY", "test-only-not-secret")
    return subprocess.run(
        ["bash", str(ROOT / "ops" / script), *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    source, target = f"casus_ops_src_{os.getpid()}", f"casus_ops_dst_{os.getpid()}"
    try:
        yield source, target
    finally:
        for name in (source, target):
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def one_case(database: str, reference: str) -> list[str]:
    """The case's row, its resident and its timeline, as text."""
    return query(
        database,
        "SELECT c::text, r::text FROM cases_case c LEFT JOIN cases_resident r ON r.id = c.resident_id "
        f"WHERE c.reference = '{reference}';",
    ) + query(database, f"SELECT e::text FROM cases_event e JOIN cases_case c ON c.id = e.case_id "
                        f"WHERE c.reference = '{reference}' ORDER BY e.id;")  # fmt: skip


@needs_postgresql[0]
@needs_postgresql[1]
@needs_postgresql[2]
def test_a_backup_restores_into_a_new_database_with_the_same_data(databases: tuple[str, str], tmp_path: Path) -> None:
    source, target = databases
    # The source: cases with a resident and a timeline (one closed), and an attachment on disk.
    handler = factories.user("afhandelaar", first="Fenna", last="de Groot", team_name="Werk")
    resident = factories.resident(surname="Hollebeek")
    made: list[Any] = []
    for day in range(1, 13):
        made.append(factories.register("klacht", date(2025, 3, day), resident=resident, handler=handler))
    services.case_close(case=made[0], actor=handler, outcome="gegrond", closed_on=date(2025, 4, 1))
    source_files = tmp_path / "source-files"
    attachment = source_files / "bijlagen" / "2025" / "03" / "brief.pdf"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes(b"%PDF-1.4 test attachment\n")
    template = connection.settings_dict["NAME"]
    connections.close_all()  # CREATE DATABASE ... TEMPLATE needs the template without sessions
    admin(f'CREATE DATABASE "{source}" TEMPLATE "{template}"')

    backup = tmp_path / "backup"
    made_backup = run("backup.sh", source, source_files, str(backup))
    assert made_backup.returncode == 0, made_backup.stderr
    manifest = dict(line.split("=", 1) for line in (backup / "manifest.txt").read_text().splitlines() if "=" in line)
    assert manifest["rows.cases_case"] == "12" and manifest["files"] == "1"
    assert {"created_at", "commit", "sha256.database.dump", "sha256.files.tar.gz"} <= manifest.keys()

    admin(f'CREATE DATABASE "{target}" TEMPLATE template0')
    target_files = tmp_path / "restored-files"
    restored = run("restore.sh", target, target_files, str(backup))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "cases_case: 12 rows (as in the backup)" in restored.stdout

    for table in TABLES:
        assert query(target, f"SELECT count(*) FROM {table}") == query(source, f"SELECT count(*) FROM {table}")
    assert one_case(target, made[0].reference) == one_case(source, made[0].reference)
    assert len(one_case(source, made[0].reference)) >= 3  # the row and at least registered + closed
    restored_file = target_files / "bijlagen" / "2025" / "03" / "brief.pdf"
    assert restored_file.read_bytes() == attachment.read_bytes()

    # It never restores over data, and it refuses a damaged backup: non-zero, with the reason.
    again = run("restore.sh", target, tmp_path / "other-files", str(backup))
    assert again.returncode != 0 and "new, empty database" in again.stderr
    with (backup / "database.dump").open("ab") as dump:
        dump.write(b"\0")
    damaged = run("restore.sh", target, tmp_path / "other-files", str(backup))
    assert damaged.returncode != 0 and "database.dump is damaged" in damaged.stderr


def test_the_scripts_are_strict_bash_and_shellcheck_clean() -> None:
    for script in ("backup.sh", "restore.sh"):
        text = (ROOT / "ops" / script).read_text()
        assert text.startswith("#!/usr/bin/env bash\n") and "\nset -euo pipefail\n" in text
        subprocess.run(["bash", "-n", str(ROOT / "ops" / script)], check=True)
    if shellcheck := shutil.which("shellcheck"):
        subprocess.run([shellcheck, str(ROOT / "ops" / "backup.sh"), str(ROOT / "ops" / "restore.sh")], check=True)
