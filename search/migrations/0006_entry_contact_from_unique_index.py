"""Entries are found by contact through their unique constraint (contact, source, ref), which
also covers which entries a contact has: the contact's own index goes.

Only the index is dropped: on SQLite, altering the field would rebuild the table, and with it
lose the triggers that keep the full-text index (search.engines)."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "search_entry_contact_id_9cc0cde0"  # the name Django gave the foreign key's index


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0017_historicalcontact"),
        ("search", "0005_vector_blocks"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="entry",
                    name="contact",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entries",
                        to="contacts.contact",
                    ),
                )
            ],
            database_operations=[
                migrations.RunSQL(
                    f"DROP INDEX IF EXISTS {INDEX}",
                    f'CREATE INDEX {INDEX} ON "search_entry" ("contact_id")',
                )
            ],
        )
    ]
