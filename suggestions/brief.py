"""The meeting brief: one printable page about a contact, read from the owner's rows."""

from collaborations.models import Person
from contacts.models import Contact, Tag
from embeddings.encoder import enabled
from interactions.models import Interaction
from opportunities.models import Participant
from projects.models import Member
from reminders.models import Reminder
from resources.models import SharedResource
from suggestions import extract
from vip.models import DeveloperProfile

INTERACTIONS = 5
RESOURCES = 10
# Sentences quoted from each interaction.
PER_INTERACTION = 2


def stack(contact: Contact) -> list[Tag]:
    """Their VIP tech stack, then their other technology tags."""
    tags = list(Tag.objects.filter(vip_profiles__contact=contact).order_by("name"))
    for tag in contact.tags.filter(kind=Tag.Kind.TECHNOLOGY).order_by("name"):
        if tag not in tags:
            tags.append(tag)
    return tags


def brief(owner, contact: Contact) -> dict:
    interactions = list(
        Interaction.objects.filter(contact=contact)
        .select_related("type")
        .order_by("-occurred_at", "-id")[:INTERACTIONS]
    )
    summarised = enabled()
    if summarised:
        # The subject is shown as it is; the quotes come from the notes.
        texts = [i.notes for i in interactions]
        for interaction, quotes in zip(
            interactions, extract.summaries(texts, PER_INTERACTION), strict=True
        ):
            interaction.quotes = quotes
    return {
        "contact": contact,
        "summarised": summarised,
        "events": list(contact.events.order_by("starts_on", "name")),
        "tags": list(contact.tags.order_by("name")),
        "stack": stack(contact),
        "profile": DeveloperProfile.objects.filter(contact=contact).first(),
        "interactions": interactions,
        "reminders": list(
            Reminder.objects.for_owner(owner)
            .open()
            .filter(contact=contact)
            .order_by("effective_due", "id")
        ),
        "opportunities": list(
            Participant.objects.filter(opportunity__owner=owner, contact=contact)
            .select_related("opportunity")
            .order_by("-opportunity__updated_at")
        ),
        "projects": list(
            Member.objects.filter(project__owner=owner, contact=contact)
            .select_related("project")
            .order_by("project__title", "project_id")
        ),
        "collaborations": list(
            Person.objects.filter(collaboration__owner=owner, contact=contact)
            .select_related("collaboration")
            .order_by("collaboration__title", "collaboration_id")
        ),
        "resources": list(
            SharedResource.objects.filter(contact=contact).order_by("-shared_on", "-id")[:RESOURCES]
        ),
    }
