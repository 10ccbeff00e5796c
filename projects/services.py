"""Every write to projects, milestones, payments and time (with the reminders they keep), and the
money figures read from them.

Reminders: a milestone has one "before" reminder (the owner's notice days ahead) and one "due"
reminder, moved with its date and completed by delivering it; a delivered milestone that nobody
invoiced gets "send the invoice"; an invoiced payment past its due date becomes overdue in the
nightly `chase_payments` run and gets "payment overdue", once.
"""

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Q, QuerySet, Sum, When
from django.utils import timezone

from contacts.status import local_today
from devhub.lib import stages
from projects.models import (
    CLOSED_STAGES,
    DAY_HOURS,
    FreelanceSettings,
    Member,
    Milestone,
    Payment,
    Project,
    StageChange,
    TimeEntry,
)
from reminders.models import Reminder
from reminders.services import schedule_reminder
from search import index as search_index

Kind = Reminder.Kind
MILESTONE_OCCASIONS = ("before", "due")
HISTORY = stages.History(StageChange, "project")


class BillingError(Exception):
    """Raised when time cannot be billed; its message is for the user."""


# Projects


@transaction.atomic
def save_new(project: Project) -> Project:
    """Create a project with its first stage-history entry."""
    HISTORY.start(project)
    search_index.put_project(project)
    return project


@transaction.atomic
def update(project: Project) -> Project:
    """Save an edited project (its stage changes through `move`, which keeps the history)."""
    locked = Project.objects.select_for_update().values_list("stage", "title", "client")
    previous, title, client = locked.get(pk=project.pk)
    stage, project.stage = project.stage, previous
    project.save()
    move(project, stage)  # closing or reopening it sets its reminders from the new title
    crossed = (previous in CLOSED_STAGES) != (stage in CLOSED_STAGES)
    if (title, client) != (project.title, project.client) and not crossed:
        sync_project_reminders(project)  # reminder titles name the project
    search_index.put_project(project)
    return project


@transaction.atomic
def move(project: Project, stage: str) -> bool:
    """Change the stage (board, menu or form), recording it; False if it was already there."""
    previous = HISTORY.move(project, stage)
    if previous is None:
        return False
    if (previous in CLOSED_STAGES) != (stage in CLOSED_STAGES):
        # Closing a project ends its milestones' reminders; reopening it brings them back.
        if stage not in CLOSED_STAGES:
            _reopen(project.milestones.exclude(status__in=Milestone.DONE))
        sync_project_reminders(project)
    return True


@transaction.atomic
def delete(project: Project) -> None:
    """Delete it, dismissing the reminders it made."""
    _reminders_of(project).open().update(dismissed_at=timezone.now())
    search_index.remove_project(project.owner_id, project.pk)
    project.delete()


def technologies_saved(project: Project) -> None:
    """After the project form saved its technologies (which it does after `save_new`/`update`)."""
    search_index.put_project(project)


@transaction.atomic
def add_member(project: Project, contact, role: str) -> Member:
    """Give a contact (the project owner's) a role in the project."""
    member = Member.objects.create(project=project, contact=contact, role=role)
    search_index.put_project(project)
    return member


@transaction.atomic
def remove_member(member: Member) -> None:
    member.delete()
    search_index.put_project(member.project)


def _reminders_of(project: Project):
    return Reminder.objects.filter(Q(milestone__project=project) | Q(payment__project=project))


def sync_project_reminders(project: Project) -> None:
    notice = FreelanceSettings.of(project.owner)
    for milestone in project.milestones.all():
        milestone.project = project
        _sync_milestone_reminders(milestone, notice)


# Milestones


@transaction.atomic
def save_milestone(milestone: Milestone) -> Milestone:
    """Create or edit a milestone; its reminders follow its date, title and status."""
    undone = not milestone.is_done and milestone.pk is not None
    if undone and Milestone.objects.filter(pk=milestone.pk, status__in=Milestone.DONE).exists():
        _reopen([milestone])  # delivered by mistake: its deadline counts again
    if milestone.is_done and not milestone.delivered_on:
        milestone.delivered_on = local_today(milestone.project.owner)
    elif not milestone.is_done:
        milestone.delivered_on = None
    milestone.save()
    _sync_milestone_reminders(milestone, FreelanceSettings.of(milestone.project.owner))
    return milestone


def set_milestone_status(milestone: Milestone, status: str) -> Milestone:
    milestone.status = status
    return save_milestone(milestone)


