"""The append-only trigger of the event table, for migrations after 0002.

On SQLite, a migration that changes the event table (a constraint, a field) rebuilds it, which
drops its triggers: such a migration ends with ``RunPython(restore, restore)``. Not a migration
itself (the leading underscore keeps Django's loader away).
"""

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS tickets_event_append_only BEFORE UPDATE ON tickets_event
BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;
"""


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)
