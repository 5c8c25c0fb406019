"""The full-text search index and the triggers that keep it (see search/sql.py).

On PostgreSQL this creates the ``unaccent`` extension, which needs a role allowed to create it
(a superuser, or the extension created beforehand by one: docs/search.md)."""

from django.db import migrations

from playerdesk.search import sql


def forwards(apps, schema_editor):
    sql.install(schema_editor.connection)


def backwards(apps, schema_editor):
    sql.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0007_lists_and_lookups")]

    operations = [migrations.RunPython(forwards, backwards)]
