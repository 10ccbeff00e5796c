"""The relationship-status rules at every boundary: in Python (contacts.status), as stored by
contacts.services on each write, as SQL (due_date_expressions, status_expression) and as the
nightly refresh moves them when their day comes."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from contacts import services, status
from contacts.models import Contact
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import (
    DAY,
    NOW,
    TODAY,
    TOMORROW,
    days_ago,
    noon,
    set_preferences,
    status_of,
)

pytestmark = pytest.mark.django_db

Status = Contact.Status


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def refresh_on(day: dt.date):
    """The nightly refresh, run for real at noon UTC on `day` (alice's today: she lives in UTC)."""
    with time_machine.travel(noon(day), tick=False):
        return refresh_statuses()


def stored(contact: Contact) -> tuple[str, dt.date | None, dt.date | None]:
    return Contact.objects.values_list("status", "check_in_on", "reconnect_on").get(pk=contact.pk)


# (frequency f, days since last contact, status): f-1, f, 3f-1 and 3f for short and long rhythms.
BOUNDARIES = [
    case
    for f in (1, 14, 30, 90)
    for case in (
        (f, f - 1, Status.REGULAR_CONTACT),
        (f, f, Status.CHECK_IN_DUE),
        (f, 3 * f - 1, Status.CHECK_IN_DUE),
        (f, 3 * f, Status.RECONNECT),
    )
]
BOUNDARY_IDS = [f"f={f}-d={d}" for f, d, _ in BOUNDARIES]


def expected_dates(frequency: int, days: int) -> tuple[dt.date, dt.date]:
    """check_in_on and reconnect_on of a contact last seen `days` ago, every `frequency` days."""
    return days_ago(days - frequency), days_ago(days - 3 * frequency)


@pytest.mark.parametrize(("frequency", "days", "expected"), BOUNDARIES, ids=BOUNDARY_IDS)
def test_rule_table(alice, frequency, days, expected):
    contact = Contact(owner=alice, follow_up_days=frequency, last_contacted=days_ago(days))

    changed = status.apply_rules(contact, alice, TODAY)

    assert contact.status == expected
    assert (contact.check_in_on, contact.reconnect_on) == expected_dates(frequency, days)
    assert set(changed) == {"check_in_on", "reconnect_on"} | (
        {"status"} if expected != Status.REGULAR_CONTACT else set()
    )


@pytest.mark.parametrize(("frequency", "days", "expected"), BOUNDARIES, ids=BOUNDARY_IDS)
def test_a_saved_contact_stores_the_rules_at_each_boundary(alice, frequency, days, expected):
    contact = make_contact(alice, follow_up_days=frequency, last_contacted=days_ago(days))

    assert stored(contact) == (expected, *expected_dates(frequency, days))


def boundary_contacts(owner) -> list[tuple[Contact, str]]:
    return [
        (make_contact(owner, name=f"f{f} d{d}", follow_up_days=f, last_contacted=days_ago(d)), want)
        for f, d, want in BOUNDARIES
    ]


@pytest.mark.parametrize("scrambled", [Status.REGULAR_CONTACT, Status.RECONNECT])
def test_the_sql_rules_agree_with_python_at_every_boundary(alice, scrambled):
    contacts = boundary_contacts(alice)
    by_python = {c.name: stored(c) for c, _ in contacts}
    # Wrong stored values, as after a restore: the set-based path must recompute all of them.
    Contact.objects.update(check_in_on=None, reconnect_on=None, status=scrambled)

    services.apply_rules_to_all(alice)

    assert {c.name: stored(c) for c, _ in contacts} == by_python
    assert {c.name: status_of(c) for c, _ in contacts} == {c.name: want for c, want in contacts}


def test_the_sql_status_agrees_with_python_on_the_days_around(alice):
    contacts = [contact for contact, _ in boundary_contacts(alice)]

    for day in (TODAY - DAY, TODAY, TOMORROW, TODAY + 2 * DAY):
        by_sql = dict(
            Contact.objects.annotate(on_day=status.status_expression(day)).values_list(
                "name", "on_day"
            )
        )
        assert by_sql == {c.name: status.status_on(c, day) for c in contacts}, f"on {day}"


def test_the_refresh_moves_each_boundary_when_its_day_comes(alice):
    # Each contact added on the day of its last contact, when it was still a regular contact.
    contacts = []
    for f, d, want in BOUNDARIES:
        with time_machine.travel(noon(days_ago(d)), tick=False):
            contact = make_contact(
                alice, name=f"f{f} d{d}", follow_up_days=f, last_contacted=days_ago(d)
            )
        assert status_of(contact) == Status.REGULAR_CONTACT
        contacts.append((contact, want))

    result = refresh_statuses()

    assert {c.name: status_of(c) for c, _ in contacts} == {c.name: want for c, want in contacts}
    assert dict(result.transitions) == {
        (Status.REGULAR_CONTACT, Status.CHECK_IN_DUE): 8,
        (Status.REGULAR_CONTACT, Status.RECONNECT): 4,
    }


def test_a_contact_seen_today_or_in_the_future_is_regular_until_its_day(alice):
    today = make_contact(alice, name="Seen today", follow_up_days=1, last_contacted=TODAY)
    ahead = make_contact(
        alice, name="Meeting booked", follow_up_days=1, last_contacted=TODAY + 5 * DAY
    )

    assert stored(today) == (Status.REGULAR_CONTACT, TOMORROW, TODAY + 3 * DAY)
    assert stored(ahead) == (Status.REGULAR_CONTACT, TODAY + 6 * DAY, TODAY + 8 * DAY)
    refresh_on(TOMORROW)
    assert (status_of(today), status_of(ahead)) == (Status.CHECK_IN_DUE, Status.REGULAR_CONTACT)
    refresh_on(TODAY + 6 * DAY)
    assert (status_of(today), status_of(ahead)) == (Status.RECONNECT, Status.CHECK_IN_DUE)


def test_never_contacted_counts_from_the_day_added(alice):
    # Medium importance: every 90 days.
    with time_machine.travel(dt.datetime(2025, 12, 10, 12, tzinfo=dt.UTC), tick=False):
        due = make_contact(alice, name="Added 90 days ago")
    with time_machine.travel(dt.datetime(2025, 12, 11, 12, tzinfo=dt.UTC), tick=False):
        fresh = make_contact(alice, name="Added 89 days ago")

    assert stored(due) == (Status.REGULAR_CONTACT, dt.date(2026, 3, 10), dt.date(2026, 9, 6))
    assert stored(fresh) == (Status.REGULAR_CONTACT, dt.date(2026, 3, 11), dt.date(2026, 9, 7))
    refresh_statuses()
    assert (status_of(due), status_of(fresh)) == (Status.CHECK_IN_DUE, Status.REGULAR_CONTACT)
    refresh_on(TOMORROW)
    assert status_of(fresh) == Status.CHECK_IN_DUE


def test_the_day_added_is_the_day_in_the_owners_time_zone():
    # 11:30 UTC on 10 December is already 00:30 on 11 December in Auckland (UTC+13) but
    # still 03:30 on 10 December in Los Angeles: 90 days later only the Angeleno is due.
    kiwi = set_preferences(make_user("kiwi"), time_zone="Pacific/Auckland")
    angeleno = set_preferences(make_user("angeleno"), time_zone="America/Los_Angeles")
    with time_machine.travel(dt.datetime(2025, 12, 10, 11, 30, tzinfo=dt.UTC), tick=False):
        in_auckland = make_contact(kiwi, name="Met in Auckland")
        in_la = make_contact(angeleno, name="Met in LA")

    assert Contact.objects.get(pk=in_auckland.pk).added_on == dt.date(2025, 12, 11)
    assert Contact.objects.get(pk=in_la.pk).added_on == dt.date(2025, 12, 10)
    assert stored(in_auckland)[1] == dt.date(2026, 3, 11)
    assert stored(in_la)[1] == dt.date(2026, 3, 10)
    # 10:00 UTC on 10 March is 03:00 that day in LA and 23:00 in Auckland: a day short there.
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC), tick=False):
        refresh_statuses()
    assert status_of(in_auckland) == Status.REGULAR_CONTACT
    assert status_of(in_la) == Status.CHECK_IN_DUE


