"""Where ticket numbers come from: a sequence on PostgreSQL, a counter row on SQLite."""

from django.db import migrations

BLOCK = 100  # tickets/numbering.py hands out a block of this many per sequence read


def up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE SEQUENCE IF NOT EXISTS tickets_ticket_number_seq START 1 INCREMENT {BLOCK}"
        )
    else:
        apps.get_model("tickets", "TicketCounter").objects.get_or_create(id=1, defaults={"value": 0})


def down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS tickets_ticket_number_seq")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_event_append_only")]
    operations = [migrations.RunPython(up, down)]
