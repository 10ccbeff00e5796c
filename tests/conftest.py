"""Shared fixtures: `alice` owns the data, `charlie` is the outsider who must never see it."""

import datetime as dt
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from accounts.models import User
from contacts import services, status
from contacts.models import Contact, Tag
from devhub.lib.fields import fold


def pytest_configure(config) -> None:
    # Fast hashing in tests (Argon2 stays first in production); plain static storage so the
    # suite needs no collectstatic manifest.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, as in production, not Django's shared in-memory one.

    With an in-memory database every thread of the browser tests' live server shares the test
    thread's single connection; concurrent requests from Chromium then run on one sqlite3
    connection at once, which is unsupported and once hung CI. With a file each request thread
    opens its own connection, under the same WAL / busy-timeout / IMMEDIATE settings as production.
    """
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database["OPTIONS"] = {
            **database["OPTIONS"],
            # A test database need not survive a power cut: no fsync, so it is as fast as memory.
            "init_command": database["OPTIONS"]["init_command"].replace(
                "synchronous=NORMAL", "synchronous=OFF"
            ),
        }
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(autouse=True)
def _cache_emptied_after_transactional_tests(request, django_db_blocker):
    """The cache is a table of the test database. A test in a transaction rolls its counts back
    with everything else; a transactional one (threads, the live server) commits them, so they
    are removed afterwards like its rows, and rate limits never carry over to the next test."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        with django_db_blocker.unblock():
            cache.clear()


PASSWORD = "correct-horse-battery-staple"


def make_user(username: str) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )


# The statuses the rules reach by time: made the way the rules reach them, by a last contact
# that many follow-up periods ago (a stored status the rules disagree with cannot exist).
LAPSED_PERIODS = {Contact.Status.CHECK_IN_DUE: 1, Contact.Status.RECONNECT: 3}


def bulk_contacts(owner: User, contacts) -> list[Contact]:
    """Many of `owner`'s contacts in a few INSERTs, then the status rules set-based, as an import
    of many or a restore makes them."""
    contacts = list(contacts)
    for contact in contacts:
        contact.added_on = contact.added_on or status.local_today(owner)
    made = Contact.objects.bulk_create(contacts, batch_size=500)
    services.apply_rules_to_all(owner)
    return made


@pytest.fixture
def ranges_of_two(monkeypatch):
    """The status rules applied to a whole account two contacts per range (contact_ranges), so
    a handful of contacts takes several items of a long change."""
    monkeypatch.setattr(services, "RULES_CHUNK", 2)


def make_contact(owner: User, **fields) -> Contact:
    tags = fields.pop("tags", [])
    fields.setdefault("name", "Ada Lovelace")
    if (periods := LAPSED_PERIODS.get(fields.get("status"))) and "last_contacted" not in fields:
        every = status.frequency_days(Contact(owner=owner, **fields), owner)
        fields["last_contacted"] = status.local_today(owner) - dt.timedelta(days=periods * every)
    contact = services.save_contact(Contact(owner=owner, **fields))
    if tags:
        contact.tags.set(make_tag(owner, t) if isinstance(t, str) else t for t in tags)
    return contact


def make_tag(owner: User, name: str, **fields) -> Tag:
    tag, _ = Tag.objects.get_or_create(
        owner=owner, name_key=fold(name), defaults={"name": name, **fields}
    )
    return tag


if os.environ.get("DEVHUB_CHECK_FOLDED_KEYS"):
    from tests.unicode.invariants import check_after_test

    @pytest.fixture(autouse=True)
    def _folded_keys_stay_fresh(request):
        """DEVHUB_CHECK_FOLDED_KEYS=1: every database test of every suite ends with the check
        that no write path left a stale case-folded key (tests/unicode/ always does this)."""
        yield from check_after_test(request)


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
