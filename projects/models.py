"""Freelance work: projects with their people, milestones, payments and time.

Money is a `Decimal` with its currency on every row that holds an amount; sums are kept per
currency and never converted.
"""

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from contacts.models import Contact, Tag
from devhub.lib.fields import FoldedField, FoldedKeysMixin
from history.models import TrackedHistory
from interactions.models import Interaction

MAX_AMOUNT = Decimal("9999999999.99")  # what 12 digits with 2 decimals hold
AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)]
DAY_HOURS = Decimal(8)  # a day of a daily-rate project, when time is billed


class Stage(models.TextChoices):
    LEAD = "lead", "Lead"
    PROPOSAL = "proposal", "Proposal sent"
    NEGOTIATING = "negotiating", "Negotiating"
    ACTIVE = "active", "Active"
    ON_HOLD = "on_hold", "On hold"
    COMPLETED = "completed", "Completed"
    LOST = "lost", "Lost"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STAGES = [Stage.LEAD, Stage.PROPOSAL, Stage.NEGOTIATING, Stage.ACTIVE, Stage.ON_HOLD]
CLOSED_STAGES = [Stage.COMPLETED, Stage.LOST, Stage.CANCELLED]


class ProjectQuerySet(models.QuerySet):
    def for_owner(self, user) -> "ProjectQuerySet":
        return self.filter(owner=user)

    def still_open(self) -> "ProjectQuerySet":
        """Not completed, lost or cancelled: the projects people can still join."""
        return self.exclude(stage__in=CLOSED_STAGES)

    def overdue(self, today: dt.date) -> "ProjectQuerySet":
        """With an overdue payment, or an undelivered milestone past its due date."""
        return self.filter(
            Q(Exists(Payment.objects.filter(project=OuterRef("pk"), status=Payment.Status.OVERDUE)))
            | Q(Exists(_late_milestones(today)))
        )

    def with_card_facts(self, today: dt.date) -> "ProjectQuerySet":
        """What a board card or list row shows, as subqueries: the next undelivered milestone's
        due date, whether one is late, whether a payment is overdue."""
        upcoming = Milestone.objects.filter(project=OuterRef("pk"), status__in=Milestone.UNDONE)
        return self.annotate(
            next_due_on=Subquery(upcoming.order_by("due_on").values("due_on")[:1]),
            milestone_late=Exists(_late_milestones(today)),
            payment_overdue=Exists(
                Payment.objects.filter(project=OuterRef("pk"), status=Payment.Status.OVERDUE)
            ),
        )


def _late_milestones(today: dt.date):
    return Milestone.objects.filter(
        project=OuterRef("pk"), due_on__lt=today, status__in=Milestone.UNDONE
    )


# What a rate is per, after its currency.
PER = {"hourly": "/h", "daily": "/day", "retainer": "/month"}


def project_label(title: str, client: str) -> str:
    """How a project is named in menus and lists (its str), from the two fields alone."""
    return f"{title} ({client})" if client else title


class Project(FoldedKeysMixin, models.Model):
    class Pricing(models.TextChoices):
        FIXED = "fixed", "Fixed price"
        HOURLY = "hourly", "Hourly"
        DAILY = "daily", "Daily"
        RETAINER = "retainer", "Retainer (monthly)"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="projects"
    )
    title = models.CharField(max_length=200)
    client = models.CharField("client organisation", max_length=200, blank=True)
    client_key = FoldedField(sources=("client",))  # the client filter and totals, any script
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.LEAD)
    stage_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    technologies = models.ManyToManyField(Tag, blank=True, related_name="projects")
    requirements = models.TextField("technical requirements", max_length=10000, blank=True)
    starts_on = models.DateField("start date", null=True, blank=True)
    ends_on = models.DateField("end date", null=True, blank=True)
    pricing = models.CharField(max_length=10, choices=Pricing, default=Pricing.FIXED)
    # The budget of a fixed-price project, else the rate per hour, day or month.
    rate = models.DecimalField(
        "rate or budget",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=AMOUNT_VALIDATORS,
    )
    currency = models.CharField(max_length=3, default="EUR", help_text="e.g. EUR, USD")
    estimated_hours = models.DecimalField(
        "estimated effort (hours)",
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100000"))],
    )
    repository_url = models.URLField("repository", max_length=500, blank=True)
    links = models.TextField("other links", max_length=5000, blank=True, help_text="One per line.")
    notes = models.TextField(max_length=10000, blank=True)
    interactions = models.ManyToManyField(Interaction, blank=True, related_name="projects")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProjectQuerySet.as_manager()

    history = TrackedHistory(excluded_fields=["client_key"])

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["owner", "stage", "-updated_at"], name="project_owner_stage"),
            models.Index(fields=["owner", "client_key"], name="project_owner_client"),
        ]

    def __str__(self) -> str:
        return project_label(self.title, self.client)

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    @property
    def bills_time(self) -> bool:
        return self.pricing in (self.Pricing.HOURLY, self.Pricing.DAILY)

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def price(self) -> str:
        """ "Hourly: 90.00 EUR/h", as a card, a list row and the project's page show it."""
        if self.rate is None:
            return self.get_pricing_display()
        per = PER.get(self.pricing, "")
        return f"{self.get_pricing_display()}: {self.rate:.2f} {self.currency}{per}"

    def people_interactions(self):
        """Interactions with the people on this project, newest first."""
        people = self.members.values("contact")
        return Interaction.objects.filter(contact__in=people).newest_first()