@transaction.atomic
def delete_milestone(milestone: Milestone) -> None:
    Reminder.objects.open().filter(milestone=milestone).update(dismissed_at=timezone.now())
    milestone.delete()


def _reopen(milestones) -> None:
    Reminder.objects.filter(milestone__in=milestones, occasion__in=MILESTONE_OCCASIONS).update(
        completed_at=None, dismissed_at=None
    )


def _sync_milestone_reminders(milestone: Milestone, notice: FreelanceSettings) -> None:
    project, owner = milestone.project, milestone.project.owner
    mine = Reminder.objects.open().filter(milestone=milestone)
    if project.is_closed:
        mine.update(dismissed_at=timezone.now())
        return
    if milestone.is_done:
        mine.filter(occasion__in=MILESTONE_OCCASIONS).update(completed_at=timezone.now())
    else:
        before = notice.notice_before(milestone.due_on)
        if before < milestone.due_on and before >= local_today(owner):
            _milestone_reminder(
                milestone, "before", before, f"Milestone due {milestone.due_on:%-d %b}"
            )
        else:
            mine.filter(occasion="before").update(dismissed_at=timezone.now())
        _milestone_reminder(milestone, "due", milestone.due_on, "Milestone due today")
    _sync_invoice_reminder(milestone)


def _milestone_reminder(milestone: Milestone, occasion: str, due_on: dt.date, what: str) -> None:
    schedule_reminder(
        milestone.project.owner,
        kind=Kind.PROJECT_MILESTONE,
        title=f"{what}: {milestone.title} ({milestone.project})"[:200],
        due_on=due_on,
        milestone=milestone,
        occasion=occasion,
        reopen=True,
    )


def _sync_invoice_reminder(milestone: Milestone) -> None:
    """Delivered and not invoiced yet: "send the invoice", once; invoicing it completes that."""
    open_ones = Reminder.objects.open().filter(milestone=milestone, occasion="invoice")
    invoiced = milestone.payments.filter(invoiced_on__isnull=False).exists()
    if not milestone.is_done:
        open_ones.update(dismissed_at=timezone.now())
    elif invoiced:
        open_ones.update(completed_at=timezone.now())
    else:
        schedule_reminder(
            milestone.project.owner,
            kind=Kind.PAYMENT,
            title=f"Send the invoice: {milestone.title} ({milestone.project})"[:200],
            due_on=milestone.delivered_on or local_today(milestone.project.owner),
            milestone=milestone,
            occasion="invoice",
        )


# Payments


def payment_status(payment: Payment, today: dt.date) -> str:
    """The one rule for a payment's status, from its dates (a write-off is a decision kept as
    is)."""
    Status = Payment.Status
    if payment.status == Status.WRITTEN_OFF:
        return Status.WRITTEN_OFF
    if payment.paid_on:
        return Status.PAID
    if payment.invoiced_on:
        return Status.OVERDUE if payment.due_on < today else Status.INVOICED
    return Status.SCHEDULED


@transaction.atomic
def save_payment(payment: Payment) -> Payment:
    """Create or edit a payment: its status from its dates, its reminders from its status."""
    payment.status = payment_status(payment, local_today(payment.project.owner))
    payment.save()
    _sync_payment_reminders(payment)
    return payment


def mark_invoiced(payment: Payment, number: str, invoiced_on: dt.date, due_on: dt.date) -> Payment:
    payment.invoice_number, payment.invoiced_on, payment.due_on = number, invoiced_on, due_on
    return save_payment(payment)


def mark_paid(payment: Payment, paid_on: dt.date) -> Payment:
    payment.paid_on = paid_on
    if payment.status == Payment.Status.WRITTEN_OFF:
        payment.status = Payment.Status.PAID
    return save_payment(payment)


def write_off(payment: Payment, on: bool = True) -> Payment:
    """Give up on a payment (or take that back: its dates decide its status again)."""
    payment.status = Payment.Status.WRITTEN_OFF if on else Payment.Status.SCHEDULED
    return save_payment(payment)


@transaction.atomic
def delete_payment(payment: Payment) -> None:
    """Delete it; the time billed by it can be billed again."""
    Reminder.objects.open().filter(payment=payment).update(dismissed_at=timezone.now())
    milestone = payment.milestone
    payment.delete()
    if milestone:
        _sync_invoice_reminder(milestone)


