"""Passkeys: the options the browser gets, and what the server does with the browser's answer.
py_webauthn's checks of the signed answer are mocked at the service boundary; a browser's real
answers are covered by tests/e2e/test_passkeys.py."""

import base64
import json
from types import SimpleNamespace
from unittest import mock

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse

from security.models import Event
from tests.twofactor.helpers import log_in, turn_on_app
from twofactor import flow
from twofactor.models import Passkey

pytestmark = pytest.mark.django_db

CREDENTIAL_ID = b"credential-one"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def answer(credential_id: bytes = CREDENTIAL_ID) -> dict:
    return {
        "id": b64url(credential_id),
        "rawId": b64url(credential_id),
        "type": "public-key",
        "response": {"clientDataJSON": "e30", "transports": ["internal"]},
    }


def post_json(client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def registered(**fields):
    return SimpleNamespace(
        credential_id=CREDENTIAL_ID, credential_public_key=b"public-key", sign_count=0, **fields
    )


def add_passkey(client, name="Work laptop"):
    options = post_json(client, "/accounts/2fa/passkeys/register/options/")
    with mock.patch("twofactor.services.verify_registration_response") as verify:
        verify.return_value = registered()
        response = post_json(
            client, "/accounts/2fa/passkeys/register/", {"name": name, "credential": answer()}
        )
    return options, response, verify


def test_registration_options_ask_for_a_discoverable_passkey(alice_client, alice):
    response = post_json(alice_client, "/accounts/2fa/passkeys/register/options/")

    options = response.json()
    assert options["rp"] == {"id": "testserver", "name": "DevHub CRM"}
    assert options["user"]["name"] == "alice"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["challenge"]


@override_settings(WEBAUTHN_RP_ID="crm.example.com")
def test_the_rp_id_can_be_set(alice_client):
    response = post_json(alice_client, "/accounts/2fa/passkeys/register/options/")

    assert response.json()["rp"]["id"] == "crm.example.com"


def test_registering_stores_the_passkey(alice_client, alice):
    options, response, verify = add_passkey(alice_client)

    assert response.status_code == 200
    assert response.json() == {"redirect": "/accounts/2fa/"}
    kwargs = verify.call_args.kwargs
    assert kwargs["expected_origin"] == "http://testserver"
    assert kwargs["expected_rp_id"] == "testserver"
    assert b64url(kwargs["expected_challenge"]) == options.json()["challenge"]
    passkey = Passkey.objects.get(owner=alice)
    assert passkey.name == "Work laptop"
    assert bytes(passkey.credential_id) == CREDENTIAL_ID
    assert passkey.transports == ["internal"]
    kinds = set(Event.objects.filter(user=alice).values_list("kind", flat=True))
    assert {Event.Kind.PASSKEY_ADDED, Event.Kind.TWO_FACTOR_ENABLED} <= kinds
    page = alice_client.get("/accounts/2fa/")
    assert b"Work laptop" in page.content


def test_a_challenge_is_used_once(alice_client):
    add_passkey(alice_client)

    response = post_json(
        alice_client, "/accounts/2fa/passkeys/register/", {"name": "x", "credential": answer()}
    )

    assert response.status_code == 400
    assert "try again" in response.json()["error"]


def test_a_failed_verification_stores_nothing(alice_client, alice):
    post_json(alice_client, "/accounts/2fa/passkeys/register/options/")
    with mock.patch("twofactor.services.verify_registration_response") as verify:
        verify.side_effect = InvalidRegistrationResponse("bad origin")
        response = post_json(
            alice_client, "/accounts/2fa/passkeys/register/", {"name": "x", "credential": answer()}
        )

    assert response.status_code == 400
    assert response.json()["error"] == "The passkey could not be verified; please try again."
    assert not Passkey.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", json.dumps({"name": "", "credential": {}}).encode()],
)
def test_junk_gets_a_message_not_a_500(alice_client, body):
    post_json(alice_client, "/accounts/2fa/passkeys/register/options/")
    response = alice_client.post(
        "/accounts/2fa/passkeys/register/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]


def test_a_passkey_logs_in_without_a_password(client, alice):
    client.force_login(alice)
    add_passkey(client)
    client.post("/accounts/logout/")

    options = post_json(client, "/accounts/2fa/passkeys/auth/options/").json()
    with mock.patch("twofactor.services.verify_authentication_response") as verify:
        verify.return_value = SimpleNamespace(new_sign_count=7)
        response = post_json(
            client, "/accounts/2fa/passkeys/auth/", {"credential": answer(), "next": "/vip/"}
        )

    assert options["userVerification"] == "required"
    assert "allowCredentials" not in options or options["allowCredentials"] == []
    assert response.json() == {"redirect": "/vip/"}
    assert client.session[SESSION_KEY] == str(alice.pk)
    assert verify.call_args.kwargs["require_user_verification"] is True
    passkey = Passkey.objects.get(owner=alice)
    assert passkey.sign_count == 7
    assert passkey.last_used_at is not None
    login = Event.objects.filter(user=alice, kind=Event.Kind.LOGIN).latest("id")
    assert login.details["method"] == "passkey"


def test_an_unknown_passkey_does_not_log_in(client, alice):
    post_json(client, "/accounts/2fa/passkeys/auth/options/")

    response = post_json(client, "/accounts/2fa/passkeys/auth/", {"credential": answer()})

    assert response.status_code == 400
    assert response.json()["error"] == "That passkey is not registered here."
    assert SESSION_KEY not in client.session


def test_an_outside_redirect_is_ignored(client, alice):
    Passkey.objects.create(owner=alice, name="k", credential_id=CREDENTIAL_ID, public_key=b"k")
    post_json(client, "/accounts/2fa/passkeys/auth/options/")
    with mock.patch("twofactor.services.verify_authentication_response") as verify:
        verify.return_value = SimpleNamespace(new_sign_count=1)
        response = post_json(
            client,
            "/accounts/2fa/passkeys/auth/",
            {"credential": answer(), "next": "https://evil.example/"},
        )

    assert response.json() == {"redirect": "/"}


def test_a_bad_signature_does_not_log_in(client, alice):
    Passkey.objects.create(owner=alice, name="k", credential_id=CREDENTIAL_ID, public_key=b"k")
    post_json(client, "/accounts/2fa/passkeys/auth/options/")
    with mock.patch("twofactor.services.verify_authentication_response") as verify:
        verify.side_effect = InvalidAuthenticationResponse("bad signature")
        response = post_json(client, "/accounts/2fa/passkeys/auth/", {"credential": answer()})

    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_a_passkey_is_a_second_step_after_the_password(client, alice, charlie):
    turn_on_app(alice)
    Passkey.objects.create(owner=alice, name="k", credential_id=CREDENTIAL_ID, public_key=b"k")
    Passkey.objects.create(owner=charlie, name="c", credential_id=b"charlies", public_key=b"k")
    log_in(client, next_url="/reminders/")
    page = client.get("/accounts/2fa/verify/")

    options = post_json(client, "/accounts/2fa/passkeys/auth/options/").json()
    with mock.patch("twofactor.services.verify_authentication_response") as verify:
        verify.return_value = SimpleNamespace(new_sign_count=1)
        # Charlie's passkey cannot finish alice's log-in.
        refused = post_json(
            client, "/accounts/2fa/passkeys/auth/", {"credential": answer(b"charlies")}
        )
        post_json(client, "/accounts/2fa/passkeys/auth/options/")
        response = post_json(client, "/accounts/2fa/passkeys/auth/", {"credential": answer()})

    assert b"Use a passkey" in page.content
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(CREDENTIAL_ID)]
    assert refused.status_code == 400
    assert response.json() == {"redirect": "/reminders/"}
    assert client.session[SESSION_KEY] == str(alice.pk)
    assert flow.PENDING not in client.session


def test_the_login_page_offers_a_passkey(client, db):
    response = client.get("/accounts/login/")

    assert b"Log in with a passkey" in response.content
    assert b"/static/js/passkeys.js" in response.content


def test_remove_passkey_asks_first(alice_client, alice):
    turn_on_app(alice)
    passkey = Passkey.objects.create(owner=alice, name="Old", credential_id=b"x", public_key=b"k")
    url = f"/accounts/2fa/passkeys/{passkey.code}/remove/"

    page = alice_client.get(url)
    response = alice_client.post(url)

    assert b"Remove the passkey" in page.content
    assert response["Location"] == "/accounts/2fa/"
    assert not Passkey.objects.exists()
    assert Event.objects.filter(user=alice, kind=Event.Kind.PASSKEY_REMOVED).exists()
    assert not Event.objects.filter(user=alice, kind=Event.Kind.TWO_FACTOR_DISABLED).exists()


def test_the_json_endpoints_refuse_get(alice_client):
    for url in ["register/options/", "register/", "auth/options/", "auth/"]:
        assert alice_client.get(f"/accounts/2fa/passkeys/{url}").status_code == 405
