"""What the duplicates page lists: exact groups and possible pairs, with their contacts loaded
only for the page being shown."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from contacts.models import Contact
from duplicates.matching import exact_duplicate_groups, match_keys
from duplicates.similar import PossiblePair, possible_duplicate_pairs
from interactions.models import Interaction
from reminders.models import Reminder

KEY_LABELS = {"email": "Same e-mail", "linkedin": "Same LinkedIn profile", "github": "Same GitHub"}


@dataclass
class ExactGroup:
    ids: list[int]
    contacts: list[Contact] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)  # "Same e-mail: ada@example.com"

    @property
    def merge_url(self) -> str:
        return merge_url(self.contacts)


@dataclass
class PairRow:
    pair: PossiblePair
    first: Contact | None = None
    second: Contact | None = None

    @property
    def merge_url(self) -> str:
        return merge_url([self.first, self.second])


def merge_url(contacts: Iterable[Contact]) -> str:
    return reverse("duplicates:merge") + "?" + urlencode([("c", c.code) for c in contacts])


def exact_groups(user) -> list[ExactGroup]:
    return [ExactGroup(ids) for ids in exact_duplicate_groups(user)]


def possible_pairs(user, groups: Sequence[ExactGroup]) -> list[PairRow]:
    """Possible pairs not already shown as exact duplicates (nor dismissed)."""
    exact = {pair for group in groups for pair in combinations(group.ids, 2)}
    return [PairRow(pair) for pair in possible_duplicate_pairs(user, exclude=exact)]


def load_contacts(user, groups: Sequence[ExactGroup], pairs: Sequence[PairRow]) -> None:
    """One query for every contact shown on this page."""
    ids = {i for g in groups for i in g.ids} | {
        i for row in pairs for i in (row.pair.first_id, row.pair.second_id)
    }
    contacts = Contact.objects.for_owner(user).in_bulk(ids)
    for group in groups:
        group.contacts = [contacts[i] for i in group.ids if i in contacts]
        group.shared = shared_keys(group.contacts)
    for row in pairs:
        row.first, row.second = contacts.get(row.pair.first_id), contacts.get(row.pair.second_id)


def shared_keys(contacts: Sequence[Contact]) -> list[str]:
    seen = Counter(
        key for c in contacts for key in match_keys(c.email, c.linkedin_url, c.github_username)
    )
    return [f"{KEY_LABELS[kind]}: {value}" for (kind, value), n in sorted(seen.items()) if n > 1]


def add_counts(contacts: Sequence[Contact]) -> None:
    """`interaction_count`, `reminder_count` and `tag_count` on each contact, for the chooser."""
    ids = [c.pk for c in contacts]

    def per_contact(queryset) -> dict[int, int]:
        rows = queryset.filter(contact_id__in=ids).values("contact_id").annotate(n=Count("pk"))
        return {row["contact_id"]: row["n"] for row in rows}

    interactions = per_contact(Interaction.objects.all())
    reminders = per_contact(Reminder.objects.all())
    tags = per_contact(Contact.tags.through.objects.all())
    for contact in contacts:
        contact.interaction_count = interactions.get(contact.pk, 0)
        contact.reminder_count = reminders.get(contact.pk, 0)
        contact.tag_count = tags.get(contact.pk, 0)