def _sync_payment_reminders(payment: Payment) -> None:
    overdue = Reminder.objects.open().filter(payment=payment, occasion="overdue")
    if payment.status == Payment.Status.OVERDUE:
        schedule_reminder(
            payment.project.owner,
            kind=Kind.PAYMENT,
            title=_overdue_title(payment),
            due_on=payment.due_on + dt.timedelta(days=1),
            payment=payment,
            occasion="overdue",
        )
    elif payment.status == Payment.Status.PAID:
        overdue.update(completed_at=timezone.now())
    else:
        overdue.update(dismissed_at=timezone.now())
    if payment.milestone_id:
        _sync_invoice_reminder(payment.milestone)


def _overdue_title(payment: Payment) -> str:
    label = f"invoice {payment.invoice_number}" if payment.invoice_number else "payment"
    return f"Payment overdue: {label}, {payment.amount} {payment.currency} ({payment.project})"[
        :200
    ]


@dataclass
class ChaseReport:
    overdue: int = 0
    reminders: int = 0


def chase_payments(now: dt.datetime | None = None, *, dry_run: bool = False) -> ChaseReport:
    """Invoiced payments past their due date (in their owner's time zone) become overdue and get
    their reminder: a conditional UPDATE and an INSERT that ignores the occasion's unique
    constraint, so overlapping or repeated runs never double anything. Catches up missed days.
    With `dry_run`, only counts the payments that would become overdue."""
    report = ChaseReport()
    now = now or timezone.now()
    User = get_user_model()
    zones = (
        User.objects.filter(projects__payments__status=Payment.Status.INVOICED)
        .values_list("time_zone", flat=True)
        .distinct()
    )
    for zone in sorted(set(zones)):
        today = timezone.localtime(now, zoneinfo.ZoneInfo(zone)).date()
        with transaction.atomic():
            late = Payment.objects.filter(
                status=Payment.Status.INVOICED, due_on__lt=today, project__owner__time_zone=zone
            )
            ids = list(late.values_list("pk", flat=True))
            if dry_run:
                report.overdue += len(ids)
                continue
            report.overdue += Payment.objects.filter(
                pk__in=ids, status=Payment.Status.INVOICED
            ).update(status=Payment.Status.OVERDUE)
            report.reminders += _overdue_reminders(ids)
    return report


def _overdue_reminders(payment_ids: list[int]) -> int:
    payments = Payment.objects.filter(pk__in=payment_ids).select_related("project__owner")
    reminders = [
        Reminder(
            owner=p.project.owner,
            kind=Kind.PAYMENT,
            title=_overdue_title(p),
            due_on=p.due_on + dt.timedelta(days=1),
            payment=p,
            occasion="overdue",
            is_automatic=True,
        )
        for p in payments
    ]
    before = Reminder.objects.filter(payment_id__in=payment_ids, occasion="overdue").count()
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True)
    return Reminder.objects.filter(payment_id__in=payment_ids, occasion="overdue").count() - before


# Time


def save_time_entry(entry: TimeEntry) -> TimeEntry:
    if entry.pk and TimeEntry.objects.filter(pk=entry.pk, payment__isnull=False).exists():
        raise BillingError("This time is billed already: delete its payment to change it.")
    entry.save()
    return entry


def delete_time_entry(entry: TimeEntry) -> None:
    if entry.is_billed:
        raise BillingError("This time is billed already: delete its payment to change it.")
    entry.delete()


def unbilled(project: Project) -> QuerySet[TimeEntry]:
    return project.time_entries.filter(billable=True, payment=None)


def open_time(project: Project) -> tuple[list[TimeEntry], list[TimeEntry]]:
    """The project's time not billed yet, in one query: what `unbilled` finds, and the entries
    that are not billable."""
    entries = list(project.time_entries.filter(payment=None))
    return [e for e in entries if e.billable], [e for e in entries if not e.billable]


def amount_for_hours(project: Project, hours: Decimal) -> Decimal:
    """What billable hours come to at the project's rate (a day is DAY_HOURS hours)."""
    rate = project.rate or Decimal(0)
    if project.pricing == Project.Pricing.DAILY:
        return (hours / DAY_HOURS * rate).quantize(Decimal("0.01"))
    return (hours * rate).quantize(Decimal("0.01"))


