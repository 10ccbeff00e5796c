"""The pipeline board: a column per open stage, closed ones folded, cards with their facts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.devhub.conftest import find_all, find_one
from tests.projects.conftest import (
    HX,
    html,
    is_fragment,
    make_milestone,
    make_payment,
    make_project,
    url,
)

pytestmark = pytest.mark.django_db

OPEN = ["lead", "proposal", "negotiating", "active", "on_hold"]


def cards(page: str) -> list:
    return [li for li in find_all(page, "li") if li.has("data-card")]


def column_titles(page: str, stage: str) -> list[str]:
    section = find_one(page, "section", **{"data-column": stage})
    return [a.clean_text for a in section.descendants() if a.tag == "a"]


def test_columns_per_open_stage_and_closed_ones_folded(alice_client, alice, frozen_clock):
    make_project(alice, title="Shop", stage="active")
    make_project(alice, title="Old site", stage="completed")

    page = html(alice_client.get(url("board")))

    columns = [s.get("data-column") for s in find_all(page, "section") if s.has("data-column")]
    assert columns == [*OPEN, "completed", "lost", "cancelled"]
    assert column_titles(page, "active") == ["Shop"]
    board = find_one(page, "div", id="board").descendants()
    [summary] = [e for e in board if e.tag == "summary"]
    assert summary.clean_text == "Closed (completed 1, lost 0, cancelled 0)"
    assert column_titles(page, "completed") == ["Old site"]


def test_a_card_shows_client_price_next_milestone_and_overdue_payment(alice_client, project):
    make_milestone(project, title="Beta", due_on=date(2026, 3, 5))
    payment = make_payment(project, invoiced_on=date(2026, 2, 1), due_on=date(2026, 3, 1))
    assert payment.status == "overdue"

    [card] = cards(html(alice_client.get(url("board"))))

    text = card.clean_text
    assert "Acme" in text
    assert "Hourly: 80.00 EUR/h" in text
    assert "Next milestone: 5 Mar" in text
    assert "Milestone late" in text
    assert "Payment overdue" in text


def test_a_card_without_late_things_has_no_badges(alice_client, project):
    make_milestone(project, due_on=date(2026, 3, 20))
    make_milestone(project, title="Done", due_on=date(2026, 3, 1), status="delivered")

    [card] = cards(html(alice_client.get(url("board"))))

    assert "Next milestone: 20 Mar" in card.clean_text
    assert "overdue" not in card.clean_text.lower()
    assert "late" not in card.clean_text.lower()


def test_each_card_has_a_labelled_move_form_to_the_one_endpoint(alice_client, project):
    page = html(alice_client.get(url("board")))

    [form] = [f for f in find_all(page, "form") if f.has("data-move")]
    assert form.get("action") == form.get("hx-post") == url("move", project.code)
    select = find_one(page, "select", name="stage")
    label = find_one(page, "label", for_=select.get("id"))
    assert label.clean_text == "Move Shop rewrite (Acme) to"
    selected = [o.get("value") for o in select.descendants() if o.has("selected")]
    assert selected == ["lead"]


def test_an_empty_board_invites_to_add_a_project(alice_client, charlie, frozen_clock):
    make_project(charlie, title="Charlie's secret")

    page = html(alice_client.get(url("board")))

    assert "No projects yet" in page
    assert "Charlie's secret" not in page
    assert find_all(page, "a", href=url("create"))
    assert find_all(page, "a", href=url("settings"))


def test_htmx_gets_the_board_fragment(alice_client, project):
    response = alice_client.get(url("board"), **HX)

    assert is_fragment(response)
    assert html(response).lstrip().startswith('<div id="board">')


def test_queries_do_not_grow_with_the_number_of_projects(
    alice_client, alice, frozen_clock, django_assert_max_num_queries
):
    def add(index: int) -> None:
        project = make_project(alice, title=f"P{index}", stage=OPEN[index % 5])
        make_milestone(project, due_on=date(2026, 3, 1 + index % 20))
        make_payment(project, invoiced_on=date(2026, 1, 1), due_on=date(2026, 2, 1))

    for index in range(3):
        add(index)
    with CaptureQueriesContext(connection) as few:
        alice_client.get(url("board"))
    for index in range(3, 30):
        add(index)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = alice_client.get(url("board"))

    assert len(cards(html(response))) == 30


def test_the_nav_links_to_projects(alice_client, frozen_clock):
    page = html(alice_client.get(url("board")))

    links = find_all(page, "a", href=url("board"))
    assert any(a.get("aria-current") == "page" for a in links)


def test_a_closed_stage_shows_its_latest_cards_and_links_to_the_rest(alice_client, alice):
    for n in range(14):
        make_project(alice, title=f"Done {n:02}", stage="completed")

    page = html(alice_client.get(url("board")))

    assert len(column_titles(page, "completed")) == 12 + 1  # and the link to the rest
    more = find_one(page, "a", href="/projects/list/?stage=completed")
    assert more.clean_text == "2 more completed"
    assert "Closed (completed 14, lost 0, cancelled 0)" in page