@pytest.mark.parametrize("pinned", [Status.ACTIVE_COLLABORATION, Status.PASSIVE])
@pytest.mark.parametrize("last_contacted", [days_ago(5000), TODAY, None])
def test_pinned_statuses_have_no_due_dates_and_never_move(alice, pinned, last_contacted):
    contact = make_contact(alice, status=pinned, follow_up_days=1, last_contacted=last_contacted)

    assert stored(contact) == (pinned, None, None)
    result = refresh_on(TODAY + 400 * DAY)
    services.apply_rules_to_all(alice)
    assert stored(contact) == (pinned, None, None)
    assert result.contacts_changed == 0
    assert not Contact.objects.needs_attention(TODAY).filter(pk=contact.pk).exists()


@pytest.mark.parametrize("passed_in", [Status.CHECK_IN_DUE, Status.RECONNECT])
def test_a_status_passed_in_is_the_rules_own(alice, passed_in):
    contact = make_contact(alice, status=passed_in, last_contacted=days_ago(1))

    assert status_of(contact) == Status.REGULAR_CONTACT


# (contact fields, the frequency that should apply) with alice's defaults changed to
# VIP 20, high 7, medium 45, low 365: nothing here may fall back to the built-in 14/30/90/180.
PRECEDENCE = [
    ({"follow_up_days": 10, "is_vip": True, "importance": "low"}, 10),
    ({"follow_up_days": 200, "is_vip": False, "importance": "high"}, 200),
    ({"is_vip": True, "importance": "high"}, 20),
    ({"is_vip": True, "importance": "low"}, 20),
    ({"importance": "high"}, 7),
    ({"importance": "medium"}, 45),
    ({"importance": "low"}, 365),
]
OWN_DEFAULTS = {
    "vip_follow_up_days": 20,
    "high_follow_up_days": 7,
    "medium_follow_up_days": 45,
    "low_follow_up_days": 365,
}


