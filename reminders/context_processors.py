from django.conf import settings

from reminders.refresh import is_stale, last_run


def refresh_warning(request) -> dict:
    """Every page warns when the nightly refresh_statuses job has not run for over 26 hours."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    run = last_run()
    return {
        "refresh_stale": is_stale(run),
        "refresh_last_run": run,
        "refresh_project_dir": settings.BASE_DIR,
    }
