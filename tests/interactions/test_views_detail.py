"""One timeline entry: its own page, or the fragment HTMX puts back when an edit is cancelled."""

import pytest
from django.urls import reverse

from interactions.models import Interaction
from tests.devhub.conftest import find_one
from tests.interactions.conftest import (
    HX,
    at,
    html,
    is_fragment,
    login_url_for,
    make_interaction,
    missing_htmx_targets,
)

pytestmark = pytest.mark.django_db


def entry_url(interaction: Interaction) -> str:
    return reverse("interactions:detail", args=[interaction.code])


@pytest.fixture
def chat(ada) -> Interaction:
    return make_interaction(
        ada,
        type="coffee_chat",
        occurred_at=at(2026, 3, 10, 9, 15),
        subject="Conference plans",
        notes="Going to PyCon together",
        outcome="positive",
        topics=["Python"],
    )


def test_page_shows_the_interaction(alice_client, chat):
    response = alice_client.get(entry_url(chat))

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert "Coffee chat with Ada Lovelace" in page
    entry = find_one(page, "li", id=f"interaction-{chat.code}")
    for text in ("Conference plans", "Going to PyCon together", "Positive", "Python"):
        assert text in entry.text
    assert "Tue 10 Mar 2026, 09:15" in entry.clean_text


def test_page_buttons_work_on_this_page(alice_client, chat):
    # Edit and delete links must not aim at the contact page's timeline, which is not here.
    assert missing_htmx_targets(html(alice_client.get(entry_url(chat)))) == []


def test_htmx_returns_the_entry_only(alice_client, chat):
    response = alice_client.get(entry_url(chat), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    entry = find_one(html(response), "li", id=f"interaction-{chat.code}")
    assert "Conference plans" in entry.text
    edit = find_one(html(response), "a", href=reverse("interactions:edit", args=[chat.code]))
    # Put back in the timeline's list, it swaps this entry through the list's "closest li".
    assert edit.get("hx-get") == reverse("interactions:edit", args=[chat.code])


def test_outsider_gets_404(charlie_client, chat):
    response = charlie_client.get(entry_url(chat))

    assert response.status_code == 404
    assert "Conference plans" not in html(response)


def test_anonymous_visitor_is_sent_to_login(client, chat):
    response = client.get(entry_url(chat))

    assert response.status_code == 302
    assert response.url == login_url_for(entry_url(chat))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_detail_answers_only_get(alice_client, chat, method):
    assert getattr(alice_client, method)(entry_url(chat)).status_code == 405
    assert Interaction.objects.filter(pk=chat.pk).exists()


def test_stored_markup_is_shown_as_text(alice_client, ada):
    evil = make_interaction(ada, subject="<script>alert(1)</script>", notes="<b>bold</b>")

    page = html(alice_client.get(entry_url(evil)))

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
