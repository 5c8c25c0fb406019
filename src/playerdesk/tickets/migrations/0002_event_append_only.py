"""Events are the ticket's record: the database itself refuses to change one."""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER tickets_event_append_only BEFORE UPDATE ON tickets_event
BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS tickets_event_append_only;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION tickets_event_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'ticket events are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER tickets_event_append_only BEFORE UPDATE ON tickets_event
FOR EACH ROW EXECUTE FUNCTION tickets_event_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS tickets_event_append_only ON tickets_event;
DROP FUNCTION IF EXISTS tickets_event_append_only();
"""


def up(apps, schema_editor):
    sql = {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


def down(apps, schema_editor):
    sql = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
