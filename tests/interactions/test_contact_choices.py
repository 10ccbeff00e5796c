"""Contact pickers list the most recently contacted people only, but accept any of yours.

With 10,000 contacts a full <select> was megabytes of HTML on /interactions/ and /reminders/.
"""

import datetime as dt

import pytest
from django.urls import reverse

from interactions.forms import ContactChoiceField
from reminders.forms import ReminderForm
from tests.conftest import make_contact
from tests.devhub.conftest import find_all, find_one
from tests.interactions.conftest import HX, at, html, make_interaction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def list_two(monkeypatch):
    monkeypatch.setattr(ContactChoiceField, "LISTED", 2)


@pytest.fixture
def people(alice):
    today = dt.date(2026, 3, 10)
    return {
        name: make_contact(alice, name=name, last_contacted=today - dt.timedelta(days=days))
        for name, days in [("Recent", 1), ("Lately", 5), ("Long ago", 400)]
    }


def option_names(page: str) -> list[str]:
    select = find_one(page, "select", name="contact")
    return [o.clean_text for o in find_all(select.descendants(), "option") if o.get("value")]


def test_the_filter_lists_the_most_recently_contacted(alice_client, people, charlie):
    make_contact(charlie, name="Not hers", last_contacted=dt.date(2026, 3, 10))

    # The menu the list draws on demand (when the filter is first used).
    page = html(alice_client.get(reverse("interactions:list"), {"panel": "contacts"}, **HX))

    assert option_names(page) == ["Lately", "Recent"]


def test_a_chosen_contact_is_listed_and_filters_however_long_ago(alice_client, people):
    old = people["Long ago"]
    make_interaction(old, notes="From last year", occurred_at=at(2025, 2, 1))

    page = html(alice_client.get(reverse("interactions:list"), {"contact": str(old.code)}))

    assert option_names(page) == ["Lately", "Long ago", "Recent"]
    assert "From last year" in page
    assert "Some filters were not understood" not in page


def test_the_reminder_form_accepts_any_of_the_owners_current_contacts(alice, people, charlie):
    old = people["Long ago"]
    theirs = make_contact(charlie, name="Not hers")
    data = {"title": "Write", "kind": "custom", "due_on": "2026-03-12"}

    assert ReminderForm({**data, "contact": str(old.code)}, owner=alice).is_valid()
    assert not ReminderForm({**data, "contact": str(theirs.code)}, owner=alice).is_valid()
    unbound = ReminderForm(owner=alice, initial={"contact": str(old.code)})
    assert [c.name for c in unbound.fields["contact"].listed] == ["Lately", "Long ago", "Recent"]
