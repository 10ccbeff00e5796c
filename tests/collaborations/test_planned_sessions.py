"""A study group's one-off session dates: the next session is the earliest of its weekly meeting
and its planned dates still to come, and the one session reminder follows."""

import datetime as dt
import re

import pytest

from collaborations import services
from collaborations.models import Collaboration, PlannedSession
from dashboard import widgets
from tests.collaborations.conftest import html, login_url_for, make_collaboration, url
from tests.collaborations.test_session_reminders import BERLIN, TUE_8, TUE_15, record, sessions
from tests.collaborations.test_session_reminders import sunday as sunday  # Sunday noon, autouse

pytestmark = pytest.mark.django_db

MON_7, THU_10, SUN_20 = dt.date(2026, 12, 7), dt.date(2026, 12, 10), dt.date(2026, 12, 20)


@pytest.fixture
def berlin_alice(alice):
    alice.time_zone = "Europe/Berlin"
    alice.save(update_fields=["time_zone"])
    return alice


@pytest.fixture
def weekly(berlin_alice) -> Collaboration:
    """Meets Tuesdays at 18:00."""
    return make_collaboration(
        berlin_alice, title="Rust book club", kind="study_group", meets_on=1, meets_at=dt.time(18)
    )


@pytest.fixture
def unscheduled(berlin_alice) -> Collaboration:
    return make_collaboration(berlin_alice, title="SICP reading group", kind="study_group")


def plan(group: Collaboration, on: dt.date, at=dt.time(19), topic: str = "") -> PlannedSession:
    return services.add_planned_session(
        PlannedSession(collaboration=group, on=on, at=at, topic=topic)
    )


