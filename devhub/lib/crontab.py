"""The crontab lines this installation needs, written for where it actually runs.

The set-up card and the stopped-jobs warning show them, so an operator can paste them into
`crontab -e` as they are: the project directory and the Python of the running process, each
shell-quoted.
"""

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class CronJob:
    schedule: str
    command: str
    why: str


# The same jobs, in the same order, as the README's cron section.
JOBS = [
    CronJob(
        "15 3 * * *",
        "refresh_statuses",
        "Move the statuses whose check-in or reconnect day has come; check-in and birthday "
        "reminders.",
    ),
    CronJob(
        "40 3 * * *",
        "suggest_follow_ups",
        "Conversation openers for the people who need attention (after the statuses move).",
    ),
    CronJob(
        "0 * * * *",
        "send_reminders",
        "Digest e-mail to users who opted in (hourly: each user's day starts in their own time "
        "zone).",
    ),
    CronJob("0 * * * *", "chase_payments", "Invoiced payments past their due date become overdue."),
    CronJob("*/5 * * * *", "run_jobs", "Finish long changes whose page was closed early."),
    CronJob(
        "30 3 * * *",
        "prune_security",
        "Forget expired log-in sessions and security-log entries older than SECURITY_LOG_DAYS.",
    ),
    CronJob("45 3 * * *", "prune_history", "Delete change history older than HISTORY_DAYS."),
    CronJob(
        "* * * * *",
        "send_webhooks",
        "Send webhook deliveries (and announce due reminders), retry failed ones, delete old ones.",
    ),
]


def running_python() -> str:
    """The interpreter running this process; under a server that embeds Python (uWSGI, whose
    sys.executable is the server itself) the project's own virtualenv, relative to `cd`."""
    if Path(sys.executable).name.startswith("python"):
        return sys.executable
    return ".venv/bin/python"


def crontab_lines(project_dir=None, python: str | None = None) -> list[str]:
    """One line per job, e.g. `15 3 * * * cd /srv/devhub && /srv/devhub/.venv/bin/python
    manage.py refresh_statuses --verbosity 0`."""
    where = shlex.quote(str(project_dir or settings.BASE_DIR))
    python = shlex.quote(python or running_python())
    return [
        f"{job.schedule} cd {where} && {python} manage.py {job.command} --verbosity 0"
        for job in JOBS
    ]


def crontab(project_dir=None, python: str | None = None) -> str:
    """The lines with a comment above each, ready for `crontab -e`."""
    lines = crontab_lines(project_dir, python)
    return "\n".join(f"# {job.why}\n{line}" for job, line in zip(JOBS, lines, strict=True))
