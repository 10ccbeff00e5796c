"""reminders.refresh: the nightly refresh moves the statuses whose stored day has come, makes the
due reminders, records its runs, and feeds the stale warning."""

import datetime as dt
import sys
import time

import pytest
import time_machine
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse

from contacts import services, status
from contacts.models import Contact
from reminders import refresh
from reminders.context_processors import refresh_warning
from reminders.models import Reminder, StatusRefreshRun
from reminders.refresh import PreviewOnly, RefreshResult, refresh_statuses
from tests.concurrency import run_in_threads
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import (
    DAY,
    NOW,
    TODAY,
    TOMORROW,
    days_ago,
    html,
    noon,
    set_preferences,
    status_of,
)

pytestmark = pytest.mark.django_db

Status = Contact.Status
Kind = Reminder.Kind
# The refresh's statements for two owners in two time zones, whatever their number of contacts:
# 13 per time zone (three status moves; check-ins: select, insert; birthdays: the first and last
# birth years, select, those already made, insert; missed study-group sessions: select;
# collaboration follow-ups: select, the reminders they have), 4 for the run and its record, and
# PostgreSQL's run lock.
QUERIES = 2 * 13 + 4 + 1


@pytest.fixture(autouse=True)
def frozen_clock():
    """Contacts are made at NOW; a test makes days pass with refresh_on()."""
    with time_machine.travel(NOW, tick=False):
        yield


def refresh_on(day: dt.date, hour: int = 12, **kwargs) -> RefreshResult:
    """The nightly refresh, run for real on `day` (UTC, where alice and charlie live)."""
    with time_machine.travel(dt.datetime.combine(day, dt.time(hour), dt.UTC), tick=False):
        return refresh_statuses(**kwargs)


def check_ins(contact: Contact) -> list[Reminder]:
    return list(Reminder.objects.filter(contact=contact, kind=Kind.CHECK_IN))


def birthdays(contact: Contact) -> list[tuple[dt.date, str]]:
    reminders = Reminder.objects.filter(contact=contact, kind=Kind.BIRTHDAY).order_by("due_on")
    return [(r.due_on, r.title) for r in reminders]


def everything() -> tuple[list[tuple], list[tuple]]:
    """Every contact's stored status and last write, and every reminder: what a run may change."""
    contacts = Contact.objects.order_by("pk").values_list("pk", "status", "updated_at")
    reminders = Reminder.objects.order_by("pk").values_list(
        "pk", "contact_id", "kind", "due_on", "title", "occasion"
    )
    return list(contacts), list(reminders)


# --- statuses --------------------------------------------------------------------------------


def test_every_users_contacts_move_when_their_day_comes_and_the_run_is_recorded(alice, charlie):
    due = make_contact(alice, name="Due", last_contacted=days_ago(89))  # medium: every 90 days
    lapsing = make_contact(charlie, name="Lapsing", last_contacted=days_ago(269))
    fresh = make_contact(alice, name="Fresh", last_contacted=days_ago(3))
    assert (status_of(due), status_of(lapsing)) == (Status.REGULAR_CONTACT, Status.CHECK_IN_DUE)

    result = refresh_on(TOMORROW)

    assert (status_of(due), status_of(lapsing), status_of(fresh)) == (
        Status.CHECK_IN_DUE,
        Status.RECONNECT,
        Status.REGULAR_CONTACT,
    )
    run = StatusRefreshRun.objects.get()
    assert run.as_of == TOMORROW
    assert run.contacts_changed == result.contacts_changed == 2
    assert run.transitions == {
        "regular_contact -> check_in_due": 1,
        "check_in_due -> reconnect": 1,
    }
    assert run.reminders_created == result.reminders_created == 2
    assert run.finished_at >= run.started_at == noon(TOMORROW)
    assert result.as_of == {"UTC": TOMORROW}


