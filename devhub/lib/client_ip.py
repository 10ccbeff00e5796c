"""Who sent a request: the one answer the rate limits, the log-in lock-out and the logs all use.

Behind a reverse proxy every request arrives from the proxy's address; the proxy writes the
address it was called from into X-Forwarded-For. Anybody can send that header, so it is read only
when the request comes from one of TRUSTED_PROXIES, and only as far back as the proxies go: the
header is read from the right (the hop nearest to us) and the first address that is not a trusted
proxy is the client. Whatever a client put further left is its own claim and is ignored.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_ip(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    address = _parse(peer)
    if address is None or not _trusted(address):
        return str(address) if address else peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",") if forwarded else []):
        hop_address = _parse(hop)
        if hop_address is None:
            break  # junk: nothing left of it was written by a proxy we trust
        address = hop_address
        if not _trusted(address):
            break
    return str(address)


def _parse(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def log_refusal(logger: logging.Logger, what: str, request: HttpRequest) -> None:
    """One warning line per request a limit refused, naming the client as the limits see it."""
    logger.warning("%s refused for %s: too many attempts", what, client_ip(request))
