"""Who an API request acts for: a personal access token (`Authorization: Bearer dh_...`, no
CSRF: a script holds the secret, not a browser's cookie jar), or the browser's logged-in
session (CSRF checked, as for any form of the site)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from api import services
from api.models import ApiToken
from api.problems import Problem
from devhub.lib import config

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def unauthorized(detail: str) -> Problem:
    return Problem(401, detail, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def _throttle(token: ApiToken) -> None:
    """Count the request against its token's rate in the shared cache (every worker counts
    together), in fixed windows; over the rate, 429 with the seconds until the next window.

    One increment per request (django-ratelimit's get_usage adds the key before incrementing
    it, a second write transaction on every request): the key is added only when a window
    starts."""
    limit, period = rate_limit(settings.API_RATE_PER_TOKEN)
    now = int(time.time())
    window = now - now % period
    key = f"api-rate:{token.pk}:{window}"
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1 if cache.add(key, 1, period + 5) else cache.incr(key)
    if count > limit:
        wait = max(window + period - now, 1)
        raise Problem(
            429,
            f"Too many requests with this token; try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )


def rate_limit(rate: str) -> tuple[int, int]:
    """django-ratelimit's spelling of a rate (as settings checks it): (requests, seconds)."""
    match = config.RATE.fullmatch(rate)
    return int(match["count"]), int(match["multiplier"] or 1) * PERIODS[match["unit"]]


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = services.find(token.strip())
        if found is None:
            raise unauthorized("The token is not valid.")
        if found.revoked_at is not None:
            raise unauthorized("The token has been revoked.")
        if found.is_expired():
            raise unauthorized("The token has expired.")
        if not found.owner.is_active:
            raise unauthorized("The token's account is deactivated.")
        _throttle(found)
        if request.method not in SAFE_METHODS and not found.can_write:
            raise Problem(403, "This token is read-only; create a read and write token.")
        services.touch(found)
        request.user = found.owner  # so the history of changes names who made them
        timezone.activate(found.owner.zone)  # "today" is the owner's, as on their pages
        request.api_token = found
        return found.owner


class SessionAuth(APIKeyCookie):
    """The logged-in browser; a write needs the CSRF token like every form of the site."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise Problem(
                403,
                "CSRF check failed: a request made with the session cookie needs the "
                "X-CSRFToken header. Scripts should use a token instead.",
            )
        return request.user

    def authenticate(self, request: HttpRequest, key: str | None):
        return request.user if request.user.is_authenticated else None
