"""Each event is queued by the one service that makes its change, in that change's transaction."""

import datetime as dt

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from contacts import services as contact_services
from contacts.models import Contact
from interactions import services as interaction_services
from interactions.models import Interaction, InteractionType
from reminders.models import Reminder
from tests.conftest import make_contact, make_tag
from tests.quickconnect.owner.conftest import make_code, submit
from tests.webhooks.conftest import NOW, make_hook
from webhooks import services
from webhooks.models import Delivery, Event

pytestmark = pytest.mark.django_db


def events() -> list[str]:
    return list(Delivery.objects.order_by("pk").values_list("event", flat=True))


def log(contact: Contact, **fields) -> Interaction:
    call = InteractionType.objects.for_owner(contact.owner).get(builtin_key="call")
    interaction = Interaction(contact=contact, type=call, **fields)
    return interaction_services.log_interaction(interaction)


def test_a_new_contact_is_announced_once_with_its_tags(alice):
    make_hook(alice)
    python = make_tag(alice, "Python")

    contact = contact_services.add_contact(
        Contact(owner=alice, name="Ada Lovelace", email="ada@example.com"), [python]
    )

    (delivery,) = Delivery.objects.all()
    assert delivery.event == Event.CONTACT_CREATED
    assert delivery.payload["code"] == str(contact.code)
    assert delivery.payload["name"] == "Ada Lovelace"
    assert delivery.payload["email"] == "ada@example.com"
    assert delivery.payload["tags"] == ["Python"]
    assert delivery.payload["url"].endswith(f"/contacts/{contact.code}/")
    assert dt.datetime.fromisoformat(delivery.payload["created_at"]) == contact.created_at


def test_a_change_to_a_contact_is_announced(alice):
    contact = make_contact(alice)
    make_hook(alice)

    contact_services.set_vip(contact, True)

    assert events() == [Event.CONTACT_UPDATED]
    assert Delivery.objects.get().payload["is_vip"] is True


def test_a_logged_interaction_is_announced_not_as_a_contact_change_too(alice):
    contact = make_contact(alice)
    make_hook(alice)

    interaction = log(contact, subject="Pair programming")

    assert events() == [Event.INTERACTION_LOGGED]
    payload = Delivery.objects.get().payload
    assert payload["code"] == str(interaction.code)
    assert payload["subject"] == "Pair programming"
    assert payload["type"] == "Call"
    assert (payload["contact"], payload["contact_name"]) == (str(contact.code), contact.name)


def test_editing_an_interaction_is_not_a_new_one(alice):
    contact = make_contact(alice)
    interaction = log(contact)
    make_hook(alice)

    interaction.subject = "Edited"
    interaction_services.save_interaction(interaction)

    assert events() == []


def test_a_quick_connect_sign_up_is_announced(alice):
    make_hook(alice, events=[Event.QUICKCONNECT_SIGNUP])
    code = make_code(alice)

    outcome = submit(code, "Grace Hopper", email="grace@example.com")

    (delivery,) = Delivery.objects.all()
    assert delivery.event == Event.QUICKCONNECT_SIGNUP
    assert delivery.payload["contact"]["code"] == str(outcome.contact.code)
    assert delivery.payload["contact"]["email"] == "grace@example.com"
    assert delivery.payload["matched_existing"] is False
    assert delivery.payload["quick_connect"]["event"] == "RustConf"


def test_only_hooks_that_want_the_event_and_are_on_get_it(alice, charlie):
    wants = make_hook(alice, events=[Event.CONTACT_UPDATED])
    make_hook(alice, events=[Event.INTERACTION_LOGGED])
    make_hook(alice, events=[Event.CONTACT_UPDATED], is_active=False)
    make_hook(charlie)
    contact = make_contact(alice)

    contact_services.set_archived(contact, True)

    assert list(Delivery.objects.values_list("hook", "event")) == [
        (wants.pk, Event.CONTACT_UPDATED)
    ]


