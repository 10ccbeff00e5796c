"""VAPID keys: made once and kept in the database, or taken from the environment."""

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from py_vapid import Vapid

from push import vapid
from push.models import PushSubscription, VapidKeys
from tests.push.conftest import make_device, unb64url

pytestmark = pytest.mark.django_db


def test_keys_are_made_on_first_use_and_kept(db):
    assert not VapidKeys.objects.exists()

    first = vapid.key_pair()

    assert vapid.key_pair() == first
    assert VapidKeys.objects.count() == 1
    private, public = first
    assert len(unb64url(private)) == 32
    assert unb64url(public)[0] == 4 and len(unb64url(public)) == 65
    assert vapid.public_key_of(Vapid.from_string(private)) == public


def test_keys_from_the_environment_win_and_nothing_is_stored(db, settings):
    private, public = vapid.new_key_pair()
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = private, public

    assert vapid.key_pair() == (private, public)
    assert vapid.identity().public_key == public
    assert not VapidKeys.objects.exists()


def test_the_public_key_is_derived_when_only_the_private_key_is_set(db, settings):
    private, public = vapid.new_key_pair()
    settings.VAPID_PRIVATE_KEY = private

    assert vapid.key_pair() == (private, public)


@pytest.mark.parametrize(
    ("private", "public", "error"),
    [
        ("not-a-key", "", "not a P-256 private key"),
        ("", "BPublic", "without VAPID_PRIVATE_KEY"),
        (vapid.new_key_pair()[0], vapid.new_key_pair()[1], "does not belong"),
    ],
)
def test_bad_configured_keys_fail_loudly(db, settings, private, public, error):
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = private, public

    with pytest.raises(ImproperlyConfigured, match=error):
        vapid.key_pair()


def test_the_subject_is_the_from_address_unless_set(settings):
    settings.DEFAULT_FROM_EMAIL = "DevHub CRM <crm@example.org>"
    assert vapid.subject() == "mailto:crm@example.org"
    settings.VAPID_SUBJECT = "https://crm.example.org/"
    assert vapid.subject() == "https://crm.example.org/"


def run(*args: str) -> str:
    out = StringIO()
    call_command("vapid_keys", *args, stdout=out)
    return out.getvalue()


def test_the_command_makes_and_prints_the_public_key(db):
    output = run()

    public = VapidKeys.objects.get().public_key
    assert f"VAPID public key (database): {public}" in output
    assert run() == output


def test_rotating_makes_new_keys_and_removes_the_subscriptions(alice, push_service):
    old = vapid.key_pair()
    make_device(alice, push_service)

    output = run("--rotate")

    assert vapid.key_pair() != old
    assert not PushSubscription.objects.exists()
    assert "1 push subscriptions removed" in output


def test_rotating_configured_keys_is_refused(db, settings):
    settings.VAPID_PRIVATE_KEY = vapid.new_key_pair()[0]

    with pytest.raises(CommandError, match="VAPID_PRIVATE_KEY"):
        run("--rotate")