def test_running_twice_in_a_row_changes_and_creates_nothing_the_second_time(alice, charlie):
    make_contact(alice, name="Due", last_contacted=days_ago(89))
    make_contact(alice, name="Lapsing", last_contacted=days_ago(269))
    make_contact(charlie, name="Birthday", birthday=dt.date(1990, 3, 18))
    make_contact(charlie, name="Fresh", last_contacted=days_ago(3))
    first = refresh_on(TOMORROW)
    assert (first.contacts_changed, first.reminders_created) == (2, 4)  # 2 check-ins, 2 birthday
    after_first = everything()

    second = refresh_on(TOMORROW, hour=18)

    assert second.contacts_changed == 0
    assert second.transitions == {}
    assert second.reminders_created == 0
    assert everything() == after_first
    assert StatusRefreshRun.objects.count() == 2


def test_only_the_rows_whose_day_has_come_are_written(alice):
    today = make_contact(alice, name="Due today", follow_up_days=10, last_contacted=days_ago(9))
    later = make_contact(alice, name="Due later", follow_up_days=10, last_contacted=days_ago(8))
    waiting = make_contact(
        alice, name="Reconnect later", follow_up_days=10, last_contacted=days_ago(20)
    )
    pinned = make_contact(alice, name="Pinned", status=Status.PASSIVE, last_contacted=days_ago(99))
    assert status_of(waiting) == Status.CHECK_IN_DUE

    result = refresh_on(TOMORROW)

    written = dict(Contact.objects.values_list("name", "updated_at"))
    assert status_of(today) == Status.CHECK_IN_DUE
    assert (status_of(later), status_of(waiting), status_of(pinned)) == (
        Status.REGULAR_CONTACT,
        Status.CHECK_IN_DUE,
        Status.PASSIVE,
    )
    assert written == {
        "Due today": noon(TOMORROW),
        "Due later": NOW,
        "Reconnect later": NOW,
        "Pinned": NOW,
    }
    assert dict(result.transitions) == {(Status.REGULAR_CONTACT, Status.CHECK_IN_DUE): 1}


def test_a_missed_run_catches_up(alice):
    # Every 30 days, last seen today: check-in due on day 30, reconnect on day 90.
    contact = make_contact(alice, follow_up_days=30, last_contacted=TODAY)

    result = refresh_on(TODAY + 100 * DAY)  # the first run in 100 days

    assert status_of(contact) == Status.RECONNECT
    assert dict(result.transitions) == {(Status.REGULAR_CONTACT, Status.RECONNECT): 1}
    assert len(check_ins(contact)) == 1


def test_a_contact_back_in_touch_is_regular_at_once_and_the_refresh_leaves_it(alice):
    contact = make_contact(alice, last_contacted=days_ago(300))
    assert status_of(contact) == Status.RECONNECT

    services.set_last_contacted(contact, TODAY)

    assert status_of(contact) == Status.REGULAR_CONTACT
    assert refresh_on(TODAY).contacts_changed == 0
    assert status_of(contact) == Status.REGULAR_CONTACT
    assert check_ins(contact) == []
    refresh_on(TODAY + 90 * DAY)
    assert status_of(contact) == Status.CHECK_IN_DUE


def test_without_record_no_run_is_logged(alice):
    contact = make_contact(alice, last_contacted=days_ago(89))

    refresh_on(TOMORROW, record=False)

    assert status_of(contact) == Status.CHECK_IN_DUE
    assert not StatusRefreshRun.objects.exists()


def test_inactive_users_are_left_alone(alice, charlie):
    set_preferences(alice, is_active=False)
    alices = make_contact(alice, last_contacted=days_ago(89))
    charlies = make_contact(charlie, last_contacted=days_ago(89))

    refresh_on(TOMORROW)

    assert status_of(alices) == Status.REGULAR_CONTACT
    assert not Reminder.objects.filter(owner=alice).exists()
    assert status_of(charlies) == Status.CHECK_IN_DUE
    assert Reminder.objects.filter(owner=charlie).exists()


