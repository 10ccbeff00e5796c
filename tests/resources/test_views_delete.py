"""Deleting a shared resource, after a confirmation step."""

import pytest
from django.urls import reverse

from resources.models import SharedResource
from tests.devhub.conftest import find_one
from tests.resources.conftest import HX, html, is_fragment, login_url_for, make_resource

pytestmark = pytest.mark.django_db


def delete_url(resource: SharedResource) -> str:
    return reverse("resources:delete", args=[resource.code])


@pytest.fixture
def book(ada) -> SharedResource:
    return make_resource(ada, title="The Rust Book")


def test_get_asks_for_confirmation(alice_client, book, ada):
    response = alice_client.get(delete_url(book))

    assert response.status_code == 200
    page = html(response)
    assert "Delete “The Rust Book”?" in page
    assert "removed from Ada Lovelace&#x27;s shared resources" in page
    find_one(page, "form", method="post", action=delete_url(book))
    assert SharedResource.objects.filter(pk=book.pk).exists()


def test_confirming_deletes_and_goes_back_to_the_contact(alice_client, book, ada):
    response = alice_client.post(delete_url(book))

    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[ada.code]) + "#resources"
    assert not SharedResource.objects.filter(pk=book.pk).exists()
    page = html(alice_client.get(response.url))
    assert "Deleted “The Rust Book”." in page
    assert "Nothing shared yet" in find_one(page, "section", id="resources").text


def test_htmx_delete_sends_the_browser_to_the_contact(alice_client, book, ada):
    response = alice_client.post(delete_url(book), **HX)

    assert (
        response.headers["HX-Redirect"]
        == reverse("contacts:detail", args=[ada.code]) + "#resources"
    )
    assert not SharedResource.objects.exists()


def test_htmx_get_returns_the_confirmation_only(alice_client, book):
    response = alice_client.get(delete_url(book), **HX)

    assert is_fragment(response)
    assert "Delete “The Rust Book”?" in html(response)


def test_outsider_gets_404_and_nothing_is_deleted(charlie_client, book):
    assert charlie_client.get(delete_url(book)).status_code == 404
    assert charlie_client.post(delete_url(book)).status_code == 404
    assert SharedResource.objects.filter(pk=book.pk).exists()


def test_anonymous_visitor_is_sent_to_login(client, book):
    response = client.post(delete_url(book))

    assert response.status_code == 302
    assert response.url == login_url_for(delete_url(book))
    assert SharedResource.objects.filter(pk=book.pk).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_delete_answers_only_get_and_post(alice_client, book, method):
    assert getattr(alice_client, method)(delete_url(book)).status_code == 405
    assert SharedResource.objects.filter(pk=book.pk).exists()
