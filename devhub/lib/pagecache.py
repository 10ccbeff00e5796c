"""A rendered page kept per user until their data changes (used by the dashboard).

The key holds everything the page depends on besides the data itself:
- the user and their `data_version`, which every write bumps (accounts.middleware.
  DataVersionMiddleware for the user's own requests; Quick Connect and the management
  commands bump the owners they write for), so a change makes the old page unreachable;
- the user's local date, for pages that count "today" and "overdue";
- the browser's CSRF secret, because the page's forms carry tokens made from it.
PAGE_CACHE_SECONDS (5 minutes) bounds what the key cannot see, such as "3 minutes ago".
A request with pending flash messages is drawn afresh and not kept: messages are shown once.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from devhub.lib.http import AuthedRequest


def page_key(request: AuthedRequest, name: str) -> str | None:
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return None  # the page about to be drawn mints the browser's secret
    browser = hashlib.sha256(secret.encode()).hexdigest()[:16]
    user = request.user
    return f"page:{name}:{user.pk}:{user.data_version}:{timezone.localdate()}:{browser}"


def cached_page(
    request: AuthedRequest, name: str, build: Callable[[], HttpResponse]
) -> HttpResponse:
    if len(messages.get_messages(request)):
        return build()
    cache = caches["pages"]
    key = page_key(request, name)
    if key is not None and (content := cache.get(key)) is not None:
        return HttpResponse(content)
    response = build()
    # Not kept for a client without the CSRF cookie (browsers get it on the log-in page): it
    # would never present the same key again.
    if response.status_code == 200 and key is not None:
        cache.set(key, response.content, settings.PAGE_CACHE_SECONDS)
    return response
