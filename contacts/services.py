"""Every write to a contact that its relationship status depends on goes through here.

Forms validate; the views, the admin, imports, Quick Connect, merge, restore and the interaction
services call these functions. Each leaves, in the same transaction, the contact's stored due
dates (`check_in_on`, `reconnect_on`) and `status` equal to the rules in contacts/status.py for
the owner's local today, so every page can read the stored columns through an index and agree.
As days pass, `refresh_statuses` (reminders/refresh.py) moves the statuses whose day has come.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from contacts import status
from contacts.models import Contact


@transaction.atomic
def save_contact(contact: Contact, fields: Iterable[str] | None = None) -> Contact:
    """Create or update a contact (`fields`: the ones changed, for an update of some fields)."""
    owner = contact.owner
    if contact.added_on is None:
        contact.added_on = status.local_today(owner, contact.created_at)
    derived = status.apply_rules(contact, owner, status.local_today(owner))
    if fields is None or contact.pk is None:
        contact.save()
    else:
        contact.save(update_fields={*fields, *derived, "updated_at"})
    return contact


def set_vip(contact: Contact, on: bool) -> Contact:
    contact.is_vip = on
    return save_contact(contact, ["is_vip"])


def set_archived(contact: Contact, on: bool) -> Contact:
    contact.is_archived = on
    return save_contact(contact, ["is_archived"])


def set_rhythm(
    contact: Contact, *, importance: str, follow_up_days: int | None, pinned: str = ""
) -> Contact:
    """How often to stay in touch; `pinned` is a pinned status, or "" to let the rules decide."""
    contact.importance, contact.follow_up_days = importance, follow_up_days
    if pinned:
        contact.status = pinned
    elif contact.status in status.PINNED:
        contact.status = Contact.Status.REGULAR_CONTACT  # unpinned: the rules decide below
    return save_contact(contact, ["importance", "follow_up_days", "status"])


def set_last_contacted(contact: Contact, day: dt.date | None) -> bool:
    """The date of the latest interaction (interactions.services); True when it changed."""
    if contact.last_contacted == day:
        return False
    contact.last_contacted = day
    save_contact(contact, ["last_contacted"])
    return True


def snooze(contact: Contact, until: dt.date | None) -> Contact:
    """Keep the contact out of "needs attention" until `until` (None wakes it)."""
    contact.snoozed_until = until
    return save_contact(contact, ["snoozed_until"])


CHUNK = 5000


@transaction.atomic
def update_many(owner, contacts, **changes) -> int:
    """The same change to many of `owner`'s contacts (bulk edit, the admin's actions), as SQL;
    the due dates and statuses follow when the change touches their inputs. The row count.

    The rows are picked before the change: the change may move them out of `contacts`' filter."""
    pks = list(
        Contact.objects.filter(owner=owner, pk__in=contacts.values("pk")).values_list(
            "pk", flat=True
        )
    )
    now = timezone.now()
    for start in range(0, len(pks), CHUNK):
        chunk = Contact.objects.filter(owner=owner, pk__in=pks[start : start + CHUNK])
        chunk.update(**changes, updated_at=now)
        if status.INPUTS & changes.keys():
            apply_rules(owner, chunk)
    return len(pks)


@transaction.atomic
def apply_rules_to_all(owner) -> None:
    """Due dates and statuses of all `owner`'s contacts from their inputs, set-based: after a
    restore, or a change of the owner's default rhythm or time zone."""
    apply_rules(owner, Contact.objects.filter(owner=owner))


def apply_rules(owner, contacts) -> None:
    """Due dates and statuses of `contacts` (all `owner`'s) from their inputs, as SQL."""
    contacts.update(**status.due_date_expressions(owner))
    contacts.exclude(status__in=status.PINNED).update(
        status=status.status_expression(status.local_today(owner))
    )
