"""Milestones: add, edit, status buttons, delete, and the warning outside the project's dates."""

from datetime import date

import pytest

from projects.models import Milestone
from tests.projects.conftest import HX, html, is_fragment, make_milestone, url

pytestmark = pytest.mark.django_db


def test_adding_a_milestone(alice_client, project):
    data = {"title": "Beta", "due_on": "2026-04-01", "status": "planned", "position": "1"}

    response = alice_client.post(url("milestone_create", project.code), data, follow=True)

    milestone = Milestone.objects.get()
    assert (milestone.title, milestone.due_on) == ("Beta", date(2026, 4, 1))
    assert "Added the milestone Beta." in html(response)
    assert "outside the project" not in html(response)


def test_a_due_date_outside_the_project_is_saved_with_a_warning(alice_client, project):
    project.ends_on = date(2026, 3, 31)
    project.save()
    data = {"title": "Late", "due_on": "2026-05-01", "status": "planned", "position": "0"}

    response = alice_client.post(url("milestone_create", project.code), data, follow=True)

    assert Milestone.objects.filter(title="Late").exists()
    assert "Late is due outside the project&#x27;s dates." in html(response)


def test_bad_input_re_renders_the_form(alice_client, project):
    data = {"title": "", "due_on": "2026-02-30", "amount": "0", "status": "x", "position": "-1"}

    response = alice_client.post(url("milestone_create", project.code), data)

    page = html(response)
    assert response.status_code == 200
    assert "Enter an amount above 0." in page
    assert "Enter a valid date." in page
    assert not Milestone.objects.exists()


def test_status_buttons_deliver_a_milestone(alice_client, project, frozen_clock):
    milestone = make_milestone(project)

    alice_client.post(url("milestone_status", milestone.code), {"status": "delivered"})

    milestone.refresh_from_db()
    assert (milestone.status, milestone.delivered_on) == ("delivered", date(2026, 3, 10))


def test_edit_and_delete(alice_client, project):
    milestone = make_milestone(project)
    data = {"title": "Prototype 2", "due_on": "2026-03-25", "status": "planned", "position": "3"}

    alice_client.post(url("milestone_edit", milestone.code), data)
    milestone.refresh_from_db()
    assert (milestone.title, milestone.position) == ("Prototype 2", 3)
    confirm = html(alice_client.get(url("milestone_delete", milestone.code)))
    assert "Delete the milestone Prototype 2?" in confirm
    alice_client.post(url("milestone_delete", milestone.code))
    assert not Milestone.objects.exists()


def test_htmx_gets_the_form_fragment(alice_client, project):
    response = alice_client.get(url("milestone_create", project.code), **HX)

    assert is_fragment(response)
    assert html(response).lstrip().startswith('<form id="item-form"')


def test_a_form_drawn_inside_the_project_page_reloads_it(alice_client, project):
    """Loaded into the project's page (HTMX), the saved form reloads that page: a redirect that
    only changes the #fragment would leave the browser where it was."""
    page = f"http://testserver{url('detail', project.code)}"
    headers = {**HX, "HTTP_HX_CURRENT_URL": page}

    response = alice_client.post(
        url("milestone_create", project.code),
        {"title": "Beta", "due_on": "2026-04-01", "status": "planned", "position": "0"},
        **headers,
    )

    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"


def test_the_form_on_its_own_page_goes_to_the_project(alice_client, project):
    headers = {
        **HX,
        "HTTP_HX_CURRENT_URL": f"http://testserver{url('milestone_create', project.code)}",
    }

    response = alice_client.post(
        url("milestone_create", project.code),
        {"title": "Beta", "due_on": "2026-04-01", "status": "planned", "position": "0"},
        **headers,
    )

    assert response["HX-Redirect"] == f"{url('detail', project.code)}#milestones"
