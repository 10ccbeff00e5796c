"""Which addresses a webhook may be sent to: http(s) only, and never (unless WEBHOOKS_ALLOW_PRIVATE)
an address inside this server's own network. Checked when a hook is saved, for a clear message,
and again on the connected socket when it is sent, so a name that later resolves elsewhere (DNS
rebinding) cannot reach the loopback, a private network or a cloud metadata service."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


class RefusedAddress(ValueError):
    pass


def parse(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL; RefusedAddress for anything else."""
    if any(c.isspace() or not c.isprintable() for c in url):
        raise RefusedAddress("The URL must not contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedAddress("This is not a valid URL.") from exc
    if parts.scheme not in ("http", "https"):
        raise RefusedAddress("Only http:// and https:// addresses can receive webhooks.")
    if not parts.hostname:
        raise RefusedAddress("The URL needs a host name.")
    if parts.username or parts.password:
        raise RefusedAddress("Put no user name or password in the URL; check the signature.")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def is_public(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def check_ip(ip: str) -> None:
    if not settings.WEBHOOKS_ALLOW_PRIVATE and not is_public(ip):
        raise RefusedAddress(
            f"The address resolves to {ip}, a private, loopback or reserved address."
        )


def check(url: str) -> None:
    """RefusedAddress unless every address the URL's host resolves to may be sent to."""
    _, host, port = parse(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise RefusedAddress(f"The host name {host} could not be resolved.") from exc
    for *_, sockaddr in infos:
        check_ip(sockaddr[0])


def validate(url: str) -> None:
    """The form's check: a ValidationError with the reason."""
    try:
        check(url)
    except RefusedAddress as exc:
        raise ValidationError(str(exc), code="refused") from exc
