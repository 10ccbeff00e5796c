"""reminders.refresh: the set-based nightly refresh, the reminders it makes, the stale warning."""

import datetime as dt
import time

import pytest
import time_machine
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse

from contacts.models import Contact
from reminders import refresh
from reminders.models import Reminder, StatusRefreshRun
from reminders.refresh import RefreshResult, is_stale, refresh_statuses
from tests.concurrency import run_in_threads
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import NOW, TODAY, days_ago, html, set_preferences, status_of

pytestmark = pytest.mark.django_db

Status = Contact.Status
Kind = Reminder.Kind


def check_ins(contact: Contact) -> list[Reminder]:
    return list(Reminder.objects.filter(contact=contact, kind=Kind.CHECK_IN))


def birthdays(contact: Contact) -> list[tuple[dt.date, str]]:
    reminders = Reminder.objects.filter(contact=contact, kind=Kind.BIRTHDAY).order_by("due_on")
    return [(r.due_on, r.title) for r in reminders]


# --- statuses --------------------------------------------------------------------------------


def test_every_users_contacts_move_and_the_run_is_recorded(alice, charlie):
    due = make_contact(alice, name="Due", last_contacted=days_ago(90))
    lapsed = make_contact(charlie, name="Lapsed", last_contacted=days_ago(270))
    fresh = make_contact(alice, name="Fresh", last_contacted=days_ago(3))

    with time_machine.travel(NOW, tick=False):
        result = refresh_statuses(today=TODAY)

    assert (status_of(due), status_of(lapsed), status_of(fresh)) == (
        Status.CHECK_IN_DUE,
        Status.RECONNECT,
        Status.REGULAR_CONTACT,
    )
    run = StatusRefreshRun.objects.get()
    assert run.as_of == TODAY
    assert run.contacts_changed == 2
    assert run.transitions == {
        "regular_contact -> check_in_due": 1,
        "regular_contact -> reconnect": 1,
    }
    assert run.reminders_created == result.reminders_created == 2
    assert run.finished_at >= run.started_at == NOW


def test_a_second_run_changes_nothing(alice):
    contact = make_contact(alice, last_contacted=days_ago(100))
    refresh_statuses(today=TODAY)

    again = refresh_statuses(today=TODAY)

    assert again.contacts_changed == 0
    assert again.reminders_created == 0
    assert status_of(contact) == Status.CHECK_IN_DUE
    assert len(check_ins(contact)) == 1
    assert StatusRefreshRun.objects.count() == 2


def test_a_contact_back_in_touch_returns_to_regular(alice):
    contact = make_contact(alice, status=Status.RECONNECT, last_contacted=days_ago(1))

    result = refresh_statuses(today=TODAY)

    assert status_of(contact) == Status.REGULAR_CONTACT
    assert dict(result.transitions) == {("reconnect", "regular_contact"): 1}


def test_without_record_no_run_is_logged(alice):
    make_contact(alice, last_contacted=days_ago(100))

    refresh_statuses(today=TODAY, record=False)

    assert not StatusRefreshRun.objects.exists()


def test_inactive_users_are_left_alone(alice):
    set_preferences(alice, is_active=False)
    contact = make_contact(alice, last_contacted=days_ago(500))

    refresh_statuses(today=TODAY)

    assert status_of(contact) == Status.REGULAR_CONTACT
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("count", [5, 50])
def test_set_based_queries_do_not_grow_with_contacts(django_assert_max_num_queries, count):
    # Two owners in two time zones, due contacts with birthdays: every kind of work happens.
    for username, zone in (("alice", "UTC"), ("kiwi", "Pacific/Auckland")):
        owner = set_preferences(make_user(username), time_zone=zone)
        for n in range(count):
            make_contact(
                owner,
                name=f"{username} {n}",
                last_contacted=days_ago(100 + n * 5),
                birthday=dt.date(1990, 3, 12),
            )

    # About 15 statements per time zone and 6 per owner (one per status transition), however
    # many contacts: no per-contact loop (plus the run lock on PostgreSQL).
    with django_assert_max_num_queries(44):
        result = refresh_statuses(today=TODAY)

    assert result.contacts_changed == 2 * count
    assert result.reminders_created == 2 * count * 3  # a check-in and two birthday reminders


