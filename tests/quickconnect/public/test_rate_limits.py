"""Rate limits on sending the public form: 20 a minute per IP, 60 a minute per code; behind a
trusted proxy the IP is the forwarded one.

The clock is frozen in each test so a minute boundary can never reset the counters half-way.
"""

import datetime as dt
import ipaddress

import pytest
import time_machine
from django.utils import timezone

from contacts.models import Contact
from tests.quickconnect.public.conftest import (
    form_data,
    html,
    make_code,
    nothing_saved,
    public_url,
)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(timezone.now(), tick=False):
        yield


def send_unnamed(client, code, times: int, ip: str = "203.0.113.7") -> None:
    """Forms that count against the limits but save nothing (the name is missing)."""
    for _ in range(times):
        response = client.post(public_url(code), form_data(name=""), REMOTE_ADDR=ip)
        assert response.status_code == 200


def exhaust_ip_limit(client, code, ip: str = "203.0.113.7") -> None:
    send_unnamed(client, code, 20, ip=ip)
    assert client.post(public_url(code), form_data(), REMOTE_ADDR=ip).status_code == 429


def assert_limited(response) -> None:
    assert response.status_code == 429
    page = html(response)
    assert "Too many attempts" in page
    assert "this one was not saved" in page
    assert "Please wait a minute and try again." in page


def test_the_21st_form_a_minute_from_one_ip_is_refused(client, alice, quick_code):
    send_unnamed(client, quick_code, 20)

    response = client.post(public_url(quick_code), form_data(), REMOTE_ADDR="203.0.113.7")

    assert_limited(response)
    assert nothing_saved(alice, quick_code)


def test_twenty_forms_a_minute_from_one_ip_are_fine(client, alice, quick_code):
    send_unnamed(client, quick_code, 19)

    response = client.post(public_url(quick_code), form_data(), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 1


def test_the_ip_limit_does_not_hold_back_other_people(client, alice, quick_code):
    exhaust_ip_limit(client, quick_code, ip="203.0.113.7")

    response = client.post(public_url(quick_code), form_data(), REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 1


def test_the_ip_limit_lifts_after_a_minute(client, alice, quick_code):
    exhaust_ip_limit(client, quick_code)

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61), tick=False):
        response = client.post(public_url(quick_code), form_data(), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302


def test_the_61st_form_a_minute_on_one_code_is_refused_whatever_the_ip(client, alice, quick_code):
    for n in range(60):
        send_unnamed(client, quick_code, 1, ip=f"10.0.{n // 200}.{n % 200 + 1}")

    response = client.post(public_url(quick_code), form_data(), REMOTE_ADDR="192.0.2.99")

    assert_limited(response)
    assert nothing_saved(alice, quick_code)


def test_the_code_limit_is_per_code(client, alice, quick_code):
    for n in range(60):
        send_unnamed(client, quick_code, 1, ip=f"10.0.0.{n + 1}")
    other = make_code(alice, event_name="RustConf")

    response = client.post(public_url(other), form_data(), REMOTE_ADDR="192.0.2.99")

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 1


def test_opening_the_form_is_not_limited(client, alice, quick_code):
    for _ in range(40):
        assert client.get(public_url(quick_code), REMOTE_ADDR="203.0.113.7").status_code == 200

    response = client.post(public_url(quick_code), form_data(), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302


def test_a_limited_ip_can_still_open_the_form(client, quick_code):
    exhaust_ip_limit(client, quick_code)

    response = client.get(public_url(quick_code), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 200
    assert "Send my details" in html(response)


# Behind a reverse proxy (TRUSTED_PROXIES): the limit is per visitor, not per proxy.
PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]


def post_via(client, code, visitor: str, peer: str = PROXY, **overrides):
    return client.post(
        public_url(code), form_data(**overrides), REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=visitor
    )


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(
    client, alice, quick_code, behind_proxy
):
    for _ in range(20):
        assert post_via(client, quick_code, "203.0.113.7", name="").status_code == 200
    assert_limited(post_via(client, quick_code, "203.0.113.7"))

    response = post_via(client, quick_code, "198.51.100.20")

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 1


def test_a_forwarded_address_from_an_untrusted_peer_does_not_escape_the_limit(
    client, alice, quick_code, behind_proxy
):
    for n in range(20):
        response = post_via(client, quick_code, f"192.0.2.{n}", peer="203.0.113.7", name="")
        assert response.status_code == 200

    response = post_via(client, quick_code, "192.0.2.99", peer="203.0.113.7")

    assert_limited(response)
    assert nothing_saved(alice, quick_code)
