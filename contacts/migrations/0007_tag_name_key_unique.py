from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_fill_folded_keys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="tag",
            name="tag_name_unique_per_owner",
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(
                fields=("owner", "name_key"),
                name="tag_name_key_per_owner",
                violation_error_message="The owner already has a tag of that name (in any case).",
            ),
        ),
    ]
