"""GET /dashboard/due-today.json: what the opt-in browser notifications announce."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.dashboard.conftest import NOW, TODAY, days_ago, login_url_for, make_reminder

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:due_today")


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["reminders"]]


def test_lists_open_reminders_due_today_or_overdue_most_overdue_first(alice_client, alice, charlie):
    today = make_reminder(alice, title="Today", due_on=TODAY)
    late = make_reminder(alice, title="Three days late", due_on=days_ago(3))
    make_reminder(alice, title="Tomorrow", due_on=TODAY + dt.timedelta(days=1))
    make_reminder(alice, title="Done", due_on=days_ago(1), completed_at=NOW)
    make_reminder(alice, title="Dismissed", due_on=days_ago(1), dismissed_at=NOW)
    make_reminder(charlie, title="Charlie's", due_on=days_ago(1))

    response = alice_client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "reminders": [
            {"id": str(late.code), "title": "Three days late"},
            {"id": str(today.code), "title": "Today"},
        ],
        "url": reverse("reminders:list"),
    }


def test_snoozed_reminders_wait_until_the_snooze_ends(alice_client, alice):
    make_reminder(alice, title="Snoozed", due_on=days_ago(2), snoozed_until=TODAY + dt.timedelta(1))
    make_reminder(alice, title="Snoozed to today", due_on=days_ago(2), snoozed_until=TODAY)
    make_reminder(alice, title="Snooze over", due_on=days_ago(5), snoozed_until=days_ago(1))

    assert titles(alice_client.get(URL)) == ["Snooze over", "Snoozed to today"]


def test_at_most_twenty(alice_client, alice):
    for days in range(25):
        make_reminder(alice, title=f"{days} days late", due_on=days_ago(days))

    assert titles(alice_client.get(URL)) == [f"{days} days late" for days in range(24, 4, -1)]


def test_nothing_due_is_an_empty_list(alice_client, alice):
    make_reminder(alice, title="Next week", due_on=TODAY + dt.timedelta(days=7))

    assert alice_client.get(URL).json()["reminders"] == []


def test_today_is_the_users_own_day(alice_client, alice):
    alice.time_zone = "Pacific/Auckland"  # noon UTC on 10 March is 01:00 on 11 March there
    alice.save(update_fields=["time_zone"])
    make_reminder(alice, title="Due 11 March", due_on=dt.date(2026, 3, 11))

    assert titles(alice_client.get(URL)) == ["Due 11 March"]


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == login_url_for(URL)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get_is_allowed(alice_client, method):
    assert getattr(alice_client, method)(URL).status_code == 405
