"""The address field goes once 0002 has turned it into the contact foreign key (separate:
PostgreSQL cannot alter a table with pending trigger events from the same transaction's
updates)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("quickconnect", "0002_notification_contact"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='notification',
            name='url',
        ),
    ]
