"""Helpers for the reminders tests; `alice`, `charlie` and co. live in tests/conftest.py."""

import datetime as dt

from accounts.models import User
from reminders.models import Reminder


def make_reminder(owner: User, **fields) -> Reminder:
    fields.setdefault("title", "Send Ada the talk slides")
    fields.setdefault("due_on", dt.date(2026, 3, 10))
    return Reminder.objects.create(owner=owner, **fields)


def opt_in(user: User, time_zone: str = "UTC") -> User:
    """Turn the daily digest on for `user`, living in `time_zone`."""
    user.digest_enabled = True
    user.time_zone = time_zone
    user.save(update_fields=["digest_enabled", "time_zone"])
    return user
