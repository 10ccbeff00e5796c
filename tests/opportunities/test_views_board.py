"""The board: a column per active stage, closed stages folded away, one query budget."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.devhub.conftest import Element, find_all, find_one
from tests.opportunities.conftest import (
    HX,
    html,
    is_fragment,
    login_url_for,
    make_opportunity,
    url,
)

pytestmark = pytest.mark.django_db

ACTIVE_COLUMNS = ["interested", "applied", "phone_screen", "interview", "final_round", "offer"]


def with_attr(page: str, tag: str, attr: str) -> list[Element]:
    return [e for e in find_all(page, tag) if e.has(attr)]


def column_cards(page: str, status: str) -> list[str]:
    """The role titles of the cards in one column."""
    section = find_one(page, "section", **{"data-column": status})
    return [a.clean_text for a in section.descendants() if a.tag == "a"]


def test_board_has_a_column_per_active_stage_in_pipeline_order(alice_client, alice):
    make_opportunity(alice, role_title="SRE", status="applied")
    make_opportunity(alice, role_title="Data engineer", status="offer")

    page = html(alice_client.get(url("board")))

    sections = find_all(page, "section")
    active = [s.get("data-column") for s in sections if s.has("data-column")][:6]
    assert active == ACTIVE_COLUMNS
    assert find_one(page, "h2", id="col-phone_screen").clean_text == "Phone screen 0"
    assert find_one(page, "h2", id="col-applied").clean_text == "Applied 1"
    assert column_cards(page, "applied") == ["SRE"]
    assert column_cards(page, "offer") == ["Data engineer"]
    assert column_cards(page, "interested") == []


def test_closed_stages_are_collapsed_with_their_counts(alice_client, alice):
    make_opportunity(alice, role_title="Frontend developer", status="rejected")
    make_opportunity(alice, role_title="CTO", status="withdrawn")
    make_opportunity(alice, role_title="Platform engineer", status="withdrawn")

    page = html(alice_client.get(url("board")))

    board = find_one(page, "div", id="board").descendants()
    [details] = [e for e in board if e.tag == "details"]
    assert not details.has("open")
    [summary] = [e for e in details.descendants() if e.tag == "summary"]
    assert summary.clean_text == "Closed (accepted 0, rejected 1, withdrawn 2)"
    inside = [e.get("data-column") for e in details.descendants() if e.has("data-column")]
    assert inside == ["accepted", "rejected", "withdrawn"]
    assert sorted(column_cards(page, "withdrawn")) == ["CTO", "Platform engineer"]
    assert column_cards(page, "rejected") == ["Frontend developer"]
    assert all(column_cards(page, status) == [] for status in ACTIVE_COLUMNS)


def test_each_card_has_a_labelled_move_menu_posting_to_the_move_endpoint(alice_client, opp):
    page = html(alice_client.get(url("board")))

    [form] = with_attr(page, "form", "data-move")
    assert form.get("method") == "post"
    assert form.get("action") == url("move", opp.code)
    assert form.get("hx-post") == url("move", opp.code)
    assert form.get("hx-target") == "#board"
    select = find_one(page, "select", name="status")
    label = find_one(page, "label", for_=select.get("id"))
    assert label.clean_text == "Move Backend developer at Acme to"
    options = [o for o in select.descendants() if o.tag == "option"]
    assert len(options) == 9
    assert [o.get("value") for o in options if o.has("selected")] == ["interested"]


@pytest.mark.parametrize("status", ["applied", "offer", "withdrawn"])
def test_each_cards_menu_selects_its_own_stage(alice_client, alice, status):
    make_opportunity(alice, role_title="Interested one")
    make_opportunity(alice, role_title="Moved one", status=status)

    page = html(alice_client.get(url("board")))

    menus = {
        find_one(page, "label", for_=select.get("id")).clean_text: [
            o.get("value") for o in select.descendants() if o.has("selected")
        ]
        for select in find_all(page, "select", name="status")
    }
    assert menus == {
        "Move Interested one at Acme to": ["interested"],
        "Move Moved one at Acme to": [status],
    }


def test_cards_show_priority_and_an_overdue_next_action(alice_client, alice, frozen_clock):
    make_opportunity(
        alice, priority="high", next_action="Call Rita", next_action_on=date(2026, 3, 9)
    )

    [card] = with_attr(html(alice_client.get(url("board"))), "li", "data-card")

    assert "High priority" in card.clean_text
    assert "Call Rita: 9 Mar" in card.clean_text
    assert "Overdue" in card.clean_text


def test_a_next_action_today_is_not_overdue(alice_client, alice, frozen_clock):
    make_opportunity(alice, next_action="Call Rita", next_action_on=date(2026, 3, 10))

    [card] = with_attr(html(alice_client.get(url("board"))), "li", "data-card")

    assert "Call Rita: 10 Mar" in card.clean_text
    assert "Overdue" not in card.clean_text
    assert "High priority" not in card.clean_text


def test_an_empty_board_invites_to_add_the_first_opportunity(alice_client):
    page = html(alice_client.get(url("board")))

    assert "No opportunities yet" in page
    assert find_all(page, "a", href=url("create"))
    assert not find_all(page, "section", **{"data-column": "interested"})


def test_the_board_shows_only_the_users_own_opportunities(alice_client, charlie):
    make_opportunity(charlie, role_title="Charlie's secret job")

    page = html(alice_client.get(url("board")))

    assert "Charlie's secret job" not in page
    assert "No opportunities yet" in page


def test_htmx_request_returns_the_board_fragment_only(alice_client, opp):
    response = alice_client.get(url("board"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert page.lstrip().startswith('<div id="board">')
    assert "Backend developer" in page
    assert "New opportunity" not in page


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(url("board"))

    assert response.status_code == 302
    assert response.url == login_url_for(url("board"))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_board_answers_only_get(alice_client, method):
    assert getattr(alice_client, method)(url("board")).status_code == 405


def test_board_queries_do_not_grow_with_the_number_of_opportunities(
    alice_client, alice, django_assert_max_num_queries
):
    stages = ["interested", "applied", "interview", "offer", "rejected"]
    for index in range(3):
        make_opportunity(alice, company=f"Company {index}", status=stages[index % 5])
    with CaptureQueriesContext(connection) as few:
        assert alice_client.get(url("board")).status_code == 200
    for index in range(3, 30):
        make_opportunity(
            alice,
            company=f"Company {index}",
            status=stages[index % 5],
            next_action_on=date(2026, 3, 1),
        )

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(url("board"))

    assert html(response).count("data-card") == 30
