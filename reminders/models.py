import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404

from contacts.models import Contact
from history.models import TrackedHistory


class ReminderQuerySet(models.QuerySet):
    def for_owner(self, user) -> "ReminderQuerySet":
        return self.filter(owner=user)

    def open(self) -> "ReminderQuerySet":
        return self.filter(completed_at__isnull=True, dismissed_at__isnull=True)


# The automatic reminders that are about a contact alone (the others are about an interaction or
# an opportunity).
CONTACT_OCCASIONS = ["check_in", "birthday", "conference_follow_up"]


class Reminder(models.Model):
    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", "Follow-up"
        CONFERENCE_FOLLOW_UP = "conference_follow_up", "Conference follow-up"
        CHECK_IN = "check_in", "Check-in"
        JOB_APPLICATION = "job_application", "Job application follow-up"
        PROJECT_MILESTONE = "project_milestone", "Project milestone"
        PAYMENT = "payment", "Payment"
        COLLABORATION = "collaboration", "Collaboration date"
        BIRTHDAY = "birthday", "Birthday"
        CUSTOM = "custom", "Custom"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    kind = models.CharField(max_length=30, choices=Kind, default=Kind.CUSTOM)
    title = models.CharField(max_length=200)
    due_on = models.DateField("due")
    notes = models.TextField(max_length=5000, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    # Kept by the database: the day the reminder is due once its snooze is taken into account.
    # Every list of open reminders filters and sorts by it through one index.
    effective_due = models.GeneratedField(
        expression=models.Case(
            models.When(snoozed_until__isnull=True, then=models.F("due_on")),
            default=Greatest("due_on", "snoozed_until"),
        ),
        output_field=models.DateField(),
        db_persist=True,
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    is_automatic = models.BooleanField(default=False, editable=False)
    # What an automatic reminder is about: its contact, interaction, opportunity, milestone,
    # payment or collaboration (foreign keys, so a merge or a restore keeps them right), which
    # occasion of theirs (e.g. "applied", "in a week"; never an id) and the occasion's day (the
    # check-in day that came, the birthday, the follow-up date). The same occasion never gets a
    # second reminder, however often or concurrently the jobs run (the constraints below, with
    # INSERT ... ON CONFLICT IGNORE).
    interaction = models.ForeignKey(
        "interactions.Interaction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="reminders",
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="reminders",
    )
    milestone = models.ForeignKey(
        "projects.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="reminders",
    )
    payment = models.ForeignKey(
        "projects.Payment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="reminders",
    )
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="reminders",
    )
    occasion = models.CharField(max_length=40, blank=True, editable=False)
    occasion_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReminderQuerySet.as_manager()

    history = TrackedHistory(excluded_fields=["effective_due"])

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "kind", "occasion", "occasion_on"],
                condition=Q(is_automatic=True, kind__in=CONTACT_OCCASIONS),
                name="reminder_contact_occasion_once",
            ),
            models.UniqueConstraint(
                fields=["interaction", "occasion_on"],
                condition=Q(is_automatic=True, kind="follow_up", interaction__isnull=False),
                name="reminder_interaction_occasion_once",
            ),
            models.UniqueConstraint(
                fields=["opportunity", "occasion"],
                condition=Q(is_automatic=True, kind="job_application", opportunity__isnull=False),
                name="reminder_opportunity_occasion_once",
            ),
            models.UniqueConstraint(
                fields=["milestone", "occasion"],
                condition=Q(is_automatic=True, milestone__isnull=False),
                name="reminder_milestone_occasion_once",
            ),
            models.UniqueConstraint(
                fields=["payment", "occasion"],
                condition=Q(is_automatic=True, payment__isnull=False),
                name="reminder_payment_occasion_once",
            ),
            models.UniqueConstraint(
                fields=["collaboration", "occasion"],
                condition=Q(is_automatic=True, collaboration__isnull=False, contact__isnull=True),
                name="reminder_collab_occasion_once",
            ),
            # A collaboration's reminder about one of its people (a missed-sessions check-in).
            models.UniqueConstraint(
                fields=["collaboration", "contact", "occasion"],
                condition=Q(is_automatic=True, collaboration__isnull=False, contact__isnull=False),
                name="reminder_collab_person_once",
            ),
        ]
        indexes = [
            # A user's open reminders by the day they are due (dashboard, list, digest, feed).
            models.Index(
                fields=["owner", "effective_due"],
                condition=Q(completed_at=None, dismissed_at=None),
                name="reminder_open_owner_due",
            ),
            # A user's reminders of collaborations (sessions, follow-ups), read each night apart
            # from the tens of thousands of check-ins.
            models.Index(
                fields=["owner"],
                condition=Q(collaboration__isnull=False),
                name="reminder_owner_collaboration",
            ),
            # "Has this contact an open check-in?", asked for every due contact each night. The
            # kind is a column, not part of the condition: SQLite only uses a partial index whose
            # condition it can prove, and the ORM binds `kind = %s` as a parameter.
            models.Index(
                fields=["contact", "kind"],
                condition=Q(completed_at=None, dismissed_at=None),
                name="reminder_open_contact_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.completed_at is None and self.dismissed_at is None


class StatusRefreshRun(models.Model):
    """One run of `refresh_statuses`, so a broken cron shows up in the app instead of silently."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    as_of = models.DateField(help_text="The day statuses were computed for (--today).")
    contacts_changed = models.PositiveIntegerField(default=0)
    transitions = models.JSONField(default=dict, help_text="'old -> new': count")
    reminders_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-finished_at"]
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"refresh at {self.finished_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self):
        return self.finished_at - self.started_at


class DigestDelivery(models.Model):
    """Claims a user's digest for a day before it is sent: at most one e-mail per user per day."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveIntegerField(default=0)
    attention_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "day"], name="digest_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"digest for {self.owner} on {self.day}"


def get_reminder_for_user(user, code) -> Reminder:
    return get_object_or_404(Reminder.objects.for_owner(user).select_related("contact"), code=code)
