"""The nightly status refresh: set-based UPDATEs over all users, grouped by time zone.

Each user's "today" depends on their time zone, so there is one UPDATE per distinct time zone
(usually one or two), each applying contacts.status.status_expression to every contact whose
stored status differs from what the rules say. Running it twice changes nothing the second time;
two overlapping runs compute the same values, and reminders are inserted with ON CONFLICT IGNORE
against a unique constraint, so neither can double anything.
"""

import datetime as dt
import itertools
import time
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from contacts import status
from contacts.models import Contact
from reminders import services
from reminders.models import StatusRefreshRun

STALE_AFTER = dt.timedelta(hours=26)
# PostgreSQL advisory lock key ("DevHub" in ASCII) that makes overlapping runs take turns.
RUN_LOCK = 0x446576487562
# The statuses the rules move contacts between (the others are the user's choice).
MOVABLE = [value for value in Contact.Status.values if value not in status.PINNED]


def _take_turns() -> None:
    """One run at a time. SQLite's IMMEDIATE transactions already serialise writers; on
    PostgreSQL a transaction-scoped advisory lock does the same, so an overlapping run waits
    and then finds nothing left to change instead of reporting the same work twice."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RUN_LOCK])


@dataclass
class RefreshResult:
    transitions: Counter = field(default_factory=Counter)
    reminders_created: int = 0
    seconds: float = 0.0
    as_of: dict[str, dt.date] = field(default_factory=dict)

    @property
    def contacts_changed(self) -> int:
        return sum(self.transitions.values())

    def summary(self, dry_run: bool = False) -> str:
        moves = ", ".join(
            f"{old} -> {new}: {n}" for (old, new), n in sorted(self.transitions.items())
        )
        verb = "would change" if dry_run else "changed"
        reminders = "" if dry_run else f"; {self.reminders_created} reminders created"
        return (
            f"refresh_statuses: {self.contacts_changed} contacts {verb}"
            f"{' (' + moves + ')' if moves else ''}{reminders}; {self.seconds:.2f}s"
        )


def refresh_statuses(
    *,
    today: dt.date | None = None,
    username: str | None = None,
    dry_run: bool = False,
    record: bool = True,
) -> RefreshResult:
    """Recompute statuses and create due reminders; `record` logs the run (the cron job's).

    The settings page recomputes one user's statuses with record=False, so it cannot hide a
    broken cron job from the "last run" warning.
    """
    started, clock = timezone.now(), time.perf_counter()
    result = RefreshResult()
    users = User.objects.filter(is_active=True)
    if username is not None:
        users = users.filter(username=username)
    with transaction.atomic():
        _take_turns()
        for tz_name in users.values_list("time_zone", flat=True).distinct().order_by():
            tz = zoneinfo.ZoneInfo(tz_name)
            day = today or timezone.localtime(started, tz).date()
            result.as_of[tz_name] = day
            in_zone = users.filter(time_zone=tz_name)
            for owner in list(in_zone.order_by("pk")):
                _refresh_statuses_of(owner, day, tz, result, dry_run)
            if not dry_run:
                contacts = Contact.objects.filter(owner__in=in_zone)
                result.reminders_created += services.create_check_in_reminders(contacts, day)
                result.reminders_created += services.create_birthday_reminders(contacts, day)
        if dry_run:
            transaction.set_rollback(True)
        elif record:
            result.seconds = time.perf_counter() - clock
            StatusRefreshRun.objects.create(
                started_at=started,
                finished_at=timezone.now(),
                as_of=today or timezone.localdate(started),
                contacts_changed=result.contacts_changed,
                transitions={f"{o} -> {n}": c for (o, n), c in result.transitions.items()},
                reminders_created=result.reminders_created,
            )
    result.seconds = time.perf_counter() - clock
    return result


def _refresh_statuses_of(owner, day: dt.date, tz, result: RefreshResult, dry_run: bool) -> None:
    """One owner at a time, so their default follow-up days are constants in the SQL rather than
    a subquery per contact (see contacts/status.py). One UPDATE per (old, new) status pair: its
    row count is that transition's count, and each row's rule is evaluated twice at most."""
    # The rule is resolved once; each statement below only filters a copy of this query.
    theirs = Contact.objects.filter(owner=owner).alias(
        new_status=status.status_expression(day, tz, owner)
    )
    now = timezone.now()
    for old, new in itertools.permutations(MOVABLE, 2):
        moving = theirs.filter(status=old, new_status=new)
        count = moving.count() if dry_run else moving.update(status=new, updated_at=now)
        if count:
            result.transitions[(old, new)] += count


def last_run() -> StatusRefreshRun | None:
    return StatusRefreshRun.objects.order_by("-finished_at").first()


def is_stale(run: StatusRefreshRun | None, now: dt.datetime | None = None) -> bool:
    """True when the cron job has not run for more than 26 hours (or never ran)."""
    return run is None or (now or timezone.now()) - run.finished_at > STALE_AFTER
