"""The crontab lines the set-up card and the warning show: pasteable as they are."""

import shlex
import sys

from django.conf import settings

from devhub.lib.crontab import JOBS, crontab, crontab_lines


def test_one_line_per_job_for_this_installation():
    assert crontab_lines() == [
        f"15 3 * * * cd {settings.BASE_DIR} && {sys.executable} manage.py refresh_statuses"
        " --verbosity 0",
        f"40 3 * * * cd {settings.BASE_DIR} && {sys.executable} manage.py suggest_follow_ups"
        " --verbosity 0",
        f"0 * * * * cd {settings.BASE_DIR} && {sys.executable} manage.py send_reminders"
        " --verbosity 0",
        f"0 * * * * cd {settings.BASE_DIR} && {sys.executable} manage.py chase_payments"
        " --verbosity 0",
        f"*/5 * * * * cd {settings.BASE_DIR} && {sys.executable} manage.py run_jobs --verbosity 0",
        f"30 3 * * * cd {settings.BASE_DIR} && {sys.executable} manage.py prune_security"
        " --verbosity 0",
        f"45 3 * * * cd {settings.BASE_DIR} && {sys.executable} manage.py prune_history"
        " --verbosity 0",
        f"* * * * * cd {settings.BASE_DIR} && {sys.executable} manage.py send_webhooks"
        " --verbosity 0",
    ]


def test_paths_with_spaces_or_quotes_are_quoted_for_the_shell():
    line = crontab_lines("/srv/my crm/it's", "/srv/my crm/.venv/bin/python")[0]

    words = shlex.split(line.split(" ", 5)[5])
    assert words[:2] == ["cd", "/srv/my crm/it's"]
    assert words[3:6] == ["/srv/my crm/.venv/bin/python", "manage.py", "refresh_statuses"]


def test_every_job_has_a_command_that_exists_and_a_comment():
    from django.core.management import get_commands

    text = crontab()
    for job in JOBS:
        assert job.command in get_commands()
        assert f"# {job.why}\n" in text


def test_a_server_that_embeds_python_gets_the_projects_virtualenv(monkeypatch):
    monkeypatch.setattr(sys, "executable", "/usr/bin/uwsgi")

    assert crontab_lines()[0] == (
        f"15 3 * * * cd {settings.BASE_DIR} && .venv/bin/python manage.py refresh_statuses"
        " --verbosity 0"
    )
