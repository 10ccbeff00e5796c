"""POST /reminders/contact/<code>/rhythm/: importance, own frequency and pinned status."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from contacts.models import Contact
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import (
    HX,
    NOW,
    added_on,
    days_ago,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    set_preferences,
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
    """Medium importance (every 90 days), last seen 40 days ago: regular contact."""
    return make_contact(alice, name="Grace Hopper", last_contacted=days_ago(40))


def url(contact: Contact) -> str:
    return reverse("reminders:contact_rhythm", args=[contact.code])


def detail(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code])


def rhythm(pin: str = "", importance: str = "medium", follow_up_days: str = "") -> dict:
    return {"pin": pin, "importance": importance, "follow_up_days": follow_up_days}


def stored(contact: Contact) -> tuple:
    c = Contact.objects.get(pk=contact.pk)
    return c.status, c.importance, c.follow_up_days


def badge(response) -> str:
    return find_one(html(response), "span", id="contact-status").clean_text


@pytest.mark.parametrize(
    ("pin", "label"),
    [(Status.PASSIVE, "Passive"), (Status.ACTIVE_COLLABORATION, "Active collaboration")],
)
def test_pin_a_status(alice_client, grace, pin, label):
    response = alice_client.post(url(grace), rhythm(pin=pin), follow=True)

    assert status_of(grace) == pin
    assert response.redirect_chain == [(detail(grace), 302)]
    assert "Saved how often to stay in touch with Grace Hopper." in html(response)
    assert badge(response) == label


def test_pinning_passive_takes_the_check_in_off_the_reminders_page(alice_client, alice):
    lapsed = make_contact(alice, name="Lapsed Larry", last_contacted=days_ago(300))
    refresh_statuses()
    assert "Check in with Lapsed Larry" in html(alice_client.get(reverse("reminders:list")))

    alice_client.post(url(lapsed), rhythm(pin=Status.PASSIVE))
    refresh_statuses()

    assert "Check in with Lapsed Larry" not in html(alice_client.get(reverse("reminders:list")))


def test_a_pinned_status_survives_the_nightly_refresh(alice_client, grace):
    alice_client.post(url(grace), rhythm(pin=Status.ACTIVE_COLLABORATION, follow_up_days="1"))
    refresh_statuses()

    assert status_of(grace) == Status.ACTIVE_COLLABORATION


def test_unpinning_recomputes_the_status(alice_client, alice):
    lapsed = make_contact(alice, name="Lapsed", status=Status.PASSIVE, last_contacted=days_ago(300))

    alice_client.post(url(lapsed), rhythm(pin=""))

    assert status_of(lapsed) == Status.RECONNECT


@pytest.mark.parametrize(
    ("data", "expected", "next_check_in"),
    [
        (rhythm(importance="high"), (Status.CHECK_IN_DUE, "high", None), "28 Feb 2026"),
        (rhythm(follow_up_days="10"), (Status.RECONNECT, "medium", 10), "8 Feb 2026"),
        (rhythm(importance="low"), (Status.REGULAR_CONTACT, "low", None), "28 Jul 2026"),
    ],
    ids=["high", "own-frequency", "low"],
)
def test_frequency_changes_recompute_the_status_at_once(
    alice_client, grace, data, expected, next_check_in
):
    response = alice_client.post(url(grace), data, **HX)

    assert stored(grace) == expected
    assert f"Next check-in: {next_check_in}." in find_one(html(response), "section").clean_text


def test_htmx_returns_the_section_and_an_out_of_band_badge(alice_client, grace):
    response = alice_client.post(url(grace), rhythm(pin=Status.PASSIVE), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    section = find_one(html(response), "section", id="stay-in-touch")
    assert "Pinned as passive: no check-in reminders." in section.clean_text
    [oob] = find_all(html(response), hx_swap_oob="true")
    assert oob.get("id") == "contact-status"
    assert oob.clean_text == "Passive"


@pytest.mark.parametrize("days", ["0", "5000", "-3", "often"])
def test_own_frequency_out_of_range_is_rejected(alice_client, grace, days):
    before = stored(grace)

    page = alice_client.post(
        url(grace), rhythm(importance="high", follow_up_days=days), follow=True
    )
    section = alice_client.post(url(grace), rhythm(importance="high", follow_up_days=days), **HX)

    assert stored(grace) == before
    assert "Please correct the follow-up settings" in html(page)
    assert is_fragment(section)
    field = find_one(html(section), "input", name="follow_up_days")
    assert field.get("aria-invalid") == "true"
    assert find_one(html(section), "span", id="contact-status").clean_text == "Regular contact"


def test_limits_of_own_frequency_are_accepted(alice_client, grace):
    alice_client.post(url(grace), rhythm(follow_up_days="1"))
    assert stored(grace) == (Status.RECONNECT, "medium", 1)

    alice_client.post(url(grace), rhythm(follow_up_days="3650"))
    assert stored(grace) == (Status.REGULAR_CONTACT, "medium", 3650)


def test_the_contact_page_shows_the_section(alice_client, grace):
    page = html(alice_client.get(detail(grace)))

    section = find_one(page, "section", id="stay-in-touch")
    assert "Next check-in: 29 Apr 2026." in section.clean_text
    form = find_one(section.descendants(), "form", action=url(grace))
    assert form.get("hx-post") == url(grace)


def test_outsider_gets_404_and_nothing_changes(charlie_client, grace):
    before = stored(grace)

    response = charlie_client.post(url(grace), rhythm(pin=Status.PASSIVE))
    htmx = charlie_client.post(url(grace), rhythm(pin=Status.PASSIVE), **HX)

    assert response.status_code == htmx.status_code == 404
    assert stored(grace) == before


def test_anonymous_is_sent_to_log_in(client, grace):
    before = stored(grace)

    response = client.post(url(grace), rhythm(pin=Status.PASSIVE))

    assert response.status_code == 302
    assert response.url == login_url_for(url(grace))
    assert stored(grace) == before


def test_get_is_not_allowed(alice_client, grace):
    assert alice_client.get(url(grace)).status_code == 405


def test_next_check_in_date_is_in_the_owners_time_zone(client):
    # Created 11:30 UTC on 10 December: 11 December in Auckland, so due 90 days after that.
    kiwi = set_preferences(make_user("kiwi"), time_zone="Pacific/Auckland")
    contact = added_on(make_contact(kiwi), dt.datetime(2025, 12, 10, 11, 30, tzinfo=dt.UTC))
    client.force_login(kiwi)

    response = client.post(url(contact), rhythm(), **HX)

    section = find_one(html(response), "section", id="stay-in-touch")
    assert "Next check-in: 11 Mar 2026." in section.clean_text
