"""Helpers for the collaborations tests; `alice`, `charlie` and co. live in tests/conftest.py."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import User
from collaborations import services
from collaborations.models import Collaboration, Feedback, Idea, Person
from tests.conftest import make_contact
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

__all__ = ["HX", "html", "is_fragment", "login_url_for", "make_collaboration", "url"]


def url(name: str, *args) -> str:
    return reverse(f"collaborations:{name}", args=args)


def make_collaboration(owner: User, **fields) -> Collaboration:
    """Saved the way the app saves one: with its first stage change."""
    fields.setdefault("title", "Async Django in practice")
    fields.setdefault("kind", "talk")
    return services.save_new(Collaboration(owner=owner, **fields))


def make_feedback(collaboration: Collaboration, **fields) -> Feedback:
    fields.setdefault("text", "Will you share the slides?")
    fields.setdefault("received_on", dt.date(2026, 3, 1))
    return services.save_feedback(Feedback(collaboration=collaboration, **fields))


@pytest.fixture
def ada(alice):
    return make_contact(alice, name="Ada Lovelace")


@pytest.fixture
def talk(alice, ada) -> Collaboration:
    talk = make_collaboration(alice)
    Person.objects.create(collaboration=talk, contact=ada, role="speaker")
    return talk


@pytest.fixture
def idea(alice, ada) -> Idea:
    idea = Idea.objects.create(owner=alice, title="Postgres for Djangonauts", pitch="Indexes!")
    idea.people.add(ada)
    return idea
