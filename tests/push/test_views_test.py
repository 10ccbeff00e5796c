"""POST /push/test/: a test notification to each of the user's devices."""

import pytest
from django.contrib.messages import get_messages

from push.models import PushSubscription
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.push.conftest import make_device

pytestmark = pytest.mark.django_db

URL = "/push/test/"


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_each_device_gets_a_test_notification(alice_client, alice, charlie, push_service):
    _, phone = make_device(alice, push_service)
    make_device(charlie, push_service)

    response = alice_client.post(URL)

    assert response.url == "/reminders/settings/#push"
    assert messages_of(response) == ["Sent a test notification to 1 device."]
    (push,) = push_service.received
    assert phone.decrypt(push.body) == {
        "title": "DevHub CRM test notification",
        "body": "Push reminders reach Firefox on Android.",
        "url": "/reminders/settings/",
        "tag": "devhub-test",
    }
    assert PushSubscription.objects.get(owner=alice).last_success_at is not None


def test_failures_and_gone_devices_are_reported(alice_client, alice, push_service):
    make_device(alice, push_service, "flaky", kind="broken")
    make_device(alice, push_service, "old", kind="gone")

    response = alice_client.post(URL, **HX)

    assert is_fragment(response)
    page = html(response)
    assert "1 device could not be reached (see the list)." in page
    assert "Removed 1 device that turned push off." in page
    assert "Last push failed: The push service answered 500." in page
    assert PushSubscription.objects.count() == 1


def test_without_devices_it_says_to_turn_push_on_first(alice_client):
    response = alice_client.post(URL)

    assert messages_of(response) == ["No device has push reminders on: turn them on first."]


def test_anonymous_is_sent_to_log_in(client):
    assert client.post(URL).url == login_url_for(URL)


def test_get_is_not_allowed(alice_client):
    assert alice_client.get(URL).status_code == 405
