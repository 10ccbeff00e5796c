import datetime as dt

import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.utils import timezone
from icalendar import Calendar

from interactions.models import Interaction
from reminders.calendar import calendar_for
from reminders.models import Reminder
from reminders.services import after_interaction_change
from tests.conftest import make_contact
from tests.interactions.conftest import builtin_type
from tests.reminders.conftest import make_reminder

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def parse(user) -> Calendar:
    return Calendar.from_ical(calendar_for(user))


def events(user) -> dict:
    return {str(event["UID"]): event for event in parse(user).walk("VEVENT")}


def start(event) -> dt.date:
    value = event.decoded("DTSTART")
    # An all-day event: a DATE, which a datetime would also pass for as a dt.date.
    assert type(value) is dt.date
    return value


def bare_interaction(
    contact, follow_up_on: dt.date, subject: str = "Coffee at PyCon"
) -> Interaction:
    """An interaction with no follow-up reminder (imported, or from before reminders existed)."""
    return Interaction.objects.create(
        owner=contact.owner,
        contact=contact,
        type=builtin_type(contact.owner),
        occurred_at=NOW - dt.timedelta(days=1),
        subject=subject,
        follow_up_on=follow_up_on,
    )


def test_calendar_names_itself_and_its_product(alice):
    calendar = parse(alice)

    assert str(calendar["PRODID"]) == "-//DevHub CRM//Reminders//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "DevHub CRM — alice"


def test_open_reminder_is_an_all_day_event_on_its_due_date(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    reminder = make_reminder(
        alice, title="Send Ada the slides", due_on=dt.date(2026, 3, 12), contact=ada, notes="PDF"
    )

    event = events(alice)[f"reminder-{reminder.code}@devhub"]

    assert start(event) == dt.date(2026, 3, 12)
    assert event.decoded("DTEND") == dt.date(2026, 3, 13)
    assert str(event["SUMMARY"]) == "Send Ada the slides"
    assert str(event["DESCRIPTION"]) == "With Ada Lovelace\n\nPDF"
    assert event.decoded("DTSTAMP") == NOW
    assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)


def test_overdue_reminder_stays_on_the_calendar_until_done(alice):
    reminder = make_reminder(alice, due_on=TODAY - dt.timedelta(days=5))

    assert start(events(alice)[f"reminder-{reminder.code}@devhub"]) == dt.date(2026, 3, 5)


def test_snoozed_reminder_sits_on_its_snooze_date(alice):
    reminder = make_reminder(alice, due_on=TODAY, snoozed_until=dt.date(2026, 3, 17))

    assert start(events(alice)[f"reminder-{reminder.code}@devhub"]) == dt.date(2026, 3, 17)


def test_completed_and_dismissed_reminders_are_absent(alice):
    done = make_reminder(alice, title="Done already", completed_at=timezone.now())
    dropped = make_reminder(alice, title="Not doing it", dismissed_at=timezone.now())
    still_open = make_reminder(alice, title="Still open")

    uids = set(events(alice))

    assert f"reminder-{still_open.code}@devhub" in uids
    assert f"reminder-{done.code}@devhub" not in uids
    assert f"reminder-{dropped.code}@devhub" not in uids


