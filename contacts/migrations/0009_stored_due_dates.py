"""Stored due dates: `added_on`, `check_in_on` and `reconnect_on`, filled for every contact."""

import zoneinfo

from django.db import migrations, models
from django.utils import timezone


def fill(apps, schema_editor):
    from contacts import status  # the rules, applied to the historical rows' fields

    User = apps.get_model("accounts", "User")
    Contact = apps.get_model("contacts", "Contact")
    for owner in User.objects.all().iterator():
        zone = zoneinfo.ZoneInfo(owner.time_zone)
        theirs = Contact.objects.filter(owner=owner)
        batch = []
        for contact in theirs.only("pk", "created_at").iterator(chunk_size=2000):
            contact.added_on = timezone.localtime(contact.created_at, zone).date()
            batch.append(contact)
            if len(batch) == 2000:
                Contact.objects.bulk_update(batch, ["added_on"])
                batch = []
        Contact.objects.bulk_update(batch, ["added_on"])
        theirs.update(**status.due_date_expressions(owner))
        theirs.exclude(status__in=status.PINNED).update(
            status=status.status_expression(status.local_today(owner))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0008_owner_active_index"),
        ("accounts", "0004_data_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="contact",
            name="added_on",
            field=models.DateField(
                editable=False,
                null=True,
                verbose_name="added on",
                help_text="The owner's local day the contact was added.",
            ),
        ),
        migrations.AddField(
            model_name="contact",
            name="check_in_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="next check-in"
            ),
        ),
        migrations.AddField(
            model_name="contact",
            name="reconnect_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="reconnect from"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
