"""Helpers for the interactions tests; `alice`, `charlie` and co. live in tests/conftest.py."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact
from interactions import services
from interactions.models import Interaction, InteractionType
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import Element, parse

__all__ = [
    "HX",
    "at",
    "builtin_type",
    "detail_url",
    "html",
    "interaction_form_data",
    "is_fragment",
    "login_url_for",
    "make_interaction",
    "missing_htmx_targets",
    "submitted_data",
]


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """An aware UTC datetime, so tests never depend on the machine's clock or zone."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def builtin_type(owner: User, key: str = "call") -> InteractionType:
    return InteractionType.objects.for_owner(owner).get(builtin_key=key)


def make_interaction(contact: Contact, **fields) -> Interaction:
    """An interaction saved the way the app saves one, so last_contacted stays true."""
    topics = fields.pop("topics", None)
    if isinstance(fields.get("type"), str):
        fields["type"] = builtin_type(contact.owner, fields["type"])
    fields.setdefault("type", builtin_type(contact.owner))
    interaction = Interaction(contact=contact, **fields)
    tags = None
    if topics is not None:
        tags = [make_tag(contact.owner, t) if isinstance(t, str) else t for t in topics]
    services.save_interaction(interaction, tags)
    return interaction


def interaction_form_data(interaction_type: InteractionType, **overrides) -> dict:
    """A valid POST for the full interaction form."""
    data = {
        "type": str(interaction_type.code),
        "occurred_at": "2026-01-05T10:00",
        "subject": "",
        "notes": "",
        "outcome": "neutral",
        "follow_up_on": "",
        "topic_names": "",
        "progress_notes": "",
    }
    data.update(overrides)
    return data


def missing_htmx_targets(page: str) -> list[str]:
    """hx-target selectors naming an id the page lacks: htmx aborts those requests, so the
    button or link does nothing at all."""
    elements = parse(page)
    ids = {element.get("id") for element in elements if element.has("id")}
    return [
        f"<{element.tag}> -> {element.get('hx-target')}"
        for element in elements
        if element.get("hx-target").startswith("#") and element.get("hx-target")[1:] not in ids
    ]


def submitted_data(form: Element) -> dict[str, str]:
    """What a browser sends when the form is submitted untouched (first option if none selected)."""
    data: dict[str, str] = {}
    for element in form.descendants():
        name = element.get("name")
        if not name or element.has("disabled"):
            continue
        if element.tag == "input" and element.get("type") in ("checkbox", "radio"):
            if element.has("checked"):
                data[name] = element.get("value", "on")
        elif element.tag == "input":
            data[name] = element.get("value")
        elif element.tag == "textarea":
            data[name] = element.text.removeprefix("\n")
        elif element.tag == "select":
            options = [o for o in element.descendants() if o.tag == "option"]
            chosen = [o for o in options if o.has("selected")] or options[:1]
            if chosen:
                data[name] = chosen[0].get("value")
    return data


def detail_url(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code])


@pytest.fixture
def auckland(settings) -> None:
    """Auckland as the time zone (UTC+13 in March). Request it before `alice`, so a user
    created by the test gets it as their own zone too."""
    settings.TIME_ZONE = "Pacific/Auckland"


@pytest.fixture
def ada(alice) -> Contact:
    return make_contact(alice, name="Ada Lovelace")


@pytest.fixture
def charlies_contact(charlie) -> Contact:
    return make_contact(charlie, name="Charlie's Friend")
