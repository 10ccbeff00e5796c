"""send_webhooks: signed POSTs, retries with back-off, claim-once, disabling, pruning."""

import datetime as dt
import socket
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.test import TestCase

from tests.conftest import make_contact
from tests.webhooks.conftest import NOW, make_hook, verify
from webhooks import addresses, sending, services
from webhooks.models import Delivery, Event, Hook

pytestmark = pytest.mark.django_db


def run(at: dt.datetime) -> sending.SendResult:
    """One run at `at`; what it does after its transactions commit (the e-mail) runs too."""
    with time_machine.travel(at, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        return sending.send_due()


def queued(hook: Hook, at: dt.datetime = NOW) -> Delivery:
    with time_machine.travel(at, tick=False):
        return services.send_test(hook)


def test_a_delivery_is_signed_and_the_receiver_verifies_it(alice, hook, receiver):
    with time_machine.travel(NOW, tick=False):
        contact = make_contact(alice, name="Ada Lovelace")

    result = run(NOW + dt.timedelta(seconds=30))

    assert result.delivered == 1
    (message,) = receiver.received
    assert message.problem == ""
    assert message.path == "/hook"
    assert message.headers["content-type"] == "application/json"
    assert message.headers["webhook-timestamp"] == str(int(NOW.timestamp()) + 30)
    delivery = Delivery.objects.get()
    assert message.headers["webhook-id"] == str(delivery.event_id)
    assert message.verified == {
        "type": "contact.created",
        "timestamp": NOW.isoformat(),
        "data": delivery.payload,
    }
    assert message.verified["data"]["code"] == str(contact.code)
    assert delivery.status == Delivery.Status.DELIVERED
    assert (delivery.response_code, delivery.attempts, delivery.error) == (200, 1, "")
    assert delivery.next_attempt_at is None


def test_a_replayed_message_fails_the_timestamp_check(hook, receiver):
    queued(hook)
    run(NOW)
    (message,) = receiver.received

    later = (NOW + dt.timedelta(minutes=10)).timestamp()
    with pytest.raises(ValueError, match="timestamp"):
        verify(hook.signing_secret, message.headers, message.body, later)
    with pytest.raises(ValueError, match="signature"):
        verify(hook.signing_secret, message.headers, message.body + b" ", NOW.timestamp())


def test_after_a_new_secret_the_old_one_no_longer_verifies(hook, receiver):
    old = hook.signing_secret
    services.rotate_secret(hook)
    queued(hook)

    run(NOW)

    (message,) = receiver.received
    assert message.problem == "bad signature"  # the receiver still has the old secret
    assert verify(Hook.objects.get().signing_secret, message.headers, message.body, NOW.timestamp())
    assert old != Hook.objects.get().signing_secret
    assert Delivery.objects.get().response_code == 400


def test_failures_are_retried_with_back_off_until_delivered(hook, receiver):
    receiver.statuses = [500, 503]
    delivery = queued(hook)

    assert run(NOW).retrying == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.PENDING
    assert (delivery.attempts, delivery.response_code) == (1, 500)
    assert delivery.error == "The receiver answered 500."
    assert delivery.next_attempt_at == NOW + dt.timedelta(minutes=1)

    assert run(NOW + dt.timedelta(seconds=59)).retrying == 0  # not yet
    assert run(NOW + dt.timedelta(minutes=1)).retrying == 1
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == NOW + dt.timedelta(minutes=6)

    assert run(NOW + dt.timedelta(minutes=6)).delivered == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 3, 200)
    assert len(receiver.received) == 3
    assert len({m.headers["webhook-id"] for m in receiver.received}) == 1


def fail_every_attempt(deliveries: int, hook: Hook, receiver) -> None:
    """Queue `deliveries` test events at NOW and run through every retry, all refused."""
    receiver.statuses = [500] * 100
    for _ in range(deliveries):
        queued(hook)
    at = NOW
    for wait in [dt.timedelta(0), *sending.BACKOFF]:
        at += wait
        run(at)


def test_a_delivery_fails_after_its_last_retry(hook, receiver):
    fail_every_attempt(1, hook, receiver)

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", sending.MAX_ATTEMPTS)
    assert delivery.next_attempt_at is None
    assert len(receiver.received) == 7
    hook.refresh_from_db()
    assert hook.failure_streak == 1
    assert hook.is_active