def test_user_limits_the_run_to_one_owner(alice, charlie):
    alices = make_contact(alice, last_contacted=days_ago(89))
    charlies = make_contact(charlie, last_contacted=days_ago(89))

    result = refresh_on(TOMORROW, username="charlie")

    assert result.contacts_changed == 1
    assert (status_of(alices), status_of(charlies)) == (
        Status.REGULAR_CONTACT,
        Status.CHECK_IN_DUE,
    )
    assert list(Reminder.objects.values_list("owner__username", flat=True)) == ["charlie"]


@pytest.mark.parametrize("count", [5, 50])
def test_set_based_queries_do_not_grow_with_contacts(django_assert_max_num_queries, count):
    # Two owners in two time zones, due contacts with birthdays: every kind of work happens.
    for username, zone in (("alice", "UTC"), ("kiwi", "Pacific/Auckland")):
        owner = set_preferences(make_user(username), time_zone=zone)
        for n in range(count):
            make_contact(
                owner,
                name=f"{username} {n}",
                # Half become check-in due, half lapse into reconnect overnight.
                last_contacted=days_ago(89 if n % 2 else 269, status.local_today(owner)),
                birthday=dt.date(1990, 3, 14),
            )

    # No per-contact loop: the same statements for 5 contacts as for 50.
    with django_assert_max_num_queries(QUERIES):
        result = refresh_on(TOMORROW)

    assert result.contacts_changed == 2 * count
    assert result.reminders_created == 2 * count * 3  # a check-in and two birthday reminders


# --- another day: a preview only -------------------------------------------------------------


@pytest.mark.parametrize("day", [TOMORROW, TODAY - DAY], ids=["future", "past"])
def test_another_day_without_a_dry_run_is_refused_and_writes_nothing(alice, day):
    make_contact(alice, name="Due", last_contacted=days_ago(90), birthday=dt.date(1990, 3, 12))
    make_contact(alice, name="Due tomorrow", last_contacted=days_ago(89))
    before = everything()

    with pytest.raises(PreviewOnly, match=f"{day} is not today \\({TODAY} in UTC\\)"):
        refresh_statuses(today=day)

    assert everything() == before
    assert not StatusRefreshRun.objects.exists()


def test_a_day_that_is_today_in_only_some_time_zones_is_refused_for_all(alice):
    # At NOW it is 10 March in UTC but already 11 March in Auckland.
    kiwi = set_preferences(make_user("kiwi"), time_zone="Pacific/Auckland")
    with time_machine.travel(NOW - 5 * DAY, tick=False):
        alices = make_contact(alice, last_contacted=days_ago(90))
        kiwis = make_contact(kiwi, last_contacted=days_ago(90))
    before = everything()

    with pytest.raises(PreviewOnly, match="in Pacific/Auckland"):
        refresh_statuses(today=TODAY)

    assert everything() == before
    assert not StatusRefreshRun.objects.exists()
    refresh_statuses()
    assert status_of(alices) == status_of(kiwis) == Status.CHECK_IN_DUE


def test_a_dry_run_for_another_day_reports_what_would_change_and_writes_nothing(alice):
    due = make_contact(alice, name="Due", follow_up_days=30, last_contacted=days_ago(25))
    lapsing = make_contact(alice, name="Lapsing", follow_up_days=30, last_contacted=days_ago(85))
    later = make_contact(alice, name="Later", follow_up_days=30, last_contacted=days_ago(10))
    before = everything()

    preview = refresh_statuses(today=TODAY + 5 * DAY, dry_run=True)

    assert dict(preview.transitions) == {
        (Status.REGULAR_CONTACT, Status.CHECK_IN_DUE): 1,
        (Status.CHECK_IN_DUE, Status.RECONNECT): 1,
    }
    assert preview.as_of == {"UTC": TODAY + 5 * DAY}
    assert preview.reminders_created == 0
    assert everything() == before
    assert not StatusRefreshRun.objects.exists()
    # The preview is what the real run does when the day comes.
    assert refresh_on(TODAY + 5 * DAY).transitions == preview.transitions
    assert (status_of(due), status_of(lapsing), status_of(later)) == (
        Status.CHECK_IN_DUE,
        Status.RECONNECT,
        Status.REGULAR_CONTACT,
    )


