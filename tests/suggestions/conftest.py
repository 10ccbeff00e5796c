"""A contact who needs attention, with something of each kind to suggest; `alice` and `charlie`
live in tests/conftest.py."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from collaborations.models import Collaboration, Person
from contacts.models import Contact
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from projects.models import Member, Project
from reminders.models import Reminder
from resources.models import SharedResource
from suggestions.services import refresh_suggestions
from tests.conftest import make_contact
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

__all__ = ["HX", "html", "is_fragment", "log", "login_url_for", "make_network"]

PROMISE = "I'll send you the recording of the async ORM talk."
TALK_NOTES = (
    "We talked about Rust memory safety and the borrow checker. "
    "She is moving the billing service from Python to Rust. "
    "Rust ownership rules caught two data races in their payment queue. "
    f"{PROMISE}"
)


def log(contact: Contact, notes: str, days_ago: int = 10, subject: str = "") -> Interaction:
    call = InteractionType.objects.for_owner(contact.owner).get(builtin_key="call")
    interaction = Interaction(
        contact=contact,
        type=call,
        subject=subject,
        notes=notes,
        occurred_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    interaction_services.save_interaction(interaction)
    return interaction


def make_network(owner: User, name: str = "Ada Lovelace") -> Contact:
    """`name` needs attention (check-in due, logged long ago) and has one of everything."""
    ada = make_contact(owner, name=name, status=Contact.Status.CHECK_IN_DUE, tags=["Rust", "Go"])
    log(ada, TALK_NOTES)
    # Logging moved the last contact to today: make her due again, as the days would.
    Contact.objects.filter(pk=ada.pk).update(
        status=Contact.Status.CHECK_IN_DUE,
        last_contacted=dt.date.today() - dt.timedelta(days=120),
        check_in_on=dt.date.today() - dt.timedelta(days=30),
    )
    Reminder.objects.create(
        owner=owner, contact=ada, title="Send Ada the conference CFP", due_on=dt.date.today()
    )
    SharedResource.objects.create(
        contact=ada,
        title="Zero to Production in Rust",
        url="https://www.zero2prod.com/",
        direction=SharedResource.Direction.THEY_SHARED,
        shared_on=dt.date.today() - dt.timedelta(days=20),
    )
    project = Project.objects.create(owner=owner, title="Billing rewrite", stage="active")
    Member.objects.create(project=project, contact=ada)
    talk = Collaboration.objects.create(owner=owner, title="Rust at scale talk", stage="planning")
    Person.objects.create(collaboration=talk, contact=ada)
    return Contact.objects.get(pk=ada.pk)


@pytest.fixture
def ada(alice) -> Contact:
    return make_network(alice)


@pytest.fixture
def refreshed(alice, ada) -> Contact:
    refresh_suggestions(alice)
    return ada
