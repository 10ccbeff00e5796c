"""`manage.py refresh_statuses`: what cron runs every night."""

import datetime as dt
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import OperationalError, connections

from accounts.models import User
from contacts.models import Contact
from reminders import refresh
from reminders.models import Reminder, StatusRefreshRun
from tests.conftest import make_contact
from tests.reminders.helpers import NOW, TODAY, days_ago, set_preferences, status_of

pytestmark = pytest.mark.django_db

Status = Contact.Status
DAY = dt.timedelta(days=1)
SUMMARY = re.compile(
    r"^refresh_statuses: (?P<changed>\d+) contacts (?P<verb>changed|would change)"
    r"(?: \((?P<moves>[^)]*)\))?"
    r"(?:; (?P<reminders>\d+) reminders created)?; (?P<seconds>\d+\.\d\d)s$"
)
MOVES = "check_in_due -> reconnect: 2, regular_contact -> check_in_due: 2"


def run(*args: str, at: dt.datetime = NOW) -> str:
    out = StringIO()
    with time_machine.travel(at, tick=False):
        call_command("refresh_statuses", *args, stdout=out)
    return out.getvalue()


def summary(output: str) -> re.Match:
    lines = output.splitlines()
    assert len(lines) == 1, output
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    return match


def everything() -> tuple[list[tuple], list[tuple], list[tuple]]:
    """What a run may write: statuses, reminders and run records."""
    return (
        list(Contact.objects.order_by("pk").values_list("pk", "status", "updated_at")),
        list(Reminder.objects.order_by("pk").values_list("pk", "contact_id", "due_on", "title")),
        list(StatusRefreshRun.objects.order_by("pk").values_list("pk", "as_of")),
    )


@pytest.fixture
def book(alice, charlie) -> dict[str, Contact]:
    """Contacts added yesterday whose next day (medium importance: 90 and 270 days) is today."""
    with time_machine.travel(NOW - DAY, tick=False):
        return {
            "due": make_contact(alice, name="Due", last_contacted=days_ago(90)),
            "lapsed": make_contact(alice, name="Lapsed", last_contacted=days_ago(270)),
            "also_lapsed": make_contact(alice, name="Also lapsed", last_contacted=days_ago(270)),
            "fresh": make_contact(alice, name="Fresh", last_contacted=days_ago(1)),
            "charlies": make_contact(charlie, name="Charlie's", last_contacted=days_ago(90)),
        }


def statuses(book: dict[str, Contact]) -> dict[str, str]:
    return {name: status_of(contact) for name, contact in book.items()}


YESTERDAYS = {
    "due": Status.REGULAR_CONTACT,
    "lapsed": Status.CHECK_IN_DUE,
    "also_lapsed": Status.CHECK_IN_DUE,
    "fresh": Status.REGULAR_CONTACT,
    "charlies": Status.REGULAR_CONTACT,
}
TODAYS = {
    "due": Status.CHECK_IN_DUE,
    "lapsed": Status.RECONNECT,
    "also_lapsed": Status.RECONNECT,
    "fresh": Status.REGULAR_CONTACT,
    "charlies": Status.CHECK_IN_DUE,
}


def test_summary_line_counts_contacts_per_transition(book):
    assert statuses(book) == YESTERDAYS

    line = summary(run())

    assert line["verb"] == "changed"
    assert line["changed"] == "4"
    assert line["moves"] == MOVES
    assert line["reminders"] == "4"
    assert float(line["seconds"]) < 10
    assert statuses(book) == TODAYS


def test_each_run_is_recorded_with_its_counts(book):
    run()

    run_ = StatusRefreshRun.objects.get()
    assert run_.started_at == NOW
    assert run_.as_of == TODAY
    assert run_.contacts_changed == 4
    assert run_.reminders_created == 4
    assert run_.transitions == {
        "regular_contact -> check_in_due": 2,
        "check_in_due -> reconnect": 2,
    }


def test_running_twice_in_a_row_the_second_run_changes_and_creates_nothing(book):
    run()
    after_first = everything()

    line = summary(run(at=NOW + dt.timedelta(hours=1)))

    assert line["changed"] == "0"
    assert line["moves"] is None
    assert line["reminders"] == "0"
    contacts, reminders, runs = everything()
    assert (contacts, reminders) == after_first[:2]
    assert len(reminders) == 4
    assert runs == [*after_first[2], (runs[-1][0], TODAY)]


def test_dry_run_prints_what_would_change_and_writes_nothing(book):
    before = everything()

    line = summary(run("--dry-run"))

    assert line["verb"] == "would change"
    assert line["changed"] == "4"
    assert line["moves"] == MOVES
    assert line["reminders"] is None
    assert everything() == before
    assert statuses(book) == YESTERDAYS
    # What it said is what the real run then does.
    assert summary(run())["moves"] == MOVES


