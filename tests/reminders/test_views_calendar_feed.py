"""GET /reminders/calendar/<token>.ics: the secret-address feed calendar apps subscribe to."""

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from tests.reminders.helpers import NOW, make_reminder, set_preferences

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(token: str) -> str:
    return reverse("reminders:calendar", args=[token])


def summaries(response) -> set[str]:
    return {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_valid_token_serves_the_calendar_without_logging_in(client, alice, charlie):
    make_reminder(alice, title="Send Ada the slides")
    make_reminder(charlie, title="Charlie's own plan")

    response = client.get(url(alice.calendar_token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="devhub-reminders.ics"'
    assert "Send Ada the slides" in summaries(response)
    assert "Charlie's own plan" not in summaries(response)


def test_a_logged_in_visitor_gets_the_tokens_owner_feed(charlie_client, alice, charlie):
    make_reminder(alice, title="Send Ada the slides")
    make_reminder(charlie, title="Charlie's own plan")

    response = charlie_client.get(url(alice.calendar_token))

    assert summaries(response) >= {"Send Ada the slides"}
    assert "Charlie's own plan" not in summaries(response)


@pytest.mark.parametrize("token", ["not-a-token", "x" * 43])
def test_unknown_token_is_404(client, alice, token):
    assert client.get(url(token)).status_code == 404


def test_a_deactivated_users_feed_is_404(client, alice):
    set_preferences(alice, is_active=False)

    assert client.get(url(alice.calendar_token)).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get(client, alice, method):
    assert getattr(client, method)(url(alice.calendar_token)).status_code == 405
