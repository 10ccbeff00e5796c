"""A scheduled study group has one reminder for its next session, kept by its writes."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from collaborations import services
from collaborations.models import Collaboration, Session
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from tests.collaborations.conftest import make_collaboration

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SUNDAY = dt.datetime(2026, 12, 6, 12, 0, tzinfo=BERLIN)
TUE_8, TUE_15, WED_9 = dt.date(2026, 12, 8), dt.date(2026, 12, 15), dt.date(2026, 12, 9)


def sessions(group) -> list[tuple]:
    """(due, title, state) of the group's session reminders, oldest first."""
    rows = Reminder.objects.filter(collaboration=group, occasion__startswith="session")
    return [
        (
            r.due_on,
            r.title,
            "done" if r.completed_at else "dismissed" if r.dismissed_at else "open",
        )
        for r in rows.order_by("due_on", "id")
    ]


@pytest.fixture(autouse=True)
def sunday():
    with time_machine.travel(SUNDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def group(alice) -> Collaboration:
    alice.time_zone = "Europe/Berlin"
    alice.save(update_fields=["time_zone"])
    return make_collaboration(
        alice, title="Rust book club", kind="study_group", meets_on=1, meets_at=dt.time(18)
    )


def edit(group: Collaboration, **fields) -> None:
    for name, value in fields.items():
        setattr(group, name, value)
    services.update(group)


def record(group: Collaboration, day: dt.date) -> Session:
    return services.save_session(Session(collaboration=group, held_on=day, topic="Ownership"))


def test_a_schedule_is_one_reminder_due_the_day_of_the_next_session(group):
    assert sessions(group) == [(TUE_8, "Study group: Rust book club at 18:00", "open")]
    reminder = Reminder.objects.get(collaboration=group)
    assert (reminder.kind, reminder.owner, reminder.is_automatic) == (
        Reminder.Kind.COLLABORATION,
        group.owner,
        True,
    )


def test_saving_again_keeps_the_one_reminder(group):
    edit(group, notes="Chapter 4 next")
    edit(group, notes="Chapter 5 next")
    assert len(sessions(group)) == 1


def test_a_new_time_renames_it_and_a_new_day_moves_it(group):
    edit(group, meets_at=dt.time(19, 30))
    assert sessions(group) == [(TUE_8, "Study group: Rust book club at 19:30", "open")]

    edit(group, meets_on=2)
    assert sessions(group) == [
        (TUE_8, "Study group: Rust book club at 19:30", "dismissed"),
        (WED_9, "Study group: Rust book club at 19:30", "open"),
    ]


def test_clearing_the_schedule_dismisses_it(group):
    edit(group, meets_on=None, meets_at=None)
    assert sessions(group) == [(TUE_8, "Study group: Rust book club at 18:00", "dismissed")]


def test_archiving_dismisses_it_and_back_to_work_schedules_it_again(group):
    services.move(group, "archived")
    assert [state for *_, state in sessions(group)] == ["dismissed"]

    services.move(group, "in_progress")
    assert [state for *_, state in sessions(group)] == ["open"]


def test_recording_the_session_completes_it_and_schedules_the_next(group, sunday):
    sunday.move_to(dt.datetime(2026, 12, 8, 20, 0, tzinfo=BERLIN))
    record(group, TUE_8)
    assert sessions(group) == [
        (TUE_8, "Study group: Rust book club at 18:00", "done"),
        (TUE_15, "Study group: Rust book club at 18:00", "open"),
    ]


def test_recording_it_before_the_time_also_moves_on_a_week(group):
    record(group, TUE_8)
    assert [(due, state) for due, _, state in sessions(group)] == [
        (TUE_8, "done"),
        (TUE_15, "open"),
    ]


def test_a_session_on_another_day_leaves_the_reminder_alone(group):
    record(group, dt.date(2026, 12, 3))
    assert [(due, state) for due, _, state in sessions(group)] == [(TUE_8, "open")]


def test_a_week_without_a_recorded_session_rolls_forward_on_the_next_write(group, sunday):
    sunday.move_to(dt.datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN))
    services.sync_session_reminder(group)
    assert [(due, state) for due, _, state in sessions(group)] == [
        (TUE_8, "dismissed"),
        (TUE_15, "open"),
    ]


def test_deleting_the_group_dismisses_it(group):
    services.delete(group)
    assert Reminder.objects.get(occasion__startswith="session").dismissed_at is not None


def test_other_kinds_have_no_session_reminder(alice):
    talk = make_collaboration(alice, target_on=TUE_8)
    assert sessions(talk) == []


def test_the_nightly_refresh_rolls_a_missed_session_forward(group, sunday):
    sunday.move_to(dt.datetime(2026, 12, 9, 3, 0, tzinfo=BERLIN))
    result = refresh_statuses()

    assert [(due, state) for due, _, state in sessions(group)] == [
        (TUE_8, "dismissed"),
        (TUE_15, "open"),
    ]
    assert result.reminders_created == 1
    assert refresh_statuses().reminders_created == 0  # nothing more to roll the same night


def test_the_nightly_refresh_leaves_todays_session_reminder(group, sunday):
    sunday.move_to(dt.datetime(2026, 12, 8, 3, 0, tzinfo=BERLIN))
    refresh_statuses()
    assert [(due, state) for due, _, state in sessions(group)] == [(TUE_8, "open")]


def test_a_session_recorded_in_the_admin_completes_it_too(admin_client, group):
    response = admin_client.post(
        "/admin/collaborations/session/add/",
        {"collaboration": group.pk, "held_on": "2026-12-08", "topic": "Traits", "notes": ""},
    )
    assert response.status_code == 302
    assert [(due, state) for due, _, state in sessions(group)] == [
        (TUE_8, "done"),
        (TUE_15, "open"),
    ]
