"""Fill the folded company of existing opportunities, in batches (schema and data changes are
separate migrations, as in contacts 0005/0006)."""

from django.db import migrations

from devhub.lib.fields import refill_folded


def fill(apps, schema_editor) -> None:
    refill_folded(apps.get_model("opportunities", "Opportunity"))


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0002_company_key"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
