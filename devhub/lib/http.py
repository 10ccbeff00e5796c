"""Typed request for views behind login, so editors and mypy know about .user and .htmx."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def is_htmx_fragment(request: HttpRequest) -> bool:
    """True when an HTMX request wants a fragment (not a history restore, which needs the page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def safe_next(request: HttpRequest) -> str:
    """The `next` page to return to, if it is on this site; else ""."""
    return safe_url(request, request.POST.get("next") or request.GET.get("next") or "")


def safe_url(request: HttpRequest, target: object) -> str:
    """`target` if it is an address on this site; else ""."""
    if not isinstance(target, str):
        return ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
