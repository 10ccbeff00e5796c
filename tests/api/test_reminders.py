import datetime as dt

import pytest
import time_machine

from reminders.models import Reminder
from tests.api.conftest import assert_problem, send
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db

REMINDERS = "/api/v1/reminders"
TODAY = dt.date(2026, 6, 1)
NOON = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def remind(owner, title: str, due_on: dt.date, **fields) -> Reminder:
    return Reminder.objects.create(owner=owner, title=title, due_on=due_on, **fields)


@time_machine.travel(NOON, tick=False)
def test_list_due_by_today_soonest_first(alice_api, alice, charlie):
    remind(alice, "today", TODAY)
    remind(alice, "last week", TODAY - dt.timedelta(days=7))
    remind(alice, "tomorrow", TODAY + dt.timedelta(days=1))
    remind(alice, "snoozed", TODAY, snoozed_until=TODAY + dt.timedelta(days=3))
    remind(alice, "done", TODAY, completed_at=NOON)
    remind(charlie, "not yours", TODAY)

    items = alice_api.get(REMINDERS).json()["items"]

    assert [r["title"] for r in items] == ["last week", "today"]
    later = alice_api.get(REMINDERS, {"until": "2026-06-05"}).json()["items"]
    assert [r["title"] for r in later] == ["last week", "today", "tomorrow", "snoozed"]


@time_machine.travel(NOON, tick=False)
def test_create_with_the_reminder_form(alice_api, alice):
    ada = make_contact(alice, name="Ada")

    response = send(
        alice_api, "POST", REMINDERS, {"title": "Send slides", "contact": str(ada.code)}
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["due_on"] == "2026-06-01"  # the form's default: today
    assert data["contact_name"] == "Ada"
    assert Reminder.objects.get(code=data["code"]).owner == alice


def test_create_refuses_what_the_form_refuses(alice_api, alice, charlie):
    theirs = make_contact(charlie, name="Mallory")

    response = send(alice_api, "POST", REMINDERS, {"title": "", "contact": str(theirs.code)})

    errors = assert_problem(response, 422)["errors"]
    assert errors["title"] == ["This field is required."]
    assert "contact" in errors
    assert not Reminder.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_complete_once(alice_api, alice):
    reminder = remind(alice, "Ping", TODAY)
    url = f"{REMINDERS}/{reminder.code}/complete"

    assert alice_api.post(url).json()["completed_at"] is not None
    assert "already" in assert_problem(alice_api.post(url), 409)["detail"]


@time_machine.travel(NOON, tick=False)
def test_snooze_by_days_or_date(alice_api, alice):
    reminder = remind(alice, "Ping", TODAY)
    url = f"{REMINDERS}/{reminder.code}/snooze"

    week = send(alice_api, "POST", url, {"days": 7}).json()
    assert week["snoozed_until"] == "2026-06-08" and week["effective_due"] == "2026-06-08"
    dated = send(alice_api, "POST", url, {"until": "2026-07-01"}).json()
    assert dated["snoozed_until"] == "2026-07-01"
    assert alice_api.get(REMINDERS).json()["items"] == []


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Choose 1 week, 1 month or a date."),
        ({"until": "2026-05-01"}, "Choose a day after today."),
        ({"until": "2040-01-01"}, "Snooze for at most three years."),
    ],
)
def test_snooze_refuses_what_the_page_refuses(alice_api, alice, body, message):
    reminder = remind(alice, "Ping", TODAY)

    problem = assert_problem(
        send(alice_api, "POST", f"{REMINDERS}/{reminder.code}/snooze", body), 422
    )

    assert problem["errors"]["__all__"] == [message]
    reminder.refresh_from_db()
    assert reminder.snoozed_until is None


@pytest.mark.parametrize("action", ["", "/complete", "/snooze"])
def test_another_users_reminder_is_404(charlie_api, alice, action):
    reminder = remind(alice, "Ping", TODAY)
    method = "GET" if not action else "POST"

    assert_problem(
        send(
            charlie_api,
            method,
            f"{REMINDERS}/{reminder.code}{action}",
            {"days": 7} if action else None,
        ),
        404,
    )
    reminder.refresh_from_db()
    assert reminder.completed_at is None and reminder.snoozed_until is None
