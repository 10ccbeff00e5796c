"""One move endpoint for drag and drop, the keyboard menu and the no-JS form."""

import pytest

from tests.devhub.conftest import find_one
from tests.projects.conftest import HX, html, is_fragment, url

pytestmark = pytest.mark.django_db


def stage_of(project) -> str:
    project.refresh_from_db()
    return project.stage


def test_a_move_records_the_stage_and_says_so(alice_client, project):
    response = alice_client.post(url("move", project.code), {"stage": "active"})

    assert response.status_code == 302
    assert response.url == url("board")
    assert stage_of(project) == "active"
    assert list(project.stage_changes.values_list("to_stage", flat=True)) == ["lead", "active"]
    assert "Moved Shop rewrite (Acme) to Active." in html(alice_client.get(response.url))


def test_back_to_detail_returns_to_the_project(alice_client, project):
    response = alice_client.post(url("move", project.code), {"stage": "lost", "back": "detail"})

    assert response.url == url("detail", project.code)
    assert stage_of(project) == "lost"


@pytest.mark.parametrize("bad", ["won", "", "ACTIVE"])
def test_an_unknown_stage_changes_nothing(alice_client, project, bad):
    response = alice_client.post(url("move", project.code), {"stage": bad}, follow=True)

    assert "That is not a stage." in html(response)
    assert stage_of(project) == "lead"
    assert project.stage_changes.count() == 1


def test_htmx_move_returns_the_board_with_the_card_moved(alice_client, project):
    response = alice_client.post(url("move", project.code), {"stage": "proposal"}, **HX)

    assert is_fragment(response)
    page = html(response)
    column = find_one(page, "section", **{"data-column": "proposal"})
    assert "Shop rewrite" in column.clean_text
    note = find_one(page, "p", role="status").clean_text
    assert note == "Moved Shop rewrite (Acme) to Proposal sent."


def test_htmx_move_to_the_same_stage_says_already_there(alice_client, project):
    response = alice_client.post(url("move", project.code), {"stage": "lead"}, **HX)

    assert find_one(html(response), "p", role="status").clean_text == "Already there."
