"""POST /reminders/<code>/dismiss/: put away without doing it, in place or with a redirect."""

import pytest
import time_machine
from django.urls import reverse

from reminders.models import Reminder
from tests.conftest import make_contact
from tests.reminders.helpers import (
    HX,
    NOW,
    find_all,
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
    return make_reminder(alice, title="Send Ada the slides")


def url(reminder: Reminder) -> str:
    return reverse("reminders:dismiss", args=[reminder.code])


def fresh(reminder: Reminder) -> Reminder:
    return Reminder.objects.get(pk=reminder.pk)


def test_dismisses_and_returns_to_the_list(alice_client, reminder):
    response = alice_client.post(url(reminder), follow=True)

    assert fresh(reminder).dismissed_at == NOW
    assert fresh(reminder).completed_at is None
    assert response.redirect_chain == [(reverse("reminders:list"), 302)]
    assert "Dismissed: Send Ada the slides." in html(response)
    assert "Nothing due today." in html(response)


def test_returns_to_the_contact_page_it_came_from(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    reminder = make_reminder(alice, contact=ada)
    detail = reverse("contacts:detail", args=[ada.code])

    response = alice_client.post(url(reminder), {"next": detail})

    assert response.url == detail


def test_ignores_a_next_on_another_site(alice_client, reminder):
    response = alice_client.post(url(reminder), {"next": "https://evil.example/"})

    assert response.url == reverse("reminders:list")


def test_dismissing_twice_says_it_was_already_closed(alice_client, reminder):
    alice_client.post(url(reminder))
    with time_machine.travel(NOW.replace(hour=13), tick=False):
        response = alice_client.post(url(reminder), follow=True)

    assert "That reminder was already closed." in html(response)
    assert fresh(reminder).dismissed_at == NOW


def test_a_completed_reminder_cannot_be_dismissed(alice_client, reminder):
    reminder.completed_at = NOW
    reminder.save()

    response = alice_client.post(url(reminder), **HX)

    assert "That reminder was already closed." in html(response)
    assert fresh(reminder).dismissed_at is None


def test_htmx_returns_the_updated_row_only(alice_client, reminder):
    response = alice_client.post(url(reminder), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    row = find_one(html(response), "li", id=f"reminder-{reminder.code}")
    assert "Dismissed: Send Ada the slides." in row.clean_text
    assert find_all(html(response), "form") == []  # closed: no more buttons
    assert fresh(reminder).dismissed_at == NOW


def test_outsider_gets_404_and_nothing_changes(charlie_client, reminder):
    response = charlie_client.post(url(reminder))
    htmx = charlie_client.post(url(reminder), **HX)

    assert response.status_code == htmx.status_code == 404
    assert fresh(reminder).is_open


def test_anonymous_is_sent_to_log_in(client, reminder):
    response = client.post(url(reminder))

    assert response.status_code == 302
    assert response.url == login_url_for(url(reminder))
    assert fresh(reminder).is_open


def test_get_is_not_allowed(alice_client, reminder):
    assert alice_client.get(url(reminder)).status_code == 405
    assert fresh(reminder).is_open
