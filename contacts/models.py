import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from contacts.validators import (
    validate_connected_not_future,
    validate_not_future,
    validate_phone,
)
from devhub.lib.fields import FoldedField, FoldedKeysMixin
from history.models import TrackedHistory


class MonthDay(models.Func):
    """A date's month and day as one number (14 March -> 314), for birthdays in a window of days
    whatever the year. Plain SQL on each engine, so the database can store it as a generated
    column (no Python function is needed to write a row)."""

    output_field = models.IntegerField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(strftime(%s, {sql}) AS INTEGER)", ("%m%d", *params)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"(EXTRACT(MONTH FROM {sql}) * 100 + EXTRACT(DAY FROM {sql}))::integer",
            (*params, *params),
        )


class TagQuerySet(models.QuerySet):
    def for_owner(self, user) -> "TagQuerySet":
        return self.filter(owner=user)

    def with_contact_counts(self) -> "TagQuerySet":
        # Meta.ordering is dropped from GROUP BY queries, so the name order is restated here.
        return self.annotate(contact_count=Count("contacts", distinct=True)).order_by(Lower("name"))


class ContactQuerySet(models.QuerySet):
    def for_owner(self, user) -> "ContactQuerySet":
        return self.filter(owner=user)

    def active(self) -> "ContactQuerySet":
        return self.filter(is_archived=False)

    def needs_attention(self, today) -> "ContactQuerySet":
        """Check-in due or reconnect (the stored status), current, and not snoozed past today."""
        from contacts.status import NEEDS_ATTENTION  # the rules module imports this one

        return self.active().filter(status__in=NEEDS_ATTENTION).exclude(snoozed_until__gt=today)

    def most_overdue_first(self) -> "ContactQuerySet":
        """The earliest check-in day first (pinned contacts, who have none, last)."""
        return self.order_by(F("check_in_on").asc(nulls_last=True), Lower("name"))

    def with_all_tags(self, tags) -> "ContactQuerySet":
        qs = self
        for tag in tags:
            qs = qs.filter(tags=tag)
        return qs


