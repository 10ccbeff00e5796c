"""Merging duplicate contacts into one, keeping everything that hangs off each of them.

`merge_contacts` runs in one transaction: the primary contact takes the chosen field values and
every related row of the others (interactions, tags, reminders, VIP sections, resources, events,
opportunity roles, Quick Connect submissions...), then the others are deleted. Either all of it
happens or none of it does.

`HANDLED_RELATIONS` names every relation to Contact this module deals with; a test compares it
with the relations Django reports, so a new model pointing at Contact cannot be silently dropped
by a merge (its rows would be cascade-deleted with the merged-away contacts).
"""

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from duplicates.models import DismissedPair, ordered
from imports.models import ImportRow
from interactions.models import Interaction
from opportunities.models import Participant, RecruiterNotes
from quickconnect.models import Notification, Submission
from reminders import services as reminder_services
from reminders.models import Reminder
from resources.models import SharedResource
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

MAX_CONTACTS = 10
# "app_label.Model.field" of every relation to Contact (forward many-to-many and reverse).
HANDLED_RELATIONS = frozenset(
    {
        "contacts.Contact.tags",
        "contacts.Contact.events",
        "interactions.Interaction.contact",
        "resources.SharedResource.contact",
        "reminders.Reminder.contact",
        "vip.Background.contact",
        "vip.ContactInfo.contact",
        "vip.DeveloperProfile.contact",
        "vip.ProjectCollaboration.contact",
        "opportunities.Participant.contact",
        "opportunities.RecruiterNotes.contact",
        "quickconnect.Submission.contact",
        "duplicates.DismissedPair.first",
        "duplicates.DismissedPair.second",
        "imports.ImportRow.contact",
        "imports.ImportRow.matched_contact",
    }
)
# Set by the merge itself rather than chosen: the latest contact date, the earliest creation.
COMPUTED_FIELDS = frozenset({"owner", "last_contacted"})
# Text fields the chooser can also combine, and how.
COMBINABLE_FIELDS = frozenset({"notes", "other_links"})
# One-per-contact records folded into the primary's when both have one.
SECTION_MODELS = (Background, ContactInfo, DeveloperProfile, RecruiterNotes)
# An automatic reminder's occasion that names its contact, e.g. "contact:12:2026:today".
_CONTACT_OCCASION = re.compile(r"^contact:(?P<pk>\d+)(?P<rest>(:.*)?)$")


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
            labels.add(relation_label(rel.field))
    return labels


def mergeable_fields() -> list[models.Field]:
    """The fields a person chooses between, in form order; new Contact fields join automatically."""
    return [
        f
        for f in Contact._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in COMPUTED_FIELDS
    ]


def is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def combine_paragraphs(texts: Iterable[str]) -> str:
    """Distinct non-empty texts, in order, separated by a blank line."""
    kept: list[str] = []
    for text in texts:
        text = (text or "").strip()
        if text and text not in kept:
            kept.append(text)
    return "\n\n".join(kept)


def combine_lines(texts: Iterable[str]) -> str:
    """Every distinct non-empty line of the texts, in order (link lists, one address a line)."""
    kept: list[str] = []
    for text in texts:
        for line in (text or "").splitlines():
            line = line.strip()
            if line and line not in kept:
                kept.append(line)
    return "\n".join(kept)


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
    sections = sum(model.objects.filter(contact_id__in=ids).count() for model in SECTION_MODELS)
    counts = [
        ("interactions", Interaction.objects.filter(contact_id__in=ids).count()),
        ("reminders", Reminder.objects.filter(contact_id__in=ids).count()),
        ("new tags", new_tags),
        ("new event links", new_events),
        ("shared resources", SharedResource.objects.filter(contact_id__in=ids).count()),
        ("opportunity roles", Participant.objects.filter(contact_id__in=ids).count()),
        ("VIP projects", ProjectCollaboration.objects.filter(contact_id__in=ids).count()),
        ("VIP and recruiter sections", sections),
        ("Quick Connect submissions", Submission.objects.filter(contact_id__in=ids).count()),
    ]
    return Moves(counts)


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

    _move_tags_and_events(primary, other_ids)
    Interaction.objects.filter(contact_id__in=other_ids).update(contact=primary)
    SharedResource.objects.filter(contact_id__in=other_ids).update(contact=primary)
    ProjectCollaboration.objects.filter(contact_id__in=other_ids).update(contact=primary)
    Submission.objects.filter(contact_id__in=other_ids).update(contact=primary)
    _move_reminders(primary, others)
    _move_participants(primary, other_ids)
    for model in SECTION_MODELS:
        _fold_sections(model, primary, other_ids)
    _repoint_notifications(owner, primary, others)
    _repoint_dismissed_pairs(owner, primary, other_ids)
    _repoint_import_rows(primary, other_ids)
    _apply_values(primary, others, values)
    Contact.objects.filter(pk__in=other_ids).delete()
    reminder_services.after_rhythm_change(primary)
    return moves


def _move_tags_and_events(primary: Contact, other_ids: list[int]) -> None:
    for field in ("tags", "events"):
        getattr(primary, field).add(*_linked_ids(field, other_ids))


def contact_occasion(occasion: str, old_pk: int, new_pk: int) -> str:
    """'contact:<old>:...' -> 'contact:<new>:...', so the nightly jobs see the primary's reminder
    and do not create a second one for the same birthday or check-in."""
    match = _CONTACT_OCCASION.match(occasion)
    if match and int(match["pk"]) == old_pk:
        return f"contact:{new_pk}{match['rest']}"
    return occasion