def test_one_event_has_one_id_for_every_hook(alice):
    make_hook(alice)
    make_hook(alice, url="https://other.example.com/")

    make_contact(alice)

    first, second = Delivery.objects.all()
    assert first.event_id == second.event_id
    assert first.hook_id != second.hook_id


def test_a_rolled_back_change_takes_its_deliveries_with_it(alice):
    contact = make_contact(alice)
    make_hook(alice)

    with pytest.raises(RuntimeError), transaction.atomic():
        log(contact)
        contact_services.set_vip(contact, True)
        assert len(events()) == 2
        raise RuntimeError("the request failed later")

    assert events() == []
    assert not Interaction.objects.exists()


def test_nothing_is_sent_while_the_change_is_made(alice, receiver):
    make_hook(alice, receiver.url)

    make_contact(alice)

    assert receiver.received == []
    assert Delivery.objects.get().status == Delivery.Status.PENDING


def test_without_hooks_an_event_costs_one_query_and_no_payload(alice):
    contact = make_contact(alice)
    built = []

    with CaptureQueriesContext(connection) as queries:
        services.emit(alice, Event.INTERACTION_LOGGED, lambda: built.append(1) or {})

    assert len(queries) == 1
    assert "webhooks_hook" in queries[0]["sql"]
    assert built == []
    assert contact.pk


# --- reminder.due, queued by send_webhooks' first step ---


def due_reminder(owner, due_on: dt.date, **fields) -> Reminder:
    return Reminder.objects.create(owner=owner, title="Send the slides", due_on=due_on, **fields)


def test_a_reminder_is_announced_once_on_the_day_it_comes_due(alice):
    with time_machine.travel(NOW - dt.timedelta(days=3), tick=False):
        make_hook(alice, events=[Event.REMINDER_DUE])
    contact = make_contact(alice)
    reminder = due_reminder(alice, NOW.date() + dt.timedelta(days=1), contact=contact)

    with time_machine.travel(NOW, tick=False):
        assert services.queue_due_reminders() == 0
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        assert services.queue_due_reminders() == 1
        assert services.queue_due_reminders() == 0  # a second (or overlapping) run: nothing

    (delivery,) = Delivery.objects.all()
    assert delivery.event == Event.REMINDER_DUE
    assert delivery.payload["code"] == str(reminder.code)
    assert delivery.payload["due_on"] == reminder.due_on.isoformat()
    assert delivery.payload["contact_name"] == contact.name


def test_a_snoozed_reminder_is_announced_again_when_its_new_day_comes(alice):
    with time_machine.travel(NOW - dt.timedelta(days=3), tick=False):
        make_hook(alice, events=[Event.REMINDER_DUE])
    reminder = due_reminder(alice, NOW.date())
    with time_machine.travel(NOW, tick=False):
        services.queue_due_reminders()
    reminder.snoozed_until = NOW.date() + dt.timedelta(days=2)
    reminder.save(update_fields=["snoozed_until"])

    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        assert services.queue_due_reminders() == 0
    with time_machine.travel(NOW + dt.timedelta(days=2), tick=False):
        assert services.queue_due_reminders() == 1

    assert events() == [Event.REMINDER_DUE, Event.REMINDER_DUE]


def test_a_new_hook_hears_of_reminders_due_from_its_day_not_the_backlog(alice):
    due_reminder(alice, NOW.date() - dt.timedelta(days=5))
    done = due_reminder(alice, NOW.date(), completed_at=NOW)
    with time_machine.travel(NOW, tick=False):
        make_hook(alice, events=[Event.REMINDER_DUE])
        today = due_reminder(alice, NOW.date())

        assert services.queue_due_reminders() == 1

    assert Delivery.objects.get().payload["code"] == str(today.code)
    assert done.pk


def test_a_dry_run_counts_due_reminders_and_queues_nothing(alice):
    with time_machine.travel(NOW, tick=False):
        make_hook(alice, events=[Event.REMINDER_DUE])
        due_reminder(alice, NOW.date())

        assert services.queue_due_reminders(dry_run=True) == 1

    assert events() == []
