"""/reminders/ a page at a time: thousands of check-ins due at once stay one readable page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from reminders import views
from tests.reminders.helpers import NOW, TODAY, find_all, find_one, html, make_reminder

pytestmark = pytest.mark.django_db

URL = reverse("reminders:list")


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def five(alice):
    for offset, title in [(-3, "Old"), (-1, "Yesterday"), (0, "Today"), (2, "Soon"), (30, "Later")]:
        make_reminder(alice, title=title, due_on=TODAY + dt.timedelta(days=offset))


def titles(response) -> list[str]:
    rows = [li for li in find_all(html(response), "li") if li.get("id", "").startswith("reminder-")]
    return [find_one(row.descendants(), "p", class_="font-semibold").clean_text for row in rows]


def headings(response) -> list[str]:
    page = html(response)
    return [h.clean_text for h in find_all(page, "h2") if h.get("id").startswith("group-")]


def test_first_page_shows_the_earliest_with_totals_over_all_pages(alice_client, five):
    response = alice_client.get(URL)

    assert titles(response) == ["Old", "Yesterday"]
    assert headings(response) == ["Overdue 2", "Today 1", "Next 7 days 1", "Later 1"]
    assert "1 on other pages." in html(response)
    assert find_all(html(response), "a", rel="next")[0].get("href") == "?page=2"


def test_later_pages_continue_in_due_order(alice_client, five):
    assert titles(alice_client.get(URL, {"page": 2})) == ["Today", "Soon"]
    last = alice_client.get(URL, {"page": 3})
    assert titles(last) == ["Later"]
    assert not find_all(html(last), "a", rel="next")


def test_a_page_out_of_range_shows_the_last_page(alice_client, five):
    assert titles(alice_client.get(URL, {"page": "99"})) == ["Later"]
    assert titles(alice_client.get(URL, {"page": "x"})) == ["Old", "Yesterday"]


def test_more_on_a_later_page_stays_on_that_page(alice_client, five):
    page = html(alice_client.get(URL, {"page": "2"}))

    more = [a.get("href") for a in find_all(page, "a") if "more=" in a.get("href")]
    assert more
    assert all(href.startswith(f"{URL}?page=2&more=") for href in more)
