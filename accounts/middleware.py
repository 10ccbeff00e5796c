import zoneinfo

from django.db import connection
from django.utils import timezone

from accounts.models import bump_data_version

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


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


class DataVersionMiddleware:
    """A logged-in user's request that writes to the database bumps their data_version, so their
    cached pages go stale. A write in the admin may touch anybody's data, so it bumps everyone's.
    (Anonymous writes, i.e. Quick Connect, bump the owner themselves.) Refused forms write
    nothing and bump nothing; the session and messages are saved outside this middleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        user = getattr(request, "user", None)
        # Read before the view runs: logging out replaces request.user.
        writer = user if user is not None and user.is_authenticated else None
        if writer is None:
            return self.get_response(request)
        watch = WriteWatch()
        with connection.execute_wrapper(watch):
            response = self.get_response(request)
        if watch.wrote:
            match = request.resolver_match
            bump_data_version(None if match and match.namespace == "admin" else writer)
        return response


class WriteWatch:
    """An execute wrapper that notes whether any INSERT, UPDATE or DELETE ran."""

    WRITES = ("INSERT", "UPDATE", "DELETE")

    def __init__(self) -> None:
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote and sql.lstrip()[:6].upper() in self.WRITES:
            self.wrote = True
        return execute(sql, params, many, context)
