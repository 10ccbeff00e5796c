"""`added_on` is required once every contact has it; the indexes the stored dates are read by.

Separate from the fill (0009): PostgreSQL cannot alter a table with pending trigger events from
the same transaction's updates."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0009_stored_due_dates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contact",
            name="added_on",
            field=models.DateField(
                editable=False,
                verbose_name="added on",
                help_text="The owner's local day the contact was added.",
            ),
        ),
        migrations.RemoveIndex(model_name="contact", name="contact_owner_status"),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["owner", "is_archived", "check_in_on"], name="contact_owner_check_in"
            ),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["owner", "status", "check_in_on"], name="contact_status_check_in"
            ),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["owner", "status", "reconnect_on"], name="contact_status_reconnect"
            ),
        ),
    ]
