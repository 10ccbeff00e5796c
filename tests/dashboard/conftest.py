"""Helpers for the dashboard tests; `alice`, `charlie` and co. live in tests/conftest.py.

Every test runs at a fixed instant, Tuesday 10 March 2026 at noon UTC, unless it travels elsewhere.
"""

import contextlib
import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact
from quickconnect.models import QuickConnectCode, Submission
from reminders.models import Reminder, StatusRefreshRun
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import at, builtin_type, make_interaction
from tests.reminders import helpers as reminder_helpers

__all__ = [
    "HX",
    "NOW",
    "TODAY",
    "added_on",
    "at",
    "attention_names",
    "builtin_type",
    "days_ago",
    "find_all",
    "find_one",
    "html",
    "in_zone_of",
    "is_fragment",
    "login_url_for",
    "make_interaction",
    "make_reminder",
    "make_submission",
    "recent_refresh",
    "section",
    "section_text",
    "widget_url",
]

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)  # a Tuesday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def days_ago(days: int, today: dt.date = TODAY) -> dt.date:
    return today - dt.timedelta(days=days)


def added_on(contact: Contact, instant: dt.datetime) -> Contact:
    """Pretend the contact was added at `instant` (created_at is auto_now_add)."""
    return reminder_helpers.added_on(contact, instant)


def make_reminder(owner: User, **fields) -> Reminder:
    fields.setdefault("title", "Send Ada the talk slides")
    fields.setdefault("due_on", TODAY)
    return Reminder.objects.create(owner=owner, **fields)


def make_submission(contact: Contact, event_name: str = "PyCon US") -> Submission:
    code = QuickConnectCode.objects.create(owner=contact.owner, event_name=event_name)
    return Submission.objects.create(quick_code=code, contact=contact, form_id=uuid.uuid4())


def recent_refresh(hours_ago: float = 1) -> StatusRefreshRun:
    """A run of the nightly refresh_statuses job that finished `hours_ago` hours ago."""
    finished = timezone.now() - dt.timedelta(hours=hours_ago)
    return StatusRefreshRun.objects.create(
        started_at=finished - dt.timedelta(seconds=2), finished_at=finished, as_of=finished.date()
    )


@contextlib.contextmanager
def in_zone_of(user: User):
    """The user's time zone, as UserTimeZoneMiddleware activates it for each of their requests."""
    with timezone.override(user.zone):
        yield


def widget_url(name: str) -> str:
    return reverse("dashboard:widget", args=[name])


def section(page: str, name: str):
    """The dashboard section of one widget."""
    return find_one(page, "section", id=f"widget-{name}")


def section_text(page: str, name: str) -> str:
    """What a reader sees in one widget, words of neighbouring elements kept apart."""
    spaced = re.sub(r"(<[^>]+>)", r" \1", page)
    return section(spaced, name).clean_text


def attention_names(page: str) -> list[str]:
    """The contacts listed under "needs attention", in order."""
    lists = find_all(
        page, "ul", **{"aria-label": "Contacts who need attention, most overdue first"}
    )
    return [a.clean_text for ul in lists for a in find_all(ul.descendants(), "a")]