def test_follow_up_without_a_reminder_is_an_event(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    interaction = bare_interaction(ada, follow_up_on=dt.date(2026, 3, 20))

    event = events(alice)[f"follow-up-{interaction.code}@devhub"]

    assert start(event) == dt.date(2026, 3, 20)
    assert str(event["SUMMARY"]) == "Follow up with Ada Lovelace"
    assert "Coffee at PyCon" in str(event["DESCRIPTION"])


def test_follow_ups_today_count_and_past_ones_do_not(alice):
    ada = make_contact(alice)
    due_today = bare_interaction(ada, follow_up_on=TODAY)
    past = bare_interaction(ada, follow_up_on=TODAY - dt.timedelta(days=1))

    uids = set(events(alice))

    assert f"follow-up-{due_today.code}@devhub" in uids
    assert f"follow-up-{past.code}@devhub" not in uids


def test_follow_up_today_is_in_the_users_time_zone(alice):
    alice.time_zone = "Pacific/Auckland"  # 01:00 on 11 March there
    alice.save(update_fields=["time_zone"])
    interaction = bare_interaction(make_contact(alice), follow_up_on=TODAY)

    assert f"follow-up-{interaction.code}@devhub" not in events(alice)


def with_reminder(interaction: Interaction) -> Interaction:
    """What saving an interaction in the app does: its follow-up date gets a reminder."""
    after_interaction_change(interaction.contact, interaction)
    return interaction


def test_follow_up_with_its_reminder_appears_once(alice):
    interaction = with_reminder(bare_interaction(make_contact(alice), dt.date(2026, 3, 20)))
    reminder = Reminder.objects.get(interaction=interaction, kind=Reminder.Kind.FOLLOW_UP)

    calendar_events = events(alice)

    assert set(calendar_events) == {f"reminder-{reminder.code}@devhub"}
    assert start(calendar_events[f"reminder-{reminder.code}@devhub"]) == dt.date(2026, 3, 20)


def test_follow_up_whose_reminder_was_completed_does_not_come_back(alice):
    interaction = with_reminder(bare_interaction(make_contact(alice), dt.date(2026, 3, 20)))
    Reminder.objects.filter(interaction=interaction, kind=Reminder.Kind.FOLLOW_UP).update(
        completed_at=timezone.now()
    )

    assert events(alice) == {}


def test_birthday_recurs_yearly_from_the_birth_date(alice):
    ada = make_contact(alice, name="Ada Lovelace", birthday=dt.date(1990, 7, 14))

    event = events(alice)[f"birthday-{ada.code}@devhub"]

    assert start(event) == dt.date(1990, 7, 14)
    assert str(event["SUMMARY"]) == "Ada Lovelace's birthday"
    assert event["RRULE"].to_ical() == b"FREQ=YEARLY"


def test_leap_day_birthday_falls_on_the_last_day_of_february(alice):
    leap = make_contact(alice, name="Leap Lena", birthday=dt.date(2000, 2, 29))

    event = events(alice)[f"birthday-{leap.code}@devhub"]
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dt.datetime(2000, 2, 29))

    assert start(event) == dt.date(2000, 2, 29)
    assert [d.date() for d in rule.between(dt.datetime(2026, 1, 1), dt.datetime(2029, 1, 1))] == [
        dt.date(2026, 2, 28),
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
    ]


def test_archived_contacts_and_contacts_without_birthday_have_no_birthday_event(alice):
    make_contact(alice, name="Archived Archie", birthday=dt.date(1980, 1, 2), is_archived=True)
    make_contact(alice, name="No Birthday")

    assert events(alice) == {}


def test_charlies_data_never_appears_in_alices_calendar(alice, charlie):
    mine = make_reminder(alice, title="Alice's reminder")
    theirs = make_contact(charlie, name="Charlie's Friend", birthday=dt.date(1985, 5, 5))
    make_reminder(charlie, title="Charlie's secret", contact=theirs)
    bare_interaction(theirs, follow_up_on=dt.date(2026, 3, 20))

    ics = calendar_for(alice)

    assert set(events(alice)) == {f"reminder-{mine.code}@devhub"}
    assert b"Charlie" not in ics
    assert len(events(charlie)) == 3


def test_query_count_does_not_grow_with_the_data(alice, django_assert_max_num_queries):
    for n in range(30):
        contact = make_contact(alice, name=f"Person {n}", birthday=dt.date(1990, 1, n % 28 + 1))
        make_reminder(alice, title=f"Reminder {n}", contact=contact)
        # No subject: the description then names the interaction type, another relation.
        bare_interaction(contact, follow_up_on=TODAY + dt.timedelta(days=n), subject="")

    with django_assert_max_num_queries(4):
        calendar = parse(alice)

    assert len(calendar.walk("VEVENT")) == 90
    follow_ups = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("follow-up-")]
    assert {str(e["DESCRIPTION"]) for e in follow_ups} == {"After: Call on 9 March 2026"}
