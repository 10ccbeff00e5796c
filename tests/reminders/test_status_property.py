"""The stored due dates and statuses always equal the Python rules (contacts.status), whichever
path wrote them: a contact saved one at a time, the set-based SQL (apply_rules_to_all,
status_expression), or the nightly refresh moving them as days pass, in every time zone."""

import datetime as dt
import itertools
import zoneinfo

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import User
from contacts import services, status
from contacts.models import Contact
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import NOW, TODAY, set_preferences

# UTC last: hypothesis starts from the first choice, and UTC hides time-zone mistakes.
ZONES = [
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "UTC",
]
DAY = dt.timedelta(days=1)
usernames = itertools.count()


@st.composite
def owners(draw) -> dict:
    days = st.integers(min_value=1, max_value=400)
    return {
        "time_zone": draw(st.sampled_from(ZONES)),
        "vip_follow_up_days": draw(days),
        "high_follow_up_days": draw(days),
        "medium_follow_up_days": draw(days),
        "low_follow_up_days": draw(days),
    }


def frequency_of(fields: dict, owner: dict) -> int:
    if fields["follow_up_days"]:
        return fields["follow_up_days"]
    if fields["is_vip"]:
        return owner["vip_follow_up_days"]
    return owner[f"{fields['importance']}_follow_up_days"]


def near_boundaries(frequency: int, low: int, high: int) -> st.SearchStrategy[int]:
    """Days ago: anywhere in [low, high], often right at a rule boundary (f-1, f, 3f-1, 3f)."""
    edges = [
        d for d in (frequency - 1, frequency, 3 * frequency - 1, 3 * frequency) if low <= d <= high
    ]
    anywhere = st.integers(min_value=low, max_value=high)
    return st.sampled_from(edges) | anywhere if edges else anywhere


@st.composite
def contacts(draw, people: list[dict]) -> dict:
    owner = draw(st.integers(min_value=0, max_value=len(people) - 1))
    fields = {
        "owner": owner,
        "follow_up_days": draw(st.none() | st.integers(min_value=1, max_value=400)),
        "is_vip": draw(st.booleans()),
        "importance": draw(st.sampled_from(Contact.Importance.values)),
        # A non-pinned status passed in is recomputed; a pinned one is kept.
        "status": draw(st.sampled_from(Contact.Status.values)),
        "snoozed_until": draw(
            st.none() | st.dates(min_value=TODAY - DAY * 3, max_value=TODAY + DAY * 3)
        ),
        "is_archived": draw(st.booleans()),
    }
    frequency = frequency_of(fields, people[owner])
    seen = draw(st.none() | near_boundaries(frequency, -3 * 365, 3 * 365))
    fields["last_contacted"] = None if seen is None else TODAY - DAY * seen
    # Added some day in the last five years, often within minutes of midnight where the owner
    # lives: the day it was added depends on the owner's time zone.
    added = TODAY - DAY * draw(near_boundaries(frequency, 0, 5 * 365))
    midnight = dt.datetime.combine(added, dt.time(), zoneinfo.ZoneInfo(people[owner]["time_zone"]))
    minutes = draw(
        st.integers(min_value=-90, max_value=90) | st.integers(min_value=0, max_value=1439)
    )
    fields["created_at"] = min(midnight + dt.timedelta(minutes=minutes), NOW).astimezone(dt.UTC)
    return fields


@st.composite
def address_books(draw) -> tuple[list[dict], list[dict]]:
    people = draw(st.lists(owners(), min_size=1, max_size=3))
    book = draw(st.lists(contacts(people), min_size=1, max_size=12))
    return people, book


def create(people: list[dict], book: list[dict]) -> tuple[list[User], list[Contact]]:
    """Each contact saved at the moment it was added (its stored status is that day's)."""
    users = [set_preferences(make_user(f"owner{next(usernames)}"), **p) for p in people]
    rows = []
    for number, attrs in enumerate(book):
        fields = dict(attrs)
        owner = users[fields.pop("owner")]
        with time_machine.travel(fields.pop("created_at"), tick=False):
            rows.append(make_contact(owner, name=f"Contact {number}", **fields))
    return users, rows


def by_python(contact: Contact, owner: User, today: dt.date) -> tuple:
    """(status, check_in_on, reconnect_on) by the Python rules, from the contact's inputs."""
    expected = Contact(
        status=contact.status,
        importance=contact.importance,
        follow_up_days=contact.follow_up_days,
        is_vip=contact.is_vip,
        last_contacted=contact.last_contacted,
        added_on=status.local_today(owner, contact.created_at),
    )
    status.apply_rules(expected, owner, today)
    return expected.status, expected.check_in_on, expected.reconnect_on


def stored(users: list[User]) -> dict[int, tuple]:
    rows = Contact.objects.filter(owner__in=users)
    values = rows.values_list("pk", "status", "check_in_on", "reconnect_on")
    return {pk: tuple(rest) for pk, *rest in values}


def expected_now(users: list[User], rows: list[Contact]) -> dict[int, tuple]:
    owners = {u.pk: u for u in users}
    fresh = Contact.objects.filter(pk__in=[c.pk for c in rows])
    return {
        c.pk: by_python(c, owners[c.owner_id], status.local_today(owners[c.owner_id]))
        for c in fresh
    }


def python_needs_attention(contact: Contact, today: dt.date) -> bool:
    snoozed = contact.snoozed_until is not None and contact.snoozed_until > today
    return contact.status in status.NEEDS_ATTENTION and not contact.is_archived and not snoozed


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, database=None)
@given(address_books(), st.integers(min_value=1, max_value=400))
def test_every_path_stores_what_the_python_rules_say(address_book, days_later):
    people, book = address_book
    users, rows = create(people, book)
    try:
        with time_machine.travel(NOW, tick=False):
            # Saved on the day each was added, then moved by the nightly refresh as days passed.
            refresh_statuses(record=False)
            expected = expected_now(users, rows)
            assert stored(users) == expected

            # The stored status, read by "needs attention" and by the SQL rule on nearby days.
            for user in users:
                today = status.local_today(user)
                theirs = list(Contact.objects.for_owner(user))
                assert set(Contact.objects.for_owner(user).needs_attention(today)) == {
                    c for c in theirs if python_needs_attention(c, today)
                }
                for day in (today - DAY, today, today + DAY):
                    by_sql = dict(
                        Contact.objects.for_owner(user)
                        .annotate(on_day=status.status_expression(day))
                        .values_list("pk", "on_day")
                    )
                    assert by_sql == {c.pk: status.status_on(c, day) for c in theirs}, day

            # The set-based SQL recomputes stored values that went wrong (as after a restore).
            theirs = Contact.objects.filter(owner__in=users)
            theirs.exclude(status__in=status.PINNED).update(
                status=Contact.Status.RECONNECT, check_in_on=TODAY, reconnect_on=None
            )
            theirs.filter(status__in=status.PINNED).update(check_in_on=TODAY, reconnect_on=TODAY)
            for user in users:
                services.apply_rules_to_all(user)
            assert stored(users) == expected

        # Days pass: a real run on a later day moves exactly what the rules move.
        with time_machine.travel(NOW + DAY * days_later, tick=False):
            before = stored(users)
            result = refresh_statuses(record=False)
            expected = expected_now(users, rows)
            assert stored(users) == expected
            assert result.contacts_changed == sum(
                before[pk][0] != expected[pk][0] for pk in expected
            )
    finally:
        User.objects.filter(pk__in=[u.pk for u in users]).delete()