@pytest.mark.parametrize("path", ["save_contact", "apply_rules_to_all", "update_many"])
@pytest.mark.parametrize(("fields", "frequency"), PRECEDENCE)
def test_frequency_precedence_with_the_users_own_defaults(alice, fields, frequency, path):
    if path == "save_contact":  # Python, one contact at a time
        set_preferences(alice, **OWN_DEFAULTS)
        just_due = make_contact(
            alice, name="Just due", last_contacted=days_ago(frequency), **fields
        )
        not_yet = make_contact(
            alice, name="Not yet", last_contacted=days_ago(frequency - 1), **fields
        )
    else:  # SQL: made under the built-in defaults, then the defaults or the contacts change
        just_due = make_contact(alice, name="Just due", last_contacted=days_ago(frequency))
        not_yet = make_contact(alice, name="Not yet", last_contacted=days_ago(frequency - 1))
        set_preferences(alice, **OWN_DEFAULTS)
        if path == "apply_rules_to_all":
            Contact.objects.update(**fields)
            services.apply_rules_to_all(alice)
        else:
            services.update_many(alice, Contact.objects.all(), **fields)

    just_due.refresh_from_db()
    assert status.frequency_days(just_due, alice) == frequency
    assert stored(just_due) == (
        Status.CHECK_IN_DUE,
        TODAY,
        TODAY + 2 * frequency * DAY,
    )
    assert stored(not_yet) == (
        Status.REGULAR_CONTACT,
        TOMORROW,
        TOMORROW + 2 * frequency * DAY,
    )
    refresh_on(TOMORROW)
    assert status_of(not_yet) == Status.CHECK_IN_DUE


@pytest.mark.parametrize(
    ("fields", "frequency"),
    [
        ({"is_vip": True}, 14),
        ({"importance": "high"}, 30),
        ({"importance": "medium"}, 90),
        ({"importance": "low"}, 180),
    ],
)
def test_built_in_defaults(alice, fields, frequency):
    # Never contacted: counted from today, the day it was added.
    contact = make_contact(alice, **fields)

    assert status.frequency_days(contact, alice) == frequency
    assert stored(contact) == (
        Status.REGULAR_CONTACT,
        TODAY + frequency * DAY,
        TODAY + 3 * frequency * DAY,
    )


# Date arithmetic the two engines do differently: month ends, leap days, the longest rhythm.
DATE_EDGES = [
    (dt.date(2028, 2, 28), 1),
    (dt.date(2027, 2, 28), 1),
    (dt.date(2025, 12, 31), 1),
    (dt.date(2026, 1, 31), 30),
    (dt.date(2024, 2, 29), 365),
    (dt.date(2016, 3, 10), 3650),
]


def test_the_sql_due_dates_agree_with_python_at_calendar_edges(alice):
    contacts = [
        make_contact(alice, name=f"{last} every {f}", follow_up_days=f, last_contacted=last)
        for last, f in DATE_EDGES
    ]
    by_python = {c.name: stored(c) for c in contacts}
    assert [stored(c)[1:] for c in contacts] == [
        (last + f * DAY, last + 3 * f * DAY) for last, f in DATE_EDGES
    ]
    Contact.objects.update(check_in_on=None, reconnect_on=None)

    services.apply_rules_to_all(alice)

    assert {c.name: stored(c) for c in contacts} == by_python


