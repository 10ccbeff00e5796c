"""The endpoints the service worker sends entries captured offline to."""

import uuid

import pytest
from django.test import Client

from contacts import services
from contacts.models import Contact
from interactions.models import Interaction, InteractionType
from pwa.account import account_marker
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def contact_entry(owner, **fields) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "account": account_marker(owner),
        "name": "Linus",
    } | fields


def interaction_entry(owner, **fields) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "account": account_marker(owner),
        "contact_name": "Grace Hopper",
        "type": "coffee_chat",
        "notes": "Compilers",
        "occurred_at": "2026-03-04T05:06:07.000Z",
    } | fields


def test_a_queued_contact_is_added_once_however_often_it_is_sent(alice_client, alice):
    entry = contact_entry(alice, company="Linux Foundation")
    first = alice_client.post("/capture/send/contact/", entry)
    assert first.status_code == 201
    contact = Contact.objects.get(owner=alice)
    assert (contact.name, contact.company, str(contact.client_id)) == (
        "Linus",
        "Linux Foundation",
        entry["client_id"],
    )
    assert first.json() == {
        "created": True,
        "message": "Added Linus.",
        "url": f"/contacts/{contact.code}/",
    }
    again = alice_client.post("/capture/send/contact/", entry)
    assert again.status_code == 200
    assert again.json()["message"] == "Already added Linus."
    assert again.json()["url"] == first.json()["url"]
    assert Contact.objects.filter(owner=alice).count() == 1


def test_a_queued_interaction_is_logged_once_at_the_time_it_was_captured(alice_client, alice):
    grace = make_contact(alice, name="Grace Hopper")
    InteractionType.objects.for_owner(alice).filter(builtin_key="coffee_chat").update(
        name="Coffee"  # renamed: the built-in key still finds it
    )
    entry = interaction_entry(alice, contact_name="  grace   HOPPER ")
    first = alice_client.post("/capture/send/interaction/", entry)
    assert first.status_code == 201, first.json()
    assert first.json()["message"] == "Logged a Coffee with Grace Hopper."
    interaction = Interaction.objects.get(owner=alice)
    assert interaction.contact == grace and interaction.notes == "Compilers"
    assert interaction.occurred_at.isoformat() == "2026-03-04T05:06:07+00:00"
    grace.refresh_from_db()
    assert grace.last_contacted.isoformat() == "2026-03-04"
    again = alice_client.post("/capture/send/interaction/", entry)
    assert again.status_code == 200 and again.json()["message"].startswith("Already logged")
    assert Interaction.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize(
    "fields,field,message",
    [
        (
            {"contact_name": "Grace Hoper"},
            "contact_name",
            "You have no contact named “Grace Hoper”",
        ),
        ({"type": "séance"}, "type", "Select a valid choice"),
        ({"occurred_at": "2999-01-01T00:00:00Z"}, "occurred_at", "That is in the future"),
        ({"occurred_at": "yesterday"}, "occurred_at", "Enter a valid date/time."),
        ({"client_id": "not-an-id"}, "client_id", "Enter a valid UUID."),
    ],
)
def test_a_refused_interaction_comes_back_with_why(alice_client, alice, fields, field, message):
    make_contact(alice, name="Grace Hopper")
    response = alice_client.post("/capture/send/interaction/", interaction_entry(alice, **fields))
    assert response.status_code == 422
    assert response.json()["errors"][field][0].startswith(message)
    assert response.json()["message"].startswith(message)
    assert not Interaction.objects.exists()


def test_two_contacts_of_that_name_are_refused(alice_client, alice):
    make_contact(alice, name="Grace Hopper")
    make_contact(alice, name="Grace Hopper")
    response = alice_client.post("/capture/send/interaction/", interaction_entry(alice))
    assert response.status_code == 422
    assert "More than one of your contacts" in response.json()["message"]


def test_a_retired_type_is_refused(alice_client, alice):
    make_contact(alice, name="Grace Hopper")
    InteractionType.objects.for_owner(alice).filter(builtin_key="coffee_chat").update(
        is_retired=True
    )
    response = alice_client.post("/capture/send/interaction/", interaction_entry(alice))
    assert response.status_code == 422
    assert "retired" in response.json()["errors"]["type"][0]


def test_a_refused_contact_comes_back_with_the_contact_forms_errors(alice_client, alice):
    response = alice_client.post(
        "/capture/send/contact/", contact_entry(alice, name="", email="not an address")
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["name"] == ["This field is required."]
    assert errors["email"] == ["Enter a valid email address."]
    assert not Contact.objects.exists()


def test_an_entry_of_another_account_is_refused(alice_client, alice, charlie):
    response = alice_client.post("/capture/send/contact/", contact_entry(charlie))
    assert response.status_code == 409
    assert "another account" in response.json()["message"]
    assert not Contact.objects.exists()


def test_the_session_gives_the_worker_a_token_and_the_account(alice_client, alice):
    response = alice_client.get("/capture/session/")
    assert response.status_code == 200
    assert response.json()["account"] == account_marker(alice)
    assert len(response.json()["csrf"]) >= 32
    assert "no-cache" in response["Cache-Control"]


def test_the_token_is_checked(alice):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post("/capture/send/contact/", contact_entry(alice)).status_code == 403
    token = strict.get("/capture/session/").json()["csrf"]
    response = strict.post("/capture/send/contact/", contact_entry(alice), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


@pytest.mark.parametrize(
    "url", ["/capture/session/", "/capture/send/contact/", "/capture/send/interaction/"]
)
def test_anonymous_is_sent_to_log_in(client, url):
    response = client.post(url) if "send" in url else client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_wrong_methods(alice_client):
    assert alice_client.get("/capture/send/contact/").status_code == 405
    assert alice_client.get("/capture/send/interaction/").status_code == 405
    assert alice_client.post("/capture/session/").status_code == 405


def test_a_copy_sent_at_the_same_moment_answers_with_the_row_the_other_made(
    alice_client, alice, monkeypatch
):
    """Two copies racing past the check: the database's rule refuses the second insert, and
    the answer is the first copy's contact, not an error."""
    entry = contact_entry(alice)
    assert alice_client.post("/capture/send/contact/", entry).status_code == 201

    def racing_add(contact, tags=()):
        return services.save_contact(contact)  # the check saw nothing: straight to the insert

    monkeypatch.setattr(services, "add_contact", racing_add)
    response = alice_client.post("/capture/send/contact/", entry)
    assert response.status_code == 200
    assert response.json()["message"] == "Already added Linus."
    assert Contact.objects.filter(owner=alice).count() == 1
