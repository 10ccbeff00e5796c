import pytest
from django.urls import reverse

from tests.contacts.conftest import html, login_url_for
from tests.search.conftest import person

pytestmark = pytest.mark.django_db
URL = reverse("search:page")


def test_finds_people_with_reasons_and_links(alice_client, alice):
    ada = person(alice, "Ada Lovelace", tags=["Rust"])
    page = html(alice_client.get(URL, {"q": "rus"}))
    assert "Ada Lovelace" in page and "tagged Rust" in page
    assert reverse("contacts:detail", args=[ada.code]) in page
    assert 'id="header-search"' in page


def test_empty_and_no_results(alice_client, alice):
    assert "Type a technology" in html(alice_client.get(URL))
    assert "No one matches “cobol”." in html(alice_client.get(URL, {"q": "cobol"}))


def test_outsider_sees_none_of_alices_people(charlie_client, alice):
    person(alice, "Ada Lovelace", tags=["Rust"])
    page = html(charlie_client.get(URL, {"q": "rust"}))
    assert "Ada Lovelace" not in page and "No one matches" in page


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL, {"q": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(login_url_for(URL).split("?")[0])


def test_wrong_method(alice_client):
    assert alice_client.post(URL).status_code == 405


def test_htmx_gets_the_results_only(alice_client, alice):
    person(alice, "Ada Lovelace", tags=["Rust"])
    page = html(alice_client.get(URL, {"q": "rust"}, HTTP_HX_REQUEST="true"))
    assert "Ada Lovelace" in page and "<html" not in page and 'id="header-search"' not in page


def test_a_long_query_is_cut_not_refused(alice_client):
    assert alice_client.get(URL, {"q": "x" * 5000}).status_code == 200
