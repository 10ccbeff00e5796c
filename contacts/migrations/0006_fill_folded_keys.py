"""Fill the folded keys of existing tags and contacts (in batches), and give tags whose names
differ only by non-ASCII case ("Ärzte" / "ärzte") a numbered suffix before 0007 makes the keys
unique. Schema and data changes are separate migrations, so PostgreSQL never alters a table with
pending trigger events."""

from django.db import migrations

from devhub.lib.fields import refill_folded, rename_folded_duplicates


def fill(apps, schema_editor) -> None:
    Tag = apps.get_model("contacts", "Tag")
    refill_folded(Tag)
    renamed = rename_folded_duplicates(Tag, key="name_key")
    if renamed:
        pairs = ", ".join(f"“{old}” → “{new}”" for old, new in renamed)
        print(
            f"\n  Tags differing only by case were renamed (merge them on /contacts/tags/): {pairs}"
        )
    refill_folded(apps.get_model("contacts", "Contact"))


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0005_folded_keys"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
