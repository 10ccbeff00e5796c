"""The owner is required from now on, and a user's pages read their interactions through
(owner, ...) indexes; the global time index only served the old contact join and goes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0007_fill_interaction_owner"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="interaction",
            name="owner",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="interactions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RemoveIndex(
            model_name="interaction",
            name="interaction_time",
        ),
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                fields=["owner", "-occurred_at", "-id"], name="interaction_owner_time"
            ),
        ),
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                condition=models.Q(follow_up_on__isnull=False),
                fields=["owner", "follow_up_on"],
                name="interaction_owner_follow_up",
            ),
        ),
    ]
