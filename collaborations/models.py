"""Making things with other people: talks, articles, videos, podcasts, books, open-source work
and study groups, from a backlog of ideas to the audience's feedback on what was published."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone

from collaborations import schedule
from contacts.models import Contact, Tag
from resources.models import SharedResource


class Kind(models.TextChoices):
    ARTICLE = "article", "Article or blog post"
    TALK = "talk", "Talk or workshop"
    VIDEO = "video", "Video or stream"
    PODCAST = "podcast", "Podcast episode"
    NEWSLETTER = "newsletter", "Newsletter"
    BOOK = "book", "Book"
    OPEN_SOURCE = "open_source", "Open-source project"
    STUDY_GROUP = "study_group", "Study group"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    PLANNING = "planning", "Planning"
    IN_PROGRESS = "in_progress", "In progress"
    PUBLISHED = "published", "Published or done"
    ARCHIVED = "archived", "Archived"


OPEN_STAGES = [Stage.IDEA, Stage.PLANNING, Stage.IN_PROGRESS, Stage.PUBLISHED]
CLOSED_STAGES = [Stage.ARCHIVED]
# Feedback comes in once a piece is out.
OUT_STAGES = [Stage.PUBLISHED, Stage.ARCHIVED]
# While it is being made, a quiet spell with its people gets a follow-up reminder.
FOLLOW_UP_STAGES = [Stage.PLANNING, Stage.IN_PROGRESS]


class CollaborationQuerySet(models.QuerySet):
    def for_owner(self, user) -> "CollaborationQuerySet":
        return self.filter(owner=user)

    def open_source(self) -> "CollaborationQuerySet":
        return self.filter(kind=Kind.OPEN_SOURCE)


class Idea(models.Model):
    """Something worth making one day, and who could make it with you."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaboration_ideas"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ARTICLE)
    pitch = models.TextField(max_length=1000, blank=True, help_text="A few sentences.")
    tags = models.ManyToManyField(Tag, blank=True, related_name="collaboration_ideas")
    people = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="collaboration_ideas",
        verbose_name="people who could join",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="idea_owner_created")]

    def __str__(self) -> str:
        return self.title


class Collaboration(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaborations"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ARTICLE)
    title = models.CharField(max_length=200)
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.IDEA)
    stage_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    target_on = models.DateField("target date", null=True, blank=True)
    published_on = models.DateField("publish date", null=True, blank=True)
    own_role = models.CharField(
        "your role",
        max_length=20,
        choices=[("maintainer", "Maintainer"), ("contributor", "Contributor"), ("user", "User")],
        blank=True,
        help_text="In an open-source project.",
    )
    url = models.URLField(
        "venue or repository", max_length=500, blank=True, help_text="Where it lives or happens."
    )
    links = models.TextField("other links", max_length=5000, blank=True, help_text="One per line.")
    tags = models.ManyToManyField(Tag, blank=True, related_name="collaborations")
    notes = models.TextField(max_length=10000, blank=True)
    # A study group's weekly meeting, in the owner's time zone: both set or neither.
    meets_on = models.PositiveSmallIntegerField(
        "meets weekly on", choices=schedule.WEEKDAYS, null=True, blank=True
    )
    meets_at = models.TimeField(
        "at", null=True, blank=True, help_text="In your time zone, e.g. 18:00."
    )
    follow_up_days = models.PositiveSmallIntegerField(
        "follow up after (days)",
        null=True,
        blank=True,
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Remind me to follow up when nobody on it has heard from me for this many "
        "days; empty for never.",
    )
    # The backlog idea it grew from; the idea's page links here through the reverse relation.
    idea = models.OneToOneField(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="collaboration"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CollaborationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "stage", "-updated_at"], name="collab_owner_stage"),
            models.Index(fields=["owner", "kind"], name="collab_owner_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_out(self) -> bool:
        return self.stage in OUT_STAGES

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def is_open_source(self) -> bool:
        return self.kind == Kind.OPEN_SOURCE

    @property
    def is_study_group(self) -> bool:
        return self.kind == Kind.STUDY_GROUP

    @property
    def has_schedule(self) -> bool:
        return self.meets_on is not None and self.meets_at is not None

    @property
    def schedule_text(self) -> str:
        return schedule.describe(self.meets_on, self.meets_at) if self.has_schedule else ""

    def next_session(self, zone, now=None, after=None, planned=()):
        """When the group meets next (None without a schedule or planned date, or once it is
        over): the earlier of the weekly meeting and the `planned` one-off dates still to come;
        `after` is the last recorded session's date."""
        if self.stage in OUT_STAGES:
            return None
        now = now or timezone.now()
        dates = [schedule.moment(p.on, p.at, zone) for p in planned]
        if self.has_schedule:
            dates.append(schedule.next_session(self.meets_on, self.meets_at, zone, now, after))
        return schedule.earliest(dates, now, after)


class Person(models.Model):
    """A contact's part in a collaboration."""

    class Role(models.TextChoices):
        CO_AUTHOR = "co_author", "Co-author"
        GUEST = "guest", "Guest"
        HOST = "host", "Host"
        SPEAKER = "speaker", "Speaker"
        MAINTAINER = "maintainer", "Maintainer"
        CONTRIBUTOR = "contributor", "Contributor"
        REVIEWER = "reviewer", "Reviewer"
        MEMBER = "member", "Member"
        ORGANISER = "organiser", "Organiser"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="people"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="collaboration_roles"
    )
    role = models.CharField(max_length=20, choices=Role, default=Role.CO_AUTHOR)

    class Meta:
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "contact", "role"], name="collab_person_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


