"""Revoking an unused invitation link (POST /accounts/invites/<code>/revoke/)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invite
from tests.devhub.conftest import find_all, find_one, parse

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("reminders:preferences")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def by_invitation(settings):
    settings.SIGNUP = "invite"


@pytest.fixture
def invite(alice) -> Invite:
    return Invite.objects.create(owner=alice, note="Sam from work")


def revoke_url(invite: Invite) -> str:
    return reverse("accounts:invite_revoke", args=[invite.code])


def test_revoking_switches_the_link_off(alice_client, invite, client):
    response = alice_client.post(revoke_url(invite))

    assert response.status_code == 302
    assert response.url == f"{SETTINGS_URL}#invites"
    [message] = get_messages(response.wsgi_request)
    assert str(message) == "Revoked the invitation; its link no longer works."
    invite.refresh_from_db()
    assert invite.revoked_at is not None
    alice_client.logout()
    link = reverse("accounts:signup_invited", args=[invite.token])
    assert client.get(link).status_code == 410


def test_a_revoked_invitation_is_listed_as_revoked_without_its_link(alice_client, invite):
    alice_client.post(revoke_url(invite))

    page = parse(alice_client.get(SETTINGS_URL).content)

    section = find_one(page, "section", id="invites")
    assert "Sam from work Revoked" in section.clean_text
    assert not find_all(page, "input", id=f"invite-{invite.code}")


def test_htmx_gets_the_section_with_the_new_status(alice_client, invite):
    response = alice_client.post(revoke_url(invite), **HTMX)

    assert response.status_code == 200
    assert not response.content.decode().lstrip().startswith("<!DOCTYPE")
    section = find_one(response.content, "section", id="invites")
    assert "Revoked" in section.clean_text


def test_a_used_invitation_cannot_be_revoked(alice_client, invite):
    Invite.objects.filter(pk=invite.pk).update(used_at=timezone.now())

    response = alice_client.post(revoke_url(invite))

    [message] = get_messages(response.wsgi_request)
    assert str(message) == "That invitation was already used or revoked."
    invite.refresh_from_db()
    assert invite.revoked_at is None


def test_another_users_invitation_is_404_and_stays_usable(charlie_client, invite):
    response = charlie_client.post(revoke_url(invite))

    assert response.status_code == 404
    invite.refresh_from_db()
    assert invite.revoked_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, invite):
    response = client.post(revoke_url(invite))

    assert response.status_code == 302
    assert response.url.startswith(f"{reverse('accounts:login')}?next=")
    invite.refresh_from_db()
    assert invite.revoked_at is None


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_only_post_is_accepted(alice_client, invite, method):
    assert getattr(alice_client, method)(revoke_url(invite)).status_code == 405
