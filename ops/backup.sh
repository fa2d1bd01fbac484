#!/usr/bin/env bash
# Back up Casus: the PostgreSQL database named by DATABASE_URL (pg_dump, custom format) and the files
# Casus keeps on disk (the residents' attachments, CASUS_UPLOAD_DIR, default $CASUS_VAR_DIR/bijlagen),
# with a manifest (date, version, row counts, checksums) that ops/restore.sh checks the restore against.
# Letters (PDF) live in the database (letters_letter.pdf), so the dump holds them.
#
#   DATABASE_URL=postgres://casus@db/casus ops/backup.sh [TARGET_DIR]
#
# TARGET_DIR defaults to $CASUS_BACKUP_DIR/casus-YYYYMMDD-HHMMSS (CASUS_BACKUP_DIR default: ./backups).
# The row counts are taken in the very snapshot pg_dump dumps (pg_export_snapshot), so they match the
# dump exactly even while Casus is in use. See docs/operations.md, "Backup and restore".
set -euo pipefail

usage() { echo "usage: DATABASE_URL=postgres://... $0 [TARGET_DIR]" >&2; exit 2; }
die() { echo "backup: $*" >&2; exit 1; }

# shellcheck source=ops/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$#" -le 1 ] || usage
require_postgres_url "the database to back up" "SQLite: copy var/casus.sqlite3 with sqlite3 .backup"
require_tools pg_dump psql tar sha256sum

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR_DIR="${CASUS_VAR_DIR:-$ROOT/var}"
UPLOAD_DIR="${CASUS_UPLOAD_DIR:-$VAR_DIR/bijlagen}"
TARGET="${1:-${CASUS_BACKUP_DIR:-./backups}/casus-$(date -u +%Y%m%d-%H%M%S)}"
# The tables whose row counts are checked after a restore (a table that does not exist yet is skipped).
TABLES="${CASUS_BACKUP_TABLES:-cases_organisation cases_resident cases_case cases_event letters_letter portal_attachment access_auditentry django_migrations}"

[ ! -e "$TARGET" ] || [ -z "$(ls -A "$TARGET")" ] || die "$TARGET exists and is not empty"
mkdir -p "$TARGET"
chmod 700 "$TARGET"  # personal data: only the owner reads a backup
umask 077

# One REPEATABLE READ transaction exports its snapshot; pg_dump dumps that snapshot and the counts are
# read in it, so manifest and dump agree to the row.
coproc PSQL { psql "$DATABASE_URL" -X -A -t -q -v ON_ERROR_STOP=1 2>&1; }
reply=""
q() {  # one statement with a one-line answer, in the transaction above; the answer in $reply
  printf '%s\n' "$1" >&"${PSQL[1]}"
  IFS= read -r -t 60 reply <&"${PSQL[0]}" || die "psql did not answer: $1"
}
q "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();"
snapshot="$reply"
[[ "$snapshot" =~ ^[0-9A-F-]+$ ]] || die "could not export a snapshot: $snapshot"

{
  echo "# Casus backup manifest (ops/backup.sh); ops/restore.sh checks the restore against it"
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if commit="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null)"; then echo "commit=$commit"; fi
  echo "version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" 2>/dev/null | head -n 1)"
  q "SHOW server_version;" && echo "server=$reply"
  q "SELECT current_database();" && echo "database=$reply"
  q "SELECT COALESCE(max(app || '.' || name), '') FROM django_migrations WHERE applied = (SELECT max(applied) FROM django_migrations);"
  echo "last_migration=$reply"
  for table in $TABLES; do
    q "SELECT to_regclass('public.$table') IS NOT NULL;"
    if [ "$reply" = "t" ]; then
      q "SELECT count(*) FROM public.\"$table\";" && echo "rows.$table=$reply"
    fi
  done
} >"$TARGET/manifest.txt"

pg_dump --format=custom --compress=6 --no-owner --snapshot="$snapshot" --file="$TARGET/database.dump" "$DATABASE_URL"
q "COMMIT; SELECT 'done';"
printf '\\q\n' >&"${PSQL[1]}"
if [ -n "${PSQL_PID:-}" ]; then wait "$PSQL_PID" 2>/dev/null || true; fi

# The files: attachments (and whatever else is in the upload folder), relative to that folder.
if [ -d "$UPLOAD_DIR" ]; then
  tar -C "$UPLOAD_DIR" -czf "$TARGET/files.tar.gz" .
  files="$(find "$UPLOAD_DIR" -type f | wc -l)"
else
  tar -czf "$TARGET/files.tar.gz" -T /dev/null
  files=0
fi
{
  echo "files=$files"
  (cd "$TARGET" && sha256sum database.dump files.tar.gz) | sed 's/^\([0-9a-f]*\)  \(.*\)$/sha256.\2=\1/'
} >>"$TARGET/manifest.txt"

echo "backup: $TARGET ($(du -sh "$TARGET" | cut -f1)): database.dump, files.tar.gz ($files files), manifest.txt"
