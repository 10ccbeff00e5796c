import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone

from contacts.models import Contact, Tag
from devhub.lib.fields import FoldedField, FoldedKeysMixin, fold
from history.models import TrackedHistory

# key -> default name. Every user gets these as their own rows (see ensure_builtin_types), so
# renaming or retiring one never affects anyone else; the key lets code find e.g. the mentoring
# type whatever the user calls it.
BUILTIN_TYPES = {
    "technical_discussion": "Technical discussion",
    "code_review": "Code review",
    "pair_programming": "Pair programming",
    "knowledge_transfer": "Knowledge transfer",
    "job_discussion": "Job discussion",
    "project_meeting": "Project meeting",
    "mentoring_session": "Mentoring session",
    "email": "E-mail",
    "call": "Call",
    "video_call": "Video call",
    "meeting": "Meeting",
    "coffee_chat": "Coffee chat",
    "message": "Message",
    "conference_chat": "Conference chat",
    "other": "Other",
}
MENTORING_KEY = "mentoring_session"
# The types an interaction about one of the owner's open-source projects can have.
PROJECT_KEYS = ("code_review", "pair_programming")


class InteractionTypeQuerySet(models.QuerySet):
    def for_owner(self, user) -> "InteractionTypeQuerySet":
        ensure_builtin_types(user)
        return self.filter(owner=user)

    def usable(self) -> "InteractionTypeQuerySet":
        return self.filter(is_retired=False)


class InteractionType(FoldedKeysMixin, models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interaction_types"
    )
    name = models.CharField(max_length=60)
    # Unique per owner: names are unique ignoring case in every script (see devhub.lib.fields).
    name_key = FoldedField(sources=("name",))
    builtin_key = models.CharField(max_length=40, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=100)
    is_retired = models.BooleanField(
        "retired", default=False, help_text="Retired types stay on old interactions only."
    )

    objects = InteractionTypeQuerySet.as_manager()

    class Meta:
        ordering = ["position", Lower("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name_key"],
                name="interaction_type_name_key_per_owner",
                violation_error_message="The owner already has a type of that name (in any case).",
            ),
            models.UniqueConstraint(
                fields=["owner", "builtin_key"],
                condition=~Q(builtin_key=""),
                name="interaction_type_builtin_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


def ensure_builtin_types(user) -> None:
    """Give a user their copy of the built-in types the first time they need them."""
    if InteractionType.objects.filter(owner=user).exists():
        return
    InteractionType.objects.bulk_create(
        [
            InteractionType(owner=user, name=name, builtin_key=key, position=index)
            for index, (key, name) in enumerate(BUILTIN_TYPES.items())
        ],
        ignore_conflicts=True,
    )


class InteractionQuerySet(models.QuerySet):
    def for_owner(self, user) -> "InteractionQuerySet":
        return self.filter(owner=user)

    def newest_first(self) -> "InteractionQuerySet":
        return self.order_by("-occurred_at", "-id")

    def search(self, text: str) -> "InteractionQuerySet":
        """Every word, case-insensitively in any script, in the subject or the notes."""
        qs = self
        for word in text.split():
            qs = qs.filter(search_text__contains=fold(word))
        return qs


class Interaction(FoldedKeysMixin, models.Model):
    class Outcome(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEUTRAL = "neutral", "Neutral"
        NEGATIVE = "negative", "Negative"
        NO_RESPONSE = "no_response", "No response"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Always the contact's owner (interactions.services.save_interaction copies it), stored so
    # that a user's pages read their own rows through (owner, ...) indexes, however many
    # interactions other users have. Indexed by interaction_owner_time, which leads with it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interactions",
        editable=False,
        db_index=False,
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    # RESTRICT, not PROTECT: a type in use cannot be deleted, but deleting a user (and with it
    # their contacts, interactions and types) still works.
    type = models.ForeignKey(
        InteractionType, on_delete=models.RESTRICT, related_name="interactions"
    )
    occurred_at = models.DateTimeField("when", default=timezone.now)
    subject = models.CharField(max_length=200, blank=True)
    notes = models.TextField(max_length=20000, blank=True)
    # What InteractionQuerySet.search() reads: one LIKE per word, on both engines the same.
    search_text = FoldedField(sources=("subject", "notes"))
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.NEUTRAL)
    follow_up_on = models.DateField("follow up on", null=True, blank=True)
    # The owner's open-source project a code review or pairing session was about.
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
        limit_choices_to={"kind": "open_source"},
        verbose_name="project",
    )
    # Mentoring sessions: what was covered (technology tags) and how the mentee is doing.
    topics = models.ManyToManyField(Tag, blank=True, related_name="mentoring_interactions")
    progress_notes = models.TextField(max_length=10000, blank=True)
    # From the seed schema, filled by later work (transcripts, AI suggestions). NULL means
    # "not processed", which an empty string would not distinguish.
    transcript_source = models.TextField(null=True, blank=True)  # noqa: DJ001
    ai_suggestions = models.TextField(null=True, blank=True)  # noqa: DJ001
    confidence = models.SmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    # The id a phone gave an interaction logged offline (pwa/), so sending it twice logs it once.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InteractionQuerySet.as_manager()

    history = TrackedHistory(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "client_id"],
                condition=Q(client_id__isnull=False),
                name="interaction_client_id_per_owner",
            ),
        ]
        indexes = [
            # A user's interactions newest first (list, dashboard), and their counts by date.
            models.Index(fields=["owner", "-occurred_at", "-id"], name="interaction_owner_time"),
            models.Index(fields=["contact", "-occurred_at"], name="interaction_contact_time"),
            # The calendar feed's follow-ups: the few rows that have a date, per owner.
            models.Index(
                fields=["owner", "follow_up_on"],
                condition=Q(follow_up_on__isnull=False),
                name="interaction_owner_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} with {self.contact} on {self.occurred_at:%Y-%m-%d}"

    @property
    def is_mentoring(self) -> bool:
        return self.type.builtin_key == MENTORING_KEY


def get_interaction_for_user(user, code) -> Interaction:
    return get_object_or_404(
        Interaction.objects.for_owner(user).select_related("contact", "type", "collaboration"),
        code=code,
    )


def get_type_for_user(user, code) -> InteractionType:
    return get_object_or_404(InteractionType.objects.for_owner(user), code=code)
