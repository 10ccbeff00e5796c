"""Helpers for the opportunities tests; `alice`, `charlie` and co. live in tests/conftest.py."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact
from opportunities import services
from opportunities.models import Opportunity, Participant
from reminders.models import Reminder
from tests.conftest import make_contact
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

__all__ = [
    "HX",
    "NOW",
    "TODAY",
    "add_person",
    "at",
    "build_funnel_data",
    "html",
    "is_fragment",
    "job_reminders",
    "login_url_for",
    "make_opportunity",
    "messages_on",
    "opportunity_form_data",
    "url",
]

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    """An aware UTC datetime, so tests never depend on the machine's clock or zone."""
    return datetime(year, month, day, hour, tzinfo=UTC)


def make_opportunity(owner: User, **fields) -> Opportunity:
    """An opportunity saved the way the app saves one: with its first stage change and reminders."""
    fields.setdefault("company", "Acme")
    fields.setdefault("role_title", "Backend developer")
    return services.save_new(Opportunity(owner=owner, **fields))


def add_person(
    opportunity: Opportunity, contact: Contact | None = None, role: str = "recruiter"
) -> Participant:
    if contact is None:
        contact = make_contact(opportunity.owner, name="Rita Recruiter")
    return Participant.objects.create(opportunity=opportunity, contact=contact, role=role)


def job_reminders(owner: User, *, open_only: bool = False) -> list[Reminder]:
    reminders = Reminder.objects.for_owner(owner).filter(kind=Reminder.Kind.JOB_APPLICATION)
    if open_only:
        reminders = reminders.open()
    return list(reminders.order_by("id"))


def url(name: str, *args) -> str:
    return reverse(f"opportunities:{name}", args=[str(a) for a in args])


def messages_on(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def opportunity_form_data(**overrides) -> dict:
    """A valid POST for the create/edit form; override or blank out single fields per test."""
    data = {
        "company": "Acme",
        "role_title": "Backend developer",
        "job_url": "",
        "location": "",
        "workplace": "",
        "source": "",
        "salary_range": "",
        "currency": "",
        "priority": "medium",
        "status": "interested",
        "applied_on": "",
        "next_action": "",
        "next_action_on": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def build_funnel_data(owner: User) -> None:
    """Five applications from 5 January 2026: three reach an interview, two an offer, one is
    accepted. Four got an answer (after 4, 6, 2 and 8 days); the fifth was withdrawn."""

    def on(day: int):
        return time_machine.travel(at(2026, 1, 5) + timedelta(days=day), tick=False)

    with on(0):
        a = make_opportunity(owner, company="A Corp", status="interested")
        services.move(a, "applied")
        b = make_opportunity(owner, company="B Corp", status="applied")
        c = make_opportunity(owner, company="C Corp", status="applied")
        d = make_opportunity(owner, company="D Corp", status="applied")
        e = make_opportunity(owner, company="E Corp", status="applied")
        make_opportunity(owner, company="Just looking", status="interested")
    with on(2):
        services.move(c, "phone_screen")
    with on(3):
        services.move(e, "withdrawn")
    with on(4):
        services.move(a, "phone_screen")
    with on(5):
        services.move(c, "rejected")
    with on(6):
        services.move(b, "interview")
    with on(8):
        services.move(d, "rejected")
    with on(10):
        services.move(a, "interview")
    with on(15):
        services.move(b, "final_round")
    with on(20):
        services.move(a, "offer")
    with on(22):
        services.move(a, "accepted")
    with on(30):
        services.move(b, "offer")


@pytest.fixture
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def opp(alice) -> Opportunity:
    return make_opportunity(alice)


@pytest.fixture
def ada(alice) -> Contact:
    return make_contact(alice, name="Ada Lovelace")


@pytest.fixture
def charlies_contact(charlie) -> Contact:
    return make_contact(charlie, name="Charlie's Friend")
