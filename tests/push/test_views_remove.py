"""/push/devices/<code>/remove/: confirm, then the device gets no more push reminders."""

import pytest

from push.models import PushSubscription
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.push.conftest import make_device

pytestmark = pytest.mark.django_db


def url(device) -> str:
    return f"/push/devices/{device.code}/remove/"


def test_get_asks_for_confirmation_and_removes_nothing(alice_client, alice, push_service):
    device, _ = make_device(alice, push_service)

    response = alice_client.get(url(device))

    assert response.status_code == 200
    assert "Remove Firefox on Android?" in html(response)
    assert f'action="{url(device)}"' in html(response)
    assert PushSubscription.objects.exists()


def test_post_removes_the_device(alice_client, alice, push_service):
    device, _ = make_device(alice, push_service)
    kept, _ = make_device(alice, push_service, "laptop")

    response = alice_client.post(url(device))

    assert response.status_code == 302
    assert response.url == "/reminders/settings/#push"
    assert list(PushSubscription.objects.all()) == [kept]


def test_htmx_gets_the_device_list_without_the_device(alice_client, alice, push_service):
    device, _ = make_device(alice, push_service)

    response = alice_client.post(url(device), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert "Removed Firefox on Android" in html(response)
    assert "No device gets push reminders yet." in html(response)


def test_another_users_device_is_404_and_kept(charlie_client, alice, push_service):
    device, _ = make_device(alice, push_service)

    assert charlie_client.get(url(device)).status_code == 404
    assert charlie_client.post(url(device)).status_code == 404
    assert PushSubscription.objects.filter(pk=device.pk).exists()


def test_anonymous_is_sent_to_log_in(client, alice, push_service):
    device, _ = make_device(alice, push_service)

    response = client.post(url(device))

    assert response.url == login_url_for(url(device))
    assert PushSubscription.objects.exists()


def test_other_methods_are_not_allowed(alice_client, alice, push_service):
    device, _ = make_device(alice, push_service)

    assert alice_client.put(url(device)).status_code == 405
