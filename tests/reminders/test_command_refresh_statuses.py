"""`manage.py refresh_statuses`: what cron runs every night."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from contacts.models import Contact
from reminders import refresh
from reminders.models import Reminder, StatusRefreshRun
from tests.conftest import make_contact
from tests.reminders.helpers import NOW, TODAY, days_ago, status_of

pytestmark = pytest.mark.django_db

Status = Contact.Status
SUMMARY = re.compile(
    r"^refresh_statuses: (?P<changed>\d+) contacts (?P<verb>changed|would change)"
    r"(?: \((?P<moves>[^)]*)\))?"
    r"(?:; (?P<reminders>\d+) reminders created)?; (?P<seconds>\d+\.\d\d)s$"
)


def run(*args: str) -> str:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("refresh_statuses", *args, stdout=out)
    return out.getvalue()


def summary(output: str) -> re.Match:
    lines = output.splitlines()
    assert len(lines) == 1, output
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    return match


@pytest.fixture
def book(alice, charlie) -> dict[str, Contact]:
    return {
        "due": make_contact(alice, name="Due", last_contacted=days_ago(90)),
        "lapsed": make_contact(alice, name="Lapsed", last_contacted=days_ago(270)),
        "also_lapsed": make_contact(alice, name="Also lapsed", last_contacted=days_ago(300)),
        "fresh": make_contact(alice, name="Fresh", last_contacted=days_ago(1)),
        "charlies": make_contact(charlie, name="Charlie's", last_contacted=days_ago(100)),
    }


def test_summary_line_counts_contacts_per_transition(book):
    line = summary(run())

    assert line["verb"] == "changed"
    assert line["changed"] == "4"
    assert line["moves"] == "regular_contact -> check_in_due: 2, regular_contact -> reconnect: 2"
    assert line["reminders"] == "4"
    assert float(line["seconds"]) < 10
    assert status_of(book["lapsed"]) == Status.RECONNECT
    assert status_of(book["charlies"]) == Status.CHECK_IN_DUE


def test_each_run_is_recorded_with_its_counts(book):
    run()

    run_ = StatusRefreshRun.objects.get()
    assert run_.started_at == NOW
    assert run_.as_of == TODAY
    assert run_.contacts_changed == 4
    assert run_.reminders_created == 4
    assert run_.transitions == {
        "regular_contact -> check_in_due": 2,
        "regular_contact -> reconnect": 2,
    }


def test_idempotent(book):
    run()
    statuses = {name: status_of(c) for name, c in book.items()}

    line = summary(run())

    assert line["changed"] == "0"
    assert line["moves"] is None
    assert line["reminders"] == "0"
    assert {name: status_of(c) for name, c in book.items()} == statuses
    assert Reminder.objects.count() == 4
    assert StatusRefreshRun.objects.count() == 2


def test_dry_run_prints_what_would_change_and_changes_nothing(book):
    line = summary(run("--dry-run"))

    assert line["verb"] == "would change"
    assert line["changed"] == "4"
    assert line["moves"] == "regular_contact -> check_in_due: 2, regular_contact -> reconnect: 2"
    assert line["reminders"] is None
    assert {status_of(c) for c in book.values()} == {Status.REGULAR_CONTACT}
    assert not Reminder.objects.exists()
    assert not StatusRefreshRun.objects.exists()


def test_user_limits_the_run_to_one_user(book):
    line = summary(run("--user", "charlie"))

    assert line["changed"] == "1"
    assert status_of(book["charlies"]) == Status.CHECK_IN_DUE
    assert status_of(book["due"]) == Status.REGULAR_CONTACT
    assert not Reminder.objects.filter(owner__username="alice").exists()
    assert Reminder.objects.filter(owner__username="charlie").count() == 1


def test_today_computes_as_of_that_date(alice):
    contact = make_contact(alice, last_contacted=dt.date(2026, 1, 1))  # medium: every 90 days

    summary(run("--today", "2026-03-31"))
    assert status_of(contact) == Status.REGULAR_CONTACT
    summary(run("--today", "2026-04-01"))
    assert status_of(contact) == Status.CHECK_IN_DUE

    runs = StatusRefreshRun.objects.order_by("id").values_list("as_of", flat=True)
    assert list(runs) == [dt.date(2026, 3, 31), dt.date(2026, 4, 1)]
    assert Reminder.objects.get(contact=contact).due_on == dt.date(2026, 4, 1)


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "10/03/2026", ""])
def test_bad_today_fails_with_a_message(book, value):
    with pytest.raises(CommandError, match="is not a date like 2026-11-22"):
        run("--today", value)

    assert status_of(book["due"]) == Status.REGULAR_CONTACT
    assert not StatusRefreshRun.objects.exists()


def test_unknown_user_fails_with_a_message(book):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        run("--user", "nobody")

    assert not StatusRefreshRun.objects.exists()


def test_database_failure_exits_non_zero(book, monkeypatch):
    def broken(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("reminders.management.commands.refresh_statuses.refresh_statuses", broken)

    with pytest.raises(CommandError, match="refresh_statuses failed: database is locked"):
        run()


def test_quiet_at_verbosity_zero(book):
    assert run("--verbosity", "0") == ""
    assert status_of(book["due"]) == Status.CHECK_IN_DUE


def test_running_it_clears_the_stale_warning(book):
    with time_machine.travel(NOW, tick=False):
        assert refresh.is_stale(refresh.last_run())
    run()
    with time_machine.travel(NOW + dt.timedelta(hours=25), tick=False):
        assert not refresh.is_stale(refresh.last_run())
