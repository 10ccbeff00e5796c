from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0004_fill_folded_keys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="interactiontype",
            name="interaction_type_name_per_owner",
        ),
        migrations.AddConstraint(
            model_name="interactiontype",
            constraint=models.UniqueConstraint(
                fields=("owner", "name_key"),
                name="interaction_type_name_key_per_owner",
                violation_error_message="The owner already has a type of that name (in any case).",
            ),
        ),
    ]
