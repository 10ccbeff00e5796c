"""The board (the shared board component) and its one move endpoint."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collaborations.models import Person
from tests.collaborations.conftest import HX, html, is_fragment, make_collaboration, url
from tests.devhub.conftest import find_one

pytestmark = pytest.mark.django_db


def test_an_empty_board_invites_the_first_collaboration(alice_client):
    page = html(alice_client.get(url("board")))

    assert "No collaborations yet" in page
    assert url("create") in page


def test_cards_sit_in_their_stage_column_with_their_people(alice_client, talk, alice):
    make_collaboration(alice, title="Old stream", kind="video", stage="archived")

    page = html(alice_client.get(url("board")))

    column = find_one(page, "section", **{"data-column": "idea"})
    assert "Async Django in practice" in column.clean_text
    assert "With Ada Lovelace" in column.clean_text
    assert "Old stream" in find_one(page, "section", **{"data-column": "archived"}).clean_text
    assert 'name="stage"' in page  # each card's no-JS "move to" form


def test_a_move_records_the_stage_and_says_so(alice_client, talk):
    response = alice_client.post(url("move", talk.code), {"stage": "published"})

    assert response.url == url("board")
    talk.refresh_from_db()
    assert talk.stage == "published"
    assert list(talk.stage_changes.values_list("to_stage", flat=True)) == ["idea", "published"]
    assert "Moved Async Django in practice to Published or done." in html(
        alice_client.get(response.url)
    )


def test_back_to_detail_returns_to_the_collaboration(alice_client, talk):
    response = alice_client.post(url("move", talk.code), {"stage": "planning", "back": "detail"})

    assert response.url == url("detail", talk.code)


@pytest.mark.parametrize("bad", ["done", "", "PUBLISHED"])
def test_an_unknown_stage_changes_nothing(alice_client, talk, bad):
    response = alice_client.post(url("move", talk.code), {"stage": bad}, follow=True)

    assert "That is not a stage." in html(response)
    talk.refresh_from_db()
    assert talk.stage == "idea"
    assert talk.stage_changes.count() == 1


def test_htmx_move_returns_the_board_with_the_card_moved(alice_client, talk):
    response = alice_client.post(url("move", talk.code), {"stage": "in_progress"}, **HX)

    assert is_fragment(response)
    page = html(response)
    assert "Async Django" in find_one(page, "section", **{"data-column": "in_progress"}).clean_text
    assert find_one(page, "p", role="status").clean_text.startswith("Moved Async Django")


def test_htmx_board_is_the_fragment_only(alice_client, talk):
    response = alice_client.get(url("board"), **HX)

    assert is_fragment(response)
    assert "Async Django in practice" in html(response)


@pytest.mark.parametrize("name", ["board", "list"])
def test_queries_do_not_grow_with_the_number_of_collaborations(alice_client, alice, ada, name):
    def add(index: int) -> None:
        stage = ["idea", "planning", "in_progress", "published", "archived"][index % 5]
        piece = make_collaboration(alice, title=f"Piece {index}", stage=stage)
        Person.objects.create(collaboration=piece, contact=ada, role="speaker")

    for index in range(3):
        add(index)
    with CaptureQueriesContext(connection) as few:
        alice_client.get(url(name))
    for index in range(3, 20):
        add(index)
    with CaptureQueriesContext(connection) as many:
        alice_client.get(url(name))

    assert len(many.captured_queries) == len(few.captured_queries)
