"""Writes that must keep a contact's `last_contacted` equal to the date of its latest interaction.

After each write, reminders.services.after_interaction_change recomputes the contact's status
and follow-up reminders, and search.index indexes the interaction; a new one is announced to the
owner's webhooks (interaction.logged).

Every create, edit and delete of an interaction goes through here, inside one transaction that
first locks the contact row, so two interactions logged at the same moment cannot leave a stale
date behind (on SQLite the IMMEDIATE transaction mode serialises writers the same way).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from contacts import services as contact_services
from contacts.models import Contact, Tag
from interactions.models import MENTORING_KEY, Interaction
from reminders.services import after_interaction_change
from search import index as search_index
from webhooks import payloads as webhook_payloads
from webhooks import services as webhooks
from webhooks.models import Event as WebhookEvent

TIMELINE_PAGE_SIZE = 20


def _lock(contact_id: int) -> Contact:
    return Contact.objects.select_for_update().get(pk=contact_id)


def sync_last_contacted(contact: Contact) -> bool:
    """Set last_contacted from the latest remaining interaction; True when it changed."""
    latest = contact.interactions.aggregate(latest=Max("occurred_at"))["latest"]
    day = timezone.localtime(latest, contact.owner.zone).date() if latest else None
    return contact_services.set_last_contacted(contact, day)


@transaction.atomic
def save_interaction(interaction: Interaction, topics: Iterable[Tag] | None = None) -> Contact:
    """Create or update an interaction; returns its contact with last_contacted up to date.

    An interaction moved to another contact (the admin allows it) also corrects the one it left.
    """
    return _save(_lock(interaction.contact_id), interaction, topics)


@transaction.atomic
def log_interaction(interaction: Interaction, topics: Iterable[Tag] | None = None) -> Interaction:
    """Create an interaction. One logged offline carries the `client_id` the phone gave it: when
    the owner already has that interaction (the phone sent it again after a lost answer), that
    one is returned and nothing is written, so a retry never logs it twice. The contact's row
    is locked first, so two copies sent at the same moment cannot both pass the check."""
    contact = _lock(interaction.contact_id)
    if interaction.client_id is not None:
        sent = Interaction.objects.filter(owner_id=contact.owner_id)
        if (existing := sent.filter(client_id=interaction.client_id).first()) is not None:
            return existing
    _save(contact, interaction, topics)
    return interaction


def _save(contact: Contact, interaction: Interaction, topics: Iterable[Tag] | None) -> Contact:
    """save_interaction's work, with `contact` (the interaction's) locked by the caller."""
    created = interaction.pk is None
    left = None
    if interaction.pk:
        left = (
            Interaction.objects.filter(pk=interaction.pk)
            .exclude(contact_id=interaction.contact_id)
            .values_list("contact_id", flat=True)
            .first()
        )
    interaction.owner_id = contact.owner_id  # the contact's owner, also after a move
    if interaction.collaboration_id and interaction.collaboration.owner_id != contact.owner_id:
        raise ValueError("An interaction can only be about its owner's own project.")
    interaction.save()
    if topics is not None:
        topics = list(topics)
        if topics or not created:  # a new row has none to replace
            interaction.topics.set(topics)
    sync_last_contacted(contact)
    after_interaction_change(contact, interaction)
    search_index.put_interaction(interaction, contact, topics, created=created)
    if created:
        webhooks.emit(
            contact.owner,
            WebhookEvent.INTERACTION_LOGGED,
            lambda: webhook_payloads.interaction(interaction),
        )
    if left is not None:
        previous = _lock(left)
        sync_last_contacted(previous)
        after_interaction_change(previous)
    return contact


@transaction.atomic
def delete_interaction(interaction: Interaction) -> Contact:
    contact = _lock(interaction.contact_id)
    search_index.remove_interaction(contact.owner_id, interaction.pk)
    interaction.delete()
    sync_last_contacted(contact)
    after_interaction_change(contact)
    return contact


@dataclass
class TimelineEntry:
    interaction: Interaction
    month_heading: str  # empty unless this entry starts a new month


def timeline_page(contact: Contact, number, after_month: str = ""):
    """One page of a contact's timeline, newest first, each month headed once across pages.

    `after_month` is the month the previous page ended in, so a month split over two pages
    does not get a second heading.
    """
    interactions = (
        contact.interactions.newest_first()
        .select_related("type", "collaboration")
        .prefetch_related("topics")
    )
    page = Paginator(interactions, TIMELINE_PAGE_SIZE).get_page(number)
    previous = after_month
    entries = []
    for interaction in page.object_list:
        local = timezone.localtime(interaction.occurred_at)
        month = local.strftime("%Y-%m")
        heading = "" if month == previous else local.strftime("%B %Y")
        entries.append(TimelineEntry(interaction, heading))
        previous = month
    return page, entries, previous


@dataclass
class TopicSummary:
    name: str
    count: int
    first: object
    last: object


@dataclass
class MentorshipSummary:
    count: int
    first: object
    last: object
    topics: list[TopicSummary]
    latest_progress: str


def mentorship_summary(contact: Contact) -> MentorshipSummary | None:
    """Sessions, span and topics over time, for contacts who are your mentor or mentee.

    Three aggregate queries, however many sessions there are (a long mentorship has hundreds)."""
    if contact.relationship not in (Contact.Relationship.MENTOR, Contact.Relationship.MENTEE):
        return None
    sessions = contact.interactions.filter(type__builtin_key=MENTORING_KEY).order_by()
    span = sessions.aggregate(count=Count("pk"), first=Min("occurred_at"), last=Max("occurred_at"))
    # Topics are the owner's tags, whose names are unique per owner ignoring case.
    per_topic = (
        sessions.filter(topics__isnull=False)
        .values("topics__name")
        .annotate(count=Count("pk"), first=Min("occurred_at"), last=Max("occurred_at"))
    )
    topics = [
        TopicSummary(row["topics__name"], row["count"], row["first"], row["last"])
        for row in per_topic
    ]
    latest = (
        sessions.exclude(progress_notes="")
        .order_by("-occurred_at", "-pk")
        .values_list("progress_notes", flat=True)
        .first()
    )
    return MentorshipSummary(
        count=span["count"],
        first=span["first"],
        last=span["last"],
        topics=sorted(topics, key=lambda t: (-t.count, t.name.lower())),
        latest_progress=latest or "",
    )
