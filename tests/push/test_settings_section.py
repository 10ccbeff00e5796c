"""The "Push reminders" section of the settings page."""

import pytest

from push import vapid
from tests.contacts.conftest import html
from tests.devhub.conftest import find_one
from tests.push.conftest import make_device

pytestmark = pytest.mark.django_db

SETTINGS = "/reminders/settings/"


def test_the_section_carries_the_key_and_the_script(alice_client):
    page = html(alice_client.get(SETTINGS))

    section = find_one(page, "section", id="push")
    assert section.get("data-push-key") == vapid.key_pair()[1]
    assert section.get("data-subscribe-url") == "/push/subscribe/"
    assert '<script src="/static/js/push.js" defer></script>' in page
    # The button is shown by push.js once it knows the browser can do push.
    assert find_one(page, "button", id="push-enable").get("hidden") is not None
    assert "No device gets push reminders yet." in page


def test_lists_only_this_users_devices_with_a_remove_link(
    alice_client, alice, charlie, push_service
):
    device, _ = make_device(alice, push_service)
    charlies, _ = make_device(charlie, push_service)

    page = html(alice_client.get(SETTINGS))

    assert "Firefox on Android" in page and "nothing delivered yet" in page
    remove = find_one(page, "a", href=f"/push/devices/{device.code}/remove/")
    assert remove.get("hx-confirm").startswith("Remove Firefox on Android?")
    assert str(charlies.code) not in page
    assert 'action="/push/test/"' in page
