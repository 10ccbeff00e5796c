"""Adding a project collaboration to a VIP."""

import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import make_contact
from tests.vip.conftest import (
    HX,
    detail_url,
    find_all,
    find_one,
    html,
    is_fragment,
    login_url_for,
    make_project,
    make_vip,
    project_data,
)
from vip.models import ProjectCollaboration

pytestmark = pytest.mark.django_db


def create_url(contact: Contact) -> str:
    return reverse("vip:project_create", args=[contact.code])


def projects_url(contact: Contact) -> str:
    return f"{detail_url(contact)}#vip-projects"


@pytest.fixture
def grace(alice) -> Contact:
    return make_vip(alice, name="Grace Hopper")


def test_contact_page_links_to_adding_a_project(alice_client, grace):
    section = find_one(html(alice_client.get(detail_url(grace))), "section", id="vip-projects")

    link = find_one(section.descendants(), "a", href=create_url(grace))
    assert link.clean_text == "Add project"


def test_get_shows_an_empty_form_page(alice_client, grace):
    response = alice_client.get(create_url(grace))

    assert response.status_code == 200
    page = html(response)
    assert "<html" in page
    assert find_one(page, "h1").clean_text == "A project with Grace Hopper"
    form = find_one(page, "form", id="project-form")
    assert form.get("action") == create_url(grace)
    assert find_one(page, "input", name="title").get("value") == ""
    assert find_one(page, "input", name="started_on").get("type") == "date"
    cancel = find_one(form.descendants(), "a", href=projects_url(grace))
    assert cancel.clean_text == "Cancel"
    assert not [a for a in find_all(page, "a") if a.clean_text == "Delete"]


def test_htmx_get_returns_only_the_form(alice_client, grace):
    response = alice_client.get(create_url(grace), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert html(response).strip().startswith('<form id="project-form"')


def test_post_adds_the_project_and_shows_it_on_the_contact_page(alice_client, grace):
    response = alice_client.post(create_url(grace), project_data())

    assert response.status_code == 302
    assert response.url == projects_url(grace)
    project = ProjectCollaboration.objects.get()
    assert project.contact == grace
    assert project.title == "Difference Engine"
    assert (project.started_on, project.ended_on) == (dt.date(2025, 2, 1), dt.date(2025, 11, 30))
    page = html(alice_client.get(detail_url(grace)))
    assert "Added the project “Difference Engine”." in page
    section = find_one(page, "section", id="vip-projects")
    link = find_one(section.descendants(), "a", href="https://example.com/difference")
    assert link.clean_text == "Difference Engine"
    assert "Feb 2025 – Nov 2025" in section.clean_text  # noqa: RUF001
    assert "Built the printer together" in section.clean_text
    assert "No projects yet" not in section.clean_text


def test_a_project_still_running_shows_now(alice_client, grace):
    alice_client.post(create_url(grace), project_data(ended_on="", link=""))

    section = find_one(html(alice_client.get(detail_url(grace))), "section", id="vip-projects")
    assert "Feb 2025 – now" in section.clean_text  # noqa: RUF001
    assert not find_all(section.descendants(), "a", href="")


def test_several_projects_per_contact(alice_client, grace):
    make_project(grace, title="COBOL", started_on=dt.date(1959, 1, 1))

    alice_client.post(create_url(grace), project_data())

    section = find_one(html(alice_client.get(detail_url(grace))), "section", id="vip-projects")
    assert section.clean_text.index("Difference Engine") < section.clean_text.index("COBOL")
    assert grace.vip_projects.count() == 2


def test_htmx_post_sends_the_browser_to_the_projects_section(alice_client, grace):
    response = alice_client.post(create_url(grace), project_data(), **HX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == projects_url(grace)
    assert ProjectCollaboration.objects.filter(contact=grace).count() == 1


def test_end_before_start_is_rejected_and_the_typed_values_stay(alice_client, grace):
    data = project_data(started_on="2025-06-01", ended_on="2025-05-01")

    response = alice_client.post(create_url(grace), data)

    assert response.status_code == 200
    page = html(response)
    error = find_one(page, "ul", id="id_ended_on_error").clean_text
    assert error == "The end cannot be before the start."
    assert find_one(page, "input", name="title").get("value") == "Difference Engine"
    assert find_one(page, "input", name="started_on").get("value") == "2025-06-01"
    notes = find_one(page, "textarea", name="what_we_did").text.strip()
    assert notes == "Built the printer together"
    assert not ProjectCollaboration.objects.exists()


def test_invalid_htmx_post_returns_the_form_with_errors(alice_client, grace):
    response = alice_client.post(
        create_url(grace), project_data(title="", link="javascript:alert(1)"), **HX
    )

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response)
    assert find_one(page, "ul", id="id_title_error")
    assert find_one(page, "ul", id="id_link_error")
    assert find_one(page, "input", name="link").get("value") == "javascript:alert(1)"
    assert "HX-Redirect" not in response
    assert not ProjectCollaboration.objects.exists()


def test_a_non_vip_gets_no_projects(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    assert alice_client.get(create_url(ada)).status_code == 404
    assert alice_client.post(create_url(ada), project_data()).status_code == 404
    assert not ProjectCollaboration.objects.exists()


def test_outsider_cannot_add_a_project(charlie_client, grace):
    assert charlie_client.get(create_url(grace), **HX).status_code == 404
    assert charlie_client.post(create_url(grace), project_data()).status_code == 404
    assert charlie_client.post(create_url(grace), project_data(), **HX).status_code == 404
    assert not ProjectCollaboration.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, grace, method):
    data = project_data() if method == "post" else {}

    response = getattr(client, method)(create_url(grace), data)

    assert response.status_code == 302
    assert response.url == login_url_for(create_url(grace))
    assert not ProjectCollaboration.objects.exists()


def test_other_methods_are_not_allowed(alice_client, grace):
    assert alice_client.put(create_url(grace)).status_code == 405
    assert alice_client.delete(create_url(grace)).status_code == 405
