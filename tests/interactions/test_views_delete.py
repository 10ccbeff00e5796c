"""Deleting an entry: confirm first without JavaScript, in place on the timeline with HTMX."""

from datetime import date

import pytest
from django.urls import reverse

from interactions.models import Interaction
from tests.devhub.conftest import find_one
from tests.interactions.conftest import (
    HX,
    at,
    detail_url,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
)

pytestmark = pytest.mark.django_db


def delete_url(interaction: Interaction) -> str:
    return reverse("interactions:delete", args=[interaction.code])


@pytest.fixture
def older(ada) -> Interaction:
    return make_interaction(ada, occurred_at=at(2026, 2, 1), subject="Older chat")


@pytest.fixture
def latest(ada, older) -> Interaction:
    return make_interaction(ada, type="video_call", occurred_at=at(2026, 3, 10), subject="Latest")


def test_get_asks_for_confirmation_and_deletes_nothing(alice_client, latest, ada):
    response = alice_client.get(delete_url(latest))

    assert response.status_code == 200
    page = html(response)
    assert "Delete this Video call with Ada Lovelace?" in page
    assert "recomputed" in page
    find_one(page, "form", method="post", action=delete_url(latest))
    find_one(page, "a", href=detail_url(ada) + "#timeline")  # Cancel
    assert Interaction.objects.filter(pk=latest.pk).exists()


def test_confirming_deletes_and_goes_back_to_the_timeline(alice_client, latest, ada):
    response = alice_client.post(delete_url(latest))

    assert response.status_code == 302
    assert response.url == detail_url(ada) + "#timeline"
    assert not Interaction.objects.filter(pk=latest.pk).exists()
    page = html(alice_client.get(response.url))
    assert "Deleted the interaction." in page
    assert "Latest" not in find_one(page, "section", id="timeline").text


def test_deleting_the_latest_recomputes_last_contacted(alice_client, latest, ada):
    alice_client.post(delete_url(latest))

    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 2, 1)


def test_deleting_a_middle_one_keeps_last_contacted(alice_client, latest, older, ada):
    alice_client.post(delete_url(older))

    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 3, 10)


def test_deleting_the_only_one_leaves_last_contacted_empty(alice_client, ada):
    only = make_interaction(ada, occurred_at=at(2026, 3, 10))

    alice_client.post(delete_url(only))

    ada.refresh_from_db()
    assert ada.last_contacted is None
    page = html(alice_client.get(detail_url(ada)))
    assert find_one(page, id="last-contacted").clean_text == "never"


def test_htmx_delete_returns_the_timeline_and_header(alice_client, latest, ada):
    response = alice_client.post(delete_url(latest), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    timeline = find_one(page, "section", id="timeline")
    assert "Older chat" in timeline.text
    assert "Latest" not in timeline.text
    header = find_one(page, id="last-contacted")
    assert header.get("hx-swap-oob") == "true"
    assert header.clean_text == "1 Feb 2026"


def test_htmx_get_returns_the_confirmation_only(alice_client, latest):
    response = alice_client.get(delete_url(latest), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert "Delete this Video call with Ada Lovelace?" in html(response)
    assert Interaction.objects.filter(pk=latest.pk).exists()


def test_outsider_gets_404_and_nothing_is_deleted(charlie_client, latest, ada):
    assert charlie_client.get(delete_url(latest)).status_code == 404
    assert charlie_client.post(delete_url(latest), **HX).status_code == 404

    assert Interaction.objects.filter(pk=latest.pk).exists()
    ada.refresh_from_db()
    assert ada.last_contacted == date(2026, 3, 10)


def test_anonymous_visitor_is_sent_to_login(client, latest):
    response = client.post(delete_url(latest))

    assert response.status_code == 302
    assert response.url == login_url_for(delete_url(latest))
    assert Interaction.objects.filter(pk=latest.pk).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_delete_answers_only_get_and_post(alice_client, latest, method):
    assert getattr(alice_client, method)(delete_url(latest)).status_code == 405
    assert Interaction.objects.filter(pk=latest.pk).exists()
