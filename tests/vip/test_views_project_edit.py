"""Editing a project collaboration."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.vip.conftest import (
    HX,
    detail_url,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    project_data,
)
from vip.models import ProjectCollaboration

pytestmark = pytest.mark.django_db


def edit_url(project: ProjectCollaboration) -> str:
    return reverse("vip:project_edit", args=[project.code])


@pytest.fixture
def project(ada) -> ProjectCollaboration:
    return ada.vip_projects.get()


def projects_url(project: ProjectCollaboration) -> str:
    return f"{detail_url(project.contact)}#vip-projects"


def unchanged(project: ProjectCollaboration) -> bool:
    fresh = ProjectCollaboration.objects.get(pk=project.pk)
    return (fresh.title, fresh.started_on, fresh.ended_on, fresh.link) == (
        "Bernoulli numbers",
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 30),
        "https://example.com/bernoulli",
    )


def test_contact_page_links_to_editing_each_project(alice_client, ada, project):
    section = find_one(html(alice_client.get(detail_url(ada))), "section", id="vip-projects")

    link = find_one(section.descendants(), "a", href=edit_url(project))
    assert link.clean_text == "Edit Bernoulli numbers"


def test_get_shows_the_form_with_the_stored_values(alice_client, project):
    response = alice_client.get(edit_url(project))

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert find_one(page, "h1").clean_text == "Edit “Bernoulli numbers”"
    assert find_one(page, "form", id="project-form").get("action") == edit_url(project)
    assert find_one(page, "input", name="title").get("value") == "Bernoulli numbers"
    assert find_one(page, "input", name="started_on").get("value") == "2024-01-01"
    assert find_one(page, "input", name="ended_on").get("value") == "2024-06-30"
    assert find_one(page, "input", name="link").get("value") == "https://example.com/bernoulli"
    delete = find_one(page, "a", href=reverse("vip:project_delete", args=[project.code]))
    assert delete.clean_text == "Delete"


def test_htmx_get_returns_only_the_form(alice_client, project):
    response = alice_client.get(edit_url(project), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert html(response).strip().startswith('<form id="project-form"')


def test_post_saves_and_returns_to_the_projects_section(alice_client, ada, project):
    response = alice_client.post(edit_url(project), project_data(title="Bernoulli, revised"))

    assert response.status_code == 302
    assert response.url == projects_url(project)
    project.refresh_from_db()
    assert project.title == "Bernoulli, revised"
    assert project.started_on == dt.date(2025, 2, 1)
    assert project.contact == ada
    page = html(alice_client.get(detail_url(ada)))
    assert "Saved the project “Bernoulli, revised”." in page
    section = find_one(page, "section", id="vip-projects").clean_text
    assert "Bernoulli, revised" in section
    assert "Built the printer together" in section


def test_htmx_post_sends_the_browser_to_the_projects_section(alice_client, project):
    response = alice_client.post(edit_url(project), project_data(), **HX)

    assert response["HX-Redirect"] == projects_url(project)
    project.refresh_from_db()
    assert project.title == "Difference Engine"


def test_invalid_post_keeps_the_typed_values_and_the_stored_project(alice_client, project):
    data = project_data(title="Typed title", started_on="2025-06-01", ended_on="2025-05-01")

    response = alice_client.post(edit_url(project), data)

    assert response.status_code == 200
    page = html(response)
    assert "The end cannot be before the start." in page
    assert find_one(page, "input", name="title").get("value") == "Typed title"
    assert find_one(page, "input", name="ended_on").get("value") == "2025-05-01"
    assert find_one(page, "h1").clean_text == "Edit “Bernoulli numbers”"
    assert unchanged(project)


def test_invalid_htmx_post_returns_the_form_fragment(alice_client, project):
    response = alice_client.post(edit_url(project), project_data(link="ftp://x.example/"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert find_one(html(response), "ul", id="id_link_error")
    assert unchanged(project)


def test_outsider_cannot_see_or_change_a_project(charlie_client, project):
    get = charlie_client.get(edit_url(project))
    post = charlie_client.post(edit_url(project), project_data())
    htmx_post = charlie_client.post(edit_url(project), project_data(), **HX)

    assert (get.status_code, post.status_code, htmx_post.status_code) == (404, 404, 404)
    assert "Bernoulli" not in html(get)
    assert unchanged(project)


def test_an_unmarked_vips_projects_are_hidden_but_kept(alice_client, ada, project):
    ada.is_vip = False
    ada.save()

    assert alice_client.get(edit_url(project)).status_code == 404
    assert alice_client.post(edit_url(project), project_data()).status_code == 404
    assert unchanged(project)
    assert not find_all(html(alice_client.get(detail_url(ada))), "section", id="vip-projects")


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, project, method):
    data = project_data() if method == "post" else {}

    response = getattr(client, method)(edit_url(project), data)

    assert response.status_code == 302
    assert response.url == login_url_for(edit_url(project))
    assert unchanged(project)


def test_other_methods_are_not_allowed(alice_client, project):
    assert alice_client.put(edit_url(project)).status_code == 405
    assert alice_client.delete(edit_url(project)).status_code == 405
    assert unchanged(project)
