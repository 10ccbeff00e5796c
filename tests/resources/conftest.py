"""Helpers shared by the resources tests; `alice`, `charlie` and co. live in tests/conftest.py."""

from datetime import date

import pytest

from contacts.models import Contact
from resources.models import SharedResource
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

__all__ = ["HX", "html", "is_fragment", "login_url_for", "make_resource", "resource_form_data"]


def make_resource(contact: Contact, **fields) -> SharedResource:
    tags = fields.pop("tags", [])
    fields.setdefault("title", "The Rust Book")
    fields.setdefault("shared_on", date(2026, 3, 10))
    resource = SharedResource.objects.create(contact=contact, **fields)
    if tags:
        resource.tags.set(make_tag(contact.owner, t) for t in tags)
    return resource


def resource_form_data(**overrides) -> dict:
    """A valid POST for the resource form."""
    data = {
        "title": "The Rust Book",
        "url": "https://doc.rust-lang.org/book/",
        "kind": "book",
        "direction": "shared",
        "shared_on": "2026-03-10",
        "notes": "",
        "tag_names": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def ada(alice) -> Contact:
    return make_contact(alice, name="Ada Lovelace")


@pytest.fixture
def grace(alice) -> Contact:
    return make_contact(alice, name="Grace Hopper")
