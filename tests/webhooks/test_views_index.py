"""/accounts/webhooks/: the owner's webhooks with their status, and the settings page's section."""

import pytest
from django.utils import timezone

from tests.contacts.conftest import HX, html, login_url_for
from tests.webhooks.conftest import make_hook
from webhooks import services
from webhooks.models import Event

pytestmark = pytest.mark.django_db

URL = "/accounts/webhooks/"
SETTINGS = "/reminders/settings/"


def test_the_owners_hooks_are_listed_with_their_status_in_words(alice_client, alice, charlie):
    make_hook(alice, "https://a.example.com/on", events=[Event.CONTACT_CREATED])
    off = make_hook(alice, "https://a.example.com/off", events=[Event.REMINDER_DUE])
    services.disable(off, "5 deliveries in a row failed.")
    make_hook(charlie, "https://c.example.com/charlies")

    page = html(alice_client.get(URL))

    assert "https://a.example.com/on" in page
    assert "Contact created" in page
    assert ">Active</span>" in page
    assert ">Disabled</span> since" in page
    assert "5 deliveries in a row failed." in page
    assert "charlies" not in page


def test_without_hooks_it_says_so_and_offers_to_add_one(alice_client):
    page = html(alice_client.get(URL))

    assert "No webhooks yet." in page
    assert 'href="/accounts/webhooks/new/"' in page


def test_the_settings_page_links_here_and_shows_a_disabled_hook(alice_client, alice):
    assert 'href="/accounts/webhooks/"' in html(alice_client.get(SETTINGS))
    assert "Webhook disabled" not in html(alice_client.get(SETTINGS))
    hook = make_hook(alice, "https://a.example.com/broken")
    services.disable(hook, "Kept failing.", timezone.now())

    page = html(alice_client.get(SETTINGS))

    assert "Webhook disabled:" in page
    assert "https://a.example.com/broken" in page
    assert f'href="/accounts/webhooks/{hook.code}/"' in page


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).url == login_url_for(URL)


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(URL).status_code == 405


def test_htmx_gets_the_page_too(alice_client):
    """A link followed with hx-boost or hx-get: no fragment is defined, the page answers."""
    assert alice_client.get(URL, **HX).status_code == 200
