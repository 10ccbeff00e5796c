"""POST /reminders/<code>/snooze/: "remind me in 1 week / 1 month / on a date"."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from reminders.models import Reminder
from tests.reminders.helpers import (
    HX,
    NOW,
    TODAY,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_reminder,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def reminder(alice) -> Reminder:
    return make_reminder(alice, title="Send Ada the slides", due_on=TODAY - dt.timedelta(days=2))


def url(reminder: Reminder) -> str:
    return reverse("reminders:snooze", args=[reminder.code])


def snoozed_until(reminder: Reminder) -> dt.date | None:
    return Reminder.objects.get(pk=reminder.pk).snoozed_until


@pytest.mark.parametrize(
    ("data", "until", "shown"),
    [
        ({"days": "7"}, dt.date(2026, 3, 17), "17 Mar 2026"),
        ({"days": "30"}, dt.date(2026, 4, 9), "9 Apr 2026"),
        ({"until": "2026-05-01"}, dt.date(2026, 5, 1), "1 May 2026"),
        ({"until": "2026-03-11"}, dt.date(2026, 3, 11), "11 Mar 2026"),
    ],
    ids=["1-week", "1-month", "a-date", "tomorrow"],
)
def test_snoozes(alice_client, reminder, data, until, shown):
    response = alice_client.post(url(reminder), data, follow=True)

    assert snoozed_until(reminder) == until
    assert response.redirect_chain == [(reverse("reminders:list"), 302)]
    assert f"Snoozed until {shown}: Send Ada the slides." in html(response)
    assert "Nothing overdue." in html(response)


def test_htmx_returns_the_updated_row_only(alice_client, reminder):
    response = alice_client.post(url(reminder), {"days": "7"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    row = find_one(html(response), "li", id=f"reminder-{reminder.code}")
    assert "Snoozed until 17 Mar 2026: Send Ada the slides." in row.clean_text
    assert "snoozed until 17 Mar 2026" in row.clean_text
    assert "Overdue" not in row.clean_text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose 1 week, 1 month or a date."),
        ({"until": ""}, "Choose 1 week, 1 month or a date."),
        ({"until": "2026-03-10"}, "Choose a day after today."),
        ({"until": "2026-03-01"}, "Choose a day after today."),
        ({"until": "2030-01-01"}, "Snooze for at most three years."),
        ({"days": "3"}, "Choose 1 week, 1 month or a date."),
        ({"until": "soon"}, "Choose 1 week, 1 month or a date."),
    ],
    ids=["nothing", "empty-date", "today", "past", "too-far", "odd-days", "not-a-date"],
)
def test_bad_choice_is_explained_and_changes_nothing(alice_client, reminder, data, message):
    page = alice_client.post(url(reminder), data, follow=True)
    row = alice_client.post(url(reminder), data, **HX)

    assert message in html(page)
    assert message in html(row)
    assert is_fragment(row)
    assert snoozed_until(reminder) is None


def test_a_closed_reminder_is_not_snoozed(alice_client, reminder):
    Reminder.objects.filter(pk=reminder.pk).update(completed_at=NOW)

    response = alice_client.post(url(reminder), {"days": "7"}, **HX)

    assert "That reminder was already closed." in html(response)
    assert "Snoozed until" not in html(response)
    assert snoozed_until(reminder) is None


def test_outsider_gets_404_and_nothing_changes(charlie_client, reminder):
    assert charlie_client.post(url(reminder), {"days": "7"}).status_code == 404
    assert charlie_client.post(url(reminder), {"days": "7"}, **HX).status_code == 404
    assert snoozed_until(reminder) is None


def test_anonymous_is_sent_to_log_in(client, reminder):
    response = client.post(url(reminder), {"days": "7"})

    assert response.status_code == 302
    assert response.url == login_url_for(url(reminder))
    assert snoozed_until(reminder) is None


def test_get_is_not_allowed(alice_client, reminder):
    assert alice_client.get(url(reminder), {"days": "7"}).status_code == 405
    assert snoozed_until(reminder) is None
