#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into a new, empty PostgreSQL database named by DATABASE_URL,
# put the files back into CASUS_UPLOAD_DIR (default $CASUS_VAR_DIR/bijlagen), check the schema with
# `manage.py migrate --check` and compare the row counts and the number of files with the manifest.
# Exits non-zero on any difference.
#
#   createdb casus_restored
#   DATABASE_URL=postgres://casus@db/casus_restored ops/restore.sh BACKUP_DIR
#
# The database must be empty (no tables in schema public): restore.sh never overwrites data. Stop Casus
# (gunicorn, cron jobs) before pointing it at the restored database. See docs/operations.md.
set -euo pipefail

usage() { echo "usage: DATABASE_URL=postgres://... $0 BACKUP_DIR" >&2; exit 2; }
die() { echo "restore: $*" >&2; exit 1; }

# shellcheck source=ops/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$#" -eq 1 ] || usage
BACKUP="$1"
require_postgres_url "the database to restore into"
require_tools pg_restore psql tar sha256sum
for file in manifest.txt database.dump files.tar.gz; do
  [ -f "$BACKUP/$file" ] || die "$BACKUP/$file is missing: not a backup of ops/backup.sh"
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR_DIR="${CASUS_VAR_DIR:-$ROOT/var}"
UPLOAD_DIR="${CASUS_UPLOAD_DIR:-$VAR_DIR/bijlagen}"
PYTHON="${CASUS_PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"
JOBS="${RESTORE_JOBS:-$(nproc 2>/dev/null || echo 2)}"
[ "$JOBS" -le 8 ] || JOBS=8  # more parallel jobs than large tables does not help

manifest() { sed -n "s/^$1=//p" "$BACKUP/manifest.txt" | head -n 1; }
psql_value() { psql "$DATABASE_URL" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }

# 1. The files are the ones the backup wrote.
for file in database.dump files.tar.gz; do
  expected="$(manifest "sha256.$file")"
  [ -n "$expected" ] || die "the manifest has no checksum for $file"
  actual="$(sha256sum "$BACKUP/$file" | cut -d' ' -f1)"
  [ "$actual" = "$expected" ] || die "$file is damaged: sha256 $actual, manifest says $expected"
done

# 2. The database: new and empty.
tables="$(psql_value "SELECT count(*) FROM pg_tables WHERE schemaname = 'public';")"
[ "$tables" = "0" ] || die "the target database already has $tables tables; restore into a new, empty database"
pg_restore --no-owner --no-privileges --exit-on-error --jobs="$JOBS" --dbname="$DATABASE_URL" "$BACKUP/database.dump"
psql_value "ANALYZE;" >/dev/null

# 3. The files: into an empty (or missing) upload folder.
mkdir -p "$UPLOAD_DIR"
[ -z "$(ls -A "$UPLOAD_DIR")" ] || die "$UPLOAD_DIR is not empty; restore the files into an empty folder"
tar -C "$UPLOAD_DIR" -xzf "$BACKUP/files.tar.gz"

# 4. Checks: the schema is what this Casus expects, the counts are the manifest's.
status=0
if ! SECRET_KEY="${SECRET_KEY:-restore-check-only}" "$PYTHON" "$ROOT/manage.py" migrate --check >/dev/null; then
  echo "restore: manage.py migrate --check: the database lacks migrations of this Casus version (run migrate)" >&2
  status=1
fi
while IFS='=' read -r key expected; do
  table="${key#rows.}"
  actual="$(psql_value "SELECT count(*) FROM public.\"$table\";" 2>/dev/null || echo "missing")"
  if [ "$actual" = "$expected" ]; then
    echo "restore: $table: $actual rows (as in the backup)"
  else
    echo "restore: $table: $actual rows, the backup has $expected" >&2
    status=1
  fi
done < <(grep '^rows\.' "$BACKUP/manifest.txt")
files="$(find "$UPLOAD_DIR" -type f | wc -l)"
if [ "$files" = "$(manifest files)" ]; then
  echo "restore: files: $files (as in the backup)"
else
  echo "restore: files: $files, the backup has $(manifest files)" >&2
  status=1
fi

if [ "$status" -ne 0 ]; then
  die "the restore differs from the backup of $(manifest created_at); do not use it"
fi
echo "restore: done: the backup of $(manifest created_at) (commit $(manifest commit)) is in $(psql_value "SELECT current_database();")"