class Tag(FoldedKeysMixin, models.Model):
    class Kind(models.TextChoices):
        TECHNOLOGY = "technology", "Technology"
        INDUSTRY = "industry", "Industry"
        RELATIONSHIP = "relationship", "Relationship"
        EVENT = "event", "Event"
        CUSTOM = "custom", "Custom"

    class Colour(models.TextChoices):
        # DaisyUI semantic colours: each has a matching readable content colour in both themes.
        NEUTRAL = "neutral", "Grey"
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ACCENT = "accent", "Accent"
        INFO = "info", "Blue"
        SUCCESS = "success", "Green"
        WARNING = "warning", "Amber"
        ERROR = "error", "Red"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(max_length=50)
    # Unique per owner: names are unique ignoring case in every script (see devhub.lib.fields).
    name_key = FoldedField(sources=("name",))
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.TECHNOLOGY)
    colour = models.CharField(max_length=20, choices=Colour, default=Colour.NEUTRAL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name_key"],
                name="tag_name_key_per_owner",
                violation_error_message="The owner already has a tag of that name (in any case).",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def badge_class(self) -> str:
        return f"badge-{self.colour}"


class EventQuerySet(models.QuerySet):
    def for_owner(self, user) -> "EventQuerySet":
        return self.filter(owner=user)


class Event(models.Model):
    """A conference, meetup or other occasion where you meet people."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="events"
    )
    name = models.CharField(max_length=200)
    location = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField("from", null=True, blank=True)
    ends_on = models.DateField("to", null=True, blank=True)
    notes = models.TextField(max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [models.F("starts_on").desc(nulls_last=True), "-created_at"]

    def __str__(self) -> str:
        return self.name


class Contact(FoldedKeysMixin, models.Model):
    class Relationship(models.TextChoices):
        COLLEAGUE = "colleague", "Colleague"
        FRIEND = "friend", "Friend"
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"
        RECRUITER = "recruiter", "Recruiter"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"
        CLIENT = "client", "Client"
        COLLABORATOR = "collaborator", "Collaborator"
        PEER = "peer", "Peer"
        OTHER = "other", "Other"

    class Source(models.TextChoices):
        CONFERENCE = "conference", "Conference"
        MEETUP = "meetup", "Meetup"
        WORKPLACE = "workplace", "Workplace"
        ONLINE = "online", "Online"
        REFERRAL = "referral", "Referral"
        IMPORT = "import", "Import"
        QUICK_CONNECT = "quick_connect", "Quick Connect"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        ACTIVE_COLLABORATION = "active_collaboration", "Active collaboration"
        REGULAR_CONTACT = "regular_contact", "Regular contact"
        CHECK_IN_DUE = "check_in_due", "Check-in due"
        RECONNECT = "reconnect", "Reconnect"
        PASSIVE = "passive", "Passive"

    class Importance(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_phone])
    company = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    relationship = models.CharField(max_length=20, choices=Relationship, default=Relationship.PEER)
    industry = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=200, blank=True)
    birthday = models.DateField(null=True, blank=True, validators=[validate_not_future])
    # Kept by the database: upcoming birthdays are one range of this (two across New Year).
    birthday_day = models.GeneratedField(
        expression=MonthDay("birthday"), output_field=models.IntegerField(), db_persist=True
    )
    source = models.CharField("how we met", max_length=20, choices=Source, blank=True)
    source_detail = models.CharField(
        "how we met (details)",
        max_length=200,
        blank=True,
        help_text="E.g. 'PyCon US 2026, after the async ORM talk'.",
    )
    github_username = models.CharField("GitHub username", max_length=39, blank=True)
    gitlab_username = models.CharField("GitLab username", max_length=255, blank=True)
    linkedin_url = models.URLField("LinkedIn URL", max_length=300, blank=True)
    website_url = models.URLField("website / portfolio", max_length=300, blank=True)
    other_links = models.TextField(
        "other social links",
        max_length=3000,
        blank=True,
        help_text="One address per line (Mastodon, Bluesky, blog, ...).",
    )
    notes = models.TextField(max_length=20000, blank=True)
    is_vip = models.BooleanField("VIP", default=False)
    status = models.CharField(max_length=30, choices=Status, default=Status.REGULAR_CONTACT)
    importance = models.CharField(max_length=10, choices=Importance, default=Importance.MEDIUM)
    follow_up_days = models.PositiveSmallIntegerField(
        "follow up every (days)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Leave empty to use your default for this contact's importance.",
    )
    last_contacted = models.DateField(null=True, blank=True)
    # Stored, never typed: kept by contacts.services from the rules in contacts/status.py.
    added_on = models.DateField(
        "added on", editable=False, help_text="The owner's local day the contact was added."
    )
    check_in_on = models.DateField("next check-in", null=True, blank=True, editable=False)
    reconnect_on = models.DateField("reconnect from", null=True, blank=True, editable=False)
    connected_on = models.DateField(
        "connected on",
        null=True,
        blank=True,
        validators=[validate_connected_not_future],
        help_text="When this person joined your network.",
    )
    snoozed_until = models.DateField(
        null=True, blank=True, help_text="Kept out of “needs attention” until this day."
    )
    is_archived = models.BooleanField("archived", default=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    events = models.ManyToManyField(Event, blank=True, related_name="contacts")
    # The id a phone gave a contact captured offline (pwa/), so sending it twice adds it once.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    history = TrackedHistory(excluded_fields=["birthday_day", "updated_at"])

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            # The rules read an empty frequency as "the owner's default"; zero is not a rhythm.
            models.CheckConstraint(
                condition=Q(follow_up_days__isnull=True) | Q(follow_up_days__gte=1),
                name="contact_follow_up_days_positive",
            ),
            models.UniqueConstraint(
                fields=["owner", "client_id"],
                condition=Q(client_id__isnull=False),
                name="contact_client_id_per_owner",
            ),
        ]
        indexes = [
            models.Index("owner", Lower("name"), name="contact_owner_name"),
            models.Index(fields=["owner", "last_contacted"], name="contact_owner_last_contacted"),
            # Upcoming birthdays: a range of days of the year, per owner (the dashboard) or for
            # everyone (the nightly birthday reminders).
            models.Index(
                fields=["owner", "is_archived", "birthday_day"], name="contact_owner_birthday_day"
            ),
            models.Index(fields=["birthday_day"], name="contact_birthday_day"),
            # Counts of the current (not archived) contacts, per status too, from the index alone:
            # the contacts list's paginator and the dashboard (who needs attention, not snoozed)
            # read no table rows for them.
            models.Index(
                fields=["owner", "is_archived", "status", "snoozed_until"],
                name="contact_owner_active_status",
            ),
            # The dashboard's VIPs (longest since contact first) and their count.
            models.Index(
                fields=["owner", "is_vip", "is_archived", "last_contacted"],
                name="contact_owner_vip",
            ),
            # "Needs attention", most overdue first: walked in order, stopped after a page.
            models.Index(
                fields=["owner", "is_archived", "check_in_on"], name="contact_owner_check_in"
            ),
            # refresh_statuses: the rows whose stored day has come, per owner and status.
            models.Index(fields=["owner", "status", "check_in_on"], name="contact_status_check_in"),
            models.Index(
                fields=["owner", "status", "reconnect_on"], name="contact_status_reconnect"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def status_badge_class(self) -> str:
        return {
            self.Status.ACTIVE_COLLABORATION: "badge-success",
            self.Status.REGULAR_CONTACT: "badge-info",
            self.Status.CHECK_IN_DUE: "badge-warning",
            self.Status.RECONNECT: "badge-error",
        }.get(self.status, "badge-neutral")

    @property
    def github_url(self) -> str:
        return f"https://github.com/{self.github_username}" if self.github_username else ""

    @property
    def gitlab_url(self) -> str:
        return f"https://gitlab.com/{self.gitlab_username}" if self.gitlab_username else ""

    @property
    def other_link_list(self) -> list[str]:
        return self.other_links.splitlines()


def get_contact_for_user(user, code) -> Contact:
    """The one way a view fetches a contact: another user's contact is a 404."""
    return get_object_or_404(Contact.objects.for_owner(user), code=code)


def get_event_for_user(user, code) -> Event:
    return get_object_or_404(Event.objects.for_owner(user), code=code)


def get_tag_for_user(user, code) -> Tag:
    return get_object_or_404(Tag.objects.for_owner(user), code=code)
