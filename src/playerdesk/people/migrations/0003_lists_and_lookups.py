"""A player by email or username in any case, within a brand (intake and search)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('brands', '0001_initial'),
        ('people', '0002_agent_presence_and_capacity'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='player',
            name='player_brand_email_idx',
        ),
        migrations.AddIndex(
            model_name='player',
            index=models.Index(models.F('brand'), django.db.models.functions.text.Lower('email'), name='player_brand_email_idx'),
        ),
        migrations.AddIndex(
            model_name='player',
            index=models.Index(models.F('brand'), django.db.models.functions.text.Lower('username'), name='player_brand_username_idx'),
        ),
    ]
