"""Helpers for the projects tests; `alice`, `charlie` and co. live in tests/conftest.py."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact
from projects import services
from projects.models import Member, Milestone, Payment, Project, TimeEntry
from reminders.models import Reminder
from tests.conftest import make_contact
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

__all__ = [
    "HX",
    "NOW",
    "TODAY",
    "add_member",
    "at",
    "html",
    "is_fragment",
    "login_url_for",
    "make_milestone",
    "make_payment",
    "make_project",
    "make_time",
    "project_reminders",
    "url",
]

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def make_project(owner: User, **fields) -> Project:
    """A project saved the way the app saves one: with its first stage change."""
    fields.setdefault("title", "Shop rewrite")
    fields.setdefault("client", "Acme")
    return services.save_new(Project(owner=owner, **fields))


def add_member(project: Project, contact: Contact | None = None, role: str = "client") -> Member:
    if contact is None:
        contact = make_contact(project.owner, name="Carla Client")
    return Member.objects.create(project=project, contact=contact, role=role)


def make_milestone(project: Project, **fields) -> Milestone:
    fields.setdefault("title", "Prototype")
    fields.setdefault("due_on", date(2026, 3, 20))
    return services.save_milestone(Milestone(project=project, **fields))


def make_payment(project: Project, **fields) -> Payment:
    fields.setdefault("amount", Decimal("1000.00"))
    fields.setdefault("currency", project.currency)
    fields.setdefault("due_on", date(2026, 4, 1))
    return services.save_payment(Payment(project=project, **fields))


def make_time(project: Project, hours: str = "3", **fields) -> TimeEntry:
    fields.setdefault("worked_on", TODAY)
    return services.save_time_entry(TimeEntry(project=project, hours=Decimal(hours), **fields))


def project_reminders(owner: User, *, open_only: bool = False) -> list[Reminder]:
    reminders = Reminder.objects.for_owner(owner).filter(
        kind__in=[Reminder.Kind.PROJECT_MILESTONE, Reminder.Kind.PAYMENT]
    )
    if open_only:
        reminders = reminders.open()
    return list(reminders.order_by("due_on", "id"))


def url(name: str, *args) -> str:
    return reverse(f"projects:{name}", args=[str(a) for a in args])


@pytest.fixture
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def project(alice, frozen_clock) -> Project:
    return make_project(alice, pricing="hourly", rate=Decimal("80.00"))
