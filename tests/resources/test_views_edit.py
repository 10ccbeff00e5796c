"""Editing a shared resource."""

from datetime import date

import pytest
from django.urls import reverse

from resources.models import SharedResource
from tests.devhub.conftest import find_one
from tests.resources.conftest import (
    HX,
    html,
    is_fragment,
    login_url_for,
    make_resource,
    resource_form_data,
)

pytestmark = pytest.mark.django_db


def edit_url(resource: SharedResource) -> str:
    return reverse("resources:edit", args=[resource.code])


@pytest.fixture
def book(ada) -> SharedResource:
    return make_resource(
        ada,
        title="The Rust Book",
        url="https://doc.rust-lang.org/book",
        kind="book",
        tags=["Rust"],
        notes="Chapters 1-4",
    )


def test_form_is_filled_in(alice_client, book):
    response = alice_client.get(edit_url(book))

    assert response.status_code == 200
    page = html(response)
    assert "Edit “The Rust Book”" in page
    assert find_one(page, "input", name="title").get("value") == "The Rust Book"
    assert find_one(page, "input", name="url").get("value") == "https://doc.rust-lang.org/book"
    assert find_one(page, "input", name="tag_names").get("value") == "Rust"
    assert find_one(page, "input", name="shared_on").get("value") == "2026-03-10"
    assert find_one(page, "a", href=reverse("resources:delete", args=[book.code]))


def test_saving_changes_the_resource(alice_client, book, ada):
    data = resource_form_data(
        title="The Rust Programming Language",
        url="https://doc.rust-lang.org/book/",
        kind="book",
        tag_names="Rust, Books",
        shared_on="2026-03-12",
    )

    response = alice_client.post(edit_url(book), data)

    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[ada.code]) + "#resources"
    book.refresh_from_db()
    assert book.title == "The Rust Programming Language"
    assert book.shared_on == date(2026, 3, 12)
    assert sorted(t.name for t in book.tags.all()) == ["Books", "Rust"]
    assert "Saved “The Rust Programming Language”." in html(alice_client.get(response.url))


def test_keeping_the_same_url_does_not_warn_about_itself(alice_client, book):
    response = alice_client.post(edit_url(book), resource_form_data(title="Renamed"))

    assert response.status_code == 302
    book.refresh_from_db()
    assert book.title == "Renamed"


def test_changing_to_a_link_already_shared_warns(alice_client, book, ada):
    other = make_resource(
        ada, title="Talk", url="https://example.com/talk", shared_on=date(2026, 2, 1)
    )

    response = alice_client.post(
        edit_url(other), resource_form_data(title="Talk", url="https://EXAMPLE.com/book-x")
    )
    assert response.status_code == 302

    response = alice_client.post(
        edit_url(other), resource_form_data(title="Talk", url="https://doc.rust-lang.org/book/")
    )

    assert response.status_code == 200
    assert "You already shared this with Ada Lovelace on 10 Mar 2026." in html(response)
    other.refresh_from_db()
    assert other.url == "https://example.com/book-x"


def test_invalid_changes_are_not_saved(alice_client, book):
    response = alice_client.post(edit_url(book), resource_form_data(title="", kind="podcast"))

    assert response.status_code == 200
    assert "This field is required." in html(response)
    book.refresh_from_db()
    assert book.title == "The Rust Book"


def test_htmx_invalid_post_returns_the_form_only(alice_client, book):
    response = alice_client.post(edit_url(book), resource_form_data(title=""), **HX)

    assert is_fragment(response)
    assert find_one(html(response), "form", id="resource-form").get("hx-post") == edit_url(book)
    assert "This field is required." in html(response)


def test_htmx_get_returns_the_form_only(alice_client, book):
    response = alice_client.get(edit_url(book), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert 'value="The Rust Book"' in html(response)


def test_htmx_save_sends_the_browser_to_the_contact(alice_client, book, ada):
    response = alice_client.post(edit_url(book), resource_form_data(title="Renamed"), **HX)

    assert (
        response.headers["HX-Redirect"]
        == reverse("contacts:detail", args=[ada.code]) + "#resources"
    )


def test_outsider_gets_404_and_nothing_changes(charlie_client, book):
    assert charlie_client.get(edit_url(book)).status_code == 404
    response = charlie_client.post(edit_url(book), resource_form_data(title="Hacked"))

    assert response.status_code == 404
    book.refresh_from_db()
    assert book.title == "The Rust Book"


def test_anonymous_visitor_is_sent_to_login(client, book):
    response = client.post(edit_url(book), resource_form_data(title="Hacked"))

    assert response.status_code == 302
    assert response.url == login_url_for(edit_url(book))
    book.refresh_from_db()
    assert book.title == "The Rust Book"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_edit_answers_only_get_and_post(alice_client, book, method):
    assert getattr(alice_client, method)(edit_url(book)).status_code == 405
