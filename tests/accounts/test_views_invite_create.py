"""Making an invitation link on the settings page (POST /accounts/invites/)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invite
from tests.devhub.conftest import find_all, find_one, parse

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("accounts:invite_create")
SETTINGS_URL = reverse("reminders:preferences")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def by_invitation(settings):
    settings.SIGNUP = "invite"


def test_creating_an_invitation_goes_back_to_the_settings_page(alice_client, alice):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        response = alice_client.post(CREATE_URL, {"note": "Sam from work"})

    assert response.status_code == 302
    assert response.url == f"{SETTINGS_URL}#invites"
    invite = Invite.objects.get()
    assert (invite.owner, invite.note, invite.used_at) == (alice, "Sam from work", None)
    assert invite.expires_at == now + dt.timedelta(days=7)
    [message] = get_messages(response.wsgi_request)
    assert str(message).startswith("Created an invitation link; it creates one account until")


def test_the_new_link_is_listed_on_the_settings_page(alice_client):
    alice_client.post(CREATE_URL, {"note": "Sam from work"})
    invite = Invite.objects.get()

    page = parse(alice_client.get(SETTINGS_URL).content)

    link = find_one(page, "input", id=f"invite-{invite.code}").get("value")
    assert link == f"http://testserver/accounts/signup/{invite.token}/"


def test_htmx_gets_the_section_with_the_new_link(alice_client):
    response = alice_client.post(CREATE_URL, {"note": "Sam"}, **HTMX)

    assert response.status_code == 200
    body = response.content.decode()
    assert not body.lstrip().startswith("<!DOCTYPE")
    section = find_one(parse(body), "section", id="invites")
    assert section.has("aria-labelledby")
    invite = Invite.objects.get()
    assert find_all(body, "input", id=f"invite-{invite.code}")


def test_each_invitation_is_a_new_secret_link(alice_client):
    alice_client.post(CREATE_URL, {"note": ""})
    alice_client.post(CREATE_URL, {"note": ""})

    first, second = Invite.objects.all()
    assert first.token != second.token
    assert len(first.token) >= 40


def test_a_too_long_note_is_refused_with_the_reason(alice_client):
    response = alice_client.post(CREATE_URL, {"note": "x" * 101})

    assert response.status_code == 302
    [message] = get_messages(response.wsgi_request)
    assert str(message) == (
        "No invitation created: Ensure this value has at most 100 characters (it has 101)."
    )
    assert not Invite.objects.exists()


def test_htmx_shows_the_refused_note_next_to_its_field(alice_client):
    response = alice_client.post(CREATE_URL, {"note": "x" * 101}, **HTMX)

    assert response.status_code == 200
    error = find_one(response.content, id="id_note_error").clean_text
    assert error == "Ensure this value has at most 100 characters (it has 101)."
    assert not Invite.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(CREATE_URL, {"note": "x"})

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={CREATE_URL}"
    assert not Invite.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_only_post_is_accepted(alice_client, method):
    assert getattr(alice_client, method)(CREATE_URL).status_code == 405
