"""Fill the folded search text of existing shared resources, in batches."""

from django.db import migrations

from devhub.lib.fields import refill_folded


def fill(apps, schema_editor) -> None:
    refill_folded(apps.get_model("resources", "SharedResource"))


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_search_text"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
