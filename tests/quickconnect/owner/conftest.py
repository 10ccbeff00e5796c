"""Helpers for the Quick Connect owner-side tests (`alice`, `charlie` live in tests/conftest.py).

Tests that ask for `frozen` run at the fixed instant NOW, so expiry times compare exactly.
"""

import datetime as dt
import uuid

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from accounts.models import User
from contacts.models import Event
from quickconnect import services
from quickconnect.models import Notification, QuickConnectCode
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one

__all__ = [
    "HX",
    "NOW",
    "find_all",
    "find_one",
    "html",
    "is_fragment",
    "login_url_for",
    "make_code",
    "make_contact",
    "make_event",
    "make_notification",
    "make_tag",
    "public_path",
    "submit",
]

NOW = dt.datetime(2026, 5, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    """Stop the clock at NOW for the whole test."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_event(owner: User, name: str = "PyCon Berlin", **fields) -> Event:
    return Event.objects.create(owner=owner, name=name, **fields)


def make_code(owner: User, tags: tuple[str, ...] = (), **fields) -> QuickConnectCode:
    if "event_name" not in fields and "event" not in fields:
        fields["event_name"] = "RustConf"
    code = QuickConnectCode.objects.create(owner=owner, **fields)
    if tags:
        code.tags.set(make_tag(owner, name) for name in tags)
    return code


def make_notification(owner: User, title: str = "Grace added themselves", **fields) -> Notification:
    return Notification.objects.create(owner=owner, title=title, **fields)


def submit(code: QuickConnectCode, name: str = "Grace Hopper", **data) -> services.Outcome:
    """One person filling in the public form, as the public view hands it to the service."""
    form_id = data.pop("form_id", uuid.uuid4())
    fields = {"name": name, "email": "", "github_username": "", "linkedin_url": "", "note": ""}
    return services.submit(code, form_id, {**fields, **data})


def public_path(code: QuickConnectCode) -> str:
    return reverse("quickconnect:public", args=[code.token])


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")
