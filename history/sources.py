"""The source of a change, for the history of records.

Requests are "web" (or "admin" under /admin/); code that changes records for another reason says
so around the change: `with changes_by(IMPORT): ...`. Anything else (a shell, a command) is
"system". A context variable, so threads and async tasks each keep their own."""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from simple_history.models import HistoricalRecords

WEB = "web"
ADMIN = "admin"
IMPORT = "import"
QUICK_CONNECT = "quick_connect"
CRON = "cron"
MERGE = "merge"
BULK = "bulk_edit"
RESTORE = "restore"
SYSTEM = "system"

LABELS = {
    WEB: "You",
    ADMIN: "Admin",
    IMPORT: "Import",
    QUICK_CONNECT: "Quick Connect",
    CRON: "Nightly refresh",
    MERGE: "Merge",
    BULK: "Bulk edit",
    RESTORE: "Restore",
    SYSTEM: "System",
}

_source: ContextVar[str | None] = ContextVar("history_source", default=None)
_user: ContextVar[object | None] = ContextVar("history_user", default=None)
_paused: ContextVar[bool] = ContextVar("history_paused", default=False)


@contextlib.contextmanager
def changes_by(source: str, user=None) -> Iterator[None]:
    """Changes inside are recorded with `source` (and `user`, when no request gives one)."""
    source_token, user_token = _source.set(source), _user.set(user)
    try:
        yield
    finally:
        _source.reset(source_token)
        _user.reset(user_token)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No history rows for the changes inside."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def is_paused() -> bool:
    return _paused.get()


def _request():
    return getattr(HistoricalRecords.context, "request", None)


def current_source() -> str:
    if (source := _source.get()) is not None:
        return source
    request = _request()
    if request is None:
        return SYSTEM
    return ADMIN if request.path.startswith("/admin/") else WEB


def current_user():
    """The user a bulk history row is recorded for: the request's, else the context's."""
    request = _request()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    return _user.get()


def stamp_source(sender, history_instance, **kwargs) -> None:
    """pre_create_historical_record: the source, and the context's user when there is none."""
    history_instance.history_source = current_source()
    if history_instance.history_user_id is None and (user := _user.get()) is not None:
        history_instance.history_user_id = user.pk
