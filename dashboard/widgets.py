"""Data for each dashboard widget. Every function runs a fixed number of queries, however many
contacts, interactions or reminders there are (a test holds the whole page to one count).

Date filters compare the stored column with bounds computed in Python
(`devhub.lib.dates.local_midnight`) rather than wrapping the column in a date function: on
SQLite, Django's `__date` and `Trunc*` call a Python function for every row, which made the
dashboard of a user with 100,000 interactions spend most of its time converting timestamps.
"""

import datetime as dt
import itertools
import uuid
from collections import Counter
from typing import NamedTuple

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from collaborations.models import Collaboration, PlannedSession, Session, Stage
from contacts.models import Contact, Tag
from devhub.lib.dates import local_midnight
from embeddings.encoder import enabled as embeddings_enabled
from interactions.models import Interaction
from projects import services as project_services
from projects.models import OPEN_STAGES, Milestone, Payment, Project
from quickconnect.models import Submission
from reminders.models import Reminder
from reminders.services import birthday_days, birthdays_within, next_birthday
from suggestions.models import shown_for

WEEKS = 12
MILESTONE_DAYS = 14
COLLABORATION_DAYS = 14


def stats(user, today: dt.date) -> dict:
    """The six counts, in one query: each from an index alone ((owner, is_archived, ...),
    (owner, is_vip, ...), (owner, is_archived, status, ...), the interactions' (owner, time) and
    the open reminders' (owner, effective_due))."""
    contacts = Contact.objects.for_owner(user).active()
    month_start = local_midnight(today.replace(day=1))
    reminders = Reminder.objects.for_owner(user).open()
    return counts_of(
        user,
        {
            "contacts": contacts.order_by(),
            "vips": contacts.filter(is_vip=True).order_by(),
            "attention": contacts.needs_attention(today).order_by(),
            "interactions_month": Interaction.objects.for_owner(user)
            .filter(occurred_at__gte=month_start)
            .order_by(),
            "due_today": reminders.filter(effective_due=today).order_by(),
            "overdue": reminders.filter(effective_due__lt=today).order_by(),
        },
    )


def needs_attention(user, today: dt.date, limit: int = 10) -> list[Contact]:
    """Check-in due and reconnect contacts, most overdue first (days past their check-in), each
    with its best stored follow-up suggestion as `openers` (one query for the rows shown)."""
    contacts = list(
        Contact.objects.for_owner(user).needs_attention(today).most_overdue_first()[:limit]
    )
    # One each, to keep the list compact; the contact page and the suggestions page show more.
    openers = shown_for(user, contacts, today, per_contact=1) if embeddings_enabled() else {}
    for contact in contacts:
        contact.days_overdue = (today - contact.check_in_on).days
        contact.openers = openers.get(contact.pk, [])
    return contacts


def reminder_buckets(user, today: dt.date, limit: int = 10) -> dict:
    """The first `limit` reminders due by today and in the next 7 days; the rest are a link
    away (someone with thousands of check-ins due would otherwise get them all here).

    The contacts are fetched for the rows shown only: joined in the query, every due reminder's
    contact would be read before the sort picks the first few."""
    due = Reminder.objects.for_owner(user).open().order_by("effective_due", "id")
    week_end = today + dt.timedelta(days=7)
    now = list(due.filter(effective_due__lte=today).prefetch_related("contact")[: limit + 1])
    week = list(due.filter(effective_due__gt=today, effective_due__lte=week_end)[: limit + 1])
    return {
        "now": now[:limit],
        "week": week[:limit],
        "more": len(now) > limit or len(week) > limit,
    }


class Person(NamedTuple):
    code: uuid.UUID
    name: str


def upcoming_birthdays(user, today: dt.date, days: int = 30, limit: int = 12) -> dict:
    """The first `limit` birthdays in the next `days` days (wrapping past 31 December) as
    `birthdays`, and how many more there are as `more_birthdays` (a big network has hundreds a
    month): a count from the (owner, is_archived, birthday_day) index, then the first rows of each
    range of days in that index's order (each range read, so the queries do not depend on how
    many birthdays the first one has)."""
    contacts = Contact.objects.for_owner(user).active()
    total = birthdays_within(contacts, today, days).count()
    rows = []
    for first, last in birthday_days(today, days):
        people = contacts.filter(birthday_day__range=(first, last)).order_by(
            "birthday_day", Lower("name")
        )
        for code, name, birthday in people.values_list("code", "name", "birthday")[:limit]:
            day = next_birthday(birthday, today)
            rows.append({"contact": Person(code, name), "day": day, "in_days": (day - today).days})
    rows = rows[:limit]
    return {"birthdays": rows, "more_birthdays": total - len(rows)}


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
    mondays = [first + dt.timedelta(weeks=i) for i in range(WEEKS + 1)]
    bounds = [local_midnight(monday) for monday in mondays]
    interactions = Interaction.objects.for_owner(user)
    counts = counts_of(
        user,
        {
            f"w{i}": interactions.filter(occurred_at__gte=start, occurred_at__lt=end).order_by()
            for i, (start, end) in enumerate(itertools.pairwise(bounds))
        },
    )
    return [(monday, counts[f"w{i}"]) for i, monday in enumerate(mondays[:WEEKS])]


