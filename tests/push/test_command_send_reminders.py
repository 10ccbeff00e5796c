"""`send_reminders` pushes each due reminder once to each device, through a real (local) push
service, encrypted for the device: the tests decrypt what the service received."""

import datetime as dt
import logging
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from push import services, vapid
from push.models import PushSubscription, ReminderPush
from reminders.models import Reminder
from reminders.services import snooze
from tests.conftest import make_contact
from tests.push.conftest import NOW, TODAY, devices_of, make_device

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def reminder(owner, title="Send Ada the talk slides", due_on=TODAY, **fields) -> Reminder:
    return Reminder.objects.create(owner=owner, title=title, due_on=due_on, **fields)


def test_a_due_reminder_is_pushed_encrypted_and_signed(alice, push_service):
    ada = make_contact(alice, name="Ada Lovelace")
    due = reminder(alice, contact=ada)
    _, browser = make_device(alice, push_service)

    output = run()

    (push,) = push_service.received
    assert push.headers["Content-Encoding"] == "aes128gcm"
    assert int(push.headers["TTL"]) > 0
    message = browser.decrypt(push.body)
    assert message == {
        "title": "Send Ada the talk slides",
        "body": "Due today · Ada Lovelace",
        "url": f"/contacts/{ada.code}/",
        "tag": f"reminder-{due.code}",
    }
    claims = push.vapid_claims(vapid.key_pair()[1])
    assert claims["aud"] == push_service.url
    assert claims["sub"] == "mailto:devhub@localhost"
    assert "push: 1 reminders pushed to 1 devices, 0 already pushed" in output
    (device,) = devices_of(alice)
    assert device.last_success_at == NOW or device.last_success_at >= NOW


def test_a_reminder_without_a_contact_opens_itself_in_the_list(alice, push_service):
    due = reminder(alice, title="Renew the ticket", due_on=TODAY - dt.timedelta(days=1))
    with time_machine.travel(NOW - dt.timedelta(days=2)):
        _, browser = make_device(alice, push_service)

    run()

    message = browser.decrypt(push_service.received[0].body)
    assert message["title"] == "Renew the ticket"
    assert message["body"] == "Overdue since 9 March"
    assert message["url"] == f"/reminders/?more={due.code}#reminder-{due.code}"


def test_a_second_run_pushes_nothing(alice, push_service):
    reminder(alice)
    make_device(alice, push_service)
    run()

    output = run()

    assert len(push_service.received) == 1
    assert "push: 0 reminders pushed to 1 devices, 1 already pushed" in output
    assert ReminderPush.objects.get().sent_at is not None


def test_each_device_gets_each_due_reminder_once(alice, push_service):
    reminder(alice, title="One")
    reminder(alice, title="Two")
    reminder(alice, title="Later", due_on=TODAY + dt.timedelta(days=1))
    reminder(alice, title="Done", completed_at=NOW)
    (_, phone), (_, laptop) = (
        make_device(alice, push_service),
        make_device(alice, push_service, "laptop"),
    )

    run()
    run()

    by_device = {}
    for push in push_service.received:
        browser = phone if push.path.endswith("phone") else laptop
        by_device.setdefault(push.path, []).append(browser.decrypt(push.body)["title"])
    assert by_device == {
        "/ok/alice-phone": ["One", "Two"],
        "/ok/alice-laptop": ["One", "Two"],
    }


def test_a_snoozed_reminder_is_pushed_again_when_it_comes_due_again(alice, push_service):
    due = reminder(alice)
    _, browser = make_device(alice, push_service)
    run()
    snooze(due, TODAY + dt.timedelta(days=2))

    with time_machine.travel(NOW + dt.timedelta(days=2)):
        run()
        run()

    assert [browser.decrypt(p.body)["title"] for p in push_service.received] == [due.title] * 2
    assert ReminderPush.objects.get().due_on == TODAY + dt.timedelta(days=2)


def test_a_device_gone_from_the_push_service_is_removed(alice, push_service):
    reminder(alice, title="One")
    reminder(alice, title="Two")
    make_device(alice, push_service, "old", kind="gone")
    make_device(alice, push_service, "new")

    output = run()

    assert [d.endpoint.rsplit("/", 1)[1] for d in devices_of(alice)] == ["alice-new"]
    gone = [p for p in push_service.received if "/gone/" in p.path]
    assert len(gone) == 1  # removed at the first 410, not tried again for the second reminder
    assert "1 devices gone and removed" in output
    assert not ReminderPush.objects.filter(subscription__endpoint__contains="/gone/").exists()