# 11:30 UTC on 9 March 2026 is 00:30 on 10 March in Auckland and 04:30 on 9 March in LA.
JUST_PAST_MIDNIGHT_IN_AUCKLAND = dt.datetime(2026, 3, 9, 11, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("zone", "today", "expected"),
    [
        ("Pacific/Auckland", dt.date(2026, 3, 10), Status.CHECK_IN_DUE),
        ("America/Los_Angeles", dt.date(2026, 3, 9), Status.REGULAR_CONTACT),
    ],
)
def test_today_is_the_owners_today(zone, today, expected):
    owner = set_preferences(make_user("owner"), time_zone=zone)
    # Medium importance (90 days), last seen 90 days before 10 March; added a week earlier.
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        refreshed = make_contact(owner, name="Refreshed", last_contacted=dt.date(2025, 12, 10))

    with time_machine.travel(JUST_PAST_MIDNIGHT_IN_AUCKLAND, tick=False):
        assert status.local_today(owner) == today
        refresh_statuses()
        saved = make_contact(owner, name="Saved now", last_contacted=dt.date(2025, 12, 10))
        attention = Contact.objects.for_owner(owner).needs_attention(status.local_today(owner))

    assert status_of(refreshed) == status_of(saved) == expected
    assert set(attention) == ({refreshed, saved} if expected == Status.CHECK_IN_DUE else set())


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "Asia/Kolkata", "America/Los_Angeles"])
def test_a_contact_becomes_due_at_the_owners_midnight(zone):
    owner = set_preferences(make_user("owner"), time_zone=zone)
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        contact = make_contact(owner, follow_up_days=9, last_contacted=dt.date(2026, 3, 1))
    midnight = dt.datetime(2026, 3, 10, tzinfo=zoneinfo.ZoneInfo(zone))

    with time_machine.travel(midnight - dt.timedelta(minutes=1), tick=False):
        before = refresh_statuses()
    assert status_of(contact) == Status.REGULAR_CONTACT
    with time_machine.travel(midnight + dt.timedelta(minutes=1), tick=False):
        after = refresh_statuses()
    assert status_of(contact) == Status.CHECK_IN_DUE
    assert (before.as_of, after.as_of) == ({zone: dt.date(2026, 3, 9)}, {zone: TODAY})


def test_nightly_refresh_uses_each_owners_today():
    kiwi = set_preferences(make_user("kiwi"), time_zone="Pacific/Auckland")
    angeleno = set_preferences(make_user("angeleno"), time_zone="America/Los_Angeles")
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        in_auckland = make_contact(kiwi, name="Kiwi friend", last_contacted=dt.date(2025, 12, 10))
        in_la = make_contact(angeleno, name="LA friend", last_contacted=dt.date(2025, 12, 10))

    with time_machine.travel(JUST_PAST_MIDNIGHT_IN_AUCKLAND, tick=False):
        result = refresh_statuses()

    assert status_of(in_auckland) == Status.CHECK_IN_DUE
    assert status_of(in_la) == Status.REGULAR_CONTACT
    assert result.as_of == {
        "Pacific/Auckland": dt.date(2026, 3, 10),
        "America/Los_Angeles": dt.date(2026, 3, 9),
    }


def test_stored_due_dates(alice):
    seen = make_contact(alice, importance="high", last_contacted=dt.date(2026, 3, 1))
    own = make_contact(alice, follow_up_days=7, last_contacted=dt.date(2026, 3, 1))
    overdue = make_contact(alice, follow_up_days=7, last_contacted=dt.date(2025, 1, 1))
    with time_machine.travel(dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC), tick=False):
        never = make_contact(alice, is_vip=True)
    collaborator = make_contact(
        alice, status=Status.ACTIVE_COLLABORATION, last_contacted=dt.date(2026, 3, 1)
    )
    passive = make_contact(alice, status=Status.PASSIVE, last_contacted=dt.date(2026, 3, 1))

    assert stored(seen) == (Status.REGULAR_CONTACT, dt.date(2026, 3, 31), dt.date(2026, 5, 30))
    assert stored(own) == (Status.CHECK_IN_DUE, dt.date(2026, 3, 8), dt.date(2026, 3, 22))
    assert stored(overdue) == (Status.RECONNECT, dt.date(2025, 1, 8), dt.date(2025, 1, 22))
    assert stored(never)[1:] == (dt.date(2026, 2, 15), dt.date(2026, 3, 15))
    assert status_of(never) == Status.REGULAR_CONTACT  # as on the day it was added
    refresh_statuses()
    assert status_of(never) == Status.CHECK_IN_DUE
    assert stored(collaborator) == (Status.ACTIVE_COLLABORATION, None, None)
    assert stored(passive) == (Status.PASSIVE, None, None)
