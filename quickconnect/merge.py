"""Quick Connect submissions and notifications when contacts merge (registered in
QuickConnectConfig.ready)."""

from collections.abc import Sequence

from contacts.models import Contact
from quickconnect.models import Notification, Submission


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """Submissions, and notifications about the others, are about the primary now."""
    Submission.objects.filter(contact__in=others).update(contact=primary)
    Notification.objects.for_owner(owner).filter(contact__in=others).update(contact=primary)
