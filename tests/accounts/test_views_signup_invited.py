"""The page an invitation link opens (`/accounts/signup/<token>/`): one account per link."""

import datetime as dt
import secrets

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invite, User
from tests.accounts.test_views_signup import signup_data
from tests.devhub.conftest import find_all, find_one, parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def by_invitation(settings):
    settings.SIGNUP = "invite"


@pytest.fixture
def invite(alice) -> Invite:
    alice.first_name, alice.last_name = "Alice", "Liddell"
    alice.save(update_fields=["first_name", "last_name"])
    return Invite.objects.create(owner=alice, note="Bob from work")


def url(invite: Invite) -> str:
    return reverse("accounts:signup_invited", args=[invite.token])


def test_the_link_opens_the_sign_up_form_saying_who_invited(client, invite):
    response = client.get(url(invite))

    assert response.status_code == 200
    page = parse(response.content)
    assert "Alice Liddell invited you." in find_one(page, id="invited-by").clean_text
    form = find_one(page, "form", action=url(invite))
    assert {e.get("name") for e in form.descendants() if e.tag == "input"} >= {
        "username",
        "password1",
        "password2",
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_link_creates_one_account_and_is_then_used(client, invite):
    response = client.post(url(invite), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("home")
    bob = User.objects.get(username="bob")
    assert client.session[SESSION_KEY] == str(bob.pk)
    invite.refresh_from_db()
    assert invite.used_at is not None


def test_a_used_link_says_so_and_creates_nothing(client, invite):
    client.post(url(invite), signup_data())
    client.logout()

    response = client.post(url(invite), signup_data(username="carol"))

    assert response.status_code == 410
    alert = find_one(parse(response.content), role="alert").clean_text
    assert alert.startswith("It has already been used to create an account")
    assert "Ask Alice Liddell for a new link." in alert
    assert not User.objects.filter(username="carol").exists()


def test_a_revoked_link_says_so(client, invite):
    Invite.objects.filter(pk=invite.pk).update(revoked_at=timezone.now())

    response = client.get(url(invite))

    assert response.status_code == 410
    assert find_one(parse(response.content), role="alert").clean_text.startswith("It was revoked")


def test_a_link_works_for_seven_days_then_expires(client, invite):
    with time_machine.travel(invite.created_at + dt.timedelta(days=7, seconds=-5), tick=False):
        assert client.get(url(invite)).status_code == 200

    with time_machine.travel(invite.created_at + dt.timedelta(days=7, seconds=1), tick=False):
        response = client.post(url(invite), signup_data())

    assert response.status_code == 410
    assert find_one(parse(response.content), role="alert").clean_text.startswith("It has expired")
    assert not User.objects.filter(username="bob").exists()


def test_a_link_revoked_while_the_form_was_open_creates_nothing(client, invite):
    client.get(url(invite))
    Invite.objects.filter(pk=invite.pk).update(revoked_at=timezone.now())

    response = client.post(url(invite), signup_data())

    assert response.status_code == 410
    assert not User.objects.filter(username="bob").exists()


@pytest.mark.parametrize("token", ["unknown", "x" * 60])
def test_an_unknown_token_is_404(client, invite, token):
    assert client.get(reverse("accounts:signup_invited", args=[token])).status_code == 404


def test_a_token_differing_after_the_lookup_part_is_404(client, invite):
    forged = invite.token[:10] + secrets.token_urlsafe(32)

    assert client.get(reverse("accounts:signup_invited", args=[forged])).status_code == 404


def test_a_bad_form_keeps_the_link_usable(client, invite):
    response = client.post(url(invite), signup_data(password2="something-else-42"))

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    invite.refresh_from_db()
    assert invite.used_at is None


def test_a_logged_in_user_is_sent_home(charlie_client, invite):
    response = charlie_client.post(url(invite), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("home")
    invite.refresh_from_db()
    assert invite.used_at is None


def test_the_plain_sign_up_page_asks_for_an_invitation(client, alice):
    response = client.get(reverse("accounts:signup"))

    assert response.status_code == 403
    page = parse(response.content)
    assert find_one(page, "h1").clean_text == "Sign-up is by invitation"
    assert "need an invitation link" in find_one(page, role="alert").clean_text
    assert client.post(reverse("accounts:signup"), signup_data()).status_code == 403
    assert not User.objects.filter(username="bob").exists()


def test_the_log_in_page_says_accounts_are_by_invitation(client, alice):
    page = client.get(reverse("accounts:login")).content

    assert not find_all(page, "a", href=reverse("accounts:signup"))
    assert "Accounts are by invitation" in page.decode()


def test_the_first_account_needs_no_invitation(client):
    assert client.post(reverse("accounts:signup"), signup_data()).status_code == 302


def test_closed_sign_up_refuses_invitations_too(client, invite, settings):
    settings.SIGNUP = "closed"

    response = client.post(url(invite), signup_data())

    assert response.status_code == 403
    assert find_one(parse(response.content), "h1").clean_text == "Sign-up is closed"
    assert not User.objects.filter(username="bob").exists()


def test_an_open_install_accepts_an_invitation_link_as_well(client, invite, settings):
    settings.SIGNUP = "open"

    assert client.post(url(invite), signup_data()).status_code == 302


def test_invited_sign_ups_count_against_the_address_limit(client, alice, settings):
    settings.SIGNUP_RATE_PER_IP = "1/h"
    first, second = (Invite.objects.create(owner=alice) for _ in range(2))
    with time_machine.travel(timezone.now(), tick=False):
        assert client.post(url(first), signup_data()).status_code == 302
        client.logout()
        response = client.post(url(second), signup_data(username="carol"))

    assert response.status_code == 429
    second.refresh_from_db()
    assert second.used_at is None


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(client, invite, method):
    assert getattr(client, method)(url(invite)).status_code == 405
