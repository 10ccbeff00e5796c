"""Making new recovery codes, turning two-factor off and removing the last factor need the
password (or an app code) within the last five minutes."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.models import Event
from tests.conftest import PASSWORD
from tests.twofactor.helpers import app_code, log_in, turn_on_app, verify
from twofactor import services
from twofactor.models import Passkey, RecoveryCode

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def logged_in(client, alice, clock):
    """alice, logged in with her password and app six minutes ago."""
    device, codes = turn_on_app(alice)
    log_in(client)
    verify(client, app_code(device))
    clock.shift(dt.timedelta(minutes=6))
    return device, codes


def test_new_codes_need_the_password_again(client, alice, logged_in):
    _, old_codes = logged_in

    response = client.post("/accounts/2fa/recovery-codes/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/confirm/?next=%2Faccounts%2F2fa%2F"
    assert services.use_recovery_code(alice, old_codes[0]) is True  # nothing changed


def test_after_confirming_new_codes_replace_the_old_ones(client, alice, logged_in):
    _, old_codes = logged_in
    page = client.get("/accounts/2fa/confirm/?next=/accounts/2fa/")
    confirmed = client.post(
        "/accounts/2fa/confirm/", {"secret": PASSWORD, "next": "/accounts/2fa/"}
    )

    response = client.post("/accounts/2fa/recovery-codes/")

    assert page.status_code == 200
    assert b"Confirm it's you" in page.content
    assert confirmed["Location"] == "/accounts/2fa/"
    assert response.status_code == 200
    assert b"shown only this once" in response.content
    assert RecoveryCode.objects.filter(owner=alice, used_at=None).count() == 10
    assert services.use_recovery_code(alice, old_codes[0]) is False


def test_a_wrong_password_does_not_confirm(client, logged_in):
    response = client.post("/accounts/2fa/confirm/", {"secret": "wrong"})

    assert response.status_code == 400
    assert b"neither your password nor a current code" in response.content
    assert client.post("/accounts/2fa/recovery-codes/").status_code == 302


def test_an_app_code_confirms_too(client, logged_in, clock):
    device, _ = logged_in
    client.post("/accounts/2fa/confirm/", {"secret": app_code(device)})

    assert client.get("/accounts/2fa/disable/").status_code == 200


def test_turning_off_needs_the_password_again(client, alice, logged_in):
    response = client.post("/accounts/2fa/disable/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/confirm/")
    assert TOTPDevice.objects.filter(user=alice).exists()


def test_turning_off_removes_every_factor(client, alice, logged_in):
    client.post("/accounts/2fa/confirm/", {"secret": PASSWORD})
    confirm = client.get("/accounts/2fa/disable/")

    response = client.post("/accounts/2fa/disable/")

    assert b"Turn two-factor log-in off" in confirm.content
    assert response["Location"] == "/accounts/2fa/"
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not RecoveryCode.objects.filter(owner=alice).exists()
    assert Event.objects.filter(user=alice, kind=Event.Kind.TWO_FACTOR_DISABLED).exists()
    client.post("/accounts/logout/")
    assert log_in(client)["Location"] == "/"  # the password alone again


def test_right_after_logging_in_no_confirmation_is_asked(client, alice, clock):
    device, _ = turn_on_app(alice)
    log_in(client)
    verify(client, app_code(device))

    assert client.get("/accounts/2fa/disable/").status_code == 200


def test_removing_the_last_passkey_needs_the_password_again(client, alice, clock):
    client.force_login(alice)
    passkey = Passkey.objects.create(
        owner=alice, name="Phone", credential_id=b"id-1", public_key=b"key"
    )
    url = f"/accounts/2fa/passkeys/{passkey.code}/remove/"

    refused = client.post(url)
    client.post("/accounts/2fa/confirm/", {"secret": PASSWORD})
    page = client.get(url)
    removed = client.post(url)

    assert refused["Location"].startswith("/accounts/2fa/confirm/")
    assert b"last second factor" in page.content
    assert removed["Location"] == "/accounts/2fa/"
    assert not Passkey.objects.filter(owner=alice).exists()
    kinds = set(Event.objects.filter(user=alice).values_list("kind", flat=True))
    assert {Event.Kind.PASSKEY_REMOVED, Event.Kind.TWO_FACTOR_DISABLED} <= kinds


def test_another_users_passkey_is_not_found(charlie_client, alice):
    passkey = Passkey.objects.create(
        owner=alice, name="Phone", credential_id=b"id-1", public_key=b"key"
    )

    url = f"/accounts/2fa/passkeys/{passkey.code}/remove/"
    assert charlie_client.get(url).status_code == 404
    assert charlie_client.post(url).status_code == 404
    assert Passkey.objects.filter(pk=passkey.pk).exists()


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_required_two_factor_sends_a_new_user_to_set_it_up(alice_client, alice):
    response = alice_client.get("/contacts/")
    htmx = alice_client.get("/contacts/", HTTP_HX_REQUEST="true")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert htmx["HX-Redirect"] == "/accounts/2fa/"
    assert alice_client.get("/accounts/2fa/").status_code == 200
    assert alice_client.get("/accounts/2fa/app/").status_code == 200
    assert alice_client.get("/healthz").status_code == 200
    assert alice_client.get("/sw.js").status_code == 200
    assert alice_client.post("/accounts/logout/")["Location"] == "/accounts/login/"


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_required_two_factor_lets_a_user_with_a_factor_through(alice_client, alice):
    turn_on_app(alice)

    assert alice_client.get("/contacts/").status_code == 200


def test_deleting_the_account_deletes_its_factors(alice):
    turn_on_app(alice)
    Passkey.objects.create(owner=alice, name="Phone", credential_id=b"id-1", public_key=b"key")

    alice.delete()

    assert not TOTPDevice.objects.exists()
    assert not Passkey.objects.exists()
    assert not RecoveryCode.objects.exists()
