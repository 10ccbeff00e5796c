"""The default cache is a database table every process shares, and its increments stay exact
when several processes count at once (the rate limits' counts depend on it)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.test import RequestFactory
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from devhub.lib.cache import DatabaseCache
from tests.concurrency import run_in_threads

THREADS, ROUNDS = 8, 15


def test_the_default_cache_is_the_shared_database_table():
    assert isinstance(caches["default"], DatabaseCache)
    assert settings.CACHES["default"]["LOCATION"] == "devhub_cache"
    assert settings.RATELIMIT_USE_CACHE == "default"


def test_no_rate_limit_check_is_silenced():
    assert not [c for c in getattr(settings, "SILENCED_SYSTEM_CHECKS", []) if "ratelimit" in c]


@pytest.mark.django_db
def test_incr_adds_to_the_stored_count_and_keeps_its_expiry():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        cache.set("count", 5, timeout=60)
        assert cache.incr("count") == 6
        assert cache.incr("count", 10) == 16
        assert cache.decr("count", 2) == 14
        assert cache.get("count") == 14
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert cache.get("count") is None


@pytest.mark.django_db
def test_incr_of_a_missing_or_expired_key_is_refused_as_django_documents():
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-set")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        cache.set("short", 1, timeout=5)
    with (
        time_machine.travel(start + dt.timedelta(seconds=6), tick=False),
        pytest.raises(ValueError, match="not found"),
    ):
        cache.incr("short")


@pytest.mark.django_db
def test_add_adds_only_a_missing_or_expired_key_and_writes_nothing_otherwise(
    django_assert_num_queries,
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert cache.add("window", 1, timeout=5)
        with django_assert_num_queries(1):  # one read: no write transaction, no lock
            assert not cache.add("window", 7, timeout=5)
        assert cache.get("window") == 1
    with time_machine.travel(start + dt.timedelta(seconds=6), tick=False):
        assert cache.add("window", 2, timeout=5)
        assert cache.get("window") == 2


def count_together(backend) -> int:
    backend.set("together", 0, timeout=300)

    def count(_) -> None:
        for _ in range(ROUNDS):
            backend.incr("together")

    run_in_threads(count, range(THREADS))
    return backend.get("together")


@pytest.mark.django_db(transaction=True)
def test_increments_from_many_connections_at_once_are_all_counted():
    assert count_together(cache) == THREADS * ROUNDS


@pytest.mark.django_db(transaction=True)
def test_djangos_own_database_cache_loses_increments_here():
    """Why the project has its own backend: the same work on Django's loses counts."""
    plain = DjangoDatabaseCache(settings.CACHES["default"]["LOCATION"], {})

    assert count_together(plain) < THREADS * ROUNDS


@pytest.mark.django_db(transaction=True)
def test_a_rate_limit_admits_exactly_its_rate_under_concurrent_requests():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")

    def attempt(_) -> bool:
        return is_ratelimited(
            request, group="test-burst", key="ip", rate="10/h", method="POST", increment=True
        )

    limited = run_in_threads(attempt, range(30))

    assert limited.count(False) == 10
    assert limited.count(True) == 20
