"""The contacts list's search box: the full-text search, ranked, each row saying why."""

import pytest
from django.urls import reverse

from tests.contacts.conftest import html
from tests.search.conftest import person

pytestmark = pytest.mark.django_db
LIST_URL = reverse("contacts:list")


def test_contacts_list_search_ranks_and_explains(alice_client, alice):
    person(alice, "Zed Plain", notes="once said elixir")
    person(alice, "Amy Tagged", tags=["Elixir"])
    page = html(alice_client.get(LIST_URL, {"q": "elixir"}))
    assert page.index("Amy Tagged") < page.index("Zed Plain")
    assert "tagged Elixir" in page and "notes: once said elixir" in page
    by_name = html(alice_client.get(LIST_URL, {"q": "elixir", "sort": "name"}))
    assert by_name.index("Amy Tagged") < by_name.index("Zed Plain")
    assert "Amy Tagged" not in html(alice_client.get(LIST_URL, {"q": "elixir", "vip": "yes"}))


def test_htmx_rows_carry_the_reasons_too(alice_client, alice):
    person(alice, "Amy Tagged", tags=["Elixir"])
    page = html(alice_client.get(LIST_URL, {"q": "elix"}, HTTP_HX_REQUEST="true"))
    assert "tagged Elixir" in page and "<html" not in page


def test_a_search_with_no_match_shows_nobody(alice_client, alice):
    person(alice, "Amy Tagged", tags=["Elixir"])
    assert "Amy Tagged" not in html(alice_client.get(LIST_URL, {"q": "cobol"}))
