# Shared by ops/backup.sh and ops/restore.sh (sourced, not run): the checks both make before they start.
# die() is the caller's (it prefixes the script's name).

# require_postgres_url WHAT HINT: DATABASE_URL must be a PostgreSQL URL; WHAT names it in the message when
# it is missing, HINT is added when it is another kind of URL.
require_postgres_url() {
  case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*) ;;
    "") die "DATABASE_URL ($1) is not set" ;;
    *) die "DATABASE_URL is not a PostgreSQL URL (postgres://...)${2:+; $2}" ;;
  esac
}

# require_tools TOOL...: each must be on PATH.
require_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install postgresql-client)"
  done
}