def test_a_dry_run_today_writes_nothing(alice):
    make_contact(alice, last_contacted=days_ago(89))
    before = everything()

    with time_machine.travel(noon(TOMORROW), tick=False):
        preview = refresh_statuses(dry_run=True)

    assert preview.contacts_changed == 1
    assert everything() == before
    assert not StatusRefreshRun.objects.exists()


# --- check-in reminders ----------------------------------------------------------------------


def test_check_in_reminder_once_per_due_contact(alice):
    due = make_contact(alice, name="Grace Hopper", last_contacted=days_ago(89))
    lapsing = make_contact(alice, name="Linus", last_contacted=days_ago(269))
    fresh = make_contact(alice, name="Fresh", last_contacted=days_ago(1))

    refresh_on(TOMORROW)
    refresh_on(TOMORROW, hour=18)
    refresh_on(TOMORROW + DAY)

    [reminder] = check_ins(due)
    assert (reminder.title, reminder.due_on, reminder.owner) == (
        "Check in with Grace Hopper",
        TOMORROW,
        alice,
    )
    assert reminder.is_automatic
    assert len(check_ins(lapsing)) == 1
    assert check_ins(fresh) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.PASSIVE},
        {"status": Status.ACTIVE_COLLABORATION},
        {"is_archived": True},
        {"snoozed_until": TODAY + 2 * DAY},
    ],
    ids=["passive", "active-collaboration", "archived", "snoozed"],
)
def test_no_check_in_reminder_for(alice, fields):
    contact = make_contact(alice, last_contacted=days_ago(1000), **fields)
    control = make_contact(alice, name="Control", last_contacted=days_ago(1000))

    refresh_on(TOMORROW)

    assert check_ins(contact) == []
    assert len(check_ins(control)) == 1


def test_a_snoozed_contact_gets_its_check_in_when_the_snooze_ends(alice):
    contact = make_contact(alice, last_contacted=days_ago(100), snoozed_until=TODAY + 7 * DAY)

    refresh_on(TODAY)
    assert check_ins(contact) == []
    refresh_on(TODAY + 7 * DAY)

    [reminder] = check_ins(contact)
    assert reminder.due_on == TODAY + 7 * DAY


def test_a_completed_check_in_comes_back_only_after_the_next_lapse(alice):
    contact = make_contact(alice, follow_up_days=10, last_contacted=days_ago(15))
    refresh_on(TODAY)
    [first] = check_ins(contact)
    Reminder.objects.filter(pk=first.pk).update(completed_at=NOW)

    refresh_on(TOMORROW)
    assert len(check_ins(contact)) == 1  # done without getting in touch: not back every night

    with time_machine.travel(noon(TOMORROW), tick=False):
        services.set_last_contacted(contact, TOMORROW)  # next check-in 11 days from today
    refresh_on(TODAY + 10 * DAY)
    assert len(check_ins(contact)) == 1
    assert status_of(contact) == Status.REGULAR_CONTACT
    refresh_on(TODAY + 11 * DAY)
    assert len(check_ins(contact)) == 2
    assert Reminder.objects.open().get(contact=contact).due_on == TODAY + 11 * DAY


def refresh_waiting_for_the_lock(_) -> RefreshResult:
    """One refresh from its own connection. The in-memory test database reports a held write lock
    at once instead of waiting on busy_timeout, so wait here as busy_timeout would; each attempt
    is one rolled-back transaction, so retrying cannot double anything."""
    for _attempt in range(1000):
        try:
            return refresh_statuses()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.005)
    raise AssertionError("never got the write lock")


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_create_each_reminder_once():
    alice = make_user("alice")
    due = [make_contact(alice, name=f"Due {n}", last_contacted=days_ago(89)) for n in range(20)]
    lapsing = [
        make_contact(alice, name=f"Lapsing {n}", last_contacted=days_ago(269)) for n in range(5)
    ]
    fresh = make_contact(alice, name="Fresh", last_contacted=days_ago(2))

    with time_machine.travel(noon(TOMORROW), tick=False):
        results = run_in_threads(refresh_waiting_for_the_lock, range(2))

    assert sorted(r.reminders_created for r in results) == [0, 25]
    assert {status_of(c) for c in due} == {Status.CHECK_IN_DUE}
    assert {status_of(c) for c in lapsing} == {Status.RECONNECT}
    assert status_of(fresh) == Status.REGULAR_CONTACT
    assert all(len(check_ins(c)) == 1 for c in due + lapsing)
    assert Reminder.objects.count() == 25
    runs = StatusRefreshRun.objects.order_by("pk")
    assert [r.contacts_changed for r in runs] == [25, 0]