# --- check-in reminders ----------------------------------------------------------------------


def test_check_in_reminder_once_per_due_contact(alice):
    due = make_contact(alice, name="Grace Hopper", last_contacted=days_ago(100))
    lapsed = make_contact(alice, name="Linus", last_contacted=days_ago(300))
    fresh = make_contact(alice, name="Fresh", last_contacted=days_ago(1))

    refresh_statuses(today=TODAY)
    refresh_statuses(today=TODAY)
    refresh_statuses(today=TODAY + dt.timedelta(days=1))

    [reminder] = check_ins(due)
    assert (reminder.title, reminder.due_on, reminder.owner) == (
        "Check in with Grace Hopper",
        TODAY,
        alice,
    )
    assert reminder.is_automatic
    assert len(check_ins(lapsed)) == 1
    assert check_ins(fresh) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.PASSIVE},
        {"status": Status.ACTIVE_COLLABORATION},
        {"is_archived": True},
        {"snoozed_until": TODAY + dt.timedelta(days=1)},
    ],
    ids=["passive", "active-collaboration", "archived", "snoozed"],
)
def test_no_check_in_reminder_for(alice, fields):
    contact = make_contact(alice, last_contacted=days_ago(1000), **fields)

    refresh_statuses(today=TODAY)

    assert check_ins(contact) == []


def test_a_snoozed_contact_gets_its_check_in_when_the_snooze_ends(alice):
    contact = make_contact(
        alice, last_contacted=days_ago(100), snoozed_until=TODAY + dt.timedelta(days=7)
    )

    refresh_statuses(today=TODAY)
    assert check_ins(contact) == []
    refresh_statuses(today=TODAY + dt.timedelta(days=7))

    [reminder] = check_ins(contact)
    assert reminder.due_on == TODAY + dt.timedelta(days=7)


def test_a_completed_check_in_comes_back_only_after_the_next_lapse(alice):
    contact = make_contact(alice, follow_up_days=10, last_contacted=days_ago(15))
    refresh_statuses(today=TODAY)
    [first] = check_ins(contact)
    Reminder.objects.filter(pk=first.pk).update(completed_at=NOW)

    refresh_statuses(today=TODAY + dt.timedelta(days=1))
    assert len(check_ins(contact)) == 1  # done without getting in touch: not back every night

    Contact.objects.filter(pk=contact.pk).update(last_contacted=TODAY)
    refresh_statuses(today=TODAY + dt.timedelta(days=5))
    assert len(check_ins(contact)) == 1
    refresh_statuses(today=TODAY + dt.timedelta(days=10))
    assert len(check_ins(contact)) == 2
    assert Reminder.objects.open().get(contact=contact).due_on == TODAY + dt.timedelta(days=10)


def refresh_waiting_for_the_lock(_) -> RefreshResult:
    """One refresh from its own connection. The in-memory test database reports a held write lock
    at once instead of waiting on busy_timeout, so wait here as busy_timeout would; each attempt
    is one rolled-back transaction, so retrying cannot double anything."""
    for _attempt in range(1000):
        try:
            return refresh_statuses(today=TODAY)
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.005)
    raise AssertionError("never got the write lock")


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_create_each_reminder_once():
    alice = make_user("alice")
    due = [
        make_contact(alice, name=f"Due {n}", last_contacted=days_ago(100 + n)) for n in range(20)
    ]
    lapsed = [
        make_contact(alice, name=f"Lapsed {n}", last_contacted=days_ago(400)) for n in range(5)
    ]
    fresh = make_contact(alice, name="Fresh", last_contacted=days_ago(2))

    results = run_in_threads(refresh_waiting_for_the_lock, range(2))

    assert sorted(r.reminders_created for r in results) == [0, 25]
    assert {status_of(c) for c in due} == {Status.CHECK_IN_DUE}
    assert {status_of(c) for c in lapsed} == {Status.RECONNECT}
    assert status_of(fresh) == Status.REGULAR_CONTACT
    assert all(len(check_ins(c)) == 1 for c in due + lapsed)
    assert Reminder.objects.count() == 25
    runs = StatusRefreshRun.objects.order_by("finished_at")
    assert [r.contacts_changed for r in runs] == [25, 0]


