import datetime as dt
import threading
import time
from smtplib import SMTPException

import pytest
import time_machine
from django.core.mail.backends import locmem
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from reminders import digest
from reminders.digest import DigestResult, send_digests
from reminders.models import DigestDelivery, Reminder
from tests.conftest import bulk_contacts, make_contact, make_user
from tests.reminders.conftest import make_reminder, opt_in

TODAY = dt.date(2026, 3, 10)
ONE_DAY = dt.timedelta(days=1)
LONG_AGO = TODAY - dt.timedelta(days=100)  # medium importance (90 days): check-in due


def html_of(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


@pytest.fixture(autouse=True)
def frozen_clock():
    """The digest goes out on TODAY, and the stored statuses are the rules' for that day."""
    with time_machine.travel(dt.datetime(2026, 3, 10, 7, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def alice_in(alice):
    return opt_in(alice)


def test_digest_lists_due_reminders_and_people_needing_attention(alice_in, mailoutbox, settings):
    settings.SITE_URL = "https://crm.example.org"
    make_reminder(alice_in, title="Send the slides", due_on=TODAY - dt.timedelta(days=2))
    make_reminder(alice_in, title="Review Ada's PR", due_on=TODAY)
    make_reminder(alice_in, title="Book the venue", due_on=TODAY + dt.timedelta(days=1))
    grace = make_contact(alice_in, name="Grace Hopper", last_contacted=LONG_AGO)
    make_contact(alice_in, name="Linus Recent", last_contacted=TODAY)

    result = send_digests(today=TODAY)

    assert result == DigestResult(sent=1)
    [message] = mailoutbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "DevHub CRM: 2 reminders, 1 person to reach out to"
    assert "Send the slides" in message.body
    assert "overdue since 8 Mar" in message.body
    assert "Review Ada's PR" in message.body
    assert "Book the venue" not in message.body
    assert "Grace Hopper" in message.body
    assert "Linus Recent" not in message.body
    contact_link = f"https://crm.example.org{reverse('contacts:detail', args=[grace.code])}"
    assert contact_link in message.body
    assert f'href="{contact_link}"' in html_of(message)
    assert f"https://crm.example.org{reverse('reminders:list')}" in message.body
    assert f"https://crm.example.org{reverse('reminders:preferences')}" in message.body
    assert "Review Ada&#x27;s PR" in html_of(message)  # escaped in HTML, plain in the text part
    delivery = DigestDelivery.objects.get(owner=alice_in, day=TODAY)
    assert delivery.sent_at is not None
    assert (delivery.reminder_count, delivery.attention_count) == (2, 1)


def test_subject_counts_in_plural(alice_in, mailoutbox):
    make_reminder(alice_in, due_on=TODAY)
    for name in ("Ada", "Grace"):
        make_contact(alice_in, name=name, last_contacted=LONG_AGO)

    send_digests(today=TODAY)

    assert mailoutbox[0].subject == "DevHub CRM: 1 reminder, 2 people to reach out to"


def test_digest_greets_the_user_by_display_name(alice_in, mailoutbox):
    alice_in.display_name = "Alice Liddell"
    alice_in.save(update_fields=["display_name"])
    make_reminder(alice_in, due_on=TODAY)

    send_digests(today=TODAY)

    assert mailoutbox[0].body.startswith("Hello Alice Liddell,")
    assert "Hello Alice Liddell," in html_of(mailoutbox[0])


def test_second_run_on_the_same_day_sends_nothing(alice_in, mailoutbox):
    make_reminder(alice_in, due_on=TODAY)

    first = send_digests(today=TODAY)
    second = send_digests(today=TODAY)

    assert len(mailoutbox) == 1
    assert (first.sent, first.already_sent) == (1, 0)
    assert (second.sent, second.already_sent) == (0, 1)
    assert DigestDelivery.objects.filter(owner=alice_in).count() == 1


def test_next_day_sends_again_with_what_is_still_due(alice_in, mailoutbox):
    make_reminder(alice_in, title="Still open", due_on=TODAY)

    send_digests(today=TODAY)
    send_digests(today=TODAY + dt.timedelta(days=1))

    assert len(mailoutbox) == 2
    assert "overdue since 10 Mar" in mailoutbox[1].body


def wait_while_locked(execute, sql, params, many, context):
    """busy_timeout for the in-memory test database.

    SQLite's shared cache (the test database) reports a lock held by another connection at once
    instead of waiting on busy_timeout as the file database does; retry the statement the way
    busy_timeout would, so the threads below contend as two cron runs would in production.
    """
    for _ in range(1000):
        try:
            return execute(sql, params, many, context)
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("never got the lock")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_one_digest(mailoutbox, monkeypatch):
    alice = opt_in(make_user("alice"))
    make_reminder(alice, due_on=TODAY)
    # Both runs have the digest ready before either claims the day, and sending is slow, so a
    # check-then-send would let both through: only claiming before sending stops the second.
    both_built = threading.Barrier(2, timeout=10)
    build, send = digest.digest_message, locmem.EmailBackend.send_messages

    def build_then_wait(d):
        message = build(d)
        both_built.wait()
        return message

    def slow_send(self, messages):
        time.sleep(0.3)
        return send(self, messages)

    monkeypatch.setattr(digest, "digest_message", build_then_wait)
    monkeypatch.setattr(locmem.EmailBackend, "send_messages", slow_send)
    results, errors = [], []

    def run() -> None:
        try:
            with connection.execute_wrapper(wait_while_locked):
                results.append(send_digests(today=TODAY))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(mailoutbox) == 1
    assert sorted((r.sent, r.already_sent, r.failed) for r in results) == [(0, 1, 0), (1, 0, 0)]
    assert DigestDelivery.objects.filter(owner=alice, day=TODAY).count() == 1


def test_users_who_opted_out_have_no_address_or_nothing_due_get_nothing(alice, charlie, mailoutbox):
    make_reminder(alice, due_on=TODAY)  # alice never opted in
    no_address = opt_in(make_user("bob"))
    no_address.email = ""
    no_address.save(update_fields=["email"])
    make_reminder(no_address, due_on=TODAY)
    inactive = opt_in(make_user("dora"))
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    make_reminder(inactive, due_on=TODAY)
    opt_in(charlie)
    make_reminder(charlie, due_on=TODAY + dt.timedelta(days=1))  # not due yet

    result = send_digests(today=TODAY)

    assert mailoutbox == []
    assert (result.sent, result.skipped_nothing_due) == (0, 1)
    assert not DigestDelivery.objects.exists()


def test_each_user_sees_only_their_own_reminders_and_contacts(alice_in, charlie, mailoutbox):
    make_reminder(alice_in, title="Alice's reminder", due_on=TODAY)
    make_contact(alice_in, name="Alice's Friend", last_contacted=LONG_AGO)
    opt_in(charlie)
    make_reminder(charlie, title="Charlie's secret plan", due_on=TODAY)
    make_contact(charlie, name="Charlie's Friend", last_contacted=LONG_AGO)

    send_digests(today=TODAY)

    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {"alice@example.com", "charlie@example.com"}
    alice_mail = by_recipient["alice@example.com"]
    for text in (alice_mail.body, html_of(alice_mail)):
        assert "Charlie" not in text
    assert "Alice" not in by_recipient["charlie@example.com"].body


def test_snoozed_completed_and_dismissed_reminders_are_not_due(alice_in, mailoutbox):
    make_reminder(alice_in, due_on=TODAY - dt.timedelta(days=3), snoozed_until=TODAY + ONE_DAY)
    make_reminder(alice_in, due_on=TODAY, completed_at=timezone.now())
    make_reminder(alice_in, due_on=TODAY, dismissed_at=timezone.now())
    make_contact(alice_in, last_contacted=LONG_AGO, snoozed_until=TODAY + ONE_DAY)

    result = send_digests(today=TODAY)

    assert mailoutbox == []
    assert result.skipped_nothing_due == 1


def test_a_reminder_snoozed_until_today_is_due_today(alice_in, mailoutbox):
    make_reminder(alice_in, title="Back from snooze", due_on=TODAY - ONE_DAY, snoozed_until=TODAY)

    send_digests(today=TODAY)

    [message] = mailoutbox
    assert "Back from snooze: due today" in message.body


def test_attention_list_shows_twenty_but_counts_everyone(alice_in, mailoutbox):
    bulk_contacts(
        alice_in,
        (
            Contact(owner=alice_in, name=f"Person {n:02}", last_contacted=LONG_AGO)
            for n in range(25)
        ),
    )

    send_digests(today=TODAY)

    [message] = mailoutbox
    assert message.subject == "DevHub CRM: 0 reminders, 25 people to reach out to"
    assert message.body.count("check-in due, last contact") == 20
    assert "and 5 more" in message.body
    assert DigestDelivery.objects.get().attention_count == 25


def test_longest_silence_comes_first(alice_in, mailoutbox):
    make_contact(alice_in, name="Checkin Carol", last_contacted=LONG_AGO)
    make_contact(alice_in, name="Reconnect Rob", last_contacted=TODAY - dt.timedelta(days=300))

    send_digests(today=TODAY)

    body = mailoutbox[0].body
    assert body.index("Reconnect Rob") < body.index("Checkin Carol")
    assert "Reconnect Rob: reconnect" in body


def test_contact_with_a_due_check_in_reminder_is_listed_once(alice_in, mailoutbox):
    ada = make_contact(alice_in, name="Ada Lovelace", last_contacted=LONG_AGO)
    make_reminder(
        alice_in, contact=ada, kind=Reminder.Kind.CHECK_IN, title="Check in with Ada", due_on=TODAY
    )

    send_digests(today=TODAY)

    [message] = mailoutbox
    assert message.subject == "DevHub CRM: 1 reminder, 0 people to reach out to"
    assert message.body.count("Ada Lovelace") == 1


def test_a_failing_send_leaves_no_claim_and_the_next_run_sends_it(
    alice_in, charlie, mailoutbox, monkeypatch, caplog
):
    opt_in(charlie)
    make_reminder(alice_in, due_on=TODAY)
    make_reminder(charlie, due_on=TODAY)
    working_send = locmem.EmailBackend.send_messages

    def refuse_alice(self, messages):
        if any("alice@example.com" in m.to for m in messages):
            raise SMTPException("451 try again later")
        return working_send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse_alice)

    failed_run = send_digests(today=TODAY)

    assert (failed_run.sent, failed_run.failed) == (1, 1)
    assert [m.to for m in mailoutbox] == [["charlie@example.com"]]
    assert not DigestDelivery.objects.filter(owner=alice_in).exists()
    assert "Digest for alice" in caplog.text

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", working_send)
    retry = send_digests(today=TODAY)

    assert (retry.sent, retry.already_sent, retry.failed) == (1, 1, 0)
    assert [m.to for m in mailoutbox] == [["charlie@example.com"], ["alice@example.com"]]
    assert DigestDelivery.objects.get(owner=alice_in).sent_at is not None


def test_dry_run_sends_nothing_and_claims_nothing(alice_in, charlie, mailoutbox):
    opt_in(charlie)
    make_reminder(alice_in, due_on=TODAY)

    result = send_digests(today=TODAY, dry_run=True)

    assert mailoutbox == []
    assert not DigestDelivery.objects.exists()
    assert (result.sent, result.skipped_nothing_due) == (1, 1)
    assert result.summary(dry_run=True).startswith("send_reminders (dry run): 1 digests would")

    send_digests(today=TODAY)
    assert send_digests(today=TODAY, dry_run=True).already_sent == 1


def test_username_limits_the_run_to_one_user(alice_in, charlie, mailoutbox):
    opt_in(charlie)
    make_reminder(alice_in, due_on=TODAY)
    make_reminder(charlie, due_on=TODAY)

    send_digests(today=TODAY, username="charlie")

    assert [m.to for m in mailoutbox] == [["charlie@example.com"]]


def test_each_user_gets_the_digest_for_their_own_local_day(db, mailoutbox):
    # 10/11 March 2026: Auckland is UTC+13 (NZDT), Los Angeles UTC-7 (PDT since 8 March).
    kiwi = opt_in(make_user("kiwi"), "Pacific/Auckland")
    angeleno = opt_in(make_user("angeleno"), "America/Los_Angeles")
    for user in (kiwi, angeleno):
        make_reminder(user, title=f"{user.username} on the 11th", due_on=dt.date(2026, 3, 11))

    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 59, tzinfo=dt.UTC), tick=False):
        send_digests()  # Auckland 23:59 on the 10th
    assert mailoutbox == []

    with time_machine.travel(dt.datetime(2026, 3, 10, 11, 1, tzinfo=dt.UTC), tick=False):
        send_digests()  # Auckland 00:01 on the 11th; Los Angeles 04:01 on the 10th
    assert [m.to for m in mailoutbox] == [["kiwi@example.com"]]

    with time_machine.travel(dt.datetime(2026, 3, 11, 6, 59, tzinfo=dt.UTC), tick=False):
        send_digests()  # Los Angeles 23:59 on the 10th; Auckland's 11th already sent
    assert len(mailoutbox) == 1

    with time_machine.travel(dt.datetime(2026, 3, 11, 7, 1, tzinfo=dt.UTC), tick=False):
        result = send_digests()  # Los Angeles 00:01 on the 11th
    assert [m.to for m in mailoutbox] == [["kiwi@example.com"], ["angeleno@example.com"]]
    assert (result.sent, result.already_sent) == (1, 1)
    assert set(DigestDelivery.objects.values_list("owner__username", "day")) == {
        ("kiwi", dt.date(2026, 3, 11)),
        ("angeleno", dt.date(2026, 3, 11)),
    }
