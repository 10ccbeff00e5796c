"""A study group's weekly schedule: the next session, in the owner's time zone."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from collaborations.models import Collaboration
from collaborations.schedule import describe, next_session
from tests.collaborations.conftest import html, make_collaboration, url
from tests.collaborations.test_views_collaboration import form_data

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
UTC = dt.UTC
TUESDAY, SIX_PM = 1, dt.time(18, 0)


def at(zone, *args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=zone)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Sunday 6 Dec 2026 -> Tuesday 8 Dec.
        (at(BERLIN, 2026, 12, 6, 12, 0), at(BERLIN, 2026, 12, 8, 18, 0)),
        # Tuesday before six: today.
        (at(BERLIN, 2026, 12, 8, 17, 59), at(BERLIN, 2026, 12, 8, 18, 0)),
        (at(BERLIN, 2026, 12, 8, 18, 0), at(BERLIN, 2026, 12, 8, 18, 0)),
        # Tuesday after six: next week.
        (at(BERLIN, 2026, 12, 8, 18, 1), at(BERLIN, 2026, 12, 15, 18, 0)),
        # Wednesday: six days on.
        (at(BERLIN, 2026, 12, 9, 9, 0), at(BERLIN, 2026, 12, 15, 18, 0)),
    ],
)
def test_the_next_session_is_the_first_meeting_not_started(now, expected):
    assert next_session(TUESDAY, SIX_PM, BERLIN, now) == expected


def test_the_weekday_and_time_are_the_owners_not_the_servers():
    # 16:30 UTC on Tuesday is already 01:30 on Wednesday in Tokyo: this week's meeting is over.
    now = at(UTC, 2026, 12, 8, 16, 30)
    assert next_session(TUESDAY, SIX_PM, TOKYO, now) == at(TOKYO, 2026, 12, 15, 18, 0)
    # ... while in Berlin it is 17:30 on Tuesday, half an hour before.
    assert next_session(TUESDAY, SIX_PM, BERLIN, now) == at(BERLIN, 2026, 12, 8, 18, 0)
    # Monday 23:30 UTC is Tuesday morning in Tokyo.
    monday_night = at(UTC, 2026, 12, 7, 23, 30)
    assert next_session(TUESDAY, SIX_PM, TOKYO, monday_night) == at(TOKYO, 2026, 12, 8, 18, 0)


def test_a_meeting_across_a_clock_change_keeps_its_wall_clock_time():
    # Berlin leaves summer time on Sunday 25 Oct 2026.
    now = at(BERLIN, 2026, 10, 21, 12, 0)
    upcoming = next_session(TUESDAY, SIX_PM, BERLIN, now)
    assert upcoming == at(BERLIN, 2026, 10, 27, 18, 0)
    assert upcoming.utcoffset() == dt.timedelta(hours=1)


def test_a_session_already_recorded_that_day_moves_the_next_to_the_following_week():
    now = at(BERLIN, 2026, 12, 8, 10, 0)
    held = dt.date(2026, 12, 8)
    assert next_session(TUESDAY, SIX_PM, BERLIN, now, after=held) == at(BERLIN, 2026, 12, 15, 18, 0)
    assert next_session(TUESDAY, SIX_PM, BERLIN, now, after=dt.date(2026, 12, 1)) == at(
        BERLIN, 2026, 12, 8, 18, 0
    )


def test_describe():
    assert describe(TUESDAY, SIX_PM) == "Weekly on Tuesdays at 18:00"
    assert describe(6, dt.time(9, 30)) == "Weekly on Sundays at 09:30"


# The form and the page


def study_group_data(**overrides) -> dict:
    return form_data(**{"kind": "study_group", "meets_on": "1", "meets_at": "18:00", **overrides})


@pytest.mark.django_db
def test_a_study_group_keeps_its_schedule_and_its_page_shows_the_next_session(alice_client, alice):
    alice.time_zone = "Europe/Berlin"
    alice.save(update_fields=["time_zone"])
    with time_machine.travel(at(BERLIN, 2026, 12, 8, 19, 0), tick=False):
        response = alice_client.post(url("create"), study_group_data())
        group = Collaboration.objects.get(owner=alice)
        assert (group.meets_on, group.meets_at) == (1, SIX_PM)
        page = html(alice_client.get(url("detail", group.code)))
    assert "Weekly on Tuesdays at 18:00" in page
    assert "Tue 15 Dec 2026, 18:00" in page  # today's is over
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"meets_at": ""}, "meets_at", "Give the time the group meets"),
        ({"meets_on": ""}, "meets_on", "Choose the weekday the group meets"),
        ({"kind": "talk"}, "meets_on", "A weekly schedule is for study groups"),
        ({"meets_on": "7"}, "meets_on", "Select a valid choice."),
        ({"meets_at": "25:00"}, "meets_at", "Enter a valid time."),
    ],
)
def test_a_schedule_needs_both_parts_and_a_study_group(
    alice_client, alice, overrides, field, message
):
    data = study_group_data()
    data.update(overrides)
    response = alice_client.post(url("create"), data)
    assert response.status_code == 200
    assert message in html(response)
    assert not Collaboration.objects.exists()


@pytest.mark.django_db
def test_clearing_both_parts_removes_the_schedule(alice_client, alice):
    group = make_collaboration(alice, kind="study_group", meets_on=1, meets_at=SIX_PM)
    alice_client.post(url("edit", group.code), study_group_data(meets_on="", meets_at=""))
    group.refresh_from_db()
    assert (group.meets_on, group.meets_at) == (None, None)
    assert "Weekly on" not in html(alice_client.get(url("detail", group.code)))