def test_a_delivered_one_ends_the_streak(hook, receiver):
    fail_every_attempt(1, hook, receiver)
    receiver.statuses = []
    queued(hook, NOW + dt.timedelta(days=2))

    run(NOW + dt.timedelta(days=2))

    hook.refresh_from_db()
    assert hook.failure_streak == 0


def test_repeated_failures_disable_the_hook_and_tell_the_owner(alice, hook, receiver):
    fail_every_attempt(sending.DISABLE_AFTER, hook, receiver)

    hook.refresh_from_db()
    assert not hook.is_active
    assert hook.disabled_at == NOW + sum(sending.BACKOFF, dt.timedelta(0))
    assert hook.disabled_reason == (
        f"{sending.DISABLE_AFTER} deliveries in a row failed after {sending.MAX_ATTEMPTS} "
        "attempts each; the last: The receiver answered 500."
    )
    (message,) = mail.outbox
    assert message.to == [alice.email]
    assert message.subject == "A DevHub CRM webhook was disabled"
    assert f"/accounts/webhooks/{hook.code}/" in message.body
    assert hook.disabled_reason in message.body


def test_one_failure_short_of_the_limit_keeps_it_on(hook, receiver):
    fail_every_attempt(sending.DISABLE_AFTER - 1, hook, receiver)

    hook.refresh_from_db()
    assert hook.is_active
    assert hook.failure_streak == sending.DISABLE_AFTER - 1
    assert mail.outbox == []


def test_a_disabled_hook_gets_no_new_events_and_its_waiting_ones_fail(alice, hook, receiver):
    waiting = queued(hook)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.disable(hook, "Kept failing.")

    with time_machine.travel(NOW, tick=False):
        make_contact(alice)
    run(NOW)

    assert receiver.received == []
    waiting.refresh_from_db()
    assert (waiting.status, waiting.error) == ("failed", "Not sent: the webhook was disabled.")
    assert Delivery.objects.count() == 1
    assert not services.disable(hook, "Again.")  # already off: no second e-mail
    assert len(mail.outbox) == 1


def test_enabled_again_it_gets_events_with_a_fresh_count(alice, hook, receiver):
    fail_every_attempt(sending.DISABLE_AFTER, hook, receiver)
    receiver.statuses = []

    services.enable(Hook.objects.get())
    with time_machine.travel(NOW + dt.timedelta(days=3), tick=False):
        make_contact(alice)
    run(NOW + dt.timedelta(days=3))

    hook.refresh_from_db()
    assert (hook.is_active, hook.failure_streak, hook.disabled_reason) == (True, 0, "")
    assert Delivery.objects.filter(status="delivered").count() == 1


# --- claim-once ---


def test_a_claimed_delivery_is_not_claimed_again(hook):
    delivery = queued(hook)

    assert sending.claim(delivery.pk, NOW) is not None
    assert sending.claim(delivery.pk, NOW) is None


def test_overlapping_runs_send_each_delivery_once(hook, receiver, monkeypatch):
    """A second run starts while the first is still sending: it finds the delivery claimed."""
    queued(hook)
    queued(hook)
    post, inner = sending.post, []

    def post_during_another_run(*args):
        if not inner:
            inner.append(None)
            inner[0] = sending.send_due()
        return post(*args)

    monkeypatch.setattr(sending, "post", post_during_another_run)
    with time_machine.travel(NOW, tick=False):
        outer = sending.send_due()

    assert len(receiver.received) == 2
    # The second run skips the one being sent and sends the other, which the first then finds
    # claimed: each went out once.
    assert (outer.delivered, inner[0].delivered) == (1, 1)
    assert outer.taken == 1
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


def test_a_run_that_died_mid_send_leaves_it_for_a_later_run(hook, receiver):
    delivery = queued(hook)
    sending.claim(delivery.pk, NOW)  # and then the process was killed

    assert run(NOW + dt.timedelta(minutes=1)).delivered == 0
    assert run(NOW + sending.LEASE).delivered == 1
    assert len(receiver.received) == 1


# --- what counts as a failure ---


