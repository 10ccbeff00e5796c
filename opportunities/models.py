import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone

from contacts.models import Contact
from devhub.lib.fields import FoldedField, FoldedKeysMixin
from history.models import TrackedHistory
from interactions.models import Interaction
from resources.models import SharedResource


class Status(models.TextChoices):
    INTERESTED = "interested", "Interested"
    APPLIED = "applied", "Applied"
    PHONE_SCREEN = "phone_screen", "Phone screen"
    INTERVIEW = "interview", "Interview"
    FINAL_ROUND = "final_round", "Final round"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


ACTIVE = [
    Status.INTERESTED,
    Status.APPLIED,
    Status.PHONE_SCREEN,
    Status.INTERVIEW,
    Status.FINAL_ROUND,
    Status.OFFER,
]
CLOSED = [Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN]
INTERVIEW_STAGES = [Status.PHONE_SCREEN, Status.INTERVIEW, Status.FINAL_ROUND]


class OpportunityQuerySet(models.QuerySet):
    def for_owner(self, user) -> "OpportunityQuerySet":
        return self.filter(owner=user)


class Opportunity(FoldedKeysMixin, models.Model):
    class Source(models.TextChoices):
        REFERRAL = "referral", "Referral"
        RECRUITER = "recruiter", "Recruiter"
        JOB_BOARD = "job_board", "Job board"
        NETWORK = "network", "Network"
        DIRECT = "direct", "Direct"

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class Workplace(models.TextChoices):
        ONSITE = "onsite", "On site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunities"
    )
    company = models.CharField(max_length=200)
    company_key = FoldedField(sources=("company",))  # the board's company filter, any script
    role_title = models.CharField("role", max_length=200)
    job_url = models.URLField("job posting", max_length=500, blank=True)
    location = models.CharField(max_length=200, blank=True)
    workplace = models.CharField("on site / remote", max_length=10, choices=Workplace, blank=True)
    source = models.CharField(max_length=20, choices=Source, blank=True)
    salary_range = models.CharField(max_length=100, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="e.g. EUR, USD")
    priority = models.CharField(max_length=10, choices=Priority, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=Status, default=Status.INTERESTED)
    status_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    applied_on = models.DateField("application date", null=True, blank=True)
    next_action = models.CharField(max_length=200, blank=True)
    next_action_on = models.DateField("next action date", null=True, blank=True)
    notes = models.TextField(max_length=10000, blank=True)
    interactions = models.ManyToManyField(Interaction, blank=True, related_name="opportunities")
    # CV / portfolio sent for this opportunity: knowledge-sharing records (resources app).
    shared_resources = models.ManyToManyField(
        SharedResource, blank=True, related_name="opportunities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    history = TrackedHistory(excluded_fields=["company_key"])

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["owner", "status"], name="opportunity_owner_status")]

    def __str__(self) -> str:
        return f"{self.role_title} at {self.company}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def next_action_overdue(self) -> bool:
        return bool(self.next_action_on and self.next_action_on < timezone.localdate())


class Participant(models.Model):
    """A contact's part in an opportunity."""

    class Role(models.TextChoices):
        RECRUITER = "recruiter", "Recruiter"
        REFERRER = "referrer", "Referrer"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"
        INTERVIEWER = "interviewer", "Interviewer"
        OTHER = "other", "Other"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="participants"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="opportunity_roles")
    role = models.CharField(max_length=20, choices=Role, default=Role.OTHER)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "contact", "role"], name="participant_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


class RecruiterNotes(models.Model):
    """What to remember about a recruiter contact: their specialties and past dealings."""

    contact = models.OneToOneField(
        Contact, on_delete=models.CASCADE, related_name="recruiter_notes"
    )
    specialties = models.CharField(max_length=300, blank=True)
    dealings = models.TextField("notes about past dealings", max_length=5000, blank=True)

    def __str__(self) -> str:
        return f"recruiter notes on {self.contact}"


class Compensation(models.Model):
    """A dated compensation discussion or offer, to look back on later."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="compensation"
    )
    discussed_on = models.DateField("date", default=timezone.localdate)
    amount = models.CharField("amount / terms", max_length=200)
    who = models.CharField("with whom", max_length=200, blank=True)
    is_offer = models.BooleanField("this is an offer", default=False)
    notes = models.TextField(max_length=5000, blank=True)

    class Meta:
        ordering = ["-discussed_on", "-id"]

    def __str__(self) -> str:
        return self.amount


class StageChange(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_status = models.CharField(max_length=20, choices=Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Status)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} -> {self.to_status}"


def get_opportunity_for_user(user, code) -> Opportunity:
    return get_object_or_404(Opportunity.objects.for_owner(user), code=code)
