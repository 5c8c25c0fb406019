"""Indexes for the agents' lists at a million tickets (each index and its query: docs/lists.md)
and for search's exact look-ups of a transaction id or a bonus code. Indexes only: SQLite
rebuilds no table here, so the search and event triggers stay."""

import django.db.models.expressions
import django.db.models.fields.json
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('brands', '0001_initial'),
        ('people', '0003_lists_and_lookups'),
        ('tickets', '0006_ticket_fewer_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='ticket',
            name='ticket_brand_status_idx',
        ),
        migrations.RemoveIndex(
            model_name='ticket',
            name='ticket_player_idx',
        ),
        migrations.RemoveIndex(
            model_name='ticket',
            name='ticket_assignee_status_idx',
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(condition=models.Q(('type', 'sla_breached')), fields=['-created_at', '-id'], name='event_breach_idx'),
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(fields=['player', '-id'], name='ticket_player_idx'),
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(condition=models.Q(('status__in', ('new', 'open', 'pending_player', 'escalated', 'on_hold'))), fields=['assignee', 'queue_key', 'id'], name='ticket_assignee_open_idx'),
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(condition=models.Q(('status__in', ('new', 'open', 'pending_player', 'escalated', 'on_hold'))), fields=['team', 'queue_key', 'id'], name='ticket_team_open_idx'),
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(condition=models.Q(('status__in', ('new', 'open', 'pending_player', 'escalated', 'on_hold'))), fields=['queue_key', 'id'], include=('brand', 'team', 'assignee', 'sla_state'), name='ticket_open_idx'),
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(django.db.models.functions.text.Upper(django.db.models.fields.json.KeyTextTransform('transaction_id', 'fields')), django.db.models.expressions.OrderBy(models.F('id'), descending=True), condition=models.Q(('fields__has_key', 'transaction_id')), name='ticket_transaction_idx'),
        ),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(django.db.models.functions.text.Upper(django.db.models.fields.json.KeyTextTransform('bonus_code', 'fields')), django.db.models.expressions.OrderBy(models.F('id'), descending=True), condition=models.Q(('fields__has_key', 'bonus_code')), name='ticket_bonus_code_idx'),
        ),
    ]