# --- birthday reminders ----------------------------------------------------------------------


def test_birthday_reminders_a_week_before_and_on_the_day(alice):
    with time_machine.travel(noon(dt.date(2026, 3, 9)), tick=False):
        ada = make_contact(alice, name="Ada", birthday=dt.date(1990, 3, 17))

    refresh_on(dt.date(2026, 3, 9))
    assert birthdays(ada) == []

    for day in range(10, 18):
        refresh_on(dt.date(2026, 3, day))

    assert birthdays(ada) == [
        (dt.date(2026, 3, 10), "Ada's birthday in a week (17 March)"),
        (dt.date(2026, 3, 17), "Ada's birthday today (17 March)"),
    ]


@pytest.mark.parametrize(
    ("birthday", "expected"),
    [
        (
            dt.date(1990, 3, 13),
            [
                (TODAY, "Ada's birthday in 3 days (13 March)"),
                (dt.date(2026, 3, 13), "Ada's birthday today (13 March)"),
            ],
        ),
        (
            dt.date(1990, 3, 11),
            [
                (TODAY, "Ada's birthday tomorrow (11 March)"),
                (dt.date(2026, 3, 11), "Ada's birthday today (11 March)"),
            ],
        ),
        (dt.date(1990, 3, 10), [(TODAY, "Ada's birthday today (10 March)")]),
    ],
    ids=["in-3-days", "tomorrow", "today"],
)
def test_a_birthday_less_than_a_week_away_says_when_it_really_is(alice, birthday, expected):
    ada = make_contact(alice, name="Ada", birthday=birthday)

    refresh_on(TODAY)
    refresh_on(TOMORROW)

    assert birthdays(ada) == expected


def test_a_birthday_next_january_is_found_across_the_new_year(alice):
    ada = make_contact(alice, name="Ada", birthday=dt.date(1990, 1, 2))

    refresh_on(dt.date(2026, 12, 26))

    assert [due for due, _ in birthdays(ada)] == [dt.date(2026, 12, 26), dt.date(2027, 1, 2)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2027, 2, 21), [dt.date(2027, 2, 21), dt.date(2027, 2, 28)]),
        (dt.date(2028, 2, 22), [dt.date(2028, 2, 22), dt.date(2028, 2, 29)]),
    ],
    ids=["non-leap-year", "leap-year"],
)
def test_a_29_february_birthday(alice, today, expected):
    leap = make_contact(alice, name="Leap Lena", birthday=dt.date(2000, 2, 29))

    refresh_on(today)
    refresh_on(today + DAY)

    assert [due for due, _ in birthdays(leap)] == expected
    assert birthdays(leap)[1][1] == f"Leap Lena's birthday today ({expected[1]:%-d} February)"


def test_no_birthday_reminders_for_archived_contacts(alice):
    archived = make_contact(alice, birthday=dt.date(1990, 3, 12), is_archived=True)
    current = make_contact(alice, name="Current", birthday=dt.date(1990, 3, 12))

    refresh_on(TODAY)

    assert birthdays(archived) == []
    assert len(birthdays(current)) == 2


# --- conference follow-up (the post_save receiver) -------------------------------------------


