"""Relationship-status rules: the one place they live.

    f = the contact's own follow-up frequency (days); else the owner's VIP default if VIP;
        else the owner's default for the contact's importance (high 30, medium 90, low 180).
    reference = last_contacted, or `added_on` (the owner's local day the contact was added).
    check_in_on = reference + f; reconnect_on = reference + 3f. Both are stored on the contact.
    Active collaboration and passive are the user's choice (pinned): no due dates, never moved.
    Otherwise, on the owner's local `today`: today >= reconnect_on -> reconnect;
    today >= check_in_on -> check-in due; else regular contact.

`contacts.services` keeps the stored dates and status equal to these rules on every write, one
contact at a time (`apply_rules`) or set-based (`due_date_expressions`, `status_expression`).
`reminders.refresh` moves statuses as days pass by comparing the stored dates with each owner's
local today; no query converts time zones or evaluates the rule row by row on a page.
"""

import datetime as dt
import zoneinfo

from django.db import models
from django.db.models import Case, F, Func, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from contacts.models import Contact

Status = Contact.Status
PINNED = frozenset({Status.ACTIVE_COLLABORATION, Status.PASSIVE})
NEEDS_ATTENTION = (Status.CHECK_IN_DUE, Status.RECONNECT)
RECONNECT_FACTOR = 3
# The fields whose values decide the status (the owner's rhythm and time zone besides).
INPUTS = frozenset(
    {"status", "importance", "follow_up_days", "is_vip", "last_contacted", "added_on"}
)
DERIVED = ["check_in_on", "reconnect_on", "status"]

# Contact.importance -> the owner's field holding its default frequency.
IMPORTANCE_DEFAULTS = {
    Contact.Importance.HIGH: "high_follow_up_days",
    Contact.Importance.MEDIUM: "medium_follow_up_days",
    Contact.Importance.LOW: "low_follow_up_days",
}
VIP_DEFAULT = "vip_follow_up_days"
# The owner's fields the rules read: a change to any of them may move any of their contacts.
OWNER_INPUTS = frozenset({"time_zone", VIP_DEFAULT, *IMPORTANCE_DEFAULTS.values()})


def local_today(owner, now: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(owner.time_zone)).date()


def frequency_days(contact: Contact, owner) -> int:
    if contact.follow_up_days is not None:
        return contact.follow_up_days
    if contact.is_vip:
        return getattr(owner, VIP_DEFAULT)
    return getattr(owner, IMPORTANCE_DEFAULTS[contact.importance])


def due_dates(contact: Contact, owner) -> tuple[dt.date | None, dt.date | None]:
    """(check_in_on, reconnect_on) for the contact's current inputs; (None, None) if pinned."""
    if contact.status in PINNED:
        return None, None
    reference = contact.last_contacted or contact.added_on
    days = frequency_days(contact, owner)
    return (
        reference + dt.timedelta(days=days),
        reference + dt.timedelta(days=RECONNECT_FACTOR * days),
    )


def status_on(contact: Contact, today: dt.date) -> str:
    """The status the stored due dates give on `today`."""
    if contact.status in PINNED:
        return contact.status
    if contact.reconnect_on <= today:
        return Status.RECONNECT
    if contact.check_in_on <= today:
        return Status.CHECK_IN_DUE
    return Status.REGULAR_CONTACT


def apply_rules(contact: Contact, owner, today: dt.date) -> list[str]:
    """Set the contact's due dates and status from its inputs (in memory); the changed fields."""
    before = [getattr(contact, name) for name in DERIVED]
    contact.check_in_on, contact.reconnect_on = due_dates(contact, owner)
    contact.status = status_on(contact, today)
    return [
        name for name, old in zip(DERIVED, before, strict=True) if getattr(contact, name) != old
    ]


# --- The same rules as SQL expressions, for many contacts of one owner at once ----------------


class AddDays(Func):
    """`date` plus `days` (an integer expression) as a date, on SQLite and PostgreSQL."""

    output_field = models.DateField()

    def __init__(self, date, days) -> None:
        super().__init__(date, days)

    def as_sqlite(self, compiler, connection, **extra):
        # date('2026-01-31', '+30 days'); the modifier is built from the integer.
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '+' || ",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        # date + integer is a date in PostgreSQL.
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner="::date + ", **extra
        )


def frequency_expression(owner) -> Case:
    """frequency_days() as SQL for `owner`'s contacts: the defaults are constants."""
    return Case(
        When(follow_up_days__isnull=False, then=F("follow_up_days")),
        When(is_vip=True, then=Value(getattr(owner, VIP_DEFAULT))),
        *(
            When(importance=importance, then=Value(getattr(owner, field)))
            for importance, field in IMPORTANCE_DEFAULTS.items()
        ),
        output_field=models.IntegerField(),
    )


def due_date_expressions(owner) -> dict:
    """due_dates() as SQL: {"check_in_on": ..., "reconnect_on": ...} for an UPDATE."""
    reference = Coalesce("last_contacted", "added_on", output_field=models.DateField())
    frequency = frequency_expression(owner)
    return {
        name: Case(
            When(status__in=PINNED, then=Value(None, output_field=models.DateField())),
            default=AddDays(reference, frequency * factor),
            output_field=models.DateField(),
        )
        for name, factor in (("check_in_on", 1), ("reconnect_on", RECONNECT_FACTOR))
    }


def status_expression(today: dt.date) -> Case:
    """status_on() as SQL, reading the stored due dates."""
    return Case(
        When(status__in=PINNED, then=F("status")),
        When(reconnect_on__lte=today, then=Value(Status.RECONNECT)),
        When(check_in_on__lte=today, then=Value(Status.CHECK_IN_DUE)),
        default=Value(Status.REGULAR_CONTACT),
        output_field=models.CharField(),
    )
