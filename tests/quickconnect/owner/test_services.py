"""The service behind every public submission: claiming a use, and telling the owner."""

import datetime as dt
import logging
import uuid
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Tag
from interactions.models import Interaction
from quickconnect import services
from quickconnect.models import Notification, QuickConnectCode, Submission
from reminders.models import Reminder
from tests.quickconnect.owner.conftest import (
    NOW,
    make_code,
    make_event,
    make_notification,
    submit,
)

pytestmark = pytest.mark.django_db

TITLE = "Grace Hopper added themselves via Quick Connect"


def uses(code: QuickConnectCode) -> int:
    code.refresh_from_db()
    return code.uses


# --- Claiming a use ------------------------------------------------------------------------------


def test_a_submission_claims_one_use_and_creates_the_contact(alice, frozen):
    pycon = make_event(alice, name="PyCon Berlin")
    code = make_code(alice, event=pycon, session="Keynote", tags=("speaker",))

    outcome = submit(code, "Grace Hopper", email="grace@example.com", note="Loved the keynote")

    assert uses(code) == 1
    contact = outcome.contact
    assert not outcome.matched_existing and not outcome.duplicate_submit
    assert contact.owner == alice
    assert contact.source == Contact.Source.QUICK_CONNECT
    assert contact.source_detail == "PyCon Berlin, Keynote"
    assert list(contact.events.all()) == [pycon]
    assert sorted(t.name for t in contact.tags.all()) == ["PyCon Berlin", "speaker"]
    assert Tag.objects.get(owner=alice, name="PyCon Berlin").kind == Tag.Kind.EVENT
    assert Interaction.objects.get(contact=contact).subject == "Met at PyCon Berlin"
    reminder = Reminder.objects.get(contact=contact)
    assert reminder.kind == Reminder.Kind.CONFERENCE_FOLLOW_UP
    assert reminder.due_on == NOW.date() + dt.timedelta(days=2)
    assert Submission.objects.get().contact == contact


def test_the_event_tag_drops_commas_so_it_stays_one_tag(alice):
    code = make_code(alice, event_name="PyCon US, Pittsburgh")

    contact = submit(code).contact

    assert [t.name for t in contact.tags.all()] == ["PyCon US Pittsburgh"]


def test_the_last_use_goes_to_exactly_one_person(alice):
    code = make_code(alice, max_uses=1)

    submit(code, "Grace Hopper")
    with pytest.raises(services.CodeUnavailable):
        submit(code, "Ada Lovelace")

    assert uses(code) == 1
    assert list(Contact.objects.values_list("name", flat=True)) == ["Grace Hopper"]
    assert Notification.objects.count() == 1


def test_the_claim_is_a_conditional_update_not_a_read_then_write(alice):
    """A stale in-memory copy (the other phone's view of the code) cannot sneak past the limit."""
    code = make_code(alice, max_uses=1)
    stale_copy = QuickConnectCode.objects.get(pk=code.pk)
    submit(code, "Grace Hopper")

    assert stale_copy.uses == 0  # what the racing request saw when it loaded the code
    with pytest.raises(services.CodeUnavailable):
        submit(stale_copy, "Ada Lovelace")

    assert uses(code) == 1
    assert Contact.objects.count() == 1


def test_the_same_form_sent_twice_counts_once(alice):
    code = make_code(alice, max_uses=5)
    form_id = uuid.uuid4()

    first = submit(code, "Grace Hopper", form_id=form_id)
    second = submit(code, "Grace Hopper", form_id=form_id)

    assert second.duplicate_submit
    assert second.contact == first.contact
    assert uses(code) == 1
    assert Contact.objects.count() == Submission.objects.count() == 1
    assert Notification.objects.count() == 1


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_a_code_that_stopped_working_saves_nothing(alice, state):
    fields = {
        "expired": {"expires_at": timezone.now() - dt.timedelta(seconds=1)},
        "revoked": {"revoked_at": timezone.now()},
    }[state]
    code = make_code(alice, **fields)

    with pytest.raises(services.CodeUnavailable):
        submit(code)

    assert uses(code) == 0
    assert not Contact.objects.exists()
    assert not Notification.objects.exists()


