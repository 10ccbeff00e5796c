import zoneinfo

from django.utils import timezone


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
