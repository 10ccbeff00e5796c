"""Follow-up suggestions: openers for the people who need attention, each resting on one row of
the owner's own data (the interaction, reminder, resource, project, collaboration or tag it quotes
or links, or the contact's birthday).

Stored, not computed per page: `manage.py suggest_follow_ups` (cron) works them out with the
embedding model, and the dashboard and the contact page read a few rows through an index. A
dismissed suggestion keeps its row (with `dismissed_at`), so the same fact is never suggested again;
a new fact about the same person is a new row.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404

from collaborations.models import Collaboration
from collaborations.models import Stage as CollaborationStage
from contacts.models import Contact, Tag
from interactions.models import Interaction
from projects.models import OPEN_STAGES, Project
from reminders.models import Reminder
from reminders.services import next_birthday
from resources.models import SharedResource

# Collaborations still being made (a published or archived piece is no longer "in progress").
COLLABORATION_STAGES = [
    CollaborationStage.IDEA,
    CollaborationStage.PLANNING,
    CollaborationStage.IN_PROGRESS,
]


class SuggestionQuerySet(models.QuerySet):
    def for_owner(self, user) -> "SuggestionQuerySet":
        return self.filter(owner=user)

    def current(self) -> "SuggestionQuerySet":
        return self.filter(dismissed_at__isnull=True)

    def with_sources(self) -> "SuggestionQuerySet":
        """Each suggestion with the columns of its source that a page shows or checks."""
        return self.select_related(*SOURCE_COLUMNS).only(
            "code",
            "owner_id",
            "contact_id",
            "kind",
            "on",
            "quote",
            "score",
            "dismissed_at",
            *(f"{source}__{column}" for source, cols in SOURCE_COLUMNS.items() for column in cols),
        )


SOURCE_COLUMNS = {
    "contact": ("code", "name", "birthday"),
    "interaction": ("code", "subject", "notes"),
    "reminder": ("code", "title", "due_on", "completed_at", "dismissed_at"),
    "resource": ("code", "title", "url", "direction", "shared_on"),
    "project": ("code", "title", "stage"),
    "collaboration": ("code", "title", "stage"),
    "tag": ("name",),
}


class Suggestion(models.Model):
    class Kind(models.TextChoices):
        PROMISE = "promise", "Something you said you'd do"
        FOLLOW_UP = "follow_up", "Open follow-up"
        BIRTHDAY = "birthday", "Birthday"
        TOPIC = "topic", "Your last conversations"
        RESOURCE = "resource", "Something shared"
        PROJECT = "project", "A project together"
        COLLABORATION = "collaboration", "A collaboration together"
        STACK = "stack", "Their stack"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Both indexed by the composite indexes below, which lead with them.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="suggestions",
        db_index=False,
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="suggestions", db_index=False
    )
    kind = models.CharField(max_length=20, choices=Kind)
    # The source: at most one of these rows (none for a birthday, which is the contact's own).
    # Deleting the source deletes the suggestion.
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reminder = models.ForeignKey(
        Reminder, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    resource = models.ForeignKey(
        SharedResource, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    collaboration = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # The day the fact is about: the birthday, the interaction's or resource's date, a due date.
    on = models.DateField(null=True, blank=True)
    # The source's own words, exactly as stored there (a sentence of the notes, a title, tags).
    quote = models.TextField(max_length=1000)
    score = models.FloatField(default=0)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        indexes = [
            # A few contacts' current suggestions, best first (dashboard rows, contact page):
            # every column those pages filter on, so SQLite prefers it to the owner's index,
            # which would read all of the owner's suggestions.
            models.Index(
                fields=["contact", "owner", "dismissed_at", "-score"], name="suggestion_contact"
            ),
            # All of an owner's suggestions, best first (the list page).
            models.Index(fields=["owner", "-score"], name="suggestion_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.contact_id}: {self.quote[:60]}"

    @property
    def key(self) -> tuple:
        """What the suggestion is about: one fact of one contact (a dismissal is keyed by it).
        The day counts for a birthday only: each year's is a new fact."""
        return (
            self.contact_id,
            self.kind,
            self.interaction_id,
            self.reminder_id,
            self.resource_id,
            self.project_id,
            self.collaboration_id,
            self.tag_id,
            self.on if self.kind == self.Kind.BIRTHDAY else None,
        )

    def still_true(self, today: dt.date) -> bool:
        """Whether the source still says what the suggestion quotes (it may have been edited
        since the last run): a page shows only suggestions whose quote is still in its source."""
        if self.interaction_id is not None:
            return self.quote in f"{self.interaction.subject}\n{self.interaction.notes}"
        if self.reminder_id is not None:
            reminder = self.reminder
            return (
                reminder.completed_at is None
                and reminder.dismissed_at is None
                and reminder.title == self.quote
            )
        if self.resource_id is not None:
            return self.resource.title == self.quote
        if self.project_id is not None:
            return self.project.title == self.quote and self.project.stage in OPEN_STAGES
        if self.collaboration_id is not None:
            collaboration = self.collaboration
            return collaboration.title == self.quote and collaboration.stage in COLLABORATION_STAGES
        if self.tag_id is not None:
            return self.tag.name in self.quote.split(", ")
        if self.kind == self.Kind.BIRTHDAY:
            birthday = self.contact.birthday
            return birthday is not None and self.on == next_birthday(birthday, today)
        return False


def get_suggestion_for_user(user, code) -> Suggestion:
    return get_object_or_404(Suggestion.objects.for_owner(user), code=code)


def shown_for(
    owner, contacts, today: dt.date, per_contact: int = 2, waiting_only: bool = False
) -> dict[int, list[Suggestion]]:
    """The first `per_contact` current suggestions of each contact (their sources still saying
    what they quote), in one query; with `waiting_only`, only while the contact needs attention
    today (until the next refresh removes them, a contact just logged keeps stored rows)."""
    ids = [c.pk for c in contacts]
    if not ids:
        return {}
    rows = (
        Suggestion.objects.for_owner(owner)
        .current()
        .filter(contact_id__in=ids)
        .with_sources()
        .order_by("contact_id", "-score", "id")
    )
    if waiting_only:
        waiting = Contact.objects.for_owner(owner).needs_attention(today).filter(pk__in=ids)
        rows = rows.filter(contact__in=waiting)
    shown: dict[int, list[Suggestion]] = {}
    for row in rows:
        kept = shown.setdefault(row.contact_id, [])
        if len(kept) < per_contact and row.still_true(today):
            kept.append(row)
    return shown
