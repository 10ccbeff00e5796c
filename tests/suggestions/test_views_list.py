"""The page of every current suggestion."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from suggestions.models import Suggestion
from suggestions.services import dismiss, refresh_suggestions
from tests.conftest import make_user
from tests.suggestions.conftest import HX, PROMISE, html, is_fragment, login_url_for, make_network

pytestmark = pytest.mark.django_db
URL = reverse("suggestions:list")


def test_lists_each_suggestion_with_its_source(alice_client, refreshed):
    response = alice_client.get(URL)

    assert response.status_code == 200
    page = html(response)
    assert "Ada Lovelace" in page
    assert "I&#x27;ll send you the recording of the async ORM talk." in page
    interaction = Suggestion.objects.get(kind="promise").interaction
    assert reverse("interactions:detail", args=[interaction.code]) in page
    assert "https://www.zero2prod.com/" in page or "Send Ada the conference CFP" in page


def test_empty_state(alice_client, alice):
    page = html(alice_client.get(URL))

    assert "No suggestions right now." in page


def test_dismissed_and_no_longer_waiting_are_left_out(alice_client, refreshed, alice):
    dismiss(Suggestion.objects.get(kind="promise"))
    assert PROMISE.replace("'", "&#x27;") not in html(alice_client.get(URL))

    Contact.objects.filter(pk=refreshed.pk).update(status=Contact.Status.REGULAR_CONTACT)
    assert "No suggestions right now." in html(alice_client.get(URL))


def test_a_quote_no_longer_in_its_source_is_not_shown(alice_client, refreshed):
    interaction = Suggestion.objects.get(kind="promise").interaction
    interaction.notes = "We talked about the weather."
    interaction.save(update_fields=["notes"])

    assert "recording of the async ORM talk" not in html(alice_client.get(URL))


def test_paginated(alice_client, alice):
    for n in range(8):
        make_network(alice, name=f"Person {n}")
    refresh_suggestions(alice)

    first = html(alice_client.get(URL))
    second = html(alice_client.get(URL, {"page": 2}))

    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second


def test_never_another_users_suggestions(client, refreshed):
    bob = make_user("bob")
    client.force_login(bob)

    page = html(client.get(URL))

    assert "Ada Lovelace" not in page
    assert "No suggestions right now." in page


def test_htmx_gets_the_results_only(alice_client, refreshed):
    response = alice_client.get(URL, **HX)

    assert is_fragment(response)
    assert "Ada Lovelace" in html(response)


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == login_url_for(URL)


def test_post_is_405(alice_client):
    assert alice_client.post(URL).status_code == 405


def test_switched_off_is_404(alice_client, refreshed, settings):
    settings.EMBEDDINGS = False

    assert alice_client.get(URL).status_code == 404
