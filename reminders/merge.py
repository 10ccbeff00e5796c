"""Reminders when contacts merge (registered in RemindersConfig.ready)."""

from collections.abc import Sequence

from django.utils import timezone

from contacts.models import Contact
from reminders.models import CONTACT_OCCASIONS, Reminder


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """Every reminder moves to the primary; an automatic one for an occasion the primary already
    has (the same birthday, say) is deleted, as the unique constraint demands."""
    theirs = Reminder.objects.filter(contact__in=others)
    taken = set(
        Reminder.objects.filter(
            contact=primary, is_automatic=True, kind__in=CONTACT_OCCASIONS
        ).values_list("kind", "occasion", "occasion_on")
    )
    automatic = theirs.filter(is_automatic=True, kind__in=CONTACT_OCCASIONS).order_by("id")
    for reminder in automatic:
        key = (reminder.kind, reminder.occasion, reminder.occasion_on)
        if key in taken:
            reminder.delete()
        taken.add(key)
    theirs.update(contact=primary)
    # One open check-in is enough: keep the earliest and dismiss the rest.
    check_ins = Reminder.objects.open().filter(contact=primary, kind=Reminder.Kind.CHECK_IN)
    first = check_ins.order_by("due_on", "id").first()
    if first:
        check_ins.exclude(pk=first.pk).update(dismissed_at=timezone.now())
