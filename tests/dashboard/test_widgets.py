"""The data behind each dashboard widget, at fixed instants (time_machine) so dates never drift."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from contacts.models import Contact, Tag
from dashboard import widgets
from tests.conftest import make_contact, make_tag
from tests.dashboard.conftest import (
    HX,
    NOW,
    TODAY,
    added_on,
    at,
    days_ago,
    html,
    in_zone_of,
    make_interaction,
    make_reminder,
    make_submission,
    section,
    widget_url,
)

pytestmark = pytest.mark.django_db

Status = Contact.Status


def in_days(days: int, today: dt.date = TODAY) -> dt.date:
    return today + dt.timedelta(days=days)


# --- Stats -----------------------------------------------------------------------------------


def test_stats_count_current_contacts_vips_and_who_needs_attention(alice, charlie):
    make_contact(alice, name="Ada", last_contacted=days_ago(5))
    make_contact(alice, name="Grace", is_vip=True, last_contacted=days_ago(20))  # VIP: every 14
    make_contact(alice, name="Linus", last_contacted=days_ago(100))  # medium: every 90
    make_contact(alice, name="Snoozed", last_contacted=days_ago(100), snoozed_until=in_days(3))
    make_contact(alice, name="Gone", is_vip=True, is_archived=True, last_contacted=days_ago(400))
    make_contact(charlie, name="Not hers", is_vip=True, last_contacted=days_ago(400))

    stats = widgets.stats(alice, TODAY)

    assert stats["contacts"] == 4
    assert stats["vips"] == 1
    assert stats["attention"] == 2


def test_interactions_this_month_start_on_the_first(alice, charlie):
    ada = make_contact(alice, name="Ada")
    make_interaction(ada, occurred_at=at(2026, 2, 28, 23, 59))
    make_interaction(ada, occurred_at=at(2026, 3, 1, 0, 1))
    make_interaction(ada, occurred_at=at(2026, 3, 10, 9))
    make_interaction(make_contact(charlie, name="Not hers"), occurred_at=at(2026, 3, 5))

    with in_zone_of(alice):
        assert widgets.stats(alice, TODAY)["interactions_month"] == 2


def test_interactions_this_month_start_again_at_zero_in_a_new_month(alice):
    ada = make_contact(alice, name="Ada")
    make_interaction(ada, occurred_at=at(2026, 3, 31, 23, 0))
    make_interaction(ada, occurred_at=at(2026, 3, 15))

    with time_machine.travel(at(2026, 4, 1, 0, 30), tick=False), in_zone_of(alice):
        assert widgets.stats(alice, dt.date(2026, 4, 1))["interactions_month"] == 0
        make_interaction(ada, occurred_at=at(2026, 4, 1, 0, 10))
        assert widgets.stats(alice, dt.date(2026, 4, 1))["interactions_month"] == 1


def test_interactions_this_month_follow_the_users_time_zone(alice):
    alice.time_zone = "Europe/Berlin"  # UTC+1 in winter
    alice.save(update_fields=["time_zone"])
    ada = make_contact(alice, name="Ada")
    make_interaction(ada, occurred_at=at(2026, 2, 28, 22, 30))  # 23:30 on 28 Feb in Berlin
    make_interaction(ada, occurred_at=at(2026, 2, 28, 23, 30))  # 00:30 on 1 March in Berlin

    with in_zone_of(alice):
        assert widgets.stats(alice, TODAY)["interactions_month"] == 1


def test_stats_count_reminders_due_today_and_overdue_honouring_snoozes(alice, charlie):
    make_reminder(alice, title="today", due_on=TODAY)
    make_reminder(alice, title="three days late", due_on=days_ago(3))
    make_reminder(alice, title="snooze ran out", due_on=days_ago(4), snoozed_until=days_ago(2))
    make_reminder(alice, title="snoozed to today", due_on=days_ago(2), snoozed_until=TODAY)
    make_reminder(alice, title="snoozed to later", due_on=days_ago(5), snoozed_until=in_days(1))
    make_reminder(alice, title="tomorrow", due_on=in_days(1))
    make_reminder(alice, title="done", due_on=days_ago(1), completed_at=NOW)
    make_reminder(alice, title="dismissed", due_on=TODAY, dismissed_at=NOW)
    make_reminder(charlie, title="not hers", due_on=days_ago(1))

    stats = widgets.stats(alice, TODAY)

    assert stats["due_today"] == 2
    assert stats["overdue"] == 2


# --- Needs attention -------------------------------------------------------------------------


def test_needs_attention_lists_the_most_overdue_first(alice):
    # Days past each contact's own check-in day, whatever their rhythm.
    make_contact(alice, name="Medium", last_contacted=days_ago(100))  # every 90: 10 late
    make_contact(alice, name="Custom", follow_up_days=7, last_contacted=days_ago(12))  # 5 late
    make_contact(alice, name="Low", importance="low", last_contacted=days_ago(400))  # 220 late
    make_contact(alice, name="High", importance="high", last_contacted=days_ago(50))  # 20 late
    make_contact(alice, name="Vip", is_vip=True, last_contacted=days_ago(44))  # every 14: 30 late
    added_on(make_contact(alice, name="Never"), NOW - dt.timedelta(days=97))  # 7 late
    make_contact(alice, name="Woke", last_contacted=days_ago(93), snoozed_until=days_ago(1))

    attention = widgets.needs_attention(alice, TODAY)

    assert [c.name for c in attention] == [
        "Low",
        "Vip",
        "High",
        "Medium",
        "Never",
        "Custom",
        "Woke",
    ]
    assert [c.days_overdue for c in attention] == [220, 30, 20, 10, 7, 5, 3]


def test_needs_attention_leaves_out_pinned_archived_snoozed_and_other_peoples_contacts(
    alice, charlie
):
    long_ago = days_ago(400)
    make_contact(alice, name="Due", last_contacted=long_ago)
    make_contact(alice, name="Pinned", status=Status.ACTIVE_COLLABORATION, last_contacted=long_ago)
    make_contact(alice, name="Passive", status=Status.PASSIVE, last_contacted=long_ago)
    make_contact(alice, name="Archived", is_archived=True, last_contacted=long_ago)
    make_contact(alice, name="Snoozed", snoozed_until=in_days(1), last_contacted=long_ago)
    make_contact(alice, name="Recent", last_contacted=days_ago(5))
    make_contact(charlie, name="Charlie's", last_contacted=long_ago)

    assert [c.name for c in widgets.needs_attention(alice, TODAY)] == ["Due"]


def test_needs_attention_shows_the_ten_most_overdue(alice):
    for late in range(1, 13):
        make_contact(alice, name=f"Late {late:02}", last_contacted=days_ago(90 + late))

    attention = widgets.needs_attention(alice, TODAY)

    assert [c.name for c in attention] == [f"Late {late:02}" for late in range(12, 2, -1)]


# --- Reminders -------------------------------------------------------------------------------


def test_reminders_split_into_now_and_the_next_seven_days(alice, charlie):
    make_reminder(alice, title="today", due_on=TODAY)
    make_reminder(alice, title="overdue", due_on=days_ago(2))
    make_reminder(alice, title="in a week", due_on=in_days(7))
    make_reminder(alice, title="in eight days", due_on=in_days(8))
    make_reminder(alice, title="tomorrow", due_on=in_days(1))
    make_reminder(alice, title="snoozed", due_on=days_ago(3), snoozed_until=in_days(2))
    make_reminder(
        alice, title="snoozed past the week", due_on=days_ago(3), snoozed_until=in_days(9)
    )
    make_reminder(alice, title="done", due_on=TODAY, completed_at=NOW)
    make_reminder(charlie, title="not hers", due_on=TODAY)

    buckets = widgets.reminder_buckets(alice, TODAY)

    assert [r.title for r in buckets["now"]] == ["overdue", "today"]
    assert [r.title for r in buckets["week"]] == ["tomorrow", "snoozed", "in a week"]


# --- Birthdays -------------------------------------------------------------------------------


def birthday_rows(user, today: dt.date) -> list[tuple[str, dt.date, int]]:
    return [
        (row["contact"].name, row["day"], row["in_days"])
        for row in widgets.upcoming_birthdays(user, today)["birthdays"]
    ]


def test_birthdays_wrap_past_the_end_of_the_year(alice):
    make_contact(alice, name="January", birthday=dt.date(1990, 1, 5))
    make_contact(alice, name="Christmas", birthday=dt.date(1985, 12, 25))
    make_contact(alice, name="Day thirty", birthday=dt.date(1980, 1, 19))
    make_contact(alice, name="Day thirty-one", birthday=dt.date(1980, 1, 20))
    make_contact(alice, name="Yesterday", birthday=dt.date(1990, 12, 19))

    rows = birthday_rows(alice, dt.date(2026, 12, 20))

    assert rows == [
        ("Christmas", dt.date(2026, 12, 25), 5),
        ("January", dt.date(2027, 1, 5), 16),
        ("Day thirty", dt.date(2027, 1, 19), 30),
    ]


def test_a_january_birthday_shows_in_december(client, alice):
    make_contact(alice, name="January", birthday=dt.date(1990, 1, 5))

    with time_machine.travel(at(2026, 12, 20, 9), tick=False):
        client.force_login(alice)
        response = client.get(widget_url("birthdays"), **HX)

    text = section(html(response), "birthdays").clean_text
    assert "January — Tue 5 Jan (in 16 days)" in text


def test_todays_and_tomorrows_birthdays(alice_client, alice):
    make_contact(alice, name="Today", birthday=dt.date(1990, 3, 10))
    make_contact(alice, name="Tomorrow", birthday=dt.date(1991, 3, 11))

    assert birthday_rows(alice, TODAY) == [
        ("Today", dt.date(2026, 3, 10), 0),
        ("Tomorrow", dt.date(2026, 3, 11), 1),
    ]
    text = section(html(alice_client.get(widget_url("birthdays"), **HX)), "birthdays").clean_text
    assert "Today — Tue 10 Mar (today!)" in text
    assert "Tomorrow — Wed 11 Mar (tomorrow)" in text


@pytest.mark.parametrize(
    ("today", "day", "days"),
    [
        (dt.date(2027, 2, 20), dt.date(2027, 2, 28), 8),  # not a leap year: 28 February
        (dt.date(2028, 2, 20), dt.date(2028, 2, 29), 9),  # leap year: the day itself
        (dt.date(2027, 2, 28), dt.date(2027, 2, 28), 0),
    ],
    ids=["common-year", "leap-year", "on-the-28th"],
)
def test_29_february_birthdays(alice, today, day, days):
    make_contact(alice, name="Leapling", birthday=dt.date(2000, 2, 29))

    assert birthday_rows(alice, today) == [("Leapling", day, days)]


def test_birthdays_leave_out_archived_and_other_peoples_contacts(alice, charlie):
    make_contact(alice, name="Current", birthday=dt.date(1990, 3, 20))
    make_contact(alice, name="Archived", birthday=dt.date(1990, 3, 20), is_archived=True)
    make_contact(alice, name="No birthday")
    make_contact(charlie, name="Charlie's", birthday=dt.date(1990, 3, 20))

    assert [name for name, _, _ in birthday_rows(alice, TODAY)] == ["Current"]


def test_birthdays_on_the_same_day_are_listed_by_name(alice):
    for name in ["Zuse", "ada", "Hopper"]:
        make_contact(alice, name=name, birthday=dt.date(1990, 3, 20))
    make_contact(alice, name="Babbage", birthday=dt.date(1990, 3, 21))

    assert [name for name, _, _ in birthday_rows(alice, TODAY)] == [
        "ada",
        "Hopper",
        "Zuse",
        "Babbage",
    ]


# --- Recent interactions and Quick Connect submissions ----------------------------------------


def test_recent_interactions_are_the_last_ten_newest_first(alice, charlie):
    ada = make_contact(alice, name="Ada")
    for day in range(1, 13):
        make_interaction(ada, occurred_at=at(2026, 2, day), notes=f"chat {day}")
    make_interaction(make_contact(charlie, name="Not hers"), occurred_at=at(2026, 3, 9))

    recent = list(widgets.recent_interactions(alice))

    assert [i.notes for i in recent] == [f"chat {day}" for day in range(12, 2, -1)]


def test_recent_submissions_are_newest_first_and_only_the_owners(alice, charlie):
    for hours in range(6, 0, -1):
        with time_machine.travel(NOW - dt.timedelta(hours=hours), tick=False):
            make_submission(make_contact(alice, name=f"Signed up {hours}h ago"))
    gone = make_contact(alice, name="Deleted since")
    make_submission(gone)
    gone.delete()
    make_submission(make_contact(charlie, name="Charlie's guest"))

    recent = list(widgets.recent_submissions(alice))

    assert [s.contact.name for s in recent] == [f"Signed up {h}h ago" for h in range(1, 6)]
    assert {s.quick_code.title for s in recent} == {"PyCon US"}


# --- VIP quick access ------------------------------------------------------------------------


def test_vip_quick_access_lists_current_vips_longest_out_of_touch_first(alice, charlie):
    make_contact(alice, name="Hedy", is_vip=True, last_contacted=days_ago(2))
    make_contact(alice, name="Grace", is_vip=True, last_contacted=days_ago(30))
    make_contact(alice, name="Ada", last_contacted=days_ago(60))
    make_contact(alice, name="Archived VIP", is_vip=True, is_archived=True)
    make_contact(charlie, name="Charlie's VIP", is_vip=True)

    assert [c.name for c in widgets.vip_quick_access(alice)] == ["Grace", "Hedy"]


def test_vip_quick_access_shows_at_most_eight(alice):
    for n in range(10):
        make_contact(alice, name=f"VIP {n}", is_vip=True, last_contacted=days_ago(n + 1))

    assert len(widgets.vip_quick_access(alice)) == 8


# --- Relationship health ---------------------------------------------------------------------


def test_status_distribution_covers_every_status_with_zeros(alice, charlie):
    make_contact(alice, name="A", status=Status.REGULAR_CONTACT)
    make_contact(alice, name="B", status=Status.REGULAR_CONTACT)
    make_contact(alice, name="C", status=Status.RECONNECT)
    make_contact(alice, name="D", status=Status.PASSIVE)
    make_contact(alice, name="E", status=Status.RECONNECT, is_archived=True)
    make_contact(charlie, name="F", status=Status.CHECK_IN_DUE)

    assert widgets.status_distribution(alice) == [
        ("active_collaboration", "Active collaboration", 0),
        ("regular_contact", "Regular contact", 2),
        ("check_in_due", "Check-in due", 0),
        ("reconnect", "Reconnect", 1),
        ("passive", "Passive", 1),
    ]


def test_interactions_per_week_are_twelve_monday_weeks_with_zeros(alice, charlie):
    ada = make_contact(alice, name="Ada")
    make_interaction(ada, occurred_at=at(2025, 12, 21, 23, 59))  # Sunday before the first week
    make_interaction(ada, occurred_at=at(2025, 12, 22, 0, 1))  # first Monday
    make_interaction(ada, occurred_at=at(2026, 3, 8, 23, 59))  # Sunday: last week
    make_interaction(ada, occurred_at=at(2026, 3, 9, 0, 1))  # Monday: this week
    make_interaction(ada, occurred_at=at(2026, 3, 10, 11))
    make_interaction(make_contact(charlie, name="Not hers"), occurred_at=at(2026, 3, 10))

    with in_zone_of(alice):
        weeks = widgets.interactions_per_week(alice, TODAY)

    mondays = [monday for monday, _ in weeks]
    assert mondays == [dt.date(2025, 12, 22) + dt.timedelta(weeks=n) for n in range(12)]
    assert all(monday.weekday() == 0 for monday in mondays)
    counts = dict(weeks)
    assert counts[dt.date(2025, 12, 22)] == 1
    assert counts[dt.date(2026, 3, 2)] == 1
    assert counts[dt.date(2026, 3, 9)] == 2
    assert sum(counts.values()) == 4
    assert list(counts.values()).count(0) == 9


def test_interactions_per_week_fall_in_the_users_own_week(alice):
    alice.time_zone = "Pacific/Auckland"  # UTC+13 in March
    alice.save(update_fields=["time_zone"])
    ada = make_contact(alice, name="Ada")
    # Sunday 8 March, 12:00 UTC, is Monday 9 March, 01:00 in Auckland.
    make_interaction(ada, occurred_at=at(2026, 3, 8, 12))
    # Sunday 8 March, 10:30 UTC, is still Sunday (23:30) in Auckland.
    make_interaction(ada, occurred_at=at(2026, 3, 8, 10, 30))

    with in_zone_of(alice):
        today = timezone.localdate()  # Wednesday 11 March in Auckland
        weeks = dict(widgets.interactions_per_week(alice, today))

    assert weeks[dt.date(2026, 3, 9)] == 1
    assert weeks[dt.date(2026, 3, 2)] == 1


# --- Tech stack ------------------------------------------------------------------------------


def test_top_tech_tags_count_current_contacts_of_technology_tags_only(alice, charlie):
    make_contact(alice, name="A", tags=["Python", "Rust", "PyCon"])
    make_contact(alice, name="B", tags=["Python", "PyCon"])
    make_contact(alice, name="C", tags=["Python", "Go", "PyCon"], is_archived=True)
    Tag.objects.filter(owner=alice, name="PyCon").update(kind=Tag.Kind.EVENT)
    make_tag(alice, "Haskell")  # on nobody
    make_contact(charlie, name="D", tags=["Python", "Elixir"])
    make_contact(charlie, name="E", tags=["Python"])

    stack = [(tag.name, tag.n) for tag in widgets.top_tech_tags(alice)]

    assert stack == [("Python", 2), ("Rust", 1)]


def test_top_tech_tags_are_the_ten_most_used(alice):
    for n in range(12):
        make_contact(alice, name=f"Dev {n}", tags=[f"Tech {m:02}" for m in range(n + 1)])

    stack = [(tag.name, tag.n) for tag in widgets.top_tech_tags(alice)]

    assert stack == [(f"Tech {m:02}", 12 - m) for m in range(10)]


def test_the_first_birthdays_show_and_the_rest_are_counted_across_new_year(alice):
    for day in range(20, 32):
        make_contact(alice, name=f"December {day}", birthday=dt.date(1990, 12, day))
    for day in range(1, 4):
        make_contact(alice, name=f"January {day}", birthday=dt.date(1990, 1, day))
    make_contact(alice, name="Too late", birthday=dt.date(1990, 1, 25))

    shown = widgets.upcoming_birthdays(alice, dt.date(2026, 12, 22), limit=12)

    assert [row["contact"].name for row in shown["birthdays"]] == [
        *(f"December {day}" for day in range(22, 32)),
        "January 1",
        "January 2",
    ]
    assert shown["more_birthdays"] == 1
