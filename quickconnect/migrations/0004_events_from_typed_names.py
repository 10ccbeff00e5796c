from django.db import migrations


def link_typed_event_names(apps, schema_editor) -> None:
    """Codes made for a typed event name get that event (the owner's of the same name, whatever
    its case, or a new one), and the people who signed up through them join it, as new codes
    do (quickconnect.services.event_named)."""
    QuickConnectCode = apps.get_model("quickconnect", "QuickConnectCode")
    Event = apps.get_model("contacts", "Event")
    Submission = apps.get_model("quickconnect", "Submission")
    codes = QuickConnectCode.objects.filter(event__isnull=True).exclude(event_name="")
    for code in codes.iterator():
        name = " ".join(code.event_name.split())
        if not name:
            continue
        event = (
            Event.objects.filter(owner_id=code.owner_id, name__iexact=name)
            .order_by("created_at")
            .first()
        ) or Event.objects.create(owner_id=code.owner_id, name=name, location=code.location)
        QuickConnectCode.objects.filter(pk=code.pk).update(event=event, event_name="")
        contact_ids = (
            Submission.objects.filter(quick_code=code, contact__isnull=False)
            .values_list("contact_id", flat=True)
            .distinct()
        )
        event.contacts.add(*contact_ids)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0015_remove_contact_search_text"),
        ("quickconnect", "0003_remove_notification_url"),
    ]

    operations = [
        migrations.RunPython(link_typed_event_names, migrations.RunPython.noop),
    ]
