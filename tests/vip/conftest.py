"""Helpers for the VIP tests; `alice`, `charlie` and co. live in tests/conftest.py."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.devhub.conftest import find_all, find_one
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

__all__ = [
    "HEADINGS",
    "HX",
    "SECTION_KEYS",
    "detail_url",
    "find_all",
    "find_one",
    "html",
    "is_fragment",
    "login_url_for",
    "make_background",
    "make_contact_info",
    "make_full_vip",
    "make_profile",
    "make_project",
    "make_vip",
    "project_data",
    "section_data",
    "section_edit_url",
    "section_url",
]

SECTION_KEYS = ["background", "contact-info", "developer"]
HEADINGS = {
    "background": "Background",
    "contact-info": "Contact info",
    "developer": "Developer profile",
}


def make_vip(owner: User, **fields) -> Contact:
    fields.setdefault("is_vip", True)
    return make_contact(owner, **fields)


def make_background(contact: Contact, **fields) -> Background:
    return Background.objects.create(contact=contact, **fields)


def make_contact_info(contact: Contact, **fields) -> ContactInfo:
    return ContactInfo.objects.create(contact=contact, **fields)


def make_profile(contact: Contact, stack: list[str] = (), **fields) -> DeveloperProfile:
    profile = DeveloperProfile.objects.create(contact=contact, **fields)
    profile.tech_stack.set(make_tag(contact.owner, name) for name in stack)
    return profile


def make_project(contact: Contact, **fields) -> ProjectCollaboration:
    fields.setdefault("title", "Analytical Engine")
    return ProjectCollaboration.objects.create(contact=contact, **fields)


def make_full_vip(owner: User, **fields) -> Contact:
    """A VIP with every section filled in and one project."""
    contact = make_vip(owner, **fields)
    make_background(
        contact,
        family="Married to William, three children",
        company="Analytical Engines Ltd, previously Babbage & Co",
        likes_dislikes="Likes poetry, dislikes gambling",
        misc_notes="Writes the best notes",
    )
    make_contact_info(
        contact,
        preferred_channel=ContactInfo.Channel.SIGNAL,
        email="ada@engines.example",
        phone="+44 20 7946 0018",
        social_links=[{"label": "Mastodon", "url": "https://hachyderm.io/@ada"}],
    )
    make_profile(
        contact,
        stack=["Python", "Rust"],
        technical_skills="Compilers, numerical methods",
        communication_notes="Prefers long letters",
    )
    make_project(
        contact,
        title="Bernoulli numbers",
        what_we_did="Wrote the first program together",
        started_on=dt.date(2024, 1, 1),
        ended_on=dt.date(2024, 6, 30),
        link="https://example.com/bernoulli",
    )
    return contact


def detail_url(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code])


def section_url(contact: Contact, key: str) -> str:
    return reverse("vip:section", args=[contact.code, key])


def section_edit_url(contact: Contact, key: str) -> str:
    return reverse("vip:section_edit", args=[contact.code, key])


def section_data(key: str, **overrides) -> dict:
    """A valid POST for the section form `key`; override single fields per test."""
    data = {
        "background": {
            "family": "Two cats",
            "company": "Engines Inc.",
            "likes_dislikes": "Likes tea",
            "misc_notes": "Met at PyCon",
        },
        "contact-info": {
            "preferred_channel": "discord",
            "email": "ada@example.com",
            "phone": "+49 30 1234567",
            "links_text": "Bluesky | https://bsky.app/profile/ada",
        },
        "developer": {
            "technical_skills": "Distributed systems",
            "stack_names": "Go, Kubernetes",
            "communication_notes": "Async first",
        },
    }[key]
    data.update(overrides)
    return data


def project_data(**overrides) -> dict:
    """A valid POST for the project form."""
    data = {
        "title": "Difference Engine",
        "what_we_did": "Built the printer together",
        "started_on": "2025-02-01",
        "ended_on": "2025-11-30",
        "link": "https://example.com/difference",
    }
    data.update(overrides)
    return data


@pytest.fixture
def ada(alice) -> Contact:
    """Alice's VIP with every section filled in."""
    return make_full_vip(alice, name="Ada Lovelace")