class CountOf(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()


def counts_of(user, querysets: dict[str, QuerySet]) -> dict[str, int]:
    """Each queryset's count, in one query (selected alongside the user's row): a scalar
    subquery per count reads only its own index range, where one aggregate FILTERed by range
    tests every row against every range. Each keeps its queryset's order, which decides the
    index the database walks."""
    # Prefixed: a count named like one of the user's fields or relations ("contacts") would clash.
    counts = {f"count_{name}": CountOf(qs.values("pk")) for name, qs in querysets.items()}
    row = User.objects.filter(pk=user.pk).values(**counts).get()
    return {name: row[f"count_{name}"] for name in querysets}


def top_tech_tags(user, limit: int = 10) -> list[Tag]:
    """The technology tags on most current contacts, each with their count `n`.

    Counted as all of a tag's links (the link table's tag index alone) less the links of archived
    contacts (few, found through the contacts' archive index): asking each linked contact whether
    it is archived would read every contact row of a big network."""
    tags = {tag.pk: tag for tag in Tag.objects.for_owner(user).filter(kind=Tag.Kind.TECHNOLOGY)}
    links = Contact.tags.through.objects.filter(tag__in=list(tags)).order_by()
    counts = Counter(dict(links.values_list("tag").annotate(Count("pk"))))
    archived = links.filter(contact__owner=user, contact__is_archived=True)
    counts.subtract(dict(archived.values_list("tag").annotate(Count("pk"))))
    for pk, tag in tags.items():
        tag.n = counts[pk]
    ranked = sorted((tag for tag in tags.values() if tag.n > 0), key=lambda t: (-t.n, t.name))
    return ranked[:limit]


def freelance(user, today: dt.date, limit: int = 8) -> dict:
    """For someone with projects: the undelivered milestones of open projects due within
    MILESTONE_DAYS (the late ones first), overdue payments and the hours not billed yet; the first
    `limit` rows of each list, and whether there are more. Without projects, one EXISTS and
    nothing to show."""
    if not Project.objects.for_owner(user).exists():
        return {"freelance": None}
    milestones = (
        Milestone.objects.filter(
            project__owner=user,
            project__stage__in=OPEN_STAGES,
            status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS],
            due_on__lte=today + dt.timedelta(days=MILESTONE_DAYS),
        )
        .select_related("project")
        .order_by("due_on", "id")
    )
    overdue = (
        Payment.objects.filter(project__owner=user, status=Payment.Status.OVERDUE)
        .select_related("project")
        .order_by("due_on", "id")
    )
    due_soon, late = list(milestones[: limit + 1]), list(overdue[: limit + 1])
    return {
        "freelance": {
            "milestones": due_soon[:limit],
            "overdue": late[:limit],
            "more": len(due_soon) > limit or len(late) > limit,
            "shown": limit,
            # 4.5 and 20, not 4.50 and 2E+1
            "unbilled_hours": f"{project_services.unbilled_hours(user).normalize():f}",
        }
    }


class CollaborationDate(NamedTuple):
    on: dt.date
    at: dt.time | None  # a session's time, in the owner's zone
    what: str
    collaboration: Collaboration


def _next_planned(user, today: dt.date, end: dt.date) -> QuerySet:
    """A study group's first planned date from now to `end` after its last recorded session."""
    local = timezone.now().astimezone(user.zone)
    held = Session.objects.filter(
        collaboration=OuterRef("collaboration"), held_on__gte=OuterRef("on")
    )
    planned = PlannedSession.objects.filter(collaboration=OuterRef("pk"), on__range=(today, end))
    if local.date() == today:  # one earlier today has started
        planned = planned.exclude(on=today, at__lt=local.time())
    return planned.filter(~Exists(held)).order_by("on", "at")


def collaboration_dates(user, today: dt.date, limit: int = 8) -> dict:
    """The next sessions of study groups (weekly or planned) and the target and publish dates of
    the collaborations being made, within COLLABORATION_DAYS, soonest first; one query (nothing
    to show without any)."""
    end = today + dt.timedelta(days=COLLABORATION_DAYS)
    soon = Q(target_on__range=(today, end)) | Q(published_on__range=(today, end))
    rows = (
        Collaboration.objects.for_owner(user)
        .filter(stage__in=[Stage.IDEA, Stage.PLANNING, Stage.IN_PROGRESS])
        .annotate(
            planned_on=Subquery(_next_planned(user, today, end).values("on")[:1]),
            planned_at=Subquery(_next_planned(user, today, end).values("at")[:1]),
        )
        .filter(
            soon | Q(meets_on__isnull=False, meets_at__isnull=False) | Q(planned_on__isnull=False)
        )
        .annotate(last_held=Max("sessions__held_on"))
        .only("code", "title", "stage", "target_on", "published_on", "meets_on", "meets_at")
    )
    dates = []
    for c in rows:
        planned = [PlannedSession(on=c.planned_on, at=c.planned_at)] if c.planned_on else []
        upcoming = c.next_session(user.zone, after=c.last_held, planned=planned)
        if upcoming is not None and upcoming.date() <= end:
            dates.append(CollaborationDate(upcoming.date(), upcoming.time(), "Session", c))
        for on, what in ((c.target_on, "Target date"), (c.published_on, "Publish")):
            if on is not None and today <= on <= end:
                dates.append(CollaborationDate(on, None, what, c))
    dates.sort(key=lambda d: (d.on, d.at or dt.time.max, d.collaboration.title))
    return {"collaboration_dates": dates[:limit], "collaboration_more": len(dates) > limit}
