"""The owner hears about a log-in from a device the account was never used on."""

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from security.models import Event
from tests.security.conftest import IPHONE, PHONE_IP, log_in

pytestmark = pytest.mark.django_db


def test_the_first_device_is_only_remembered(client, alice):
    log_in(client)

    assert mail.outbox == []
    assert not Event.objects.filter(kind=Event.Kind.NEW_DEVICE).exists()


def test_the_same_device_again_sends_nothing(alice):
    log_in(Client())
    log_in(Client(), ip=PHONE_IP)  # another address, same browser

    assert mail.outbox == []


def test_a_new_device_sends_one_mail_with_device_address_and_a_link(alice):
    log_in(Client())

    log_in(Client(), agent=IPHONE, ip=PHONE_IP)
    log_in(Client(), agent=IPHONE, ip=PHONE_IP)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "New log-in to DevHub CRM"
    assert "Safari on iPhone" in message.body
    assert PHONE_IP in message.body
    assert django_settings.SITE_URL + reverse("security:index") in message.body
    event = Event.objects.get(kind=Event.Kind.NEW_DEVICE)
    assert (event.user, event.ip, event.details) == (
        alice,
        PHONE_IP,
        {"device": "Safari on iPhone"},
    )


def test_no_mail_when_the_owner_turned_it_off_but_still_logged(alice):
    alice.notify_new_device = False
    alice.save()
    log_in(Client())

    log_in(Client(), agent=IPHONE)

    assert mail.outbox == []
    assert Event.objects.filter(kind=Event.Kind.NEW_DEVICE).count() == 1


def test_a_mail_outage_does_not_break_the_log_in(alice, settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": "tests.security.test_new_device_mail.BrokenBackend"}}
    log_in(Client())

    response = log_in(Client(), agent=IPHONE)

    assert response.status_code == 302
    assert "Could not tell alice about a log-in from a new device" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
