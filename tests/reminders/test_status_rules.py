"""The relationship-status rules at every boundary, on the single-contact and bulk SQL paths."""

import datetime as dt

import pytest
import time_machine

from contacts import status
from contacts.models import Contact
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import TODAY, added_on, days_ago, set_preferences, status_of

pytestmark = pytest.mark.django_db

Status = Contact.Status

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


@pytest.mark.parametrize(("frequency", "days", "expected"), BOUNDARIES, ids=BOUNDARY_IDS)
def test_rule_table(frequency, days, expected):
    assert status.status_for(days, frequency) == expected


@pytest.mark.parametrize(("frequency", "days", "expected"), BOUNDARIES, ids=BOUNDARY_IDS)
def test_single_contact_path_at_each_boundary(alice, frequency, days, expected):
    contact = make_contact(alice, follow_up_days=frequency, last_contacted=days_ago(days))

    status.refresh_contact_status(contact, TODAY)

    assert status_of(contact) == expected


def test_bulk_path_agrees_at_every_boundary(alice):
    contacts = [
        (make_contact(alice, name=f"f{f} d{d}", follow_up_days=f, last_contacted=days_ago(d)), want)
        for f, d, want in BOUNDARIES
    ]

    refresh_statuses(today=TODAY, record=False)

    assert {c.name: status_of(c) for c, _ in contacts} == {c.name: want for c, want in contacts}


def test_a_contact_seen_today_or_in_the_future_is_regular(alice):
    today = make_contact(alice, name="Seen today", follow_up_days=1, last_contacted=TODAY)
    ahead = make_contact(
        alice, name="Meeting booked", follow_up_days=1, last_contacted=days_ago(-5)
    )

    refresh_statuses(today=TODAY, record=False)

    assert status_of(today) == Status.REGULAR_CONTACT
    assert status_of(ahead) == Status.REGULAR_CONTACT


def test_never_contacted_counts_from_the_day_added(alice):
    # Medium importance: every 90 days.
    with time_machine.travel(dt.datetime(2025, 12, 10, 12, tzinfo=dt.UTC), tick=False):
        due = make_contact(alice, name="Added 90 days ago")
    with time_machine.travel(dt.datetime(2025, 12, 11, 12, tzinfo=dt.UTC), tick=False):
        fresh = make_contact(alice, name="Added 89 days ago")

    assert status.computed_status(due, alice, TODAY) == Status.CHECK_IN_DUE
    assert status.computed_status(fresh, alice, TODAY) == Status.REGULAR_CONTACT
    refresh_statuses(today=TODAY, record=False)
    assert status_of(due) == Status.CHECK_IN_DUE
    assert status_of(fresh) == Status.REGULAR_CONTACT


def test_the_day_added_is_the_day_in_the_owners_time_zone():
    # 11:30 UTC on 10 December is already 00:30 on 11 December in Auckland (UTC+13) but
    # still 03:30 on 10 December in Los Angeles: 90 days later only the Angeleno is due.
    kiwi = set_preferences(make_user("kiwi"), time_zone="Pacific/Auckland")
    angeleno = set_preferences(make_user("angeleno"), time_zone="America/Los_Angeles")
    instant = dt.datetime(2025, 12, 10, 11, 30, tzinfo=dt.UTC)
    in_auckland = added_on(make_contact(kiwi, name="Met in Auckland"), instant)
    in_la = added_on(make_contact(angeleno, name="Met in LA"), instant)

    assert status.computed_status(in_auckland, kiwi, TODAY) == Status.REGULAR_CONTACT
    assert status.computed_status(in_la, angeleno, TODAY) == Status.CHECK_IN_DUE
    assert status.next_check_in(in_auckland, kiwi) == dt.date(2026, 3, 11)
    assert status.next_check_in(in_la, angeleno) == dt.date(2026, 3, 10)
    refresh_statuses(today=TODAY, record=False)
    assert status_of(in_auckland) == Status.REGULAR_CONTACT
    assert status_of(in_la) == Status.CHECK_IN_DUE


@pytest.mark.parametrize("pinned", [Status.ACTIVE_COLLABORATION, Status.PASSIVE])
@pytest.mark.parametrize("last_contacted", [days_ago(5000), TODAY, None])
def test_pinned_statuses_never_change(alice, pinned, last_contacted):
    contact = make_contact(alice, status=pinned, follow_up_days=1, last_contacted=last_contacted)

    assert status.computed_status(contact, alice, TODAY) == pinned
    assert status.refresh_contact_status(contact, TODAY) is False
    refresh_statuses(today=TODAY, record=False)
    assert status_of(contact) == pinned
    assert not Contact.objects.needs_attention(alice, TODAY).filter(pk=contact.pk).exists()


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


@pytest.mark.parametrize(("fields", "frequency"), PRECEDENCE)
def test_frequency_precedence_with_the_users_own_defaults(alice, fields, frequency):
    set_preferences(
        alice,
        vip_follow_up_days=20,
        high_follow_up_days=7,
        medium_follow_up_days=45,
        low_follow_up_days=365,
    )
    just_due = make_contact(alice, name="Just due", last_contacted=days_ago(frequency), **fields)
    not_yet = make_contact(alice, name="Not yet", last_contacted=days_ago(frequency - 1), **fields)

    assert status.frequency_days(just_due, alice) == frequency
    refresh_statuses(today=TODAY, record=False)
    assert status_of(just_due) == Status.CHECK_IN_DUE
    assert status_of(not_yet) == Status.REGULAR_CONTACT
    assert status.next_check_in(not_yet, alice) == dt.date(2026, 3, 11)


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
    assert status.frequency_days(make_contact(alice, **fields), alice) == frequency


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
    # Medium importance (90 days), last seen 90 days before 10 March.
    contact = make_contact(owner, last_contacted=dt.date(2025, 12, 10))

    with time_machine.travel(JUST_PAST_MIDNIGHT_IN_AUCKLAND, tick=False):
        assert status.local_today(owner) == today
        status.refresh_contact_status(contact)
        assert status_of(contact) == expected
        attention = Contact.objects.for_owner(owner).needs_attention(owner)
        assert attention.filter(pk=contact.pk).exists() == (expected == Status.CHECK_IN_DUE)


def test_nightly_refresh_uses_each_owners_today():
    kiwi = set_preferences(make_user("kiwi"), time_zone="Pacific/Auckland")
    angeleno = set_preferences(make_user("angeleno"), time_zone="America/Los_Angeles")
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


def test_next_check_in(alice):
    seen = make_contact(alice, importance="high", last_contacted=dt.date(2026, 3, 1))
    own = make_contact(alice, follow_up_days=7, last_contacted=dt.date(2026, 3, 1))
    overdue = make_contact(alice, follow_up_days=7, last_contacted=dt.date(2025, 1, 1))
    with time_machine.travel(dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC), tick=False):
        never = make_contact(alice, is_vip=True)
    collaborator = make_contact(
        alice, status=Status.ACTIVE_COLLABORATION, last_contacted=dt.date(2026, 3, 1)
    )
    passive = make_contact(alice, status=Status.PASSIVE, last_contacted=dt.date(2026, 3, 1))

    assert status.next_check_in(seen, alice) == dt.date(2026, 3, 31)
    assert status.next_check_in(own, alice) == dt.date(2026, 3, 8)
    assert status.next_check_in(overdue, alice) == dt.date(2025, 1, 8)
    assert status.next_check_in(never, alice) == dt.date(2026, 2, 15)
    assert status.next_check_in(collaborator, alice) == dt.date(2026, 5, 30)
    assert status.next_check_in(passive, alice) is None