class Member(models.Model):
    """A contact's part in a project."""

    class Role(models.TextChoices):
        CLIENT = "client", "Client"
        STAKEHOLDER = "stakeholder", "Stakeholder"
        COLLABORATOR = "collaborator", "Collaborator"
        SUBCONTRACTOR = "subcontractor", "Subcontractor"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="project_roles")
    role = models.CharField(max_length=20, choices=Role, default=Role.CLIENT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "contact", "role"], name="project_member_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


class StageChange(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage or 'new'} -> {self.to_stage}"


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DELIVERED = "delivered", "Delivered"
        ACCEPTED = "accepted", "Accepted"

    DONE = (Status.DELIVERED, Status.ACCEPTED)
    UNDONE = (Status.PLANNED, Status.IN_PROGRESS)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField("due date")
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=AMOUNT_VALIDATORS
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.PLANNED)
    position = models.PositiveIntegerField("order", default=0)
    delivered_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "due_on", "id"]
        indexes = [
            # A project's milestones by due date, with their status: the dashboard's "milestones
            # due soon", a card's next milestone and whether one is late, read from the index
            # alone. (A partial index on the open statuses would not serve: queries pass the
            # statuses as parameters, which SQLite cannot match to an index's condition.)
            models.Index(fields=["project", "due_on", "status"], name="milestone_project_due")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE

    @property
    def outside_project_span(self) -> bool:
        """Due before the project starts or after it ends: worth a warning, not an error."""
        starts, ends = self.project.starts_on, self.project.ends_on
        return bool((starts and self.due_on < starts) or (ends and self.due_on > ends))


class Payment(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        INVOICED = "invoiced", "Invoiced"
        OVERDUE = "overdue", "Overdue"
        PAID = "paid", "Paid"
        WRITTEN_OFF = "written_off", "Written off"

    # Invoiced and not settled: what the client owes.
    OUTSTANDING = (Status.INVOICED, Status.OVERDUE)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="payments")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="payments"
    )
    amount = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
    )
    currency = models.CharField(max_length=3, default="EUR")
    due_on = models.DateField("due date")
    description = models.CharField(max_length=200, blank=True)
    invoice_number = models.CharField(max_length=50, blank=True)
    invoiced_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    # Kept by projects.services from the dates above and the owner's today; "overdue" is moved
    # in by the nightly `chase_payments` run, so lists filter on it through an index.
    status = models.CharField(max_length=20, choices=Status, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["project", "status"], name="payment_project_status"),
            models.Index(fields=["status", "due_on"], name="payment_status_due"),
        ]

    def __str__(self) -> str:
        label = self.invoice_number or self.description or "Payment"
        return f"{label}: {self.amount} {self.currency}"

    @property
    def is_settled(self) -> bool:
        return self.status in (self.Status.PAID, self.Status.WRITTEN_OFF)


class TimeEntry(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="time_entries")
    worked_on = models.DateField("date", default=timezone.localdate)
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(max_length=300, blank=True)
    billable = models.BooleanField(default=True)
    # Set once, when the entry is billed: it then belongs to that payment and cannot be billed
    # again (deleting the payment makes its entries billable again).
    payment = models.ForeignKey(
        Payment, on_delete=models.SET_NULL, null=True, blank=True, related_name="time_entries"
    )

    class Meta:
        ordering = ["-worked_on", "-id"]
        verbose_name_plural = "time entries"
        indexes = [
            # The unbilled hours of an owner's projects, from the index alone (a partial index
            # "WHERE billable AND payment IS NULL" is not used by SQLite for the parameterised
            # query Django sends, which then read every entry without a payment).
            models.Index(
                fields=["project", "billable", "payment", "hours"], name="time_entry_unbilled"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hours} h on {self.worked_on}"

    @property
    def is_billed(self) -> bool:
        return self.payment_id is not None


class FreelanceSettings(models.Model):
    """What a user's invoices say about them, and how early milestone reminders come."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="freelance_settings"
    )
    invoice_details = models.TextField(
        "your details on invoices",
        max_length=2000,
        blank=True,
        help_text="Name or business, address, tax number, bank details: printed as written.",
    )
    payment_terms_days = models.PositiveSmallIntegerField(
        "payment terms (days)", default=30, validators=[MaxValueValidator(365)]
    )
    milestone_notice_days = models.PositiveSmallIntegerField(
        "remind me this many days before a milestone",
        default=3,
        validators=[MaxValueValidator(60)],
        help_text="0 for a reminder on the due day only.",
    )

    class Meta:
        verbose_name_plural = "freelance settings"

    def __str__(self) -> str:
        return f"freelance settings of {self.owner}"

    @classmethod
    def of(cls, owner) -> "FreelanceSettings":
        """The owner's settings, the defaults if they never saved any (nothing is written)."""
        return cls.objects.filter(owner=owner).first() or cls(owner=owner)

    def notice_before(self, due_on: dt.date) -> dt.date:
        return due_on - dt.timedelta(days=self.milestone_notice_days)


def get_project_for_user(user, code) -> Project:
    return get_object_or_404(Project.objects.for_owner(user), code=code)


def get_milestone_for_user(user, code) -> Milestone:
    qs = Milestone.objects.filter(project__owner=user).select_related("project")
    return get_object_or_404(qs, code=code)


def get_payment_for_user(user, code) -> Payment:
    qs = Payment.objects.filter(project__owner=user).select_related("project", "milestone")
    return get_object_or_404(qs, code=code)


def get_time_entry_for_user(user, code) -> TimeEntry:
    qs = TimeEntry.objects.filter(project__owner=user).select_related("project")
    return get_object_or_404(qs, code=code)


def get_member_for_user(user, code) -> Member:
    qs = Member.objects.filter(project__owner=user).select_related("project", "contact")
    return get_object_or_404(qs, code=code)
