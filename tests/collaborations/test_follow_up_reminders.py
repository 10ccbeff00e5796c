"""A collaboration being made reminds you to follow up with its people after a quiet spell: once
per spell, made by the nightly refresh, done when you get in touch."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from accounts.models import User
from collaborations import services
from collaborations.models import Collaboration, Person
from reminders import services as reminder_services
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from tests.collaborations.conftest import html, make_collaboration, url
from tests.conftest import make_contact
from tests.interactions.conftest import make_interaction

pytestmark = pytest.mark.django_db

START = dt.date(2026, 11, 1)  # the collaboration enters its stage


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def noon(n: int) -> dt.datetime:
    return dt.datetime.combine(day(n), dt.time(12), dt.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(noon(0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def project(alice, ada) -> Collaboration:
    project = make_collaboration(alice, title="Rust in production", stage="in_progress")
    Person.objects.create(collaboration=project, contact=ada, role="co_author")
    return project


def nightly(n: int) -> int:
    """The follow-up part of the refresh on day n, for every user."""
    return services.create_follow_up_reminders(User.objects.all(), day(n))


def follow_ups(collaboration=None) -> list[tuple]:
    rows = Reminder.objects.filter(occasion__startswith="follow-up ")
    if collaboration is not None:
        rows = rows.filter(collaboration=collaboration)
    return [
        (
            r.due_on,
            r.contact.name,
            "done" if r.completed_at else "dismissed" if r.dismissed_at else "open",
        )
        for r in rows.select_related("contact").order_by("created_at", "id")
    ]


def test_a_quiet_spell_longer_than_its_rhythm_is_one_reminder(project, ada):
    assert nightly(14) == 0  # 14 days is not more than 14
    assert nightly(15) == 1

    reminder = Reminder.objects.get(collaboration=project)
    assert reminder.title == "Follow up with Ada Lovelace on “Rust in production”"
    assert (reminder.kind, reminder.due_on, reminder.contact) == ("follow_up", day(15), ada)
    assert reminder.is_automatic


def test_reruns_the_same_night_and_the_next_never_double_it(project):
    nightly(15)

    assert nightly(15) == 0
    assert nightly(16) == 0
    assert follow_ups() == [(day(15), "Ada Lovelace", "open")]  # still due the day it came


def test_the_spell_starts_at_the_latest_contact_with_anyone_on_it(alice, project, clock):
    bob = make_contact(alice, name="Bob")
    Person.objects.create(collaboration=project, contact=bob, role="reviewer")
    clock.move_to(noon(5))
    make_interaction(bob)

    assert nightly(19) == 0  # quiet since day 5: 14 days
    assert nightly(20) == 1
    assert follow_ups() == [(day(20), "Bob", "open")]  # the one you last spoke to


def test_nobody_contacted_yet_names_the_first_co_author(alice, project):
    Person.objects.create(
        collaboration=project, contact=make_contact(alice, name="Aaron"), role="reviewer"
    )

    nightly(15)

    assert follow_ups() == [(day(15), "Ada Lovelace", "open")]


def test_getting_in_touch_completes_it_and_no_new_one_comes_the_next_night(project, ada, clock):
    nightly(15)
    clock.move_to(noon(16))

    make_interaction(ada)

    assert follow_ups() == [(day(15), "Ada Lovelace", "done")]
    assert nightly(17) == 0
    assert nightly(30) == 0  # quiet since day 16: 14 days
    assert nightly(31) == 1  # the next spell
    assert follow_ups() == [(day(15), "Ada Lovelace", "done"), (day(31), "Ada Lovelace", "open")]


def test_an_old_interaction_logged_late_does_not_complete_it(project, ada, clock):
    nightly(15)
    clock.move_to(noon(16))

    make_interaction(ada, occurred_at=noon(-3))  # before the stage began

    assert follow_ups() == [(day(15), "Ada Lovelace", "open")]


def test_completing_it_keeps_it_done_until_there_was_contact(project):
    nightly(15)
    assert reminder_services.complete(Reminder.objects.get())

    assert nightly(16) == 0
    assert nightly(40) == 0
    assert follow_ups() == [(day(15), "Ada Lovelace", "done")]


def test_contact_made_elsewhere_dismisses_the_open_one_at_night(project, ada):
    nightly(15)
    ada.last_contacted = day(16)  # e.g. merged from a duplicate
    ada.save(update_fields=["last_contacted"])

    assert nightly(17) == 0
    assert follow_ups() == [(day(15), "Ada Lovelace", "dismissed")]


@pytest.mark.parametrize("stage", ["idea", "published", "archived"])
def test_only_collaborations_being_made_get_one(alice, ada, stage):
    make_collaboration(alice, stage=stage).people.create(contact=ada)

    assert nightly(60) == 0


def test_planning_counts_as_being_made(alice, ada):
    make_collaboration(alice, stage="planning").people.create(contact=ada)

    assert nightly(15) == 1


def test_no_rhythm_or_no_people_means_none(alice, ada):
    make_collaboration(alice, stage="in_progress", follow_up_days=None).people.create(contact=ada)
    make_collaboration(alice, title="Alone", stage="in_progress")

    assert nightly(60) == 0


def test_its_own_rhythm_counts(alice, ada):
    make_collaboration(alice, stage="in_progress", follow_up_days=3).people.create(contact=ada)

    assert nightly(3) == 0
    assert nightly(4) == 1


def test_the_spell_restarts_when_it_changes_stage(project, clock):
    clock.move_to(noon(10))
    services.move(project, "planning")

    assert nightly(15) == 0
    assert nightly(25) == 1


def test_archiving_clearing_the_rhythm_or_deleting_dismisses_the_open_one(alice, ada, project):
    second = make_collaboration(alice, title="Second", stage="in_progress")
    second.people.create(contact=ada)
    third = make_collaboration(alice, title="Third", stage="in_progress")
    third.people.create(contact=ada)
    nightly(15)
    third_reminder = Reminder.objects.get(collaboration=third)

    services.move(project, "archived")
    second.follow_up_days = None
    services.update(second)
    services.delete(third)

    assert follow_ups(project) == [(day(15), "Ada Lovelace", "dismissed")]
    assert follow_ups(second) == [(day(15), "Ada Lovelace", "dismissed")]
    third_reminder.refresh_from_db()
    assert third_reminder.dismissed_at is not None


def test_other_owners_and_their_zones_are_apart(alice, charlie, project):
    theirs = make_collaboration(charlie, title="Charlie's", stage="in_progress")
    theirs.people.create(contact=make_contact(charlie, name="Dee"))

    assert services.create_follow_up_reminders(User.objects.filter(pk=alice.pk), day(15)) == 1
    assert Reminder.objects.get().owner == alice


def test_the_nightly_refresh_makes_them_and_counts_them(project, clock):
    clock.move_to(noon(15))

    result = refresh_statuses()

    assert follow_ups() == [(day(15), "Ada Lovelace", "open")]
    assert result.reminders_created >= 1
    assert refresh_statuses().reminders_created == 0


@pytest.mark.parametrize("count", [2, 8])
def test_a_bounded_number_of_queries_however_many_are_due(
    alice, ada, count, django_assert_max_num_queries
):
    for n in range(count):
        make_collaboration(alice, title=f"Crate {n}", stage="in_progress").people.create(
            contact=ada
        )
    nightly(15)
    make_collaboration(alice, title="Archived", stage="archived")

    # Candidates, known reminders, dismissing the stale, inserting the new.
    with django_assert_max_num_queries(4):
        assert nightly(15) == 0
    Reminder.objects.update(dismissed_at=None, completed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    ada.last_contacted = day(16)
    ada.save(update_fields=["last_contacted"])
    with django_assert_max_num_queries(4):
        assert nightly(31) == count


def test_the_form_offers_the_rhythm(alice_client):
    page = html(alice_client.get(url("create")))

    assert 'name="follow_up_days"' in page and 'value="14"' in page
    assert "nobody on it has heard from me" in page


def test_it_is_on_the_reminders_list_with_its_person(client, alice, project, clock):
    nightly(15)
    clock.move_to(noon(15))
    client.force_login(alice)

    page = html(client.get(reverse("reminders:list")))

    assert "Follow up with Ada Lovelace on “Rust in production”" in page