@pytest.mark.parametrize(
    "source", [Contact.Source.CONFERENCE, Contact.Source.MEETUP, Contact.Source.QUICK_CONNECT]
)
def test_conference_contacts_get_a_follow_up_two_days_after_being_added(alice, source):
    with time_machine.travel(NOW, tick=False):
        contact = make_contact(
            alice, name="Grace Hopper", source=source, source_detail="PyCon US 2026"
        )
    contact.notes = "Edited later"
    contact.save()

    [reminder] = Reminder.objects.filter(contact=contact)
    assert reminder.kind == Kind.CONFERENCE_FOLLOW_UP
    assert reminder.due_on == TODAY + dt.timedelta(days=2)
    assert reminder.owner == alice
    assert reminder.title == "Follow up with Grace Hopper (PyCon US 2026)"


@pytest.mark.parametrize("source", ["", Contact.Source.ONLINE, Contact.Source.WORKPLACE])
def test_other_contacts_get_no_conference_follow_up(alice, source):
    make_contact(alice, source=source)

    assert not Reminder.objects.exists()


def test_conference_follow_up_counts_from_the_owners_day(alice):
    set_preferences(alice, time_zone="Pacific/Auckland")
    # 11:30 UTC on 9 March is already 10 March in Auckland.
    with time_machine.travel(dt.datetime(2026, 3, 9, 11, 30, tzinfo=dt.UTC), tick=False):
        contact = make_contact(alice, name="Grace Hopper", source=Contact.Source.CONFERENCE)

    reminder = Reminder.objects.get(contact=contact)
    assert reminder.due_on == dt.date(2026, 3, 12)
    assert reminder.title == "Follow up with Grace Hopper (met recently)"


# --- the "not being refreshed" warning ---------------------------------------------------------


def finished_run(finished_at: dt.datetime) -> StatusRefreshRun:
    return StatusRefreshRun.objects.create(
        started_at=finished_at - dt.timedelta(seconds=2),
        finished_at=finished_at,
        as_of=finished_at.date(),
    )


def joined(username: str, hours_ago: float):
    """An account created `hours_ago` hours before NOW."""
    with time_machine.travel(NOW - dt.timedelta(hours=hours_ago), tick=False):
        return make_user(username)


@pytest.mark.parametrize(
    ("ran_hours_ago", "joined_hours_ago", "stale", "awaiting_first_run"),
    [
        # A new installation has a day and two hours to set cron up before any warning.
        (None, None, False, True),
        (None, 1, False, True),
        (None, 26, False, True),
        (None, 26.1, True, False),
        (None, 24 * 30, True, False),
        # Once the job has run, 26 hours without a run is a stopped job, however old the install.
        (1, 24 * 30, False, False),
        (25.9, 24 * 30, False, False),
        (26, 1, False, False),
        (26.1, 24 * 30, True, False),
        (24 * 30, 24 * 31, True, False),
    ],
)
def test_the_nightly_job_rule(db, ran_hours_ago, joined_hours_ago, stale, awaiting_first_run):
    if ran_hours_ago is not None:
        finished_run(NOW - dt.timedelta(hours=ran_hours_ago))
    if joined_hours_ago is not None:
        joined("alice", joined_hours_ago)

    job = refresh.nightly_job(now=NOW)

    assert (job.stale, job.awaiting_first_run) == (stale, awaiting_first_run)
    with time_machine.travel(NOW, tick=False):
        assert refresh.nightly_job().stale is stale


def test_the_latest_run_and_the_first_account_count_in_one_query(db, django_assert_num_queries):
    finished_run(NOW - dt.timedelta(days=3))
    finished_run(NOW - dt.timedelta(hours=2))
    first = joined("alice", 24 * 10)
    joined("bob", 1)

    with django_assert_num_queries(1):
        job = refresh.nightly_job(now=NOW)

    assert job.last_run_at == NOW - dt.timedelta(hours=2)
    assert job.first_account_at == first.date_joined
    assert not job.stale


def test_an_install_whose_first_account_is_old_warns_though_a_new_one_just_joined(db):
    joined("alice", 30)
    joined("bob", 1)

    assert refresh.nightly_job(now=NOW).stale


def crontab_line(schedule: str, command: str) -> str:
    return (
        f"{schedule} cd {settings.BASE_DIR} &amp;&amp; {sys.executable} manage.py {command} "
        "--verbosity 0"
    )


