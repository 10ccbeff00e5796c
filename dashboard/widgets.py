"""Data for each dashboard widget. Every function runs a fixed number of queries, however many
contacts, interactions or reminders there are (a test holds the whole page to one count)."""

import datetime as dt

from django.db.models import Count, F, Q
from django.db.models.functions import TruncWeek

from contacts import status
from contacts.models import Contact, Tag
from interactions.models import Interaction
from quickconnect.models import Submission
from reminders.models import Reminder
from reminders.services import next_birthday

WEEKS = 12


def stats(user, today: dt.date) -> dict:
    contacts = Contact.objects.for_owner(user).active()
    counts = contacts.aggregate(total=Count("pk"), vips=Count("pk", filter=Q(is_vip=True)))
    month_start = today.replace(day=1)
    open_due = Reminder.objects.for_owner(user).open().with_effective_due()
    due = open_due.aggregate(
        today=Count("pk", filter=Q(effective_due=today)),
        overdue=Count("pk", filter=Q(effective_due__lt=today)),
    )
    return {
        "contacts": counts["total"],
        "vips": counts["vips"],
        "attention": contacts.needs_attention(user, today).count(),
        "interactions_month": Interaction.objects.for_owner(user)
        .filter(occurred_at__date__gte=month_start)
        .count(),
        "due_today": due["today"],
        "overdue": due["overdue"],
    }


def needs_attention(user, today: dt.date, limit: int = 10) -> list[Contact]:
    """Check-in due and reconnect contacts, most overdue first (days past their check-in)."""
    overdue = status.days_expression(today, user.zone) - status.frequency_expression()
    return list(
        Contact.objects.for_owner(user)
        .needs_attention(user, today)
        .annotate(days_overdue=overdue)
        .order_by("-days_overdue", "name")[:limit]
    )


def reminder_buckets(user, today: dt.date) -> dict:
    reminders = list(
        Reminder.objects.for_owner(user)
        .open()
        .with_effective_due()
        .filter(effective_due__lte=today + dt.timedelta(days=7))
        .select_related("contact")
        .order_by("effective_due", "id")[:50]
    )
    return {
        "now": [r for r in reminders if r.effective_due <= today],
        "week": [r for r in reminders if r.effective_due > today],
    }


def upcoming_birthdays(user, today: dt.date, days: int = 30) -> list[dict]:
    """Birthdays in the next `days` days, including ones that wrap past 31 December."""
    people = Contact.objects.for_owner(user).active().filter(birthday__isnull=False)
    rows = []
    for contact in people.only("code", "name", "birthday"):
        day = next_birthday(contact.birthday, today)
        if (day - today).days <= days:
            rows.append({"contact": contact, "day": day, "in_days": (day - today).days})
    return sorted(rows, key=lambda r: r["day"])


def recent_interactions(user, limit: int = 10):
    return (
        Interaction.objects.for_owner(user).newest_first().select_related("contact", "type")[:limit]
    )


def recent_submissions(user, limit: int = 5):
    return (
        Submission.objects.filter(quick_code__owner=user, contact__isnull=False)
        .select_related("contact", "quick_code__event")
        .order_by("-created_at")[:limit]
    )


def vip_quick_access(user, limit: int = 8):
    # Never contacted first on every database (SQLite and PostgreSQL order NULLs differently).
    return (
        Contact.objects.for_owner(user)
        .active()
        .filter(is_vip=True)
        .order_by(F("last_contacted").asc(nulls_first=True), "name")[:limit]
    )


def status_distribution(user) -> list[tuple[str, str, int]]:
    """(status value, label, count) for every status, zeros included."""
    counts = dict(
        Contact.objects.for_owner(user)
        .active()
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(value, label, counts.get(value, 0)) for value, label in Contact.Status.choices]


def interactions_per_week(user, today: dt.date) -> list[tuple[dt.date, int]]:
    """(Monday of the week, interactions) for the last 12 weeks, oldest first, zeros included."""
    this_monday = today - dt.timedelta(days=today.weekday())
    first = this_monday - dt.timedelta(weeks=WEEKS - 1)
    counts = {
        row["week"].date() if hasattr(row["week"], "date") else row["week"]: row["n"]
        for row in Interaction.objects.for_owner(user)
        .filter(occurred_at__date__gte=first)
        .annotate(week=TruncWeek("occurred_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [
        (week, counts.get(week, 0))
        for week in (first + dt.timedelta(weeks=i) for i in range(WEEKS))
    ]


def top_tech_tags(user, limit: int = 10):
    return (
        Tag.objects.for_owner(user)
        .filter(kind=Tag.Kind.TECHNOLOGY)
        .annotate(n=Count("contacts", filter=Q(contacts__is_archived=False)))
        .filter(n__gt=0)
        .order_by("-n", "name")[:limit]
    )
