"""Where webhooks may be sent: http(s) only, never into this server's own network by default."""

import pytest

from webhooks import addresses


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.0.0.8/",
        "http://192.168.1.20/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://224.0.0.1/",  # multicast
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_refused(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False

    with pytest.raises(addresses.RefusedAddress, match="private, loopback or reserved"):
        addresses.check(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/", "Only http:// and https://"),
        ("file:///etc/passwd", "Only http:// and https://"),
        ("javascript:alert(1)", "Only http:// and https://"),
        ("https://", "needs a host name"),
        ("https://user:pw@example.com/", "no user name or password"),
        ("http://example.com:99999/", "not a valid URL"),
        ("https://no-such-host.invalid/", "could not be resolved"),
        ("https://example.com/a b", "spaces or control characters"),
        ("https://example.com/\r\nX-Injected: 1", "spaces or control characters"),
    ],
)
def test_what_is_not_a_web_address_is_refused_with_a_reason(url, reason, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True

    with pytest.raises(addresses.RefusedAddress, match=reason):
        addresses.check(url)


def test_a_public_address_is_allowed(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False

    addresses.check("https://93.184.215.14/hook")
    addresses.check("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:8443/x")


def test_the_setting_allows_a_receiver_on_this_machine(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True

    addresses.check("http://127.0.0.1:9000/hook")
    addresses.check("http://localhost/hook")
