"""Adding a project (the same form edits one)."""

import pytest

from projects.models import Project
from tests.conftest import make_tag
from tests.devhub.conftest import find_all
from tests.projects.conftest import HX, html, is_fragment, url

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "title": "API",
        "client": "Globex",
        "stage": "proposal",
        "pricing": "daily",
        "rate": "600",
        "currency": " usd ",
        "starts_on": "2026-04-01",
        "ends_on": "2026-06-30",
        "links": "https://example.com/spec\n\n https://example.com/board ",
    }
    return {**data, **overrides}


def test_a_new_project_with_its_first_stage(alice_client, alice, frozen_clock):
    django = make_tag(alice, "Django", kind="technology")

    response = alice_client.post(url("create"), form_data(technologies=[django.pk]))

    project = Project.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", project.code)
    assert (project.owner, project.currency, project.stage) == (alice, "USD", "proposal")
    assert project.link_list == ["https://example.com/spec", "https://example.com/board"]
    assert list(project.technologies.all()) == [django]
    assert list(project.stage_changes.values_list("to_stage", flat=True)) == ["proposal"]
    assert "Added API (Globex)." in html(alice_client.get(response.url))


def test_only_the_owners_technology_tags_are_offered(alice_client, alice, charlie):
    make_tag(alice, "Django", kind="technology")
    make_tag(alice, "Fintech", kind="industry")
    make_tag(charlie, "Rust", kind="technology")

    page = html(alice_client.get(url("create")))

    boxes = find_all(page, "input", name="technologies")
    assert [b.get("type") for b in boxes] == ["checkbox"]
    assert "Django" in page
    assert "Fintech" not in page and "Rust" not in page


def test_someone_elses_tag_is_refused(alice_client, charlie):
    rust = make_tag(charlie, "Rust", kind="technology")

    response = alice_client.post(url("create"), form_data(technologies=[rust.pk]))

    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("ends_on", "2026-03-01", "The end date cannot be before the start date."),
        ("currency", "€€", "Use a three-letter currency code such as EUR or USD."),
        ("rate", "-5", "The rate cannot be negative."),
        ("rate", "99999999999", "no more than 10 digits before the decimal point"),
        ("title", "", "This field is required."),
        ("links", "javascript:alert(1)", "is not a web address"),
    ],
)
def test_bad_input_is_explained_and_kept(alice_client, field, value, message):
    response = alice_client.post(url("create"), form_data(**{field: value}))

    page = html(response)
    assert response.status_code == 200
    assert message in page
    assert "nothing you typed is lost" in page
    assert 'value="Globex"' in page
    assert not Project.objects.exists()


def test_htmx_gets_the_form_fragment_back_when_invalid(alice_client):
    response = alice_client.post(url("create"), form_data(title=""), **HX)

    assert is_fragment(response)
    assert html(response).lstrip().startswith('<form id="project-form"')


def test_htmx_success_redirects_on_the_client(alice_client):
    response = alice_client.post(url("create"), form_data(), **HX)

    assert response.headers["HX-Redirect"] == url("detail", Project.objects.get().code)
