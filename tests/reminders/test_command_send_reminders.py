import datetime as dt
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core.mail.backends import locmem
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import OperationalError

from reminders.management.commands import send_reminders
from reminders.models import DigestDelivery
from tests.reminders.conftest import make_reminder, opt_in

TODAY = dt.date(2026, 3, 10)


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def alice_due(alice):
    opt_in(alice)
    make_reminder(alice, due_on=TODAY)
    return alice


def test_sends_and_prints_one_summary_line(alice_due, mailoutbox):
    output = run("--today", "2026-03-10")

    assert output == (
        "send_reminders: 1 digests sent, 0 already sent today, 0 users with nothing due, 0 failed\n"
    )
    assert len(mailoutbox) == 1


def test_second_run_reports_already_sent(alice_due, mailoutbox):
    run("--today", "2026-03-10")

    assert "0 digests sent, 1 already sent today" in run("--today", "2026-03-10")
    assert len(mailoutbox) == 1


def test_dry_run_sends_and_claims_nothing(alice_due, mailoutbox):
    output = run("--dry-run", "--today", "2026-03-10")

    assert output.startswith("send_reminders (dry run): 1 digests would be sent")
    assert mailoutbox == []
    assert not DigestDelivery.objects.exists()


def test_user_option_limits_the_run(alice_due, charlie, mailoutbox):
    opt_in(charlie)
    make_reminder(charlie, due_on=TODAY)

    run("--user", "charlie", "--today", "2026-03-10")

    assert [m.to for m in mailoutbox] == [["charlie@example.com"]]


def test_verbosity_zero_prints_nothing(alice_due, mailoutbox):
    assert run("--verbosity", "0", "--today", "2026-03-10") == ""
    assert len(mailoutbox) == 1


def test_unknown_user_is_an_error(db, mailoutbox):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        run("--user", "nobody")


def test_bad_date_is_an_error(db):
    with pytest.raises(CommandError, match="not a date"):
        run("--today", "2026-02-30")


def test_database_error_is_a_command_error(db, monkeypatch):
    def broken(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(send_reminders, "send_digests", broken)

    with pytest.raises(CommandError, match="database is locked"):
        run()


def test_failed_sends_are_reported_and_fail_the_run(alice_due, mailoutbox, monkeypatch):
    def refuse(self, messages):
        raise SMTPException("421 service not available")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
    out = StringIO()

    with pytest.raises(CommandError, match="1 digests could not be sent"):
        call_command("send_reminders", "--today", "2026-03-10", stdout=out)

    assert "0 digests sent, 0 already sent today, 0 users with nothing due, 1 failed" in (
        out.getvalue()
    )
    assert not DigestDelivery.objects.exists()


@pytest.mark.parametrize(
    ("argv", "exit_code"),
    [
        (["--today", "2026-03-10"], 0),
        (["--user", "nobody"], 1),
        (["--today", "yesterday"], 1),
    ],
)
def test_exit_codes_from_the_command_line(alice_due, capsys, argv, exit_code):
    try:
        execute_from_command_line(["manage.py", "send_reminders", *argv])
        code = 0
    except SystemExit as exc:
        code = exc.code
    assert code == exit_code
    if exit_code:
        assert "CommandError" in capsys.readouterr().err
