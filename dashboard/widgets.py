"""Data for each dashboard widget. Every function runs a fixed number of queries, however many
contacts, interactions or reminders there are (a test holds the whole page to one count).

Date filters compare the stored column with bounds computed in Python (`_local_midnight`) rather
than wrapping the column in a date function: on SQLite, Django's `__date` and `Trunc*` call a
Python function for every row, which made the dashboard of a user with 100,000 interactions
spend most of its time converting timestamps (see bench/README.md).
"""

import datetime as dt
import itertools

from django.db.models import Count, F, Q
from django.utils import timezone

from contacts import status
from contacts.models import Contact, Tag
from interactions.models import Interaction
from quickconnect.models import Submission
from reminders.models import Reminder
from reminders.services import birthdays_within, next_birthday

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
        .filter(occurred_at__gte=_local_midnight(month_start))
        .count(),
        "due_today": due["today"],
        "overdue": due["overdue"],
    }


def _local_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in the current (the user's) time zone, as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def needs_attention(user, today: dt.date, limit: int = 10) -> list[Contact]:
    """Check-in due and reconnect contacts, most overdue first (days past their check-in)."""
    overdue = status.days_expression(today, user.zone) - status.frequency_expression(user)
    return list(
        Contact.objects.for_owner(user)
        .needs_attention(user, today)
        .annotate(days_overdue=overdue)
        .order_by("-days_overdue", "name")[:limit]
    )


def reminder_buckets(user, today: dt.date, limit: int = 10) -> dict:
    """The first `limit` reminders due by today and in the next 7 days; the rest are a link
    away (someone with thousands of check-ins due would otherwise get them all here)."""
    due = (
        Reminder.objects.for_owner(user)
        .open()
        .with_effective_due()
        .select_related("contact")
        .order_by("effective_due", "id")
    )
    week_end = today + dt.timedelta(days=7)
    now = list(due.filter(effective_due__lte=today)[: limit + 1])
    week = list(due.filter(effective_due__gt=today, effective_due__lte=week_end)[: limit + 1])
    return {
        "now": now[:limit],
        "week": week[:limit],
        "more": len(now) > limit or len(week) > limit,
    }


def upcoming_birthdays(user, today: dt.date, days: int = 30) -> list[dict]:
    """Birthdays in the next `days` days, including ones that wrap past 31 December.

    The database narrows the contacts to birthdays on the window's days of the year, so the
    page loads a handful of rows instead of every contact with a birthday."""
    people = birthdays_within(Contact.objects.for_owner(user).active(), today, days)
    rows = []
    for contact in people.only("code", "name", "birthday"):
        day = next_birthday(contact.birthday, today)
        if (day - today).days <= days:
            rows.append({"contact": contact, "day": day, "in_days": (day - today).days})
    return sorted(rows, key=lambda r: r["day"])


def first_of(name: str, rows: list, limit: int = 12) -> dict:
    """The first `limit` rows as `name`, and how many more there are as `more_<name>` (a big
    network has hundreds of birthdays a month)."""
    return {name: rows[:limit], f"more_{name}": max(len(rows) - limit, 0)}


def recent_interactions(user, limit: int = 10):
    return (
        Interaction.objects.for_owner_by_time(user)
        .newest_first()
        .select_related("contact", "type")[:limit]
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
    mondays = [first + dt.timedelta(weeks=i) for i in range(WEEKS + 1)]
    bounds = [_local_midnight(monday) for monday in mondays]
    counts = (
        Interaction.objects.for_owner(user)
        .filter(occurred_at__gte=bounds[0])
        .aggregate(
            **{
                f"w{i}": Count("pk", filter=Q(occurred_at__gte=start, occurred_at__lt=end))
                for i, (start, end) in enumerate(itertools.pairwise(bounds))
            }
        )
    )
    return [(monday, counts[f"w{i}"]) for i, monday in enumerate(mondays[:WEEKS])]


def top_tech_tags(user, limit: int = 10):
    return (
        Tag.objects.for_owner(user)
        .filter(kind=Tag.Kind.TECHNOLOGY)
        .annotate(n=Count("contacts", filter=Q(contacts__is_archived=False)))
        .filter(n__gt=0)
        .order_by("-n", "name")[:limit]
    )