def test_a_receiver_that_never_answers_times_out(hook, monkeypatch):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    monkeypatch.setattr(sending, "TIMEOUT", 0.2)
    Hook.objects.filter(pk=hook.pk).update(url=f"http://127.0.0.1:{silent.getsockname()[1]}/")
    try:
        queued(hook)
        assert run(NOW).retrying == 1
    finally:
        silent.close()

    delivery = Delivery.objects.get()
    assert delivery.error == "No answer within 0.2 seconds."
    assert delivery.response_code is None


def test_a_closed_port_is_a_failed_attempt(hook):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    Hook.objects.filter(pk=hook.pk).update(url=f"http://127.0.0.1:{port}/")
    queued(hook)

    assert run(NOW).retrying == 1
    assert Delivery.objects.get().error.startswith("Could not connect")


def test_a_path_with_other_characters_is_sent_percent_encoded(hook, receiver):
    Hook.objects.filter(pk=hook.pk).update(url=receiver.url + "/café?q=ü&x=1")
    queued(hook)

    assert run(NOW).delivered == 1
    assert receiver.received[0].path == "/hook/caf%C3%A9?q=%C3%BC&x=1"


def test_a_private_address_is_refused_when_sending(hook, receiver, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    queued(hook)

    assert run(NOW).retrying == 1

    assert receiver.received == []
    assert Delivery.objects.get().error == (
        "Refused: The address resolves to 127.0.0.1, a private, loopback or reserved address."
    )


def test_a_name_that_resolves_elsewhere_once_connected_is_refused(hook, receiver, settings):
    """DNS rebinding: the name looked public when checked, the socket reached the loopback."""
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    queued(hook)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(addresses, "check", lambda url: None)
        run(NOW)

    assert receiver.received == []
    assert "127.0.0.1, a private, loopback or reserved address" in Delivery.objects.get().error


# --- pruning and the command ---


def test_old_finished_deliveries_are_pruned_and_waiting_ones_kept(hook, receiver):
    queued(hook, NOW - dt.timedelta(days=40))
    run(NOW - dt.timedelta(days=40))
    stuck = queued(hook, NOW - dt.timedelta(days=40))
    Delivery.objects.filter(pk=stuck.pk).update(next_attempt_at=NOW + dt.timedelta(hours=1))
    recent = queued(hook, NOW - dt.timedelta(days=29))
    run(NOW - dt.timedelta(days=29))

    assert run(NOW).pruned == 1

    assert set(Delivery.objects.values_list("pk", flat=True)) == {stuck.pk, recent.pk}


def command(*args) -> str:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("send_webhooks", *args, stdout=out)
    return out.getvalue()


def test_the_command_reports_what_it_did(hook, receiver):
    queued(hook)

    assert command() == (
        "send_webhooks: 1 delivered, 0 to retry, 0 failed, 0 webhooks disabled, "
        "0 due reminders announced, 0 old deliveries deleted\n"
    )


def test_a_dry_run_sends_nothing(hook, receiver):
    queued(hook)

    assert command("--dry-run") == (
        "send_webhooks (dry run): 0 due reminders would be announced, 1 deliveries would be "
        "sent, 0 old ones deleted\n"
    )
    assert receiver.received == []
    assert Delivery.objects.get().attempts == 0


def test_verbosity_0_is_silent_for_cron(hook, receiver):
    queued(hook)

    assert command("--verbosity", "0") == ""
    assert len(receiver.received) == 1


def test_a_database_failure_fails_the_run(monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr("webhooks.management.commands.send_webhooks.send_due", broken)

    with pytest.raises(CommandError, match="database is locked"):
        command()


def test_reminders_due_are_announced_and_sent_in_the_same_run(alice, receiver):
    from reminders.models import Reminder

    with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
        made = make_hook(alice, receiver.url, events=[Event.REMINDER_DUE])
    receiver.secret = made.signing_secret
    Reminder.objects.create(owner=alice, title="Ping Ada", due_on=NOW.date())

    result = run(NOW)

    assert (result.reminders, result.delivered) == (1, 1)
    assert receiver.received[0].verified["type"] == "reminder.due"
    assert receiver.received[0].verified["data"]["title"] == "Ping Ada"
