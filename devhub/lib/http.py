"""Typed request for views behind login, so editors and mypy know about .user and .htmx."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def is_htmx_fragment(request: HttpRequest) -> bool:
    """True when an HTMX request wants a fragment (not a history restore, which needs the page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request
