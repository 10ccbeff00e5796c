"""A study group's member absent from its last three sessions gets one check-in reminder."""

import datetime as dt

import pytest
import time_machine

from collaborations import services
from collaborations.models import Collaboration, Person, Session
from contacts import services as contact_services
from duplicates.merge import merge_contacts
from reminders import services as reminder_services
from reminders.models import Reminder
from tests.collaborations.conftest import make_collaboration, url
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)
TITLE = "Ada Lovelace has missed 3 sessions of Rust study group — check in?"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def grace(alice):
    return make_contact(alice, name="Grace Hopper")


@pytest.fixture
def group(alice, ada, grace) -> Collaboration:
    group = make_collaboration(alice, title="Rust study group", kind="study_group")
    Person.objects.create(collaboration=group, contact=ada, role="member")
    Person.objects.create(collaboration=group, contact=grace, role="organiser")
    return group


def record(group, day: int, *came) -> Session:
    return services.save_session(
        Session(collaboration=group, held_on=dt.date(2026, 11, day), topic=f"Week {day}"),
        attendees=came,
    )


def nudges(group) -> list[tuple]:
    rows = Reminder.objects.filter(collaboration=group, kind=Reminder.Kind.CHECK_IN)
    return [
        (r.contact.name, r.occasion, "open" if r.is_open else "dismissed")
        for r in rows.select_related("contact").order_by("id")
    ]


def test_three_sessions_missed_is_one_check_in(group, ada, grace):
    record(group, 3, grace)
    record(group, 10, grace)
    assert nudges(group) == []  # two are not a streak yet

    record(group, 17, grace)

    reminder = Reminder.objects.get(collaboration=group)
    assert (reminder.title, reminder.due_on, reminder.contact) == (TITLE, TODAY, ada)
    assert (reminder.kind, reminder.owner, reminder.is_automatic) == ("check_in", group.owner, True)
    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "open")]


def test_the_same_streak_is_not_nudged_twice(group, grace):
    for day in (3, 10, 17):
        session = record(group, day, grace)
    services.save_session(session, attendees=[grace])  # the same session saved again
    record(group, 24, grace)  # and a fourth one missed

    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "open")]


def test_coming_again_dismisses_it_and_a_new_streak_is_a_new_check_in(group, ada, grace):
    for day in (3, 10, 17):
        record(group, day, grace)
    record(group, 24, ada, grace)
    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "dismissed")]

    for day in (25, 26, 27):
        record(group, day, grace)

    assert nudges(group) == [
        ("Ada Lovelace", "missed 2026-11-03", "dismissed"),
        ("Ada Lovelace", "missed 2026-11-25", "open"),
    ]


def test_everyone_absent_gets_one_each_whatever_their_roles(group, alice, ada, grace):
    Person.objects.create(collaboration=group, contact=ada, role="organiser")
    for day in (3, 10, 17):
        record(group, day)

    assert sorted(nudges(group)) == [
        ("Ada Lovelace", "missed 2026-11-03", "open"),
        ("Grace Hopper", "missed 2026-11-03", "open"),
    ]


def test_a_session_noted_through_the_page_checks_too(alice_client, group, grace):
    for day in (3, 10):
        record(group, day, grace)
    data = {"held_on": "2026-11-17", "topic": "Traits", "attendees": [str(grace.code)]}

    alice_client.post(url("session_create", group.code), data)

    assert list(Session.objects.get(topic="Traits").attendees.all()) == [grace]
    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "open")]


def test_a_check_in_is_for_the_group_it_names(group, alice, ada, grace):
    other = make_collaboration(alice, title="Go study group", kind="study_group")
    Person.objects.create(collaboration=other, contact=ada, role="member")
    for day in (3, 10, 17):
        record(group, day, grace)
        record(other, day)

    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "open")]
    assert nudges(other) == [("Ada Lovelace", "missed 2026-11-03", "open")]
    record(other, 24, ada)
    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "open")]


def test_a_session_noted_in_the_admin_checks_who_came(admin_client, group, ada, grace):
    for day in (3, 10):
        record(group, day, grace)

    response = admin_client.post(
        "/admin/collaborations/session/add/",
        {
            "collaboration": group.pk,
            "held_on": "2026-11-17",
            "topic": "Traits",
            "notes": "",
            "attendees": str(grace.pk),
        },
    )

    assert response.status_code == 302
    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "open")]


def test_leaving_the_group_dismisses_it(group, ada, grace):
    for day in (3, 10, 17):
        record(group, day, grace)

    services.remove_person(Person.objects.get(collaboration=group, contact=ada))

    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "dismissed")]


def test_merging_two_nudged_contacts_keeps_one_open(group, alice, ada):
    twin = make_contact(alice, name="Ada L.")
    Person.objects.create(collaboration=group, contact=twin, role="member")
    for day in (3, 10, 17):
        record(group, day)

    merge_contacts(alice, ada, [twin], values={})

    assert [n for n in nudges(group) if n[2] == "open" and n[0] == "Ada Lovelace"] == [
        ("Ada Lovelace", "missed 2026-11-03", "open")
    ]


def test_a_new_rhythm_for_the_contact_leaves_it(group, ada, grace):
    for day in (3, 10, 17):
        record(group, day, grace)

    contact_services.set_rhythm(ada, importance="medium", follow_up_days=None, pinned="passive")
    reminder_services.after_rhythm_change(ada)  # as the rhythm form does: dismisses check-ins

    assert nudges(group) == [("Ada Lovelace", "missed 2026-11-03", "open")]
