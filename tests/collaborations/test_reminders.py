"""Target and publish dates are reminders: moved with the date, completed by publishing."""

import datetime as dt

import pytest

from collaborations import services
from reminders.models import Reminder
from tests.collaborations.conftest import make_collaboration

pytestmark = pytest.mark.django_db

TARGET, PUBLISH = dt.date(2026, 4, 10), dt.date(2026, 4, 20)


def reminders(collaboration) -> dict[str, tuple]:
    """occasion -> (due, title, state) of the collaboration's reminders."""
    rows = Reminder.objects.filter(collaboration=collaboration)
    return {
        r.occasion: (
            r.due_on,
            r.title,
            "done" if r.completed_at else "dismissed" if r.dismissed_at else "open",
        )
        for r in rows
    }


@pytest.fixture
def talk(alice):
    return make_collaboration(alice, target_on=TARGET, published_on=PUBLISH)


def test_each_date_is_one_open_reminder(talk):
    assert reminders(talk) == {
        "target": (TARGET, "Target date: Async Django in practice", "open"),
        "publish": (PUBLISH, "Publish: Async Django in practice", "open"),
    }
    assert Reminder.objects.get(occasion="target").kind == Reminder.Kind.COLLABORATION


def test_no_dates_no_reminders(alice):
    assert reminders(make_collaboration(alice)) == {}


def test_moving_a_date_moves_its_reminder_and_clearing_it_dismisses_it(talk):
    talk.target_on, talk.published_on, talk.title = dt.date(2026, 5, 1), None, "Async, revisited"
    services.update(talk)

    assert reminders(talk) == {
        "target": (dt.date(2026, 5, 1), "Target date: Async, revisited", "open"),
        "publish": (PUBLISH, "Publish: Async Django in practice", "dismissed"),
    }
    assert Reminder.objects.filter(collaboration=talk).count() == 2


def test_publishing_completes_them_and_going_back_to_work_reopens_them(talk):
    services.move(talk, "published")
    assert {state for *_, state in reminders(talk).values()} == {"done"}

    services.move(talk, "in_progress")
    assert {state for *_, state in reminders(talk).values()} == {"open"}


def test_archiving_unpublished_work_dismisses_them(talk):
    services.move(talk, "archived")

    assert {state for *_, state in reminders(talk).values()} == {"dismissed"}


def test_archiving_after_publishing_keeps_them_done(talk):
    services.move(talk, "published")
    services.move(talk, "archived")

    assert {state for *_, state in reminders(talk).values()} == {"done"}


def test_an_edit_to_published_through_the_form_completes_them(talk):
    talk.stage = "published"
    services.update(talk)

    assert {state for *_, state in reminders(talk).values()} == {"done"}


def test_deleting_dismisses_them(talk):
    services.delete(talk)

    states = set(Reminder.objects.values_list("dismissed_at", flat=True))
    assert None not in states
    assert Reminder.objects.count() == 2
