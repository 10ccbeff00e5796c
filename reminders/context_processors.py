from django.utils.functional import SimpleLazyObject

from devhub.lib.crontab import crontab
from reminders.refresh import nightly_job


def refresh_warning(request) -> dict:
    """`nightly` (reminders.refresh.NightlyJob) for the set-up card, and `refresh_stale` for the
    warning every page shows when the nightly job has stopped. Both are read lazily from one
    query, made only when a page shows them (never for HTMX fragments)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    nightly = SimpleLazyObject(nightly_job)
    return {
        "nightly": nightly,
        "refresh_stale": SimpleLazyObject(lambda: nightly.stale),
        "crontab": SimpleLazyObject(crontab),
    }