def test_a_failure_after_the_claim_gives_the_use_back(alice):
    code = make_code(alice, max_uses=1)

    with (
        mock.patch.object(services, "_log_meeting", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        submit(code)

    assert uses(code) == 0
    assert not Contact.objects.exists()
    assert not Notification.objects.exists()
    submit(code, "Grace Hopper")  # the use is still there for the next person
    assert uses(code) == 1


# --- Telling the owner --------------------------------------------------------------------------


def test_each_submission_notifies_the_owner_in_the_app(alice, charlie):
    outcome = submit(make_code(alice, event_name="RustConf"), "Grace Hopper")

    notification = Notification.objects.get()
    assert notification.owner == alice
    assert notification.title == TITLE
    assert notification.body == "Met at RustConf"
    assert notification.url == reverse("contacts:detail", args=[outcome.contact.code])
    assert notification.read_at is None
    assert not Notification.objects.filter(owner=charlie).exists()


def test_a_known_person_notifies_with_met_again(alice):
    code = make_code(alice, event_name="RustConf")
    submit(code, "Grace Hopper", email="grace@example.com")

    outcome = submit(code, "Grace B. Hopper", email="GRACE@example.com")

    assert outcome.matched_existing
    assert Contact.objects.count() == 1
    assert Notification.objects.first().body == "Met again at RustConf"


def test_email_goes_to_an_opted_in_owner_after_commit(alice, django_capture_on_commit_callbacks):
    alice.quick_connect_emails = True
    alice.save()
    code = make_code(alice, event_name="RustConf")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(code, "Grace Hopper")
    assert len(callbacks) == 1
    assert mail.outbox == []  # nothing is sent while the submission could still roll back

    callbacks[0]()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == TITLE
    assert "Met at RustConf" in message.body


def test_no_email_unless_the_owner_opted_in(alice, django_capture_on_commit_callbacks):
    assert alice.quick_connect_emails is False

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submit(make_code(alice))

    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_no_email_when_the_owner_has_no_address(alice, django_capture_on_commit_callbacks):
    alice.quick_connect_emails = True
    alice.email = ""
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        submit(make_code(alice))

    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_no_email_when_the_submission_is_refused(alice, django_capture_on_commit_callbacks):
    alice.quick_connect_emails = True
    alice.save()
    code = make_code(alice, revoked_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.CodeUnavailable):
        submit(code)

    assert mail.outbox == []


def test_a_failing_mail_server_does_not_undo_the_submission(
    alice, settings, django_capture_on_commit_callbacks, caplog
):
    settings.MAILERS = {
        "default": {"BACKEND": "tests.quickconnect.owner.conftest.FailingEmailBackend"}
    }
    alice.quick_connect_emails = True
    alice.save()
    code = make_code(alice)

    with (
        caplog.at_level(logging.ERROR, logger="quickconnect.services"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        outcome = submit(code, "Grace Hopper")

    assert len(callbacks) == 1
    assert Contact.objects.get() == outcome.contact
    assert uses(code) == 1
    assert Submission.objects.count() == 1
    assert Notification.objects.get().title == TITLE
    assert "notification e-mail failed" in caplog.text
    assert mail.outbox == []


def test_notifications_are_scoped_to_their_owner(alice, charlie):
    make_notification(alice)
    make_notification(charlie)
    make_notification(alice, read_at=timezone.now())

    assert Notification.objects.for_owner(alice).count() == 2
    assert Notification.objects.for_owner(alice).unread().count() == 1


# --- Revoke and extend ---------------------------------------------------------------------------


def test_revoke_claims_once(alice):
    code = make_code(alice)

    assert services.revoke(code) is True
    assert services.revoke(code) is False


def test_extend_counts_from_the_later_of_now_and_the_expiry(alice, frozen):
    running = make_code(alice, expires_at=NOW + dt.timedelta(hours=2))
    expired = make_code(alice, expires_at=NOW - dt.timedelta(hours=2))

    services.extend(running)
    services.extend(expired)

    running.refresh_from_db()
    expired.refresh_from_db()
    assert running.expires_at == NOW + dt.timedelta(hours=26)
    assert expired.expires_at == NOW + dt.timedelta(hours=24)
