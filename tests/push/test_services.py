"""Subscribing, device labels, and what deleting an account, contact or reminder leaves."""

import pytest

from push import services
from push.models import PushSubscription, ReminderPush
from reminders.models import Reminder
from tests.conftest import make_contact
from tests.push.conftest import NOW, TODAY, Browser, make_device

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
            "Safari on iPhone",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0 Safari/537.36 Edg/131.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox on Linux",
        ),
        ("", "Browser"),
    ],
)
def test_device_label(user_agent, label):
    assert services.device_label(user_agent) == label


def test_subscribing_again_from_the_same_browser_updates_its_keys(alice, push_service):
    device, _ = make_device(alice, push_service)
    fresh = Browser()

    again = services.subscribe(
        alice, endpoint=device.endpoint, p256dh=fresh.p256dh, auth=fresh.auth, user_agent=""
    )

    assert again.pk == device.pk
    assert PushSubscription.objects.get().p256dh == fresh.p256dh


def test_a_browser_subscribed_by_someone_else_moves_to_the_new_user(alice, charlie, push_service):
    """One browser, two accounts: it shows the reminders of whoever turned push on last."""
    device, browser = make_device(alice, push_service)

    services.subscribe(charlie, endpoint=device.endpoint, p256dh=browser.p256dh, auth=browser.auth)

    assert list(PushSubscription.objects.values_list("owner__username", flat=True)) == ["charlie"]


def pushed(owner, push_service, **reminder_fields):
    device, _ = make_device(owner, push_service)
    reminder = Reminder.objects.create(owner=owner, title="Ping", due_on=TODAY, **reminder_fields)
    ReminderPush.objects.create(
        reminder=reminder, subscription=device, due_on=TODAY, claimed_at=NOW
    )
    return device, reminder


def test_deleting_the_account_deletes_its_devices_and_claims(alice, charlie, push_service):
    pushed(alice, push_service)
    charlies, _ = pushed(charlie, push_service)

    alice.delete()

    assert list(PushSubscription.objects.all()) == [charlies]
    assert ReminderPush.objects.get().subscription == charlies


def test_deleting_a_contact_deletes_its_reminders_claims_and_keeps_the_device(alice, push_service):
    ada = make_contact(alice, name="Ada Lovelace")
    device, _ = pushed(alice, push_service, contact=ada)

    ada.delete()  # as the contact page's delete does

    assert not ReminderPush.objects.exists()
    assert list(PushSubscription.objects.all()) == [device]


def test_deleting_a_reminder_deletes_its_claims(alice, push_service):
    device, reminder = pushed(alice, push_service)

    reminder.delete()

    assert not ReminderPush.objects.exists()
    assert PushSubscription.objects.filter(pk=device.pk).exists()


def test_removing_a_device_deletes_its_claims_and_keeps_the_reminders(alice, push_service):
    device, reminder = pushed(alice, push_service)

    services.remove_subscription(device)

    assert not ReminderPush.objects.exists()
    assert Reminder.objects.filter(pk=reminder.pk).exists()
