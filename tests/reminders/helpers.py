"""Helpers for the status-engine and reminders view tests (fixtures live in tests/conftest.py).

NOW is the instant the tests freeze the clock at (10 March 2026, noon UTC); TODAY is its date.
"""

import datetime as dt

from accounts.models import User
from contacts import services, status
from contacts.models import Contact
from reminders.models import Reminder
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one

__all__ = [
    "HX",
    "NOW",
    "TODAY",
    "added_on",
    "days_ago",
    "find_all",
    "find_one",
    "html",
    "is_fragment",
    "login_url_for",
    "make_reminder",
    "set_preferences",
    "status_of",
]

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def days_ago(days: int, today: dt.date = TODAY) -> dt.date:
    return today - dt.timedelta(days=days)


def make_reminder(owner: User, **fields) -> Reminder:
    fields.setdefault("title", "Send Ada the talk slides")
    fields.setdefault("due_on", TODAY)
    return Reminder.objects.create(owner=owner, **fields)


def added_on(contact: Contact, instant: dt.datetime) -> Contact:
    """Pretend the contact was added at `instant` (created_at is auto_now_add); its added day,
    due dates and status follow, as for a contact really added then."""
    contact.created_at = instant
    contact.added_on = status.local_today(contact.owner, instant)
    return services.save_contact(contact, ["created_at", "added_on"])


def set_preferences(user: User, **fields) -> User:
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(fields))
    return user


def status_of(contact: Contact) -> str:
    return Contact.objects.values_list("status", flat=True).get(pk=contact.pk)


DAY = dt.timedelta(days=1)
TOMORROW = TODAY + DAY


def noon(day: dt.date) -> dt.datetime:
    """Midday UTC on `day`: the same date in every time zone the tests use but the extremes."""
    return dt.datetime.combine(day, dt.time(12), dt.UTC)