def text(response) -> str:
    """The page's words, without markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", html(response)).split())


def due_and_state(group) -> list[tuple]:
    return [(due, state) for due, _, state in sessions(group)]


# Services


def test_a_planned_date_before_the_weekly_meeting_is_the_next_session(weekly):
    plan(weekly, MON_7)

    assert services.next_session(weekly) == dt.datetime(2026, 12, 7, 19, 0, tzinfo=BERLIN)
    assert sessions(weekly) == [
        (MON_7, "Study group: Rust book club at 19:00", "open"),
        (TUE_8, "Study group: Rust book club at 18:00", "dismissed"),
    ]


def test_a_planned_date_after_the_weekly_meeting_waits_its_turn(weekly):
    plan(weekly, THU_10)

    assert services.next_session(weekly) == dt.datetime(2026, 12, 8, 18, 0, tzinfo=BERLIN)
    assert due_and_state(weekly) == [(TUE_8, "open")]


def test_a_group_without_a_schedule_meets_on_its_planned_dates(unscheduled):
    assert services.next_session(unscheduled) is None
    plan(unscheduled, SUN_20)
    plan(unscheduled, THU_10)
    assert due_and_state(unscheduled) == [(THU_10, "open"), (SUN_20, "dismissed")]

    record(unscheduled, THU_10)  # recording it that day completes it; the next takes its place

    assert due_and_state(unscheduled) == [(THU_10, "done"), (SUN_20, "open")]


def test_removing_a_planned_date_syncs_the_reminder(weekly, unscheduled):
    planned = plan(weekly, MON_7)
    services.remove_planned_session(planned)
    assert due_and_state(weekly) == [(MON_7, "dismissed"), (TUE_8, "open")]

    services.remove_planned_session(plan(unscheduled, THU_10))
    assert due_and_state(unscheduled) == [(THU_10, "dismissed")]


def test_a_date_that_has_started_or_a_day_already_recorded_is_not_next(unscheduled, sunday):
    plan(unscheduled, dt.date(2026, 12, 6), at=dt.time(11))  # this morning
    plan(unscheduled, THU_10)
    plan(unscheduled, SUN_20)
    assert services.next_session(unscheduled).date() == THU_10

    record(unscheduled, dt.date(2026, 12, 12))  # noted ahead: Thursday's was skipped

    assert services.next_session(unscheduled).date() == SUN_20


def test_archiving_the_group_has_no_next_session(unscheduled):
    plan(unscheduled, THU_10)
    services.move(unscheduled, "archived")
    assert services.next_session(unscheduled) is None
    assert due_and_state(unscheduled) == [(THU_10, "dismissed")]


def test_the_nightly_roll_moves_a_missed_planned_date_on(weekly, alice, sunday):
    plan(weekly, MON_7)
    sunday.move_to(dt.datetime(2026, 12, 8, 1, 0, tzinfo=BERLIN))

    assert services.roll_session_reminders([alice], dt.date(2026, 12, 8)) == 1

    assert due_and_state(weekly) == [(MON_7, "dismissed"), (TUE_8, "open")]


def test_the_next_planned_or_weekly_meeting_is_the_next_of_the_two(weekly, sunday):
    plan(weekly, MON_7)
    record(weekly, MON_7)
    assert due_and_state(weekly) == [(MON_7, "done"), (TUE_8, "open")]
    sunday.move_to(dt.datetime(2026, 12, 8, 20, 0, tzinfo=BERLIN))
    record(weekly, TUE_8)
    assert due_and_state(weekly)[-1] == (TUE_15, "open")


# The group's page


def test_plan_a_session_on_the_page(alice_client, weekly):
    data = {"on": "2026-12-07", "at": "19:30", "topic": "Traits"}

    response = alice_client.post(url("planned_add", weekly.code), data, follow=True)

    assert response.redirect_chain[-1][0] == url("detail", weekly.code) + "#planned"
    planned = PlannedSession.objects.get()
    assert (planned.on, planned.at, planned.topic) == (MON_7, dt.time(19, 30), "Traits")
    page = text(response)
    assert "Planned a session on 7 Dec 2026, 19:30: Traits." in page
    assert "Meets: Weekly on Tuesdays at 18:00; also Mon 7 Dec, 19:30" in page
    assert "Next session: Mon 7 Dec 2026, 19:30" in page
    assert "Mon 7 Dec 2026, 19:30 — Traits" in page


def test_a_group_with_only_planned_dates_says_when_it_meets(alice_client, unscheduled):
    plan(unscheduled, THU_10)
    plan(unscheduled, SUN_20, at=dt.time(10))

    page = text(alice_client.get(url("detail", unscheduled.code)))

    assert "Meets: On Thu 10 Dec, 19:00 and Sun 20 Dec, 10:00" in page
    assert "Next session: Thu 10 Dec 2026, 19:00" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on": "2026-12-05", "at": "19:00"}, "That date is in the past; plan a session from"),
        ({"on": "2026-12-06", "at": "11:00"}, "That time has passed today; pick a later time."),
        ({"on": "2026-12-07", "at": ""}, "This field is required."),
        ({"on": "someday", "at": "19:00"}, "Enter a valid date."),
        ({"on": "2026-12-07", "at": "25:00"}, "Enter a valid time."),
        ({"on": "2026-12-07", "at": "19:00", "topic": "t" * 201}, "at most 200 characters"),
    ],
)
def test_bad_dates_are_explained(alice_client, weekly, data, message):
    response = alice_client.post(url("planned_add", weekly.code), data, follow=True)

    assert "Could not plan that session:" in html(response)
    assert message in html(response)
    assert not PlannedSession.objects.exists()


def test_the_same_date_and_time_is_planned_once(alice_client, weekly):
    plan(weekly, MON_7)
    data = {"on": "2026-12-07", "at": "19:00"}

    response = alice_client.post(url("planned_add", weekly.code), data, follow=True)

    assert "A session is already planned then." in html(response)
    assert PlannedSession.objects.count() == 1


def test_only_study_groups_plan_sessions(alice_client, talk):
    data = {"on": "2026-12-07", "at": "19:00"}

    response = alice_client.post(url("planned_add", talk.code), data, follow=True)

    assert "Only a study group has planned sessions." in html(response)
    assert not PlannedSession.objects.exists()
    assert 'id="planned"' not in html(response)


def test_remove_a_planned_session_on_the_page(alice_client, weekly):
    planned = plan(weekly, MON_7, topic="Traits")

    response = alice_client.post(url("planned_remove", planned.code), follow=True)

    assert response.redirect_chain[-1][0] == url("detail", weekly.code) + "#planned"
    assert "Removed the planned session on 7 Dec 2026, 19:00: Traits." in html(response)
    assert not PlannedSession.objects.exists()
    assert due_and_state(weekly) == [(MON_7, "dismissed"), (TUE_8, "open")]


def test_planning_needs_a_login(client, weekly):
    planned = plan(weekly, MON_7)
    for path in (url("planned_add", weekly.code), url("planned_remove", planned.code)):
        assert client.post(path).url == login_url_for(path)
    assert PlannedSession.objects.count() == 1


def test_the_dashboard_card_shows_a_planned_session(alice_client, unscheduled):
    plan(unscheduled, THU_10, topic="Streams")

    dates = widgets.collaboration_dates(unscheduled.owner, dt.date(2026, 12, 6))

    assert [(d.on, d.at, d.what) for d in dates["collaboration_dates"]] == [
        (THU_10, dt.time(19), "Session")
    ]


def test_planned_in_the_admin_through_the_services(admin_client, unscheduled):
    response = admin_client.post(
        "/admin/collaborations/plannedsession/add/",
        {"collaboration": unscheduled.pk, "on": "2026-12-10", "at": "19:00", "topic": ""},
    )
    assert response.status_code == 302
    assert due_and_state(unscheduled) == [(THU_10, "open")]

    planned = PlannedSession.objects.get()
    admin_client.post(f"/admin/collaborations/plannedsession/{planned.pk}/delete/", {"post": "yes"})
    assert due_and_state(unscheduled) == [(THU_10, "dismissed")]
    assert admin_client.get("/admin/collaborations/plannedsession/").status_code == 200


def test_the_dashboard_card_is_still_one_query(unscheduled, weekly, django_assert_num_queries):
    plan(unscheduled, THU_10)
    plan(unscheduled, SUN_20)
    plan(weekly, MON_7)
    record(weekly, MON_7)  # so Monday's is done: the weekly meeting is next there
    with django_assert_num_queries(1):
        dates = widgets.collaboration_dates(weekly.owner, dt.date(2026, 12, 6))

    assert [(d.on, d.at, d.collaboration.title) for d in dates["collaboration_dates"]] == [
        (TUE_8, dt.time(18), "Rust book club"),
        (THU_10, dt.time(19), "SICP reading group"),
    ]
