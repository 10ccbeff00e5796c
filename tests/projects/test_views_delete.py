"""Deleting a project, after a confirmation that says what goes with it."""

import pytest

from projects.models import Milestone, Project
from tests.projects.conftest import HX, html, is_fragment, make_milestone, url

pytestmark = pytest.mark.django_db


def test_confirmation_explains_what_goes(alice_client, project):
    page = html(alice_client.get(url("delete", project.code)))

    assert "Delete Shop rewrite (Acme)?" in page
    assert "milestones, payments, logged time" in page


def test_delete_removes_it_with_its_milestones(alice_client, project):
    make_milestone(project)

    response = alice_client.post(url("delete", project.code))

    assert response.url == url("board")
    assert not Project.objects.exists() and not Milestone.objects.exists()


def test_htmx_gets_the_confirmation_fragment(alice_client, project):
    response = alice_client.get(url("delete", project.code), **HX)

    assert is_fragment(response)
    assert 'id="confirm-delete"' in html(response)
