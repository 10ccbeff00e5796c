"""Writing to the security log: every part of the product that does something security-relevant
calls `record`."""

import ipaddress

from django.http import HttpRequest

from devhub.lib.client_ip import client_ip
from security.models import Event


def record(user, kind: str, request: HttpRequest | None = None, **details) -> Event:
    """Log `kind` (an Event.Kind) for `user` (None when unknown, e.g. a failed log-in for a name
    that is not an account: then pass `username=`), with the request's address and browser."""
    username = details.pop("username", "") or getattr(user, "username", "")
    ip, agent = None, ""
    if request is not None:
        ip = _address(client_ip(request))
        agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    return Event.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=username[:150],
        kind=kind,
        ip=ip,
        user_agent=agent,
        details=details,
    )


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None  # not an address (a test client, a broken proxy): logged without one
