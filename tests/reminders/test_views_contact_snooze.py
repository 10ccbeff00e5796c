"""POST /reminders/contact/<code>/snooze/: keep a contact out of "needs attention" for a while."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from contacts.models import Contact
from contacts.status import local_today
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact
from tests.reminders.helpers import (
    HX,
    NOW,
    TODAY,
    days_ago,
    find_one,
    html,
    is_fragment,
    login_url_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def grace(alice) -> Contact:
    """Due for a check-in, with the reminder the nightly refresh made."""
    contact = make_contact(alice, name="Grace Hopper", last_contacted=days_ago(100))
    refresh_statuses(today=TODAY)
    return contact


def url(contact: Contact) -> str:
    return reverse("reminders:contact_snooze", args=[contact.code])


def detail(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code])


def snoozed_until(contact: Contact) -> dt.date | None:
    return Contact.objects.get(pk=contact.pk).snoozed_until


def needs_attention(contact: Contact) -> bool:
    owner = contact.owner
    today = local_today(owner)
    return Contact.objects.for_owner(owner).needs_attention(today).filter(pk=contact.pk).exists()


def check_in(contact: Contact) -> Reminder:
    return Reminder.objects.get(contact=contact, kind=Reminder.Kind.CHECK_IN)


@pytest.mark.parametrize(
    ("data", "until", "shown"),
    [
        ({"days": "7"}, dt.date(2026, 3, 17), "17 Mar 2026"),
        ({"days": "30"}, dt.date(2026, 4, 9), "9 Apr 2026"),
        ({"until": "2026-06-01"}, dt.date(2026, 6, 1), "1 Jun 2026"),
    ],
    ids=["1-week", "1-month", "a-date"],
)
def test_snoozes_the_contact_and_its_check_in(alice_client, grace, data, until, shown):
    assert needs_attention(grace)

    response = alice_client.post(url(grace), data, follow=True)

    assert snoozed_until(grace) == until
    assert not needs_attention(grace)
    assert check_in(grace).snoozed_until == until
    assert response.redirect_chain == [(detail(grace), 302)]
    assert f"Snoozed Grace Hopper until {shown}." in html(response)
    section = find_one(html(response), "section", id="stay-in-touch")
    assert f"Snoozed until {shown}." in section.clean_text


def test_back_in_needs_attention_when_the_snooze_ends(alice_client, grace):
    alice_client.post(url(grace), {"days": "7"})

    with time_machine.travel(NOW + dt.timedelta(days=7), tick=False):
        assert needs_attention(grace)


def test_clear_wakes_the_contact(alice_client, grace):
    alice_client.post(url(grace), {"days": "7"})

    response = alice_client.post(url(grace), {"clear": "1"}, follow=True)

    assert snoozed_until(grace) is None
    assert needs_attention(grace)
    assert check_in(grace).snoozed_until is None
    assert "Grace Hopper is back in “needs attention” when due." in html(response)
    section = find_one(html(response), "section", id="stay-in-touch")
    assert "Snoozed until" not in section.clean_text
    assert "Stop snoozing" not in section.clean_text


def test_htmx_returns_the_section_only(alice_client, grace):
    response = alice_client.post(url(grace), {"days": "7"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    section = find_one(html(response), "section", id="stay-in-touch")
    assert "Snoozed until 17 Mar 2026." in section.clean_text
    assert "Stop snoozing" in section.clean_text
    assert find_one(html(response), "span", id="contact-status").clean_text == "Check-in due"


def test_htmx_clear_returns_the_section_only(alice_client, grace):
    alice_client.post(url(grace), {"days": "7"})

    response = alice_client.post(url(grace), {"clear": "1"}, **HX)

    assert is_fragment(response)
    assert "Snoozed until" not in find_one(html(response), "section", id="stay-in-touch").clean_text
    assert snoozed_until(grace) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose 1 week, 1 month or a date."),
        ({"until": "2026-03-10"}, "Choose a day after today."),
        ({"until": "2025-12-24"}, "Choose a day after today."),
        ({"until": "2031-01-01"}, "Snooze for at most three years."),
    ],
    ids=["nothing", "today", "past", "too-far"],
)
def test_bad_choice_is_explained_and_changes_nothing(alice_client, grace, data, message):
    response = alice_client.post(url(grace), data, follow=True)

    assert message in html(response)
    assert response.redirect_chain == [(detail(grace), 302)]
    assert snoozed_until(grace) is None
    assert check_in(grace).snoozed_until is None
    assert needs_attention(grace)


def test_htmx_bad_choice_sends_the_browser_to_the_contact_page(alice_client, grace):
    response = alice_client.post(url(grace), {}, **HX)

    assert response["HX-Redirect"] == detail(grace)
    assert snoozed_until(grace) is None
    assert "Choose 1 week, 1 month or a date." in html(alice_client.get(detail(grace)))


def test_outsider_gets_404_and_nothing_changes(charlie_client, grace):
    assert charlie_client.post(url(grace), {"days": "7"}).status_code == 404
    assert charlie_client.post(url(grace), {"days": "7"}, **HX).status_code == 404
    assert snoozed_until(grace) is None


def test_outsider_cannot_wake_a_snoozed_contact(alice_client, charlie, grace):
    alice_client.post(url(grace), {"days": "7"})
    alice_client.force_login(charlie)

    assert alice_client.post(url(grace), {"clear": "1"}).status_code == 404
    assert snoozed_until(grace) == dt.date(2026, 3, 17)


def test_anonymous_is_sent_to_log_in(client, grace):
    response = client.post(url(grace), {"days": "7"})

    assert response.status_code == 302
    assert response.url == login_url_for(url(grace))
    assert snoozed_until(grace) is None


def test_get_is_not_allowed(alice_client, grace):
    assert alice_client.get(url(grace)).status_code == 405