# --- birthday reminders ----------------------------------------------------------------------


def test_birthday_reminders_a_week_before_and_on_the_day(alice):
    ada = make_contact(alice, name="Ada", birthday=dt.date(1990, 3, 17))

    refresh_statuses(today=dt.date(2026, 3, 9))
    assert birthdays(ada) == []

    for day in range(10, 18):
        refresh_statuses(today=dt.date(2026, 3, day))

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

    refresh_statuses(today=TODAY)
    refresh_statuses(today=TODAY + dt.timedelta(days=1))

    assert birthdays(ada) == expected


def test_a_birthday_next_january_is_found_across_the_new_year(alice):
    ada = make_contact(alice, name="Ada", birthday=dt.date(1990, 1, 2))

    refresh_statuses(today=dt.date(2026, 12, 26))

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

    refresh_statuses(today=today)
    refresh_statuses(today=today + dt.timedelta(days=1))

    assert [due for due, _ in birthdays(leap)] == expected
    assert birthdays(leap)[1][1] == f"Leap Lena's birthday today ({expected[1]:%-d} February)"


def test_no_birthday_reminders_for_archived_contacts(alice):
    archived = make_contact(alice, birthday=dt.date(1990, 3, 12), is_archived=True)

    refresh_statuses(today=TODAY)

    assert birthdays(archived) == []


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


# --- the "not being refreshed" warning -------------------------------------------------------


def finished_run(finished_at: dt.datetime) -> StatusRefreshRun:
    return StatusRefreshRun.objects.create(
        started_at=finished_at - dt.timedelta(seconds=2),
        finished_at=finished_at,
        as_of=finished_at.date(),
    )


@pytest.mark.parametrize(
    ("hours_ago", "stale"),
    [(None, True), (1, False), (25.9, False), (26, False), (26.1, True), (24 * 30, True)],
)
def test_is_stale(hours_ago, stale):
    run = None if hours_ago is None else finished_run(NOW - dt.timedelta(hours=hours_ago))

    assert is_stale(run, now=NOW) is stale
    with time_machine.travel(NOW, tick=False):
        assert is_stale(refresh.last_run()) is stale


def test_the_latest_run_counts(db):
    finished_run(NOW - dt.timedelta(days=3))
    finished_run(NOW - dt.timedelta(hours=2))

    with time_machine.travel(NOW, tick=False):
        assert refresh.last_run().finished_at == NOW - dt.timedelta(hours=2)
        assert not is_stale(refresh.last_run())


CRONTAB = (
    f"cd {settings.BASE_DIR} &amp;&amp; .venv/bin/python manage.py refresh_statuses --verbosity 0"
)


@pytest.mark.parametrize("page", ["contacts:list", "reminders:list", "reminders:preferences"])
def test_banner_on_every_page_while_stale(alice_client, page):
    finished_run(NOW - dt.timedelta(hours=30))

    with time_machine.travel(NOW, tick=False):
        text = html(alice_client.get(reverse(page)))

    assert "Relationship statuses are not being refreshed." in text
    assert "last ran 1\xa0day, 6\xa0hours ago" in text
    assert CRONTAB in text


def test_banner_when_the_job_never_ran(alice_client):
    text = html(alice_client.get(reverse("contacts:list")))

    assert "not being refreshed" in text
    assert "has never run" in text
    assert CRONTAB in text


@pytest.mark.parametrize("page", ["contacts:list", "reminders:list"])
def test_no_banner_after_a_recent_run(alice_client, page):
    with time_machine.travel(NOW - dt.timedelta(hours=25), tick=False):
        refresh_statuses()

    with time_machine.travel(NOW, tick=False):
        text = html(alice_client.get(reverse(page)))

    assert "not being refreshed" not in text
    assert "refresh_statuses --verbosity 0" not in text


def test_no_banner_for_visitors(client, db):
    text = html(client.get(reverse("accounts:login")))

    assert "not being refreshed" not in text
