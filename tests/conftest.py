"""Shared fixtures: `alice` owns the data, `charlie` is the outsider who must never see it."""

import pytest
from django.conf import settings as django_settings

from accounts.models import User
from contacts.models import Contact, Tag


def pytest_configure(config) -> None:
    # Fast hashing in tests (Argon2 stays first in production); plain static storage so the
    # suite needs no collectstatic manifest.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


PASSWORD = "correct-horse-battery-staple"


def make_user(username: str) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )


def make_contact(owner: User, **fields) -> Contact:
    tags = fields.pop("tags", [])
    fields.setdefault("name", "Ada Lovelace")
    contact = Contact.objects.create(owner=owner, **fields)
    if tags:
        contact.tags.set(make_tag(owner, t) if isinstance(t, str) else t for t in tags)
    return contact


def make_tag(owner: User, name: str, **fields) -> Tag:
    tag, _ = Tag.objects.get_or_create(
        owner=owner, name__iexact=name, defaults={"name": name, **fields}
    )
    return tag


@pytest.fixture
def alice(db) -> User:
    return make_user("alice")


@pytest.fixture
def charlie(db) -> User:
    return make_user("charlie")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def charlie_client(client, charlie):
    client.force_login(charlie)
    return client
