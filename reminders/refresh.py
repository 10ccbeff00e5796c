"""The nightly status refresh: statuses move as days pass, reading the stored due dates.

contacts.services keeps every contact's `check_in_on`, `reconnect_on` and `status` equal to the
rules on each write; all that changes overnight is "today". So a run is a few UPDATEs of the rows
whose stored day has come (regular -> check-in due, regular or check-in due -> reconnect), per time
zone and through the (owner, status, day) indexes: its work grows with the contacts that change,
not with all contacts. The day each owner's rows are compared with is their own local date,
computed here in Python; no query converts time zones.

Running it twice changes nothing the second time; overlapping runs take turns (_take_turns), and
reminders are inserted with ON CONFLICT IGNORE against a unique constraint, so neither can double
anything. A day other than the owners' real local date is only ever a preview (dry run).
"""

import datetime as dt
import time
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Subquery
from django.utils import timezone

from accounts.models import User
from collaborations.services import create_follow_up_reminders, roll_session_reminders
from contacts.models import Contact
from history.bulk import record_rows
from history.sources import CRON, changes_by
from reminders import services
from reminders.models import StatusRefreshRun

STALE_AFTER = dt.timedelta(hours=26)
# PostgreSQL advisory lock key ("DevHub" in ASCII) that makes overlapping runs take turns.
RUN_LOCK = 0x446576487562


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


class PreviewOnly(ValueError):
    """A day other than today was asked for without a dry run."""


# (old statuses, new status, the stored day that must have come), in the order they run: the
# reconnect moves first, so what is left regular past its check-in day is exactly "check-in due".
MOVES = [
    (
        (Contact.Status.REGULAR_CONTACT, Contact.Status.CHECK_IN_DUE),
        Contact.Status.RECONNECT,
        "reconnect_on",
    ),
    ((Contact.Status.REGULAR_CONTACT,), Contact.Status.CHECK_IN_DUE, "check_in_on"),
]


def refresh_statuses(
    *,
    today: dt.date | None = None,
    username: str | None = None,
    dry_run: bool = False,
    record: bool = True,
) -> RefreshResult:
    """Move the statuses whose day has come and create due reminders; `record` logs the run.

    `today` other than an owner's own local date is refused (PreviewOnly) unless `dry_run`:
    writing a future day's statuses would leave its reminders behind."""
    started, clock = timezone.now(), time.perf_counter()
    result = RefreshResult()
    users = User.objects.filter(is_active=True)
    if username is not None:
        users = users.filter(username=username)
    zones = list(users.values_list("time_zone", flat=True).distinct().order_by())
    if today is not None and not dry_run:
        real = {zone: timezone.localtime(started, zoneinfo.ZoneInfo(zone)).date() for zone in zones}
        if not real or any(day != today for day in real.values()):
            where = ", ".join(f"{day} in {zone}" for zone, day in real.items()) or "no user"
            raise PreviewOnly(
                f"--today {today} is not today ({where}): other days can only be previewed; "
                "add --dry-run."
            )
    with transaction.atomic():
        _take_turns()
        for tz_name in zones:
            day = today or timezone.localtime(started, zoneinfo.ZoneInfo(tz_name)).date()
            result.as_of[tz_name] = day
            in_zone = users.filter(time_zone=tz_name)
            _move_statuses(Contact.objects.filter(owner__in=in_zone), day, result)
            if not dry_run:
                contacts = Contact.objects.filter(owner__in=in_zone)
                result.reminders_created += services.create_check_in_reminders(contacts, day)
                result.reminders_created += services.create_birthday_reminders(contacts, day)
                result.reminders_created += roll_session_reminders(in_zone, day)
                result.reminders_created += create_follow_up_reminders(in_zone, day)
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


def _move_statuses(contacts, day: dt.date, result: RefreshResult) -> None:
    """One UPDATE per (old, new) status pair: its row count is that transition's count. (A dry
    run makes the same UPDATEs and rolls them back.)"""
    now = timezone.now()
    for olds, new, due_field in MOVES:
        moved = False
        for old in olds:
            moving = contacts.filter(status=old, **{f"{due_field}__lte": day})
            if count := moving.update(status=new, updated_at=now):
                result.transitions[(old, new)] += count
                moved = True
        if moved:
            # The rows that moved, found again through the same index, into their history.
            with changes_by(CRON):
                record_rows(
                    contacts.filter(status=new, updated_at=now, **{f"{due_field}__lte": day})
                )


def last_run() -> StatusRefreshRun | None:
    return StatusRefreshRun.objects.order_by("-finished_at").first()


@dataclass(frozen=True)
class NightlyJob:
    """Whether cron runs the nightly job, from its latest recorded run and the first account.

    A new installation is given time to set it up: until 26 hours after the first account was
    created, a job that never ran is only "awaiting its first run" (a calm set-up card), not
    "stopped" (the warning on every page). Once it has run, 26 hours without a run is stopped."""

    last_run_at: dt.datetime | None
    first_account_at: dt.datetime | None
    now: dt.datetime

    @property
    def stale(self) -> bool:
        since = self.last_run_at or self.first_account_at
        return since is not None and self.now - since > STALE_AFTER

    @property
    def awaiting_first_run(self) -> bool:
        return self.last_run_at is None and not self.stale


def nightly_job(now: dt.datetime | None = None) -> NightlyJob:
    """One query: the first account's creation with the latest run beside it, as a subquery."""
    latest = StatusRefreshRun.objects.order_by("-finished_at").values("finished_at")[:1]
    first = (
        User.objects.order_by("pk")
        .annotate(last_run_at=Subquery(latest))
        .values("date_joined", "last_run_at")
        .first()
    ) or {"date_joined": None, "last_run_at": None}
    return NightlyJob(first["last_run_at"], first["date_joined"], now or timezone.now())
