"""The ideas backlog and turning an idea into a collaboration."""

import pytest

from collaborations.models import Collaboration, Idea
from tests.collaborations.conftest import HX, html, is_fragment, url
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def test_empty_backlog_invites_the_first_idea(alice_client):
    page = html(alice_client.get(url("ideas")))

    assert "No ideas yet" in page
    assert url("idea_create") in page


def test_create_an_idea_with_people(alice_client, alice, ada):
    data = {"title": "Live-coding stream", "kind": "video", "pitch": "HTMX from scratch"}
    response = alice_client.post(url("idea_create"), {**data, "people": [str(ada.code)]})

    assert response.url == url("ideas")
    idea = Idea.objects.get(owner=alice)
    assert list(idea.people.all()) == [ada]
    page = html(alice_client.get(url("ideas")))
    assert "Live-coding stream" in page and "Could join: " in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "kind": "video"}, "This field is required."),
        ({"title": "T", "kind": "video", "pitch": "p" * 1001}, "at most 1000 characters"),
        ({"title": "T", "kind": "video", "people": ["nope"]}, "is not a valid value"),
    ],
)
def test_bad_ideas_are_explained(alice_client, data, message):
    response = alice_client.post(url("idea_create"), data)

    assert response.status_code == 200
    assert message in html(response)
    assert not Idea.objects.exists()


def test_another_users_contact_cannot_be_named(alice_client, charlie):
    stranger = make_contact(charlie, name="Stranger")
    data = {"title": "T", "kind": "video", "people": [str(stranger.code)]}

    assert "Select a valid choice" in html(alice_client.post(url("idea_create"), data))


def test_edit_keeps_the_people_already_picked_listed(alice_client, idea):
    page = html(alice_client.get(url("idea_edit", idea.code)))

    assert "Ada Lovelace" in page
    response = alice_client.post(
        url("idea_edit", idea.code), {"title": "Postgres 18", "kind": "talk", "people": []}
    )
    assert response.url == url("ideas")
    idea.refresh_from_db()
    assert idea.title == "Postgres 18"
    assert not idea.people.exists()


def test_turn_into_a_collaboration_links_both_ways(alice_client, idea):
    response = alice_client.post(url("idea_start", idea.code), {"stage": "planning"})

    made = Collaboration.objects.get(idea=idea)
    assert response.url == url("detail", made.code)
    assert made.stage == "planning"
    assert "From the idea:" in html(alice_client.get(response.url))
    backlog = html(alice_client.get(url("ideas")))
    assert "Started:" in backlog and url("detail", made.code) in backlog


@pytest.mark.parametrize("stage", ["published", "", "archived"])
def test_an_idea_starts_only_at_idea_or_planning(alice_client, idea, stage):
    response = alice_client.post(url("idea_start", idea.code), {"stage": stage}, follow=True)

    assert "Could not start it" in html(response)
    assert not Collaboration.objects.exists()


def test_delete_an_idea_asks_first(alice_client, idea):
    assert "Delete the idea Postgres for Djangonauts?" in html(
        alice_client.get(url("idea_delete", idea.code))
    )
    alice_client.post(url("idea_delete", idea.code))
    assert not Idea.objects.exists()


def test_htmx_backlog_is_the_fragment_only(alice_client, idea):
    response = alice_client.get(url("ideas"), **HX)

    assert is_fragment(response)
    assert "Postgres for Djangonauts" in html(response)
