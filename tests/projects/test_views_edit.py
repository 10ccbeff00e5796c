"""Editing a project: its stage change is recorded, its technologies replaced."""

import pytest

from tests.conftest import make_tag
from tests.projects.conftest import HX, html, is_fragment, url

pytestmark = pytest.mark.django_db


def test_edit_saves_and_records_the_stage(alice_client, alice, project):
    tag = make_tag(alice, "Go", kind="technology")
    data = {"title": "Shop 2", "stage": "active", "pricing": "hourly", "rate": "90"}

    response = alice_client.post(
        url("edit", project.code), {**data, "currency": "eur", "technologies": [tag.pk]}
    )

    project.refresh_from_db()
    assert response.url == url("detail", project.code)
    assert (project.title, project.stage, project.currency) == ("Shop 2", "active", "EUR")
    assert list(project.technologies.all()) == [tag]
    assert project.stage_changes.last().from_stage == "lead"


def test_the_form_shows_the_current_values(alice_client, project):
    page = html(alice_client.get(url("edit", project.code)))

    assert 'value="Shop rewrite"' in page
    assert "Edit Shop rewrite (Acme)" in page


def test_htmx_gets_the_form_fragment(alice_client, project):
    response = alice_client.get(url("edit", project.code), **HX)

    assert is_fragment(response)
    assert 'id="project-form"' in html(response)
