"""Make the timeline append-only in the database itself.

PostgreSQL: a trigger raises on UPDATE, DELETE and TRUNCATE of cases_event, unless the transaction
has set `casus.allow_event_delete = 'on'` (SET LOCAL), which only the retention run (and the test
suite's database flush) may do. UPDATE is never allowed. SQLite (the embedded default): triggers that abort UPDATE and DELETE.
"""

from django.db import migrations

PG_INSTALL = """
CREATE OR REPLACE FUNCTION casus_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE') AND current_setting('casus.allow_event_delete', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'cases_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cases_event_append_only
    BEFORE UPDATE OR DELETE ON cases_event
    FOR EACH ROW EXECUTE FUNCTION casus_event_append_only();

CREATE TRIGGER cases_event_no_truncate
    BEFORE TRUNCATE ON cases_event
    FOR EACH STATEMENT EXECUTE FUNCTION casus_event_append_only();
"""

PG_REMOVE = """
DROP TRIGGER IF EXISTS cases_event_no_truncate ON cases_event;
DROP TRIGGER IF EXISTS cases_event_append_only ON cases_event;
DROP FUNCTION IF EXISTS casus_event_append_only();
"""

SQLITE_INSTALL = [
    """CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON cases_event
       BEGIN SELECT RAISE(ABORT, 'cases_event is append-only: UPDATE is not allowed'); END;""",
    """CREATE TRIGGER cases_event_no_delete BEFORE DELETE ON cases_event
       BEGIN SELECT RAISE(ABORT, 'cases_event is append-only: DELETE is not allowed'); END;""",
]
SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS cases_event_no_update;", "DROP TRIGGER IF EXISTS cases_event_no_delete;"]


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
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
