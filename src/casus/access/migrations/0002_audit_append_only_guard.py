"""Make the audit log append-only in the database itself, like the case timeline (cases 0002).

PostgreSQL: a trigger raises on UPDATE, DELETE and TRUNCATE of access_auditentry, unless the
transaction has set `casus.allow_audit_delete = 'on'` (SET LOCAL). Casus itself never sets it; it exists
for the test suite's database flush and for an operator's documented purge of entries past the audit
log's own retention period (docs/operations.md). UPDATE is never allowed. SQLite: triggers that abort
UPDATE and DELETE.
"""

from django.db import migrations

PG_INSTALL = """
CREATE OR REPLACE FUNCTION casus_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') AND current_setting('casus.allow_audit_delete', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'access_auditentry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_auditentry_append_only
    BEFORE UPDATE OR DELETE ON access_auditentry
    FOR EACH ROW EXECUTE FUNCTION casus_audit_append_only();

CREATE TRIGGER access_auditentry_no_truncate
    BEFORE TRUNCATE ON access_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION casus_audit_append_only();
"""

PG_REMOVE = """
DROP TRIGGER IF EXISTS access_auditentry_no_truncate ON access_auditentry;
DROP TRIGGER IF EXISTS access_auditentry_append_only ON access_auditentry;
DROP FUNCTION IF EXISTS casus_audit_append_only();
"""

SQLITE_INSTALL = [
    """CREATE TRIGGER access_auditentry_no_update BEFORE UPDATE ON access_auditentry
       BEGIN SELECT RAISE(ABORT, 'access_auditentry is append-only: UPDATE is not allowed'); END;""",
    """CREATE TRIGGER access_auditentry_no_delete BEFORE DELETE ON access_auditentry
       BEGIN SELECT RAISE(ABORT, 'access_auditentry is append-only: DELETE is not allowed'); END;""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS access_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS access_auditentry_no_delete;",
]


def _run_raw(schema_editor, sql):
    # Straight to the cursor without parameters: the PL/pgSQL body contains a literal '%'.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(sql)


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run_raw(schema_editor, PG_INSTALL)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            schema_editor.execute(statement)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run_raw(schema_editor, PG_REMOVE)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REMOVE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
