import datetime as dt

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.models import Event
from tests.devhub.conftest import find_all, find_one, parse
from tests.twofactor.helpers import app_code, turn_on_app
from twofactor.models import Passkey, RecoveryCode

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_the_page_says_two_factor_is_off(alice_client):
    response = alice_client.get("/accounts/2fa/")

    assert response.status_code == 200
    assert b"Two-factor log-in is <strong>off</strong>" in response.content
    assert find_one(response.content, "a", href="/accounts/2fa/app/").text == (
        "Set up an authenticator app"
    )


def test_the_user_menu_links_to_the_page(alice_client):
    response = alice_client.get("/contacts/")

    assert find_all(response.content, "a", href="/accounts/2fa/")


def test_setting_up_shows_a_qr_image_and_the_key(alice_client, alice):
    response = alice_client.get("/accounts/2fa/app/")

    page = parse(response.content)
    image = find_one(page, "img", **{"class": "qr-image bg-white p-2 rounded mx-auto"})
    assert image.attrs["src"].startswith("data:image/svg+xml;base64,")
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    assert find_one(page, "p", id="totp-secret").text.strip()
    # Reloading the page keeps the same secret (the app may have scanned it already).
    alice_client.get("/accounts/2fa/app/")
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_a_wrong_code_does_not_turn_it_on(alice_client, alice):
    alice_client.get("/accounts/2fa/app/")

    response = alice_client.post("/accounts/2fa/app/", {"code": "000000"})

    assert response.status_code == 400
    assert b"That code is not right" in response.content
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()


def test_letters_are_refused_with_a_message(alice_client):
    response = alice_client.post("/accounts/2fa/app/", {"code": "12ab56"})

    assert response.status_code == 400
    assert b"Enter the six digits" in response.content


def test_the_right_code_turns_it_on_and_shows_ten_hashed_codes_once(alice_client, alice):
    with time_machine.travel(START, tick=False):
        alice_client.get("/accounts/2fa/app/")
        device = TOTPDevice.objects.get(user=alice)

        response = alice_client.post("/accounts/2fa/app/", {"code": app_code(device)})
        page = alice_client.get("/accounts/2fa/")

    assert response.status_code == 200
    codes = [li.text for li in find_all(response.content, "li") if "-" in li.text][-10:]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    stored = set(RecoveryCode.objects.filter(owner=alice).values_list("digest", flat=True))
    assert len(stored) == 10
    assert not stored & set(codes)  # only digests are kept
    download = find_one(response.content, "a", download="devhub-crm-recovery-codes.txt")
    assert codes[0] in download.attrs["href"]
    kinds = list(Event.objects.filter(user=alice).values_list("kind", flat=True))
    assert Event.Kind.TWO_FACTOR_ENABLED in kinds
    assert Event.Kind.RECOVERY_CODES in kinds
    assert b"10 unused recovery codes left" in page.content
    assert codes[0].encode() not in page.content


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/accounts/2fa/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_method_is_refused(alice_client):
    assert alice_client.post("/accounts/2fa/").status_code == 405
    assert alice_client.get("/accounts/2fa/recovery-codes/").status_code == 405


def test_a_second_app_cannot_replace_the_first_without_turning_it_off(alice_client, alice):
    turn_on_app(alice)

    response = alice_client.get("/accounts/2fa/app/")

    assert response["Location"] == "/accounts/2fa/"
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_admin_shows_device_data_without_secrets(admin_client, alice):
    device, _ = turn_on_app(alice)
    Passkey.objects.create(owner=alice, name="Laptop", credential_id=b"id", public_key=b"k")

    app = admin_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    passkeys = admin_client.get("/admin/twofactor/passkey/")

    assert app.status_code == 200
    assert device.key.encode() not in app.content
    assert b"Laptop" in passkeys.content
    assert admin_client.get("/admin/twofactor/passkey/add/").status_code == 403
