"""The security log's one write path."""

import pytest
from django.test import RequestFactory

from security.models import Event
from security.services import record

pytestmark = pytest.mark.django_db


def test_an_event_keeps_who_where_and_what(alice):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")

    event = record(alice, Event.Kind.LOGIN, request, method="password")

    assert (event.user, event.username, event.ip, event.user_agent) == (
        alice,
        "alice",
        "203.0.113.7",
        "Firefox",
    )
    assert event.details == {"method": "password"}


def test_an_unknown_name_and_a_junk_address_are_kept_as_text_and_nothing():
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-address")

    event = record(None, Event.Kind.LOGIN_FAILED, request, username="mallory")

    assert (event.user, event.username, event.ip) == (None, "mallory", None)


def test_events_stay_when_the_account_goes(alice):
    record(alice, Event.Kind.ACCOUNT_DELETED)

    alice.delete()

    assert Event.objects.get().username == "alice"
