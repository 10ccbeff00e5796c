"""The stored day of the year finds exactly the birthdays of a window of days."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from reminders.services import birthday_days, next_birthday


def in_ranges(birthday: dt.date, ranges: list[tuple[int, int]]) -> bool:
    key = birthday.month * 100 + birthday.day  # what Contact.birthday_day stores
    return any(first <= key <= last for first, last in ranges)


@given(
    today=st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
    birthday=st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)),
    days=st.integers(0, 60),
)
def test_the_ranges_hold_exactly_the_birthdays_of_the_window(today, birthday, days):
    coming = (next_birthday(birthday, today) - today).days <= days

    assert in_ranges(birthday, birthday_days(today, days)) == coming


def test_a_window_across_new_year_is_two_ranges_in_calendar_order():
    assert birthday_days(dt.date(2026, 12, 20), 30) == [(1220, 1231), (101, 119)]


def test_a_window_ending_on_28_february_of_a_common_year_takes_in_29_february():
    assert birthday_days(dt.date(2027, 1, 29), 30) == [(129, 229)]
    assert birthday_days(dt.date(2028, 1, 29), 30) == [(129, 228)]
