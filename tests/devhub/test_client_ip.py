"""One function decides the client's address: X-Forwarded-For counts only from TRUSTED_PROXIES."""

import ipaddress
import logging

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from devhub.lib.client_ip import client_ip, log_refusal

PROXY = "10.0.0.5"
VISITOR = "203.0.113.7"


def request(peer: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY), ipaddress.ip_network("fd00::/8")]


def test_nobody_is_trusted_by_default():
    assert django_settings.TRUSTED_PROXIES == []


def test_without_a_header_the_peer_is_the_client(behind_proxy):
    assert client_ip(request(VISITOR)) == VISITOR
    assert client_ip(request(PROXY)) == PROXY


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(behind_proxy):
    assert client_ip(request(VISITOR, "198.51.100.1")) == VISITOR


def test_a_forwarded_address_is_ignored_when_no_proxy_is_configured():
    assert client_ip(request(PROXY, VISITOR)) == PROXY


def test_the_trusted_proxys_forwarded_address_is_the_client(behind_proxy):
    assert client_ip(request(PROXY, VISITOR)) == VISITOR


def test_what_the_client_wrote_itself_left_of_the_proxys_entry_is_ignored(behind_proxy):
    """The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address."""
    assert client_ip(request(PROXY, f"1.2.3.4, {VISITOR}")) == VISITOR


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_first_untrusted_hop(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8")]

    assert client_ip(request("10.0.0.1", f"1.2.3.4, {VISITOR}, 10.9.9.9, 10.0.0.2")) == VISITOR


def test_junk_in_the_header_stops_the_walk_at_the_last_good_hop(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8")]

    assert client_ip(request("10.0.0.1", f"{VISITOR}, not-an-address, 10.0.0.2")) == "10.0.0.2"
    assert client_ip(request("10.0.0.1", "")) == "10.0.0.1"


def test_ipv6_and_ipv4_mapped_peers(behind_proxy):
    assert client_ip(request("fd00::1", "2001:db8::7")) == "2001:db8::7"
    assert client_ip(request("::ffff:10.0.0.5", VISITOR)) == VISITOR
    assert client_ip(request("2001:db8::9", VISITOR)) == "2001:db8::9"


def test_a_request_without_an_address_keeps_its_empty_peer():
    assert client_ip(request("")) == ""


def test_refusals_are_logged_with_the_client_address(behind_proxy, caplog):
    with caplog.at_level(logging.WARNING, logger="devhub.test"):
        log_refusal(logging.getLogger("devhub.test"), "Sign-up", request(PROXY, VISITOR))

    assert caplog.messages == [f"Sign-up refused for {VISITOR}: too many attempts"]


def test_the_rate_limits_and_the_log_in_lock_out_ask_this_function():
    assert django_settings.RATELIMIT_IP_META_KEY == "devhub.lib.client_ip.client_ip"
    assert django_settings.AXES_CLIENT_IP_CALLABLE == "devhub.lib.client_ip.client_ip"
