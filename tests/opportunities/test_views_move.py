"""The move endpoint shared by drag and drop, the keyboard "move to" menu and the no-JS form."""

from datetime import date

import pytest

from opportunities.models import Opportunity, StageChange
from tests.devhub.conftest import find_one
from tests.opportunities.conftest import (
    HX,
    html,
    is_fragment,
    job_reminders,
    login_url_for,
    make_opportunity,
    url,
)

pytestmark = pytest.mark.django_db


def status_of(opportunity: Opportunity) -> str:
    opportunity.refresh_from_db()
    return opportunity.status


def test_form_post_moves_and_redirects_to_the_board_with_a_message(alice_client, opp):
    response = alice_client.post(url("move", opp.code), {"status": "applied"})

    assert response.status_code == 302
    assert response.url == url("board")
    assert status_of(opp) == "applied"
    assert list(opp.stage_changes.values_list("to_status", flat=True)) == [
        "interested",
        "applied",
    ]
    page = html(alice_client.get(response.url))
    assert "Moved Backend developer at Acme to Applied." in page


def test_back_to_detail_returns_to_the_detail_page(alice_client, opp):
    response = alice_client.post(url("move", opp.code), {"status": "offer", "back": "detail"})

    assert response.status_code == 302
    assert response.url == url("detail", opp.code)
    assert status_of(opp) == "offer"
    assert "Moved Backend developer at Acme to Offer." in html(alice_client.get(response.url))


def test_moving_to_the_current_stage_says_so_and_records_nothing(alice_client, opp):
    response = alice_client.post(url("move", opp.code), {"status": "interested"}, follow=True)

    assert "Already there." in html(response)
    assert opp.stage_changes.count() == 1


@pytest.mark.parametrize("bad", ["hired", "", "INTERVIEW"])
def test_an_invalid_stage_changes_nothing_and_says_so(alice_client, opp, bad):
    response = alice_client.post(url("move", opp.code), {"status": bad})

    assert response.status_code == 302
    assert response.url == url("board")
    assert "That is not a stage." in html(alice_client.get(response.url))
    assert status_of(opp) == "interested"
    assert opp.stage_changes.count() == 1


def test_a_missing_stage_changes_nothing(alice_client, opp):
    alice_client.post(url("move", opp.code), {})

    assert status_of(opp) == "interested"
    assert StageChange.objects.count() == 1


def test_htmx_move_returns_the_board_fragment_with_the_card_moved(alice_client, opp):
    response = alice_client.post(url("move", opp.code), {"status": "phone_screen"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    board = find_one(page, "div", id="board")
    assert page.strip().startswith('<div id="board">')
    column = find_one(page, "section", **{"data-column": "phone_screen"})
    assert "Backend developer" in column.clean_text
    assert (
        "Backend developer" not in find_one(page, "section", **{"data-column": "interested"}).text
    )
    status = find_one(board.descendants(), "p", role="status")
    assert status.clean_text == "Moved Backend developer at Acme to Phone screen."
    assert status_of(opp) == "phone_screen"


def test_htmx_invalid_stage_returns_the_board_with_a_note(alice_client, opp):
    response = alice_client.post(url("move", opp.code), {"status": "hired"}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert find_one(html(response), "p", role="status").clean_text == "That is not a stage."
    assert status_of(opp) == "interested"


def test_a_move_through_the_endpoint_creates_the_stage_reminders(alice_client, alice):
    opportunity = make_opportunity(alice, status="applied", next_action_on=date(2026, 3, 12))

    alice_client.post(url("move", opportunity.code), {"status": "interview"})
    alice_client.post(url("move", opportunity.code), {"status": "rejected"})

    open_titles = [r.title for r in job_reminders(alice, open_only=True)]
    assert open_titles == ["Send a thank-you note after the interview: Backend developer at Acme"]


@pytest.mark.parametrize("headers", [{}, HX])
def test_outsider_gets_404_and_nothing_changes(charlie_client, opp, headers):
    response = charlie_client.post(url("move", opp.code), {"status": "offer"}, **headers)

    assert response.status_code == 404
    assert status_of(opp) == "interested"
    assert opp.stage_changes.count() == 1


def test_unknown_opportunity_is_404(alice_client):
    response = alice_client.post(
        url("move", "00000000-0000-0000-0000-000000000000"), {"status": "offer"}
    )

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, opp):
    response = client.post(url("move", opp.code), {"status": "offer"})

    assert response.status_code == 302
    assert response.url == login_url_for(url("move", opp.code))
    assert status_of(opp) == "interested"


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_move_answers_only_post(alice_client, opp, method):
    assert getattr(alice_client, method)(url("move", opp.code)).status_code == 405
    assert status_of(opp) == "interested"
