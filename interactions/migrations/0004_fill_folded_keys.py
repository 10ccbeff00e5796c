"""Fill the folded keys of existing interaction types and interactions (in batches), and give
types whose names differ only by non-ASCII case a numbered suffix before 0005 makes the keys
unique. Schema and data changes are separate migrations, so PostgreSQL never alters a table with
pending trigger events."""

from django.db import migrations

from devhub.lib.fields import refill_folded, rename_folded_duplicates


def fill(apps, schema_editor) -> None:
    InteractionType = apps.get_model("interactions", "InteractionType")
    refill_folded(InteractionType)
    renamed = rename_folded_duplicates(InteractionType, key="name_key")
    if renamed:
        pairs = ", ".join(f"“{old}” → “{new}”" for old, new in renamed)
        print(f"\n  Interaction types differing only by case were renamed: {pairs}")
    refill_folded(apps.get_model("interactions", "Interaction"), batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0003_folded_keys"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
