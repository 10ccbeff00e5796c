"""A busy database gets a 503 that keeps what the user typed, never a 500.

SQLite has one writer at a time. A long write (a migration during an upgrade, the nightly status
refresh over a big database, a sqlite3 shell left inside a transaction) can hold the lock for
longer than the busy timeout, and a request that waited that long fails with "database is
locked"; on PostgreSQL the same moment is a lock timeout, a deadlock or a serialization failure.

A write request whose view met that is run once more, but only when running it again cannot save
anything twice. Requests are not wrapped in one transaction (no ATOMIC_REQUESTS): each service
opens its own, and one that has committed stays committed. So the view runs again only if no
statement before the failure changed data and the failed transaction has rolled back. With
SQLite's IMMEDIATE transactions the lock is met at BEGIN, before any write, so that is the usual
case. Otherwise, or if the database is still busy, or the request was a read, the answer is a 503
page (for htmx, a message in the page's messages area) that offers the submitted fields again.
"""

import logging
import re

from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.db.utils import OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response
from django_htmx.http import push_url, reswap, retarget

from devhub.lib.http import is_htmx_fragment, safe_url

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
READ_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# PostgreSQL's lock_not_available (lock_timeout, NOWAIT), serialization_failure, deadlock_detected.
POSTGRES_BUSY_STATES = {"55P03", "40001", "40P01"}
# Statements that change no data: a view that ran only these can safely run again.
NON_WRITES = {"SELECT", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "PRAGMA", "SET"}
FIRST_WORD = re.compile(r"\s*(\w+)")


def is_database_busy(exc: BaseException) -> bool:
    """A lock the database waited for in vain; every other database error stays an error."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if str(getattr(cause, "sqlite_errorname", "")).startswith("SQLITE_BUSY"):
        return True
    if (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) in POSTGRES_BUSY_STATES:
        return True
    return str(exc).startswith("database is locked")


def lock_holder(exc: BaseException) -> str:
    """Who held the lock, as far as the database says (PostgreSQL names a deadlock's processes)."""
    detail = getattr(getattr(exc.__cause__, "diag", None), "message_detail", None)
    if detail:
        return detail
    if connection.vendor == "sqlite":
        return "unknown (SQLite does not say which connection holds its write lock)"
    return "unknown"


class WriteWatch:
    """Notes whether a request has changed any data, so that running its view again cannot
    save something twice. Installed as an execute wrapper: it sees every statement."""

    def __init__(self) -> None:
        self.depth = len(connection.atomic_blocks)
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.wrote:
            first = FIRST_WORD.match(sql) if isinstance(sql, str) else None
            self.wrote = first is None or first[1].upper() not in NON_WRITES
        return result

    def may_run_again(self) -> bool:
        """Nothing was written before the lock was met, and the failed statement's transaction
        has rolled back: the database is as it was before the view ran."""
        return (
            not self.wrote
            and len(connection.atomic_blocks) == self.depth
            and not connection.needs_rollback
        )


class DatabaseBusyMiddleware:
    """Runs a write once more when the database was busy, then answers 503 instead of 500."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.write_watch = watch = WriteWatch()
        with connection.execute_wrapper(watch):
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        watch: WriteWatch = request.write_watch
        uploads = uploaded_files(request)
        if request.method not in READ_METHODS and watch.may_run_again() and rewound(uploads):
            log_busy(request, exception, "running the view once more")
            try:
                return run_view_again(request)
            except OperationalError as again:
                if not is_database_busy(again):
                    raise
                exception = again
        response = busy_response(request, uploads, partly_saved=watch.wrote)
        log_busy(request, exception, "answered 503", response)
        return response


def run_view_again(request: HttpRequest) -> HttpResponse:
    match = request.resolver_match
    response = match.func(request, *match.args, **match.kwargs)
    if callable(getattr(response, "render", None)):
        # Now, inside the caller's try: Django would not render a response given in its place.
        response = response.render()
    return response


def uploaded_files(request: HttpRequest) -> list[UploadedFile]:
    if request.method != "POST" or request.content_type != "multipart/form-data":
        return []
    return [upload for _, uploads in request.FILES.lists() for upload in uploads]


def rewound(uploads: list[UploadedFile]) -> bool:
    """Uploads back at their start for the view's second run (not when the first closed one)."""
    if any(upload.closed for upload in uploads):
        return False
    for upload in uploads:
        upload.seek(0)
    return True


def log_busy(
    request: HttpRequest, exc: BaseException, outcome: str, response: HttpResponse | None = None
) -> None:
    """One warning each time; for the 503 it stands in for Django's "Service Unavailable" error."""
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    message = "Database busy on %s %s (user %s; lock held by %s): %s; %s"
    args = (request.method, request.path, user_id, lock_holder(exc), exc, outcome)
    if response is None:
        logger.warning(message, *args)
    else:
        log_response(
            message, *args, response=response, request=request, logger=logger, level="warning"
        )


def busy_response(
    request: HttpRequest, uploads: list[UploadedFile], *, partly_saved: bool
) -> HttpResponse:
    """The 503 page, whose form sends the submitted fields again; for htmx, only its message,
    shown in the page's messages area so that the form the user typed in stays as it is."""
    context = {"write": request.method not in READ_METHODS, "partly_saved": partly_saved}
    if is_htmx_fragment(request):
        html = render_to_string("503.html#message", context)
        response = retarget(reswap(HttpResponse(html, status=503), "innerHTML"), "#messages")
        push_url(response, False)
    else:
        fields, password_left_out = resubmitted_fields(request)
        context |= {
            "action": request.get_full_path(),
            "back_url": back_url(request),
            "resubmit": request.method == "POST" and request.content_type in FORM_TYPES,
            "fields": fields,
            "password_left_out": password_left_out,
            "file_names": [upload.name for upload in uploads],
            # Rendered without the request: context processors may read the busy database.
            "csrf_token": get_token(request),
        }
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # the page repeats what the user typed
    return response


def resubmitted_fields(request: HttpRequest) -> tuple[list[tuple[str, str]], bool]:
    """The POST's fields to send again, without the old CSRF token or any password."""
    if request.method != "POST" or request.content_type not in FORM_TYPES:
        return [], False
    fields, password_left_out = [], False
    for name, values in request.POST.lists():
        if name == "csrfmiddlewaretoken":
            continue
        if "password" in name.lower():
            password_left_out = True
            continue
        fields.extend((name, value) for value in values)
    return fields, password_left_out


def back_url(request: HttpRequest) -> str:
    """The page the request came from, if it is on this site; else the home page."""
    return safe_url(request, request.headers.get("referer", "")) or "/"
