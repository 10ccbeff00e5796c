"""The bulk SQL path (refresh_statuses, needs_attention) and the Python rules always agree."""

import datetime as dt
import itertools
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import User
from contacts import status
from contacts.models import Contact
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact, make_user
from tests.reminders.helpers import NOW, TODAY, added_on, set_preferences

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
    users = [set_preferences(make_user(f"owner{next(usernames)}"), **p) for p in people]
    rows = []
    for number, attrs in enumerate(book):
        fields = dict(attrs)
        owner = users[fields.pop("owner")]
        created_at = fields.pop("created_at")
        rows.append(added_on(make_contact(owner, name=f"Contact {number}", **fields), created_at))
    return users, rows


def python_needs_attention(contact: Contact, owner: User, today: dt.date) -> bool:
    due = status.computed_status(contact, owner, today) in status.NEEDS_ATTENTION
    snoozed = contact.snoozed_until is not None and contact.snoozed_until > today
    return due and not contact.is_archived and not snoozed


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, database=None)
@given(address_books())
def test_bulk_sql_and_single_contact_rules_agree(address_book):
    people, book = address_book
    users, rows = create(people, book)
    try:
        # Before any refresh the stored statuses are arbitrary, as when cron never ran. The
        # days around TODAY put more contacts right at a boundary.
        for user, today in itertools.product(users, (TODAY - DAY, TODAY, TODAY + DAY)):
            expected = {
                c.pk
                for c in rows
                if c.owner_id == user.pk and python_needs_attention(c, user, today)
            }
            found = set(
                Contact.objects.for_owner(user)
                .needs_attention(user, today)
                .values_list("pk", flat=True)
            )
            assert found == expected, f"as of {today}"

        expected_status = {c.pk: status.computed_status(c, c.owner, TODAY) for c in rows}
        refresh_statuses(today=TODAY, record=False)

        stored = dict(Contact.objects.filter(pk__in=expected_status).values_list("pk", "status"))
        assert stored == expected_status
    finally:
        User.objects.filter(pk__in=[u.pk for u in users]).delete()