CRONTAB = [
    crontab_line("15 3 * * *", "refresh_statuses"),
    crontab_line("0 * * * *", "send_reminders"),
    crontab_line("0 * * * *", "chase_payments"),
    crontab_line("*/5 * * * *", "run_jobs"),
    crontab_line("* * * * *", "send_webhooks"),
]


@pytest.mark.parametrize("page", ["contacts:list", "reminders:list", "reminders:preferences"])
def test_banner_on_every_page_while_stale(client, page):
    client.force_login(joined("alice", 24 * 30))
    finished_run(NOW - dt.timedelta(hours=30))

    with time_machine.travel(NOW, tick=False):
        text = html(client.get(reverse(page)))

    assert "Relationship statuses are not being refreshed." in text
    assert "last ran 1\xa0day, 6\xa0hours ago" in text
    for line in CRONTAB:
        assert line in text
    assert "Set up the nightly job" not in text


def test_banner_when_the_job_never_ran_a_day_after_the_first_account(client):
    client.force_login(joined("alice", 27))

    with time_machine.travel(NOW, tick=False):
        text = html(client.get(reverse("contacts:list")))

    assert "not being refreshed" in text
    assert "has not run in the 1\xa0day, 3\xa0hours since the first account was created" in text
    for line in CRONTAB:
        assert line in text


@pytest.mark.parametrize("page", ["contacts:list", "reminders:list", "reminders:preferences"])
def test_no_banner_on_a_new_install(client, page):
    client.force_login(joined("alice", 2))

    with time_machine.travel(NOW, tick=False):
        text = html(client.get(reverse(page)))

    assert "not being refreshed" not in text


@pytest.mark.parametrize("page", ["contacts:list", "reminders:list"])
def test_no_banner_after_a_recent_run(client, page):
    client.force_login(joined("alice", 24 * 30))
    with time_machine.travel(NOW - dt.timedelta(hours=25), tick=False):
        refresh_statuses()

    with time_machine.travel(NOW, tick=False):
        text = html(client.get(reverse(page)))

    assert "not being refreshed" not in text
    assert "refresh_statuses --verbosity 0" not in text


def test_a_run_that_is_not_recorded_does_not_count_as_the_nightly_job(client):
    client.force_login(joined("alice", 30))
    refresh_statuses(record=False)

    with time_machine.travel(NOW, tick=False):
        assert "not being refreshed" in html(client.get(reverse("contacts:list")))
    assert not StatusRefreshRun.objects.exists()


def test_the_warning_is_read_only_when_a_page_shows_it(rf, alice, django_assert_num_queries):
    request = rf.get("/")
    request.user = alice

    with django_assert_num_queries(0):
        context = refresh_warning(request)  # what an HTMX fragment's render costs
    with django_assert_num_queries(1):
        assert not context["refresh_stale"]
        assert context["nightly"].awaiting_first_run
        assert "manage.py run_jobs" in str(context["crontab"])


def test_no_banner_for_visitors(client, db):
    text = html(client.get(reverse("accounts:login")))

    assert "not being refreshed" not in text


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's query plans; PostgreSQL plans with the values bound in",
)
def test_the_nights_lookups_use_their_indexes_with_the_values_bound(alice):
    """SQLite only uses a partial index whose condition it can prove, and the ORM binds values
    as parameters: the nightly lookups must still find their indexes as they are run."""
    from django.db import connection

    make_contact(alice, last_contacted=days_ago(200))
    plans = []

    def explain(execute, sql, params, many, context):
        if sql.lstrip().startswith("SELECT") and "reminders_reminder" in sql:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plans.append((sql, " ".join(str(row[-1]) for row in cursor.fetchall())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain):
        refresh_statuses()

    check_ins = [plan for sql, plan in plans if "check_in_on" in sql]
    of_collaborations = [plan for sql, plan in plans if '"collaboration_id" IS NOT NULL' in sql]
    assert check_ins and all("reminder_open_contact_kind" in plan for plan in check_ins)
    assert of_collaborations
    assert all("reminder_owner_collaboration" in plan for plan in of_collaborations)
