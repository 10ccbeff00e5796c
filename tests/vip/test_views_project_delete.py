"""Deleting a project collaboration: a confirmation page, then POST."""

import pytest
from django.urls import reverse

from tests.vip.conftest import (
    HX,
    detail_url,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_project,
)
from vip.models import ProjectCollaboration

pytestmark = pytest.mark.django_db


def delete_url(project: ProjectCollaboration) -> str:
    return reverse("vip:project_delete", args=[project.code])


@pytest.fixture
def project(ada) -> ProjectCollaboration:
    return ada.vip_projects.get()


def exists(project: ProjectCollaboration) -> bool:
    return ProjectCollaboration.objects.filter(pk=project.pk).exists()


def test_get_asks_for_confirmation(alice_client, ada, project):
    response = alice_client.get(delete_url(project))

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert find_one(page, "h1").clean_text == "Delete the project “Bernoulli numbers”?"
    confirm = find_one(page, "section", id="confirm-delete")
    assert "It is removed from Ada Lovelace's projects." in confirm.clean_text
    form = find_one(confirm.descendants(), "form")
    assert form.get("method") == "post"
    assert form.get("action") == delete_url(project)
    cancel = find_one(form.descendants(), "a")
    assert cancel.get("href") == f"{detail_url(ada)}#vip-projects"
    assert exists(project)


def test_htmx_get_returns_only_the_confirmation(alice_client, project):
    response = alice_client.get(delete_url(project), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="confirm-delete"' in html(response)
    assert exists(project)


def test_post_deletes_only_this_project(alice_client, ada, project):
    other = make_project(ada, title="Analytical notes")

    response = alice_client.post(delete_url(project))

    assert response.status_code == 302
    assert response.url == f"{detail_url(ada)}#vip-projects"
    assert not exists(project)
    assert exists(other)
    page = html(alice_client.get(detail_url(ada)))
    assert "Deleted the project “Bernoulli numbers”." in page
    section = find_one(page, "section", id="vip-projects").clean_text
    assert "Bernoulli numbers" not in section
    assert "Analytical notes" in section


def test_deleting_the_last_project_shows_the_empty_state(alice_client, ada, project):
    alice_client.post(delete_url(project))

    section = find_one(html(alice_client.get(detail_url(ada))), "section", id="vip-projects")
    assert "No projects yet" in section.clean_text


def test_htmx_post_sends_the_browser_to_the_projects_section(alice_client, ada, project):
    response = alice_client.post(delete_url(project), **HX)

    assert response["HX-Redirect"] == f"{detail_url(ada)}#vip-projects"
    assert not exists(project)


def test_deleting_twice_is_404(alice_client, project):
    alice_client.post(delete_url(project))

    assert alice_client.post(delete_url(project)).status_code == 404


def test_outsider_cannot_see_or_delete_a_project(charlie_client, project):
    get = charlie_client.get(delete_url(project))
    post = charlie_client.post(delete_url(project))
    htmx_post = charlie_client.post(delete_url(project), **HX)

    assert (get.status_code, post.status_code, htmx_post.status_code) == (404, 404, 404)
    assert "Bernoulli" not in html(get)
    assert exists(project)


def test_an_unmarked_vips_projects_cannot_be_deleted(alice_client, ada, project):
    ada.is_vip = False
    ada.save()

    assert alice_client.post(delete_url(project)).status_code == 404
    assert exists(project)


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, project, method):
    response = getattr(client, method)(delete_url(project))

    assert response.status_code == 302
    assert response.url == login_url_for(delete_url(project))
    assert exists(project)


def test_other_methods_are_not_allowed(alice_client, project):
    assert alice_client.delete(delete_url(project)).status_code == 405
    assert alice_client.put(delete_url(project)).status_code == 405
    assert exists(project)