@transaction.atomic
def bill_time(project: Project, entries: Iterable[TimeEntry], due_on: dt.date) -> Payment:
    """Turn unbilled entries into one scheduled payment; each entry can be billed only once (a
    claim by conditional UPDATE: a second, concurrent bill of the same entries fails)."""
    if not project.bills_time:
        raise BillingError("Only hourly and daily projects bill time.")
    if not project.rate:
        raise BillingError("Set the project's rate first.")
    ids = [e.pk for e in entries]
    chosen = unbilled(project).filter(pk__in=ids)
    hours = chosen.aggregate(total=Sum("hours"))["total"]
    if not ids or not hours or chosen.count() != len(ids):
        raise BillingError("Choose unbilled, billable time of this project.")
    days = chosen.order_by("worked_on").values_list("worked_on", flat=True)
    first, last = days[0], days[len(ids) - 1]
    span = f"{first:%-d %b %Y}" if first == last else f"{first:%-d %b} to {last:%-d %b %Y}"
    payment = save_payment(
        Payment(
            project=project,
            amount=amount_for_hours(project, hours),
            currency=project.currency,
            due_on=due_on,
            description=f"{hours.normalize():f} h of work, {span}",
        )
    )
    if unbilled(project).filter(pk__in=ids).update(payment=payment) != len(ids):
        raise BillingError("Some of this time was billed meanwhile.")
    return payment


# Settings


def save_settings(settings: FreelanceSettings) -> FreelanceSettings:
    """Save the owner's freelance settings; new notice days move every open milestone's reminder."""
    with transaction.atomic():
        settings.save()
        for project in Project.objects.for_owner(settings.owner).still_open():
            for milestone in project.milestones.exclude(status__in=Milestone.DONE):
                milestone.project = project
                _sync_milestone_reminders(milestone, settings)
    return settings


# Money


@dataclass
class Money:
    """Sums of one currency."""

    currency: str
    agreed: Decimal = Decimal(0)
    invoiced: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    outstanding: Decimal = Decimal(0)
    overdue: Decimal = Decimal(0)


@dataclass
class Totals:
    by_currency: dict[str, Money] = field(default_factory=dict)

    def of(self, currency: str) -> Money:
        return self.by_currency.setdefault(currency, Money(currency))

    def __iter__(self):
        return iter(sorted(self.by_currency.values(), key=lambda m: m.currency))

    def __bool__(self) -> bool:
        return bool(self.by_currency)


def totals(projects: QuerySet[Project]) -> Totals:
    """Agreed, invoiced, paid, outstanding and overdue of `projects`, per currency (two grouped
    queries, whatever the number of rows).

    Agreed is a fixed-price project's budget, else what its payment schedule adds up to (less
    write-offs)."""
    result = Totals()
    fixed = projects.filter(pricing=Project.Pricing.FIXED, rate__isnull=False)
    for currency, budget in fixed.values_list("currency").annotate(s=Sum("rate")).order_by():
        result.of(currency).agreed += budget
    budgeted = Q(project__pricing=Project.Pricing.FIXED, project__rate__isnull=False)
    rows = (
        Payment.objects.filter(project__in=projects)
        .annotate(budgeted=Case(When(budgeted, then=True), default=False))
        .values_list("currency", "status", "budgeted")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    for currency, status, in_budget, amount in rows:
        _count_payment(result.of(currency), status, in_budget, amount)
    return result


def project_totals(project: Project, payments: Iterable[Payment]) -> Totals:
    """`totals` of one project from its payments, already read for its page."""
    result = Totals()
    in_budget = project.pricing == Project.Pricing.FIXED and project.rate is not None
    if in_budget:
        result.of(project.currency).agreed += project.rate
    for payment in payments:
        _count_payment(result.of(payment.currency), payment.status, in_budget, payment.amount)
    return result


def _count_payment(money: Money, status: str, in_budget: bool, amount: Decimal) -> None:
    """Add a payment (or a sum of payments of one status) to its currency's figures; `in_budget`:
    its project has a fixed budget, which is what was agreed instead."""
    Status = Payment.Status
    if status != Status.WRITTEN_OFF and not in_budget:
        money.agreed += amount
    if status in (Status.INVOICED, Status.OVERDUE, Status.PAID):
        money.invoiced += amount
    if status == Status.PAID:
        money.paid += amount
    if status in Payment.OUTSTANDING:
        money.outstanding += amount
    if status == Status.OVERDUE:
        money.overdue += amount


def client_totals(contact) -> Totals:
    """Money of the projects in which `contact` is a client."""
    projects = Project.objects.filter(
        owner_id=contact.owner_id, members__contact=contact, members__role="client"
    )
    return totals(Project.objects.filter(pk__in=projects.values("pk")))


def unbilled_hours(owner) -> Decimal:
    total = TimeEntry.objects.filter(project__owner=owner, billable=True, payment=None).aggregate(
        total=Sum("hours")
    )["total"]
    return total or Decimal(0)
