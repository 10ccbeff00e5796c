import zoneinfo

from django.utils import timezone

from accounts import login_limit


class UserTimeZoneMiddleware:
    """Dates and times on every page are in the logged-in user's own time zone."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        try:
            zone = zoneinfo.ZoneInfo(user.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return self.get_response(request)
        # override() restores the previous zone afterwards, so nothing leaks between requests.
        with timezone.override(zone):
            return self.get_response(request)


class LoginPausedMiddleware:
    """Answers a log-in the per-username limit refused (accounts.backends marks the request)
    with the page that says so, instead of the form's "wrong password"."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if wait := getattr(request, "login_paused", None):
            return login_limit.paused_response(request, wait)
        return response
