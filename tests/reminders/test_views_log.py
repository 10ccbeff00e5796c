"""POST /reminders/<code>/log/: log an interaction with the reminder's contact and complete it."""

import pytest
import time_machine
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact
from tests.interactions.conftest import builtin_type
from tests.reminders.helpers import (
    HX,
    NOW,
    TODAY,
    days_ago,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_reminder,
    status_of,
)

pytestmark = pytest.mark.django_db

Status = Contact.Status


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def grace(alice) -> Contact:
    contact = make_contact(alice, name="Grace Hopper", last_contacted=days_ago(400))
    refresh_statuses(today=TODAY)  # reconnect, with a check-in reminder
    return contact


@pytest.fixture
def check_in(grace) -> Reminder:
    return Reminder.objects.get(contact=grace, kind=Reminder.Kind.CHECK_IN)


def url(reminder: Reminder) -> str:
    return reverse("reminders:log", args=[reminder.code])


def log_data(owner, key: str = "coffee_chat", notes: str = "Talked about COBOL") -> dict:
    return {"log-type": str(builtin_type(owner, key).code), "log-notes": notes}


def is_open(reminder: Reminder) -> bool:
    return Reminder.objects.get(pk=reminder.pk).is_open


def test_logs_the_interaction_and_completes_the_reminder(alice_client, alice, grace, check_in):
    assert status_of(grace) == Status.RECONNECT

    response = alice_client.post(url(check_in), log_data(alice), follow=True)

    [interaction] = Interaction.objects.filter(contact=grace)
    assert interaction.type.name == "Coffee chat"
    assert interaction.notes == "Talked about COBOL"
    assert interaction.occurred_at == NOW
    assert Contact.objects.get(pk=grace.pk).last_contacted == TODAY
    assert status_of(grace) == Status.REGULAR_CONTACT
    assert not is_open(check_in)
    assert response.redirect_chain == [(reverse("reminders:list"), 302)]
    assert "Logged a Coffee chat with Grace Hopper; reminder done." in html(response)


def test_logging_from_another_reminder_also_closes_the_check_in(
    alice_client, alice, grace, check_in
):
    slides = make_reminder(alice, contact=grace, title="Send Grace the slides")

    alice_client.post(url(slides), log_data(alice))

    assert not is_open(slides)
    assert not is_open(check_in)


def test_htmx_returns_the_updated_row_only(alice_client, alice, check_in):
    response = alice_client.post(url(check_in), log_data(alice), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    row = find_one(html(response), "li", id=f"reminder-{check_in.code}")
    assert "Logged a Coffee chat with Grace Hopper; reminder done." in row.clean_text
    assert find_all(html(response), "form") == []


def test_the_list_offers_my_interaction_types(alice_client, alice, check_in):
    page = html(alice_client.get(reverse("reminders:list"), {"more": str(check_in.code)}))

    select = find_one(page, "select", name="log-type")
    codes = {o.get("value") for o in find_all(select.descendants(), "option")}
    assert str(builtin_type(alice, "call").code) in codes


def test_reminder_without_contact_is_404(alice_client, alice):
    reminder = make_reminder(alice, contact=None)

    response = alice_client.post(url(reminder), log_data(alice))

    assert response.status_code == 404
    assert not Interaction.objects.exists()
    assert is_open(reminder)


@pytest.mark.parametrize("type_code", ["", "not-a-type", "charlies"])
def test_a_bad_type_is_explained_and_nothing_is_logged(
    alice_client, charlie, grace, check_in, type_code
):
    if type_code == "charlies":
        type_code = str(builtin_type(charlie).code)

    page = alice_client.post(url(check_in), {"log-type": type_code}, follow=True)
    row = alice_client.post(url(check_in), {"log-type": type_code}, **HX)

    assert "Choose an interaction type to log." in html(page)
    assert "Choose an interaction type to log." in html(row)
    assert not Interaction.objects.exists()
    assert is_open(check_in)
    assert status_of(grace) == Status.RECONNECT


def test_outsider_gets_404_and_nothing_changes(charlie_client, charlie, grace, check_in):
    response = charlie_client.post(url(check_in), log_data(charlie))
    htmx = charlie_client.post(url(check_in), log_data(charlie), **HX)

    assert response.status_code == htmx.status_code == 404
    assert not Interaction.objects.exists()
    assert is_open(check_in)


def test_anonymous_is_sent_to_log_in(client, alice, check_in):
    response = client.post(url(check_in), log_data(alice))

    assert response.status_code == 302
    assert response.url == login_url_for(url(check_in))
    assert not Interaction.objects.exists()


def test_get_is_not_allowed(alice_client, check_in):
    assert alice_client.get(url(check_in)).status_code == 405
    assert is_open(check_in)
