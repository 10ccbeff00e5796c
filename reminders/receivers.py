"""The project's only signal receiver: a contact is created in several places (the contact form,
Quick Connect, imports, the admin), and every one of them should get its conference follow-up."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from contacts.models import Contact
from reminders.services import ensure_conference_follow_up


@receiver(post_save, sender=Contact, dispatch_uid="reminders.conference_follow_up")
def contact_created(sender, instance: Contact, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        ensure_conference_follow_up(instance)
