"""Copy each interaction's owner from its contact, in one UPDATE with a correlated subquery."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor) -> None:
    Contact = apps.get_model("contacts", "Contact")
    Interaction = apps.get_model("interactions", "Interaction")
    owner = Contact.objects.filter(pk=OuterRef("contact_id")).values("owner_id")[:1]
    Interaction.objects.filter(owner__isnull=True).update(owner_id=Subquery(owner))


class Migration(migrations.Migration):
    dependencies = [
        ("interactions", "0006_interaction_owner"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
