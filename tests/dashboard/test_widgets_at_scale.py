"""Widgets stay short for a big network: first rows plus a way to the rest."""

import datetime as dt

import pytest

from dashboard import widgets
from tests.conftest import make_contact
from tests.dashboard.conftest import (
    TODAY,
    at,
    html,
    make_interaction,
    make_reminder,
    section_text,
)

pytestmark = pytest.mark.django_db


def test_birthdays_show_the_first_twelve_and_count_the_rest(alice_client, alice):
    for n in range(15):
        make_contact(alice, name=f"Person {n:02}", birthday=dt.date(1990, 3, 11 + n))

    text = section_text(html(alice_client.get("/")), "birthdays")

    assert "Person 11" in text and "Person 12" not in text
    assert "and 3 more in the next 30 days." in text


def test_reminders_widget_shows_ten_due_and_links_to_the_rest(alice_client, alice):
    make_contact(alice, name="Ada")  # a user without contacts gets the welcome page
    for n in range(12):
        make_reminder(alice, title=f"Due {n:02}", due_on=TODAY - dt.timedelta(days=20 - n))
    make_reminder(alice, title="Next week", due_on=TODAY + dt.timedelta(days=3))

    text = section_text(html(alice_client.get("/")), "reminders")

    assert "Due 09" in text and "Due 10" not in text
    assert "Next week" in text  # the coming week is listed whatever is overdue
    assert "See all reminders" in text


def test_recent_interactions_are_the_owners_newest(alice, charlie):
    ada = make_contact(alice, name="Ada")
    for day in range(1, 13):
        make_interaction(ada, occurred_at=at(2026, 2, day), notes=f"day {day}")
    make_interaction(make_contact(charlie, name="Not hers"), occurred_at=at(2026, 3, 9))

    recent = list(widgets.recent_interactions(alice))

    assert [i.notes for i in recent] == [f"day {day}" for day in range(12, 2, -1)]
