"""Merging duplicate contacts into one, keeping everything that hangs off each of them.

`merge_contacts` runs in one transaction: every app moves or folds its rows of the others onto
the primary (the handlers registered in contacts.merging: interactions, reminders, VIP sections,
resources, opportunity roles, Quick Connect submissions...), the primary takes the chosen field
values and the others' tags and events, then the others are deleted. Either all of it happens or
none of it does.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from contacts import merging
from contacts import services as contact_services
from contacts.merging import combine_lines, combine_paragraphs
from contacts.models import Contact
from duplicates.models import DismissedPair, ordered
from history import bulk as history_bulk
from history.sources import MERGE, changes_by
from reminders import services as reminder_services
from search import index as search_index

MAX_CONTACTS = 10
# The Contact's own relations, merged here; every other relation to Contact is some app's, and
# handled by its registered merge handler.
OWN_RELATIONS = frozenset({"contacts.Contact.tags", "contacts.Contact.events"})
# Set by the merge itself rather than chosen: the latest contact date, the earliest creation.
COMPUTED_FIELDS = frozenset({"owner", "last_contacted"})
# Text fields the chooser can also combine, and how.
COMBINABLE_FIELDS = frozenset({"notes", "other_links"})


class MergeError(Exception):
    """The merge cannot go ahead (a contact vanished meanwhile...); nothing was changed."""


def relation_label(field: models.Field) -> str:
    model = field.model
    return f"{model._meta.app_label}.{model.__name__}.{field.name}"


def contact_relations() -> set[str]:
    """Every relation to Contact that Django knows of, including hidden ones (related_name="+")."""
    labels = {relation_label(f) for f in Contact._meta.many_to_many}
    for rel in Contact._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete:
            if rel.related_model._meta.auto_created:
                continue  # the through table of Contact.tags / Contact.events, counted above
            if rel.on_delete is models.DO_NOTHING and hasattr(rel.related_model, "instance_type"):
                # A history table's copy of the key: versions stay with the contact they were
                # of (the merged-away contact's end with its deletion, recorded as a merge).
                continue
            labels.add(relation_label(rel.field))
    return labels


def mergeable_fields() -> list[models.Field]:
    """The fields a person chooses between, in form order; new Contact fields join automatically."""
    return [
        f
        for f in Contact._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in COMPUTED_FIELDS
    ]


def combined_value(name: str, contacts: Sequence[Contact]) -> str:
    values = [getattr(c, name) for c in contacts]
    return combine_lines(values) if name == "other_links" else combine_paragraphs(values)


@dataclass
class Moves:
    """What a merge will move to the primary, for the confirmation page and the message."""

    counts: list[tuple[str, int]]

    @property
    def text(self) -> str:
        parts = [f"{count} {label}" for label, count in self.counts if count]
        return ", ".join(parts) if parts else "nothing else"


def _linked_ids(field: str, contact_ids: list[int]):
    """Ids of the targets (tags or events) of `Contact.<field>` linked to any of `contact_ids`."""
    through = getattr(Contact, field).through
    target = getattr(Contact, field).field.m2m_reverse_name()
    return (
        through.objects.filter(contact_id__in=contact_ids)
        .values_list(target, flat=True)
        .distinct()
        .order_by()
    )


def count_moves(primary: Contact, others: Sequence[Contact]) -> Moves:
    ids = [c.pk for c in others]
    # A tag or event the primary already has is not a new link.
    new_tags, new_events = (
        len(set(_linked_ids(field, ids)) - set(_linked_ids(field, [primary.pk])))
        for field in ("tags", "events")
    )
    return Moves(
        [*merging.count_related(others), ("new tags", new_tags), ("new event links", new_events)]
    )


# One transaction, not a long change (jobs/): its work is bounded by the few contacts merged, and
# the rows that hang off them move by an UPDATE through each relation's index on the contact. On
# SQLite, merging two contacts with 20,000 interactions each holds the write lock about 0.15 s.
@changes_by(MERGE)
@transaction.atomic
def merge_contacts(owner, primary: Contact, others: Sequence[Contact], values: dict) -> Moves:
    """Merge `others` into `primary` (all the owner's), with `values` for the primary's fields.

    Returns what moved. Raises MergeError, changing nothing, if a contact is gone or not the
    owner's.
    """
    ids = [primary.pk, *(c.pk for c in others)]
    if len(set(ids)) != len(ids) or len(ids) < 2:
        raise MergeError("Choose at least two different contacts.")
    locked = {c.pk: c for c in Contact.objects.select_for_update().filter(owner=owner, pk__in=ids)}
    if len(locked) != len(ids):
        raise MergeError("One of these contacts was deleted or changed meanwhile.")
    primary = locked[primary.pk]
    others = [locked[c.pk] for c in others]
    other_ids = [c.pk for c in others]
    moves = count_moves(primary, others)

    with history_bulk.moving_rows(other_ids):
        merging.merge_related(owner, primary, others)
    _move_tags_and_events(primary, other_ids)
    _apply_values(primary, others, values)
    Contact.objects.filter(pk__in=other_ids).delete()
    reminder_services.after_rhythm_change(primary)
    search_index.reindex_contacts(owner, [primary.pk])
    return moves


def _move_tags_and_events(primary: Contact, other_ids: list[int]) -> None:
    for field in ("tags", "events"):
        getattr(primary, field).add(*_linked_ids(field, other_ids))


def merge_dismissed_pairs(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """ "X is not a duplicate of Y" stays true of the merged contact (registered in
    DuplicatesConfig.ready, like every app's merge handler)."""
    other_ids = [c.pk for c in others]
    merged = {primary.pk, *other_ids}
    pairs = DismissedPair.objects.filter(Q(first_id__in=other_ids) | Q(second_id__in=other_ids))
    kept = set()
    for first, second in pairs.values_list("first_id", "second_id"):
        rest = second if first in merged else first
        if rest not in merged:
            kept.add(ordered(primary.pk, rest))
    pairs.delete()
    DismissedPair.objects.bulk_create(
        [DismissedPair(owner=owner, first_id=a, second_id=b) for a, b in kept],
        ignore_conflicts=True,
    )


def _latest_contact_date(primary: Contact, contacts: Sequence[Contact]) -> dt.date | None:
    dates = [c.last_contacted for c in contacts if c.last_contacted]
    latest = primary.interactions.aggregate(latest=Max("occurred_at"))["latest"]
    if latest:
        dates.append(timezone.localtime(latest, primary.owner.zone).date())
    return max(dates) if dates else None


def _apply_values(primary: Contact, others: Sequence[Contact], values: dict) -> None:
    everyone = [primary, *others]
    for name, value in values.items():
        setattr(primary, name, value)
    primary.last_contacted = _latest_contact_date(primary, everyone)
    primary.created_at = min(c.created_at for c in everyone)  # known since the earliest
    primary.added_on = min(c.added_on for c in everyone)
    contact_services.save_contact(primary, [*values, "last_contacted", "created_at", "added_on"])