def test_user_limits_the_run_to_one_user(book):
    line = summary(run("--user", "charlie"))

    assert line["changed"] == "1"
    assert status_of(book["charlies"]) == Status.CHECK_IN_DUE
    assert status_of(book["due"]) == Status.REGULAR_CONTACT
    assert not Reminder.objects.filter(owner__username="alice").exists()
    assert Reminder.objects.filter(owner__username="charlie").count() == 1


def test_user_with_dry_run(book):
    line = summary(run("--user", "alice", "--dry-run"))

    assert (line["changed"], line["moves"]) == (
        "3",
        "check_in_due -> reconnect: 2, regular_contact -> check_in_due: 1",
    )
    assert statuses(book) == YESTERDAYS


def test_today_with_dry_run_previews_that_day_and_writes_nothing(alice):
    with time_machine.travel(NOW, tick=False):  # medium: every 90 days, so due on 1 April
        contact = make_contact(alice, last_contacted=dt.date(2026, 1, 1))
    before = everything()

    on_the_eve = summary(run("--dry-run", "--today", "2026-03-31"))
    on_the_day = summary(run("--dry-run", "--today", "2026-04-01"))

    assert (on_the_eve["verb"], on_the_eve["changed"]) == ("would change", "0")
    assert (on_the_day["verb"], on_the_day["changed"]) == ("would change", "1")
    assert on_the_day["moves"] == "regular_contact -> check_in_due: 1"
    assert everything() == before
    assert status_of(contact) == Status.REGULAR_CONTACT


def test_today_when_it_is_today_is_a_real_run(book):
    line = summary(run("--today", TODAY.isoformat()))

    assert (line["verb"], line["changed"]) == ("changed", "4")
    assert StatusRefreshRun.objects.get().as_of == TODAY
    assert statuses(book) == TODAYS


@pytest.mark.parametrize("day", ["2026-03-11", "2026-09-01", "2026-03-09"])
def test_today_for_another_day_without_dry_run_fails_and_writes_nothing(book, day):
    before = everything()

    with pytest.raises(CommandError, match=f"--today {day} is not today \\(2026-03-10 in UTC\\)"):
        run("--today", day)

    assert everything() == before
    assert statuses(book) == YESTERDAYS
    assert not Reminder.objects.exists()
    assert not StatusRefreshRun.objects.exists()


def test_today_in_the_future_exits_non_zero_from_the_command_line(book, capsys, monkeypatch):
    # run_from_argv closes the connections when it is done; the test's transaction needs its own.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    before = everything()

    with time_machine.travel(NOW, tick=False), pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "refresh_statuses", "--today", "2026-04-01"])

    assert exit_.value.code != 0
    assert "other days can only be previewed; add --dry-run" in capsys.readouterr().err
    assert everything() == before


@pytest.mark.parametrize("args", [[], ["--user", "alice"]], ids=["nobody-active", "inactive-user"])
def test_today_for_another_day_is_refused_even_with_no_owner_to_refresh(alice, args):
    set_preferences(alice, is_active=False)

    with pytest.raises(CommandError, match="add --dry-run"):
        run("--today", "2026-09-01", *args)

    assert not StatusRefreshRun.objects.exists()


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "10/03/2026", ""])
def test_bad_today_fails_with_a_message(book, value):
    with pytest.raises(CommandError, match="is not a date like 2026-11-22"):
        run("--today", value)

    assert status_of(book["due"]) == Status.REGULAR_CONTACT
    assert not StatusRefreshRun.objects.exists()


def test_unknown_user_fails_with_a_message(book):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        run("--user", "nobody")

    assert statuses(book) == YESTERDAYS
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
    # The install's accounts were made yesterday at noon: 26 hours later without a run is stale.
    User.objects.update(date_joined=NOW - DAY)
    with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
        assert refresh.nightly_job().stale
    run()
    with time_machine.travel(NOW + dt.timedelta(hours=25), tick=False):
        assert not refresh.nightly_job().stale
    with time_machine.travel(NOW + dt.timedelta(hours=27), tick=False):
        assert refresh.nightly_job().stale


def test_no_record_does_the_work_without_counting_as_the_nightly_job(book):
    assert run("--no-record").startswith("refresh_statuses: 4 contacts changed")
    assert status_of(book["due"]) == Status.CHECK_IN_DUE
    assert not StatusRefreshRun.objects.exists()
    with time_machine.travel(NOW, tick=False):
        assert refresh.nightly_job().awaiting_first_run