def test_a_failing_device_is_logged_and_retried_and_stops_nobody(
    alice, charlie, push_service, caplog, mailoutbox
):
    alice.digest_enabled = True
    alice.save(update_fields=["digest_enabled"])
    reminder(alice)
    reminder(charlie, title="Charlie's own")
    make_device(alice, push_service, "flaky", kind="broken")
    make_device(alice, push_service, "working")
    make_device(charlie, push_service)

    with caplog.at_level(logging.WARNING, logger="push.services"):
        output = run()

    assert len(mailoutbox) == 1  # the digest went out
    delivered = [p for p in push_service.received if "/ok/" in p.path]
    assert sorted(p.path for p in delivered) == ["/ok/alice-working", "/ok/charlie-phone"]
    assert "1 failed" in output
    assert "Push to" in caplog.text and "failed" in caplog.text
    flaky = PushSubscription.objects.get(endpoint__contains="/broken/")
    assert flaky.last_error == "The push service answered 500."
    assert flaky.last_success_at is None
    # The claim was given back: the next run tries the flaky device again, and only it.
    run()
    retried = [p.path for p in push_service.received[len(delivered) + 1 :]]
    assert retried == ["/broken/alice-flaky"]


def test_another_users_reminders_never_reach_this_users_devices(alice, charlie, push_service):
    reminder(charlie, title="Charlie's secret")
    make_device(alice, push_service)
    _, charlies = make_device(charlie, push_service)

    run()

    (push,) = push_service.received
    assert push.path == "/ok/charlie-phone"
    assert charlies.decrypt(push.body)["title"] == "Charlie's secret"
    assert not ReminderPush.objects.filter(subscription__owner=alice).exists()


def test_nothing_before_push_from_hour_of_the_users_own_day(alice, push_service, settings):
    settings.PUSH_FROM_HOUR = 8
    alice.time_zone = "Asia/Tokyo"  # noon UTC is 21:00 in Tokyo; 20:00 UTC is 05:00 there
    alice.save(update_fields=["time_zone"])
    reminder(alice, due_on=TODAY + dt.timedelta(days=1))
    make_device(alice, push_service)

    with time_machine.travel(NOW + dt.timedelta(hours=8)):
        run()
        assert push_service.received == []
    with time_machine.travel(NOW + dt.timedelta(hours=11)):
        run()
    assert len(push_service.received) == 1


def test_a_new_device_gets_no_old_backlog(alice, push_service):
    reminder(alice, title="Long overdue", due_on=TODAY - dt.timedelta(days=30))
    reminder(alice, title="Today")
    _, browser = make_device(alice, push_service)

    run()

    assert [browser.decrypt(p.body)["title"] for p in push_service.received] == ["Today"]


def test_dry_run_counts_and_sends_nothing(alice, push_service):
    reminder(alice)
    make_device(alice, push_service)

    output = run("--dry-run")

    assert "push (dry run): 1 reminders would be pushed to 1 devices" in output
    assert push_service.received == []
    assert not ReminderPush.objects.exists()


def test_user_option_limits_the_pushes(alice, charlie, push_service):
    reminder(alice)
    reminder(charlie)
    make_device(alice, push_service)
    make_device(charlie, push_service)

    run("--user", "charlie")

    assert [p.path for p in push_service.received] == ["/ok/charlie-phone"]


def test_a_claim_taken_by_another_run_is_not_sent_twice(alice, push_service):
    """Two overlapping runs: the one whose claim insert fails sends nothing."""
    due = reminder(alice)
    device, _ = make_device(alice, push_service)
    ReminderPush.objects.create(reminder=due, subscription=device, due_on=TODAY, claimed_at=NOW)

    output = run()

    assert push_service.received == []
    assert "0 reminders pushed to 1 devices, 1 already pushed" in output


def test_more_than_three_due_at_once_ring_four_times_not_forty(alice, push_service):
    for number in range(40):
        reminder(alice, title=f"Check in with contact {number:02}")
    _, browser = make_device(alice, push_service)

    output = run()

    messages = [browser.decrypt(p.body) for p in push_service.received]
    assert [m["title"] for m in messages] == [
        "Check in with contact 00",
        "Check in with contact 01",
        "Check in with contact 02",
        "37 more reminders due",
    ]
    assert messages[-1]["url"] == "/reminders/"
    assert "push: 40 reminders pushed to 1 devices" in output
    assert ReminderPush.objects.filter(sent_at__isnull=False).count() == 40
    run()
    assert len(push_service.received) == 4


def test_the_counted_rest_is_retried_when_its_push_fails(alice, push_service, monkeypatch):
    for number in range(5):
        reminder(alice, title=f"Reminder {number}")
    _, browser = make_device(alice, push_service)
    real_send = services.send

    def refuse_the_summary(subscription, message, identity):
        if message.tag == "devhub-more":
            return "failed"
        return real_send(subscription, message, identity)

    monkeypatch.setattr(services, "send", refuse_the_summary)
    run()
    monkeypatch.setattr(services, "send", real_send)
    run()

    # The two the failed summary held are pushed by the next run (now few enough to go singly).
    titles = [browser.decrypt(p.body)["title"] for p in push_service.received]
    assert titles == [f"Reminder {n}" for n in range(5)]