class StageChange(models.Model):
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20, choices=Stage, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage or 'new'} -> {self.to_stage}"


class Feedback(models.Model):
    """What the audience said about a published piece: from a contact or a name as written."""

    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        PRAISE = "praise", "Praise"
        CORRECTION = "correction", "Correction"
        REQUEST = "request", "Request"

    ASKED = (Kind.QUESTION, Kind.REQUEST)  # what people asked for

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="feedback"
    )
    received_on = models.DateField("date", default=timezone.localdate)
    channel = models.CharField(
        max_length=100, blank=True, help_text="Where it came: comments, email, Q&A, Mastodon..."
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.QUESTION)
    text = models.TextField(max_length=5000)
    contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collaboration_feedback",
        verbose_name="from a contact",
    )
    name = models.CharField("or from", max_length=200, blank=True, help_text="A name or handle.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name_plural = "feedback"
        indexes = [
            models.Index(fields=["collaboration", "-received_on"], name="feedback_piece_date"),
            models.Index(fields=["kind", "-received_on"], name="feedback_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.sender}"

    @property
    def sender(self) -> str:
        return self.contact.name if self.contact_id else (self.name or "someone")


class Session(models.Model):
    """A study group's meeting and who of its people came."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField("date", default=timezone.localdate)
    topic = models.CharField(max_length=200)
    notes = models.TextField(max_length=5000, blank=True)
    attendees = models.ManyToManyField(
        Contact, blank=True, related_name="study_sessions", verbose_name="who came"
    )
    resources = models.ManyToManyField(
        SharedResource, blank=True, related_name="study_sessions", verbose_name="resources"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.topic} ({self.held_on:%-d %b %Y})"


class PlannedSession(models.Model):
    """A study group's one-off meeting date, besides or instead of a weekly schedule (wall-clock
    time in the owner's time zone)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    collaboration = models.ForeignKey(
        Collaboration, on_delete=models.CASCADE, related_name="planned_sessions"
    )
    on = models.DateField("date")
    at = models.TimeField("time", help_text="In your time zone, e.g. 18:00.")
    topic = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["on", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "on", "at"], name="planned_session_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.on:%-d %b %Y}, {self.at:%H:%M}" + (f": {self.topic}" if self.topic else "")


def get_collaboration_for_user(user, code) -> Collaboration:
    return get_object_or_404(Collaboration.objects.for_owner(user), code=code)


def get_idea_for_user(user, code) -> Idea:
    return get_object_or_404(Idea.objects.for_owner(user), code=code)


def get_person_for_user(user, code) -> Person:
    qs = Person.objects.filter(collaboration__owner=user).select_related("collaboration", "contact")
    return get_object_or_404(qs, code=code)


def get_feedback_for_user(user, code) -> Feedback:
    qs = Feedback.objects.filter(collaboration__owner=user).select_related("collaboration")
    return get_object_or_404(qs, code=code)


def get_session_for_user(user, code) -> Session:
    qs = Session.objects.filter(collaboration__owner=user).select_related("collaboration")
    return get_object_or_404(qs, code=code)


def get_planned_session_for_user(user, code) -> PlannedSession:
    qs = PlannedSession.objects.filter(collaboration__owner=user).select_related("collaboration")
    return get_object_or_404(qs, code=code)
