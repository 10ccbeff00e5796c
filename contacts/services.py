"""Every write to a contact that its relationship status depends on goes through here.

Forms validate; the views, the admin, imports, Quick Connect, merge, restore and the interaction
services call these functions. Each leaves, in the same transaction, the contact's stored due
dates (`check_in_on`, `reconnect_on`) and `status` equal to the rules in contacts/status.py for
the owner's local today, so every page can read the stored columns through an index and agree.
As days pass, `refresh_statuses` (reminders/refresh.py) moves the statuses whose day has come.
"""

import datetime as dt
from collections.abc import Iterable
from itertools import pairwise

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from contacts import hooks, status
from contacts.models import Contact, Tag
from history.bulk import record_rows


@transaction.atomic
def save_contact(
    contact: Contact, fields: Iterable[str] | None = None, *, announce: bool = True
) -> Contact:
    """Create or update a contact (`fields`: the ones changed, for an update of some fields).
    `announce=False` leaves telling the listeners to the caller (add_contact, after the tags)."""
    owner = contact.owner
    created = contact.pk is None
    if contact.added_on is None:
        contact.added_on = status.local_today(owner, contact.created_at)
    derived = status.apply_rules(contact, owner, status.local_today(owner))
    if fields is None or contact.pk is None:
        contact.save()
        fields = None
    else:
        contact.save(update_fields={*fields, *derived, "updated_at"})
    if announce and created:
        hooks.contacts_created(owner, [contact.pk])
    elif announce:
        hooks.contacts_changed(owner, [contact.pk], fields)
    return contact


@transaction.atomic
def add_contact(contact: Contact, tags: Iterable[Tag] = ()) -> Contact:
    """Create a contact with its tags. One captured offline carries the `client_id` the phone
    gave it: when the owner already has that contact (the phone sent it again after a lost
    answer), that contact is returned and nothing is written, so a retry never adds a second."""
    if contact.client_id is not None:
        sent = Contact.objects.filter(owner=contact.owner, client_id=contact.client_id).first()
        if sent is not None:
            return sent
    save_contact(contact, announce=False)
    contact.tags.set(tags)
    hooks.contacts_created(contact.owner, [contact.pk])
    return contact


@transaction.atomic
def set_tags(contact: Contact, tags: Iterable[Tag], *, keep: bool = False) -> Contact:
    """Give the contact exactly these tags (all the owner's), or with `keep` add them to its own."""
    if keep:
        contact.tags.add(*tags)
    else:
        contact.tags.set(tags)
    hooks.contacts_changed(contact.owner, [contact.pk], ["tags"])
    return contact


@transaction.atomic
def delete_tag(tag: Tag) -> None:
    """Delete a tag; its contacts are kept."""
    with hooks.tags_changing(tag.owner, [tag.pk]):
        tag.delete()


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
            apply_rules(owner, chunk, record=False)
        record_rows(chunk)
        hooks.contacts_changed(owner, pks[start : start + CHUNK], changes.keys())
    return len(pks)


# Contacts per transaction when the rules are applied to a whole account (a change of the owner's
# defaults or time zone, a restore): about 0.05 s of SQLite's write lock each at 100,000 contacts,
# 0.2 s when every one of them also gets a new check-in reminder.
RULES_CHUNK = 1000


def contact_ranges(owner) -> list[tuple[int | None, int | None, int]]:
    """`owner`'s contacts as ranges of primary keys, RULES_CHUNK contacts each: (from, up to but
    not including, how many there are now), None for an open end. Together they cover every key,
    so a contact added after the ranges were read still falls in one (the last)."""
    size = RULES_CHUNK
    pks = list(Contact.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    bounds = [None, *pks[size::size], None]
    return [(lo, hi, min(size, len(pks) - n * size)) for n, (lo, hi) in enumerate(pairwise(bounds))]


def contacts_in_range(owner, lo: int | None, hi: int | None) -> QuerySet[Contact]:
    """`owner`'s contacts in one of the ranges of `contact_ranges`."""
    contacts = Contact.objects.filter(owner=owner)
    if lo is not None:
        contacts = contacts.filter(pk__gte=lo)
    if hi is not None:
        contacts = contacts.filter(pk__lt=hi)
    return contacts


def apply_rules_to_all(owner) -> None:
    """Due dates and statuses of all `owner`'s contacts from their inputs, set-based, a range of
    contacts per transaction, at once (seeding, tests). The settings page and a restore do the
    same ranges as a long change (reminders/rhythm.py, exports/restore.py)."""
    for lo, hi, _ in contact_ranges(owner):
        with transaction.atomic():
            apply_rules(owner, contacts_in_range(owner, lo, hi))


def apply_rules(owner, contacts, *, record: bool = True) -> int:
    """Due dates and statuses of `contacts` (all `owner`'s) from their inputs, as SQL; how many
    changed status. Those get a history version, unless the caller records every row itself
    (`record=False`)."""
    contacts.update(**status.due_date_expressions(owner))
    now = timezone.now()
    new_status = status.status_expression(status.local_today(owner))
    moved = (
        contacts.exclude(status__in=status.PINNED)
        .exclude(status=new_status)
        .update(status=new_status, updated_at=now)
    )
    if moved and record:
        record_rows(contacts.filter(updated_at=now))
    return moved


# A restored version puts back what the user keeps on the contact; the due dates follow from the
# rules, the last contact from the interactions, and the rest is the record's identity.
NOT_RESTORED = frozenset(
    {
        "id",
        "code",
        "owner",
        "client_id",
        "created_at",
        "added_on",
        "check_in_on",
        "reconnect_on",
        "last_contacted",
    }
)


def restorable_fields() -> list:
    return [f for f in Contact.history.model.tracked_fields if f.name not in NOT_RESTORED]


@transaction.atomic
def restore_version(contact: Contact, history_id: int) -> Contact:
    """Put back the contact's own fields as they were in one of its history rows (tags are not
    part of the history). Saved like any edit, so the status and due dates follow the rules for
    today and the restore is itself a new version. Contact.history.model.DoesNotExist when the
    row is not this contact's."""
    version = contact.history.get(history_id=history_id)
    fields = restorable_fields()
    for f in fields:
        setattr(contact, f.attname, getattr(version, f.attname))
    contact._change_reason = f"Restored the version of {version.history_date:%Y-%m-%d %H:%M} UTC"
    return save_contact(contact, [f.name for f in fields])
