"""Passkeys in a real browser: Chromium's virtual authenticator (DevTools protocol WebAuthn
domain) stands in for a phone or security key, so py_webauthn checks genuine attestation and
assertion signatures made by static/js/passkeys.js's navigator.credentials calls."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import make_user
from tests.e2e.test_contacts_journey import log_in
from twofactor.models import Passkey

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def test_add_a_passkey_then_log_in_with_it_without_a_password(page: Page) -> None:
    user = make_user("alice")
    virtual_authenticator(page)
    log_in(page, "alice")

    page.goto("/accounts/2fa/")
    page.get_by_label("Name for this passkey").fill("Virtual key")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Passkey added.")).to_be_visible()
    expect(page.get_by_text("Virtual key", exact=True)).to_be_visible()
    passkey = Passkey.objects.get(owner=user)
    assert passkey.name == "Virtual key"

    page.context.clear_cookies()  # logged out
    page.goto("/accounts/login/?next=/contacts/")
    page.get_by_role("button", name="Log in with a passkey").click()
    expect(page.get_by_role("heading", name="Contacts", exact=True)).to_be_visible()
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None


def test_a_passkey_is_the_second_step_after_the_password(page: Page) -> None:
    make_user("alice")
    virtual_authenticator(page)
    log_in(page, "alice")
    page.goto("/accounts/2fa/")
    page.get_by_label("Name for this passkey").fill("Virtual key")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Passkey added.")).to_be_visible()
    page.context.clear_cookies()  # logged out

    page.goto("/accounts/login/?next=/reminders/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/2fa/verify/" in url)
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(lambda url: url.endswith("/reminders/") and "2fa" not in url)