def _move_reminders(primary: Contact, others: Sequence[Contact]) -> None:
    """Move every reminder; when two automatic ones are for the same occasion, keep the primary's
    (or the first one moved) and delete the other, as the unique constraint demands."""
    taken = set(
        Reminder.objects.filter(owner=primary.owner, is_automatic=True).values_list(
            "kind", "occasion"
        )
    )
    for other in others:
        for reminder in Reminder.objects.filter(contact=other).order_by("id"):
            occasion = contact_occasion(reminder.occasion, other.pk, primary.pk)
            if reminder.is_automatic and occasion != reminder.occasion:
                if (reminder.kind, occasion) in taken:
                    reminder.delete()
                    continue
                taken.add((reminder.kind, occasion))
            reminder.contact, reminder.occasion = primary, occasion
            reminder.save(update_fields=["contact", "occasion"])
    # One open check-in is enough: keep the earliest and dismiss the rest.
    check_ins = Reminder.objects.open().filter(contact=primary, kind=Reminder.Kind.CHECK_IN)
    first = check_ins.order_by("due_on", "id").first()
    if first:
        check_ins.exclude(pk=first.pk).update(dismissed_at=timezone.now())


def _move_participants(primary: Contact, other_ids: list[int]) -> None:
    """A contact has each role in an opportunity once: a role both had is kept once."""
    roles = set(Participant.objects.filter(contact=primary).values_list("opportunity_id", "role"))
    for participant in Participant.objects.filter(contact_id__in=other_ids).order_by("id"):
        key = (participant.opportunity_id, participant.role)
        if key in roles:
            participant.delete()
            continue
        roles.add(key)
        participant.contact = primary
        participant.save(update_fields=["contact"])


def _fold_sections(model: type[models.Model], primary: Contact, other_ids: list[int]) -> None:
    """One-per-contact records: the primary keeps its own, filled in and extended from the
    others' (texts combined, blanks filled, lists and tags joined); without one, it takes the
    first of theirs."""
    target = model.objects.filter(contact=primary).first()
    for section in model.objects.filter(contact_id__in=other_ids).order_by("contact_id"):
        if target is None:
            section.contact = primary
            section.save(update_fields=["contact"])
            target = section
            continue
        _fold_fields(target, section)
        section.delete()


def _fold_fields(target: models.Model, source: models.Model) -> None:
    changed = []
    for field in target._meta.concrete_fields:
        if field.primary_key or not field.editable or field.is_relation:
            continue
        mine, theirs = getattr(target, field.attname), getattr(source, field.attname)
        if is_blank(theirs) or theirs == mine:
            continue
        if is_blank(mine):
            value = theirs
        elif isinstance(mine, list) and isinstance(theirs, list):
            value = mine + [item for item in theirs if item not in mine]
        elif isinstance(field, models.TextField):
            value = combine_paragraphs([mine, theirs])
        elif (
            isinstance(field, models.CharField)
            and not field.choices
            and not isinstance(field, models.EmailField)
            and len(f"{mine}; {theirs}") <= field.max_length
        ):
            value = f"{mine}; {theirs}"
        else:
            continue  # a single value (channel, e-mail, phone): the primary's stands
        setattr(target, field.attname, value)
        changed.append(field.name)
    if changed:
        target.save(update_fields=changed)
    for field in target._meta.many_to_many:
        getattr(target, field.name).add(*getattr(source, field.name).all())


def _repoint_notifications(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """Quick Connect notifications link to the contact's page: send them to the primary's."""
    new_url = reverse("contacts:detail", args=[primary.code])
    for other in others:
        old_url = reverse("contacts:detail", args=[other.code])
        Notification.objects.for_owner(owner).filter(url=old_url).update(url=new_url)


def _repoint_dismissed_pairs(owner, primary: Contact, other_ids: list[int]) -> None:
    """ "X is not a duplicate of Y" stays true of the merged contact."""
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


def _repoint_import_rows(primary: Contact, other_ids: list[int]) -> None:
    """Import rows point at the contact they matched, filled in or created. Undoing an import
    deletes the contacts it created, so a merged contact stays that import's to undo only if the
    one import created every contact merged into it; otherwise its "created" links are dropped
    and the undo leaves it (and whatever the other contacts brought) alone."""
    ids = [primary.pk, *other_ids]
    ImportRow.objects.filter(matched_contact_id__in=other_ids).update(matched_contact=primary)
    created = ImportRow.objects.filter(contact_id__in=ids, outcome=ImportRow.Outcome.CREATE)
    creators = list(created.values_list("batch_id", "contact_id"))
    ImportRow.objects.filter(contact_id__in=other_ids).exclude(
        outcome=ImportRow.Outcome.CREATE
    ).update(contact=primary)
    one_batch = len({batch for batch, _ in creators}) == 1
    if one_batch and {contact for _, contact in creators} == set(ids):
        created.filter(contact_id__in=other_ids).update(contact=primary)
    else:
        created.update(contact=None)


def _latest_contact_date(primary: Contact, contacts: Sequence[Contact]) -> dt.date | None:
    dates = [c.last_contacted for c in contacts if c.last_contacted]
    latest = primary.interactions.aggregate(latest=Max("occurred_at"))["latest"]
    if latest:
        dates.append(timezone.localdate(latest))
    return max(dates) if dates else None


def _apply_values(primary: Contact, others: Sequence[Contact], values: dict) -> None:
    everyone = [primary, *others]
    for name, value in values.items():
        setattr(primary, name, value)
    primary.last_contacted = _latest_contact_date(primary, everyone)
    primary.created_at = min(c.created_at for c in everyone)  # known since the earliest
    fields = [*values, "last_contacted", "created_at", "updated_at"]
    primary.save(update_fields=fields)
