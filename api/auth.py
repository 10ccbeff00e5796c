"""Who an API request acts for: a personal access token (`Authorization: Bearer dh_...`, no
CSRF: a script holds the secret, not a browser's cookie jar), or the browser's logged-in
session (CSRF checked, as for any form of the site)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from api import services
from api.models import ApiToken
from api.problems import Problem

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def unauthorized(detail: str) -> Problem:
    return Problem(401, detail, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def _throttle(request: HttpRequest, token: ApiToken) -> None:
    """Count the request against its token's rate (django-ratelimit, in the shared cache, so
    every worker counts together); over the rate, 429 with the seconds until the window ends."""
    usage = get_usage(
        request,
        group="api-token",
        key=lambda group, request: str(token.pk),
        rate=settings.API_RATE_PER_TOKEN,
        method=ALL,
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        # The window's last second still counts in it (django-ratelimit's windows include
        # their end): the next one starts a second after time_left.
        wait = usage["time_left"] + 1
        raise Problem(
            429,
            f"Too many requests with this token; try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )


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
        _throttle(request, found)
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
