"""The invitations section of the settings page (`{% invites_section %}`): each user's own links,
listed with their status, shown when sign-up is by invitation or when there are some."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invite
from tests.devhub.conftest import find_all, find_one

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("reminders:preferences")


def section(client):
    found = find_all(client.get(SETTINGS_URL).content, "section", id="invites")
    return found[0] if found else None


def test_hidden_while_sign_up_is_open_and_there_are_none(alice_client):
    assert section(alice_client) is None


def test_shown_when_sign_up_is_by_invitation(alice_client, settings):
    settings.SIGNUP = "invite"

    shown = section(alice_client)

    assert "New accounts on this DevHub CRM need an invitation." in shown.clean_text
    assert "works for 7 days" in shown.clean_text
    assert "No invitations yet." in shown.clean_text


def test_every_invitation_is_listed_with_its_status(alice_client, alice, settings):
    settings.SIGNUP = "invite"
    now = timezone.now()
    Invite.objects.create(owner=alice, note="Open one")
    Invite.objects.create(owner=alice, note="Used one", used_at=now)
    Invite.objects.create(owner=alice, note="Revoked one", revoked_at=now)
    Invite.objects.create(owner=alice, note="Old one", expires_at=now - dt.timedelta(days=1))

    items = [li.clean_text for li in find_all(section(alice_client).descendants(), "li")]

    assert len(items) == 4
    assert items[0].startswith("Old one Expired")
    assert items[1] == "Revoked one Revoked"
    assert items[2] == f"Used one Used {timezone.localtime(now):%-d %b %Y}"
    assert items[3].startswith("Open one Open until")
    assert "Link to send" in items[3]


def test_only_the_open_links_can_be_copied_and_revoked(alice_client, alice, settings):
    settings.SIGNUP = "invite"
    usable = Invite.objects.create(owner=alice)
    Invite.objects.create(owner=alice, revoked_at=timezone.now())

    page = alice_client.get(SETTINGS_URL).content

    revoke = find_one(page, "form", action=reverse("accounts:invite_revoke", args=[usable.code]))
    assert revoke.get("hx-post") == revoke.get("action")
    assert revoke.get("method") == "post"
    links = [i for i in find_all(page, "input") if i.get("id").startswith("invite-")]
    assert [i.get("id") for i in links] == [f"invite-{usable.code}"]
    assert links[0].has("readonly")
    assert len(find_all(page, "form", hx_target="#invites")) == 2  # create, and the one revoke


def test_the_create_form_works_with_and_without_javascript(alice_client, settings):
    settings.SIGNUP = "invite"

    form = find_one(
        alice_client.get(SETTINGS_URL).content, "form", action=reverse("accounts:invite_create")
    )

    assert form.get("method") == "post"
    assert form.get("hx-post") == reverse("accounts:invite_create")
    assert form.get("hx-target") == "#invites"


def test_nobody_sees_another_users_invitations(charlie_client, alice, settings):
    settings.SIGNUP = "invite"
    theirs = Invite.objects.create(owner=alice, note="Alice's friend")

    page = charlie_client.get(SETTINGS_URL).content.decode()

    assert "Alice&#x27;s friend" not in page
    assert theirs.token not in page


def test_shown_with_existing_invitations_whatever_the_setting(alice_client, alice):
    Invite.objects.create(owner=alice, note="From before")

    shown = section(alice_client)

    assert "From before" in shown.clean_text
    assert "need an invitation" not in shown.clean_text
