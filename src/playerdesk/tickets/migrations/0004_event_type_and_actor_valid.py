"""Event types and actor kinds are checked by the database, like statuses and priorities.

On SQLite, adding a constraint rebuilds the table, which drops its triggers: the append-only
trigger of 0002 is created again after it.
"""

from django.db import migrations, models

from playerdesk.tickets.migrations import _triggers



class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("tickets", "0003_ticket_numbers"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "type__in",
                        [
                            "created",
                            "player_message",
                            "reply",
                            "note",
                            "info_requested",
                            "status",
                            "escalated",
                            "assigned",
                            "category",
                            "priority",
                            "team",
                            "fields",
                        ],
                    )
                ),
                name="event_type_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("actor_kind__in", ["agent", "player", "platform", "system"])),
                name="event_actor_kind_valid",
            ),
        ),
        migrations.RunPython(_triggers.restore, _triggers.restore),
    ]
