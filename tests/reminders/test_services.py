"""reminders.services: reactions to interactions, scheduling, and claim-once state changes."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from contacts import services as contact_services
from contacts.models import Contact
from interactions import services as interactions
from interactions.models import Interaction
from reminders import services
from reminders.models import Reminder
from reminders.refresh import refresh_statuses
from tests.conftest import make_contact
from tests.interactions.conftest import builtin_type
from tests.reminders.helpers import NOW, TODAY, days_ago, make_reminder, status_of

pytestmark = pytest.mark.django_db

Status = Contact.Status
Kind = Reminder.Kind
IN_A_WEEK = TODAY + dt.timedelta(days=7)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def log(contact: Contact, **fields) -> Interaction:
    interaction = Interaction(contact=contact, type=builtin_type(contact.owner), **fields)
    interactions.save_interaction(interaction)
    return interaction


@pytest.fixture
def lapsed(alice) -> Contact:
    """Not heard from in a year: the nightly refresh made them reconnect, with a check-in."""
    contact = make_contact(alice, name="Grace Hopper", last_contacted=days_ago(365))
    refresh_statuses(today=TODAY)
    assert status_of(contact) == Status.RECONNECT
    return contact


def test_logging_an_interaction_makes_the_contact_regular_at_once(lapsed):
    log(lapsed)

    assert status_of(lapsed) == Status.REGULAR_CONTACT
    [check_in] = Reminder.objects.filter(contact=lapsed, kind=Kind.CHECK_IN)
    assert check_in.completed_at == NOW
    assert not Reminder.objects.open().filter(contact=lapsed).exists()


def test_an_old_interaction_leaves_the_contact_due(lapsed):
    log(lapsed, occurred_at=NOW - dt.timedelta(days=100))

    assert status_of(lapsed) == Status.CHECK_IN_DUE
    assert Reminder.objects.open().filter(contact=lapsed, kind=Kind.CHECK_IN).exists()


def test_deleting_the_only_recent_interaction_brings_the_status_back(lapsed):
    log(lapsed, occurred_at=NOW - dt.timedelta(days=365))
    interaction = log(lapsed)
    assert status_of(lapsed) == Status.REGULAR_CONTACT

    interactions.delete_interaction(interaction)

    assert status_of(lapsed) == Status.RECONNECT


def test_other_open_reminders_stay_open_after_an_interaction(lapsed):
    slides = make_reminder(lapsed.owner, contact=lapsed, kind=Kind.CUSTOM, title="Send slides")

    log(lapsed)

    slides.refresh_from_db()
    assert slides.is_open


def test_a_follow_up_date_creates_one_follow_up_reminder(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    interaction = log(ada, follow_up_on=IN_A_WEEK)
    interactions.save_interaction(interaction)  # saved again (edited), same date

    [reminder] = Reminder.objects.filter(kind=Kind.FOLLOW_UP)
    assert (reminder.contact, reminder.owner) == (ada, alice)
    assert reminder.due_on == IN_A_WEEK
    assert reminder.title == "Follow up with Ada Lovelace"
    assert reminder.is_automatic


def test_moving_the_follow_up_date_moves_the_reminder(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    interaction = log(ada, follow_up_on=IN_A_WEEK)

    interaction.follow_up_on = TODAY + dt.timedelta(days=14)
    interactions.save_interaction(interaction)

    [reminder] = Reminder.objects.open().filter(kind=Kind.FOLLOW_UP)
    assert reminder.due_on == TODAY + dt.timedelta(days=14)
    [old] = Reminder.objects.filter(kind=Kind.FOLLOW_UP, dismissed_at__isnull=False)
    assert old.due_on == IN_A_WEEK


def test_a_new_follow_up_date_after_the_old_one_was_done_gets_a_reminder(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    interaction = log(ada, follow_up_on=IN_A_WEEK)
    Reminder.objects.filter(kind=Kind.FOLLOW_UP).update(completed_at=timezone.now())

    interaction.follow_up_on = TODAY + dt.timedelta(days=30)
    interactions.save_interaction(interaction)

    [reminder] = Reminder.objects.open().filter(kind=Kind.FOLLOW_UP)
    assert reminder.due_on == TODAY + dt.timedelta(days=30)


def test_clearing_the_follow_up_date_dismisses_its_reminder(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    interaction = log(ada, follow_up_on=IN_A_WEEK)

    interaction.follow_up_on = None
    interactions.save_interaction(interaction)

    assert not Reminder.objects.open().filter(kind=Kind.FOLLOW_UP).exists()


def test_each_interaction_with_a_follow_up_gets_its_own_reminder(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    log(ada, follow_up_on=IN_A_WEEK)
    log(ada, follow_up_on=IN_A_WEEK)
    log(ada)

    assert Reminder.objects.filter(kind=Kind.FOLLOW_UP).count() == 2


def test_schedule_reminder_with_an_occasion_exists_once(alice):
    first = services.schedule_reminder(
        alice, kind=Kind.JOB_APPLICATION, title="Chase Acme", due_on=IN_A_WEEK, occasion="job:7"
    )
    again = services.schedule_reminder(
        alice, kind=Kind.JOB_APPLICATION, title="Chase Acme again", due_on=TODAY, occasion="job:7"
    )

    assert again.pk == first.pk
    [reminder] = Reminder.objects.all()
    assert (reminder.title, reminder.due_on, reminder.is_automatic) == (
        "Chase Acme again",
        TODAY,
        True,
    )


def test_a_closed_occasion_is_not_reopened(alice):
    first = services.schedule_reminder(
        alice, kind=Kind.PROJECT_MILESTONE, title="v1.0", due_on=TODAY, occasion="milestone:1"
    )
    services.complete(first)

    services.schedule_reminder(
        alice, kind=Kind.PROJECT_MILESTONE, title="v1.0", due_on=IN_A_WEEK, occasion="milestone:1"
    )

    [reminder] = Reminder.objects.all()
    assert not reminder.is_open
    assert reminder.due_on == TODAY


def test_occasions_are_per_owner(alice, charlie):
    for owner in (alice, charlie):
        services.schedule_reminder(
            owner, kind=Kind.JOB_APPLICATION, title="Chase", due_on=TODAY, occasion="job:1"
        )

    assert Reminder.objects.count() == 2


def test_schedule_reminder_without_an_occasion_is_manual(alice):
    for _ in range(2):
        services.schedule_reminder(alice, kind=Kind.CUSTOM, title="Water plants", due_on=TODAY)

    assert Reminder.objects.filter(is_automatic=False).count() == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (services.complete, services.complete),
        (services.complete, services.dismiss),
        (services.dismiss, services.complete),
        (services.dismiss, services.dismiss),
    ],
)
def test_closing_is_claim_once(alice, first, second):
    reminder = make_reminder(alice)
    stale_copy = Reminder.objects.get(pk=reminder.pk)  # the same reminder open in another tab

    assert first(reminder) is True
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        assert second(stale_copy) is False

    reminder.refresh_from_db()
    closed = {reminder.completed_at, reminder.dismissed_at} - {None}
    assert closed == {NOW}


def test_snooze_is_claim_once(alice):
    reminder = make_reminder(alice)

    assert services.snooze(reminder, IN_A_WEEK) is True
    assert services.complete(reminder) is True
    assert services.snooze(reminder, TODAY + dt.timedelta(days=30)) is False

    reminder.refresh_from_db()
    assert reminder.snoozed_until == IN_A_WEEK


def test_snoozing_a_contact_keeps_it_out_of_needs_attention_until_the_date(lapsed):
    alice = lapsed.owner

    services.snooze_contact(lapsed, IN_A_WEEK)

    def attention(day: dt.date) -> bool:
        return Contact.objects.for_owner(alice).needs_attention(day).filter(pk=lapsed.pk).exists()

    assert not attention(TODAY)
    assert not attention(IN_A_WEEK - dt.timedelta(days=1))
    assert attention(IN_A_WEEK)
    check_in = Reminder.objects.get(contact=lapsed, kind=Kind.CHECK_IN)
    assert check_in.snoozed_until == IN_A_WEEK
    assert check_in.is_open


def test_clearing_a_contacts_snooze_wakes_its_check_in_too(lapsed):
    alice = lapsed.owner
    services.snooze_contact(lapsed, IN_A_WEEK)

    services.snooze_contact(lapsed, None)

    assert Contact.objects.for_owner(alice).needs_attention(TODAY).filter(pk=lapsed.pk).exists()
    assert Contact.objects.get(pk=lapsed.pk).snoozed_until is None
    assert Reminder.objects.get(contact=lapsed, kind=Kind.CHECK_IN).snoozed_until is None


@pytest.mark.parametrize("pin", [Status.PASSIVE, Status.ACTIVE_COLLABORATION])
def test_pinning_dismisses_the_open_check_in(lapsed, pin):
    lapsed.status = pin
    lapsed.save()

    services.after_rhythm_change(lapsed)

    check_in = Reminder.objects.get(contact=lapsed, kind=Kind.CHECK_IN)
    assert check_in.dismissed_at == NOW
    assert check_in.completed_at is None
    assert status_of(lapsed) == pin


def test_a_longer_rhythm_dismisses_a_check_in_no_longer_due(lapsed):
    contact_services.set_rhythm(lapsed, importance=lapsed.importance, follow_up_days=400)

    services.after_rhythm_change(lapsed)

    assert status_of(lapsed) == Status.REGULAR_CONTACT
    assert not Reminder.objects.open().filter(contact=lapsed).exists()


def test_a_rhythm_change_that_leaves_the_contact_due_keeps_its_check_in(lapsed):
    contact_services.set_rhythm(lapsed, importance=lapsed.importance, follow_up_days=200)

    services.after_rhythm_change(lapsed)

    assert status_of(lapsed) == Status.CHECK_IN_DUE
    assert Reminder.objects.open().filter(contact=lapsed, kind=Kind.CHECK_IN).exists()


def test_snoozing_a_contact_leaves_its_other_reminders_and_closed_check_ins_alone(lapsed):
    slides = make_reminder(lapsed.owner, contact=lapsed, title="Send slides")
    old = make_reminder(lapsed.owner, contact=lapsed, kind=Kind.CHECK_IN, completed_at=NOW)

    services.snooze_contact(lapsed, IN_A_WEEK)

    slides.refresh_from_db()
    old.refresh_from_db()
    assert slides.snoozed_until is None
    assert old.snoozed_until is None


@pytest.mark.parametrize(
    ("birthday", "today", "expected"),
    [
        (dt.date(1990, 3, 10), dt.date(2026, 3, 10), dt.date(2026, 3, 10)),
        (dt.date(1990, 3, 9), dt.date(2026, 3, 10), dt.date(2027, 3, 9)),
        (dt.date(2000, 2, 29), dt.date(2027, 1, 1), dt.date(2027, 2, 28)),
        (dt.date(2000, 2, 29), dt.date(2028, 1, 1), dt.date(2028, 2, 29)),
        (dt.date(2000, 2, 29), dt.date(2027, 3, 1), dt.date(2028, 2, 29)),
    ],
)
def test_next_birthday(birthday, today, expected):
    assert services.next_birthday(birthday, today) == expected
