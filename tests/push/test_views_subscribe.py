"""POST /push/subscribe/: what static/js/push.js sends after the browser subscribed."""

import pytest
from django.contrib.messages import get_messages

from push.models import PushSubscription
from tests.contacts.conftest import HX, html, is_fragment, login_url_for
from tests.push.conftest import Browser

pytestmark = pytest.mark.django_db

URL = "/push/subscribe/"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def data(**overrides) -> dict:
    browser = Browser()
    return {
        "endpoint": "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABn",
        "p256dh": browser.p256dh,
        "auth": browser.auth,
        **overrides,
    }


def test_turning_push_on_stores_the_device_and_returns_to_the_settings(alice_client, alice):
    response = alice_client.post(URL, data(), HTTP_USER_AGENT=FIREFOX)

    assert response.status_code == 302
    assert response.url == "/reminders/settings/#push"
    device = PushSubscription.objects.get()
    assert (device.owner, device.device) == (alice, "Firefox on Linux")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Push reminders are on for Firefox on Linux."
    ]


def test_htmx_gets_the_device_list(alice_client):
    response = alice_client.post(URL, data(), HTTP_USER_AGENT=FIREFOX, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert 'id="push-devices"' in page
    assert "Firefox on Linux" in page and "nothing delivered yet" in page


def test_the_same_browser_twice_is_one_device(alice_client):
    alice_client.post(URL, data(), **HX)
    alice_client.post(URL, data(), **HX)

    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("endpoint", "http://push.example.com/x", "must start with https://"),
        ("endpoint", "https://127.0.0.1:8000/admin/", "not an IP"),
        ("endpoint", "https://[::1]/x", "not an IP"),
        ("endpoint", "https://localhost/x", "public push service"),
        ("endpoint", "https://db.internal/x", "public push service"),
        ("endpoint", "", "This field is required."),
        ("p256dh", "BAAA", "not a P-256 key"),
        ("p256dh", "x" * 101, "at most 100 characters"),
        ("auth", "c2hvcnQ", "must be 16 bytes"),
        ("auth", "not base64!!", "must be 16 bytes"),
    ],
)
def test_bad_subscriptions_are_refused_with_the_reason(alice_client, field, value, error):
    for extra in ({}, HX):
        response = alice_client.post(URL, data(**{field: value}), **extra)

        assert response.status_code == 400
        assert error in html(response)
        assert 'role="alert"' in html(response)
    assert not PushSubscription.objects.exists()


def test_anonymous_is_sent_to_log_in(client):
    response = client.post(URL, data())

    assert response.status_code == 302
    assert response.url == login_url_for(URL)


def test_get_is_not_allowed(alice_client):
    assert alice_client.get(URL).status_code == 405
