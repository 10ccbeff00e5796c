"""Audience feedback on a piece, and what people asked for overall."""

import datetime as dt

import pytest
import time_machine

from collaborations.models import Feedback
from tests.collaborations.conftest import (
    HX,
    html,
    is_fragment,
    make_collaboration,
    make_feedback,
    url,
)
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


def feedback_data(**overrides) -> dict:
    data = {
        "received_on": "2026-03-02",
        "kind": "question",
        "channel": "Conference Q&A",
        "contact": "",
        "name": "@someone",
        "text": "Does this work with ASGI?",
    }
    return {**data, **overrides}


def test_add_feedback_from_a_name(alice_client, talk):
    response = alice_client.post(url("add_feedback", talk.code), feedback_data())

    assert response.url == url("detail", talk.code) + "#feedback"
    entry = Feedback.objects.get()
    assert (entry.sender, entry.kind, entry.channel) == ("@someone", "question", "Conference Q&A")
    assert "Does this work with ASGI?" in html(alice_client.get(url("detail", talk.code)))


def test_add_feedback_from_a_contact(alice_client, talk, ada):
    alice_client.post(url("add_feedback", talk.code), feedback_data(contact=str(ada.code), name=""))

    assert Feedback.objects.get().contact == ada


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "   ", "This field is required."),
        ("kind", "rant", "Select a valid choice."),
        ("received_on", "yesterday", "Enter a valid date."),
        ("contact", "nope", "Select a valid choice."),
        ("channel", "c" * 101, "at most 100 characters"),
    ],
)
def test_bad_feedback_is_explained(alice_client, talk, field, value, message):
    response = alice_client.post(url("add_feedback", talk.code), feedback_data(**{field: value}))

    assert response.status_code == 200
    assert message in html(response)
    assert not Feedback.objects.exists()


def test_another_users_contact_is_not_a_sender(alice_client, talk, charlie):
    stranger = make_contact(charlie, name="Stranger")

    alice_client.post(url("add_feedback", talk.code), feedback_data(contact=str(stranger.code)))

    assert not Feedback.objects.exists()


def test_delete_feedback_asks_first(alice_client, talk):
    entry = make_feedback(talk, name="Sam")

    assert "Delete this question from Sam?" in html(
        alice_client.get(url("delete_feedback", entry.code))
    )
    response = alice_client.post(url("delete_feedback", entry.code))

    assert response.url == url("detail", talk.code) + "#feedback"
    assert not Feedback.objects.exists()


def test_overview_lists_questions_and_requests_newest_first(alice_client, alice, talk, charlie):
    post = make_collaboration(alice, title="ORM post", kind="article", stage="published")
    make_feedback(talk, text="Older question", received_on=dt.date(2026, 3, 1))
    make_feedback(post, text="Newer request", kind="request", received_on=dt.date(2026, 3, 9))
    make_feedback(post, text="Lovely post", kind="praise")
    make_feedback(make_collaboration(charlie), text="Charlie's question")

    page = html(alice_client.get(url("feedback")))

    assert page.index("Newer request") < page.index("Older question")
    assert "Lovely post" not in page
    assert "Charlie's question" not in page


def test_overview_filters_by_kind(alice_client, talk):
    make_feedback(talk, text="Lovely talk", kind="praise")
    make_feedback(talk, text="Typo on slide 3", kind="correction")

    page = html(alice_client.get(url("feedback"), {"kind": "praise"}))

    assert "Lovely talk" in page and "Typo on slide 3" not in page


def test_overview_bad_filter_and_empty_state(alice_client):
    response = alice_client.get(url("feedback"), {"kind": "rant"})

    assert response.status_code == 200
    assert "No questions or requests yet." in html(alice_client.get(url("feedback")))


def test_overview_htmx_is_the_fragment_only(alice_client, talk):
    make_feedback(talk)

    response = alice_client.get(url("feedback"), **HX)

    assert is_fragment(response)
    assert "Will you share the slides?" in html(response)


def test_the_date_starts_as_the_owners_today(alice_client, alice, talk):
    alice.time_zone = "Pacific/Auckland"
    alice.save(update_fields=["time_zone"])
    with time_machine.travel("2026-03-01 20:00Z", tick=False):  # already 2 March there
        page = html(alice_client.get(url("add_feedback", talk.code)))

    assert 'value="2026-03-02"' in page


@pytest.mark.parametrize(("stage", "form_shown"), [("in_progress", False), ("published", True)])
def test_the_feedback_form_is_offered_once_a_piece_is_out(alice_client, alice, stage, form_shown):
    piece = make_collaboration(alice, stage=stage)

    page = html(alice_client.get(url("detail", piece.code)))

    assert "Audience feedback" in page
    assert ('aria-label="Add feedback"' in page) is form_shown
    assert ("Once it is out" in page) is not form_shown


def test_a_study_group_shows_feedback_only_when_it_has_some(alice_client, alice):
    group = make_collaboration(alice, kind="study_group", title="Rust book club")
    assert "Audience feedback" not in html(alice_client.get(url("detail", group.code)))

    make_feedback(group, text="Can we do a session on lifetimes?")

    assert "Can we do a session on lifetimes?" in html(alice_client.get(url("detail", group.code)))
