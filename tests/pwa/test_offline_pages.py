"""The pages the service worker keeps are the same for everyone: nothing of whoever is signed
in, since the next person on the same phone gets them from the worker's cache."""

import pytest

from pwa.account import account_marker
from tests.conftest import make_contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/offline/", "/capture/"])
def test_the_kept_pages_show_nothing_of_the_signed_in_user(client, alice, url):
    make_contact(alice, name="Ada Lovelace")
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    client.force_login(alice)
    signed_in = client.get(url)
    assert signed_in.content == anonymous.content
    body = signed_in.content.decode()
    for private in ("alice", "Ada Lovelace", "csrfmiddlewaretoken", account_marker(alice)):
        assert private not in body
    assert 'name="devhub-account"' not in body  # a shell does not say who is signed in


def test_the_capture_page_has_both_forms_labelled(client):
    body = client.get("/capture/").content.decode()
    for label in ('for="capture-contact-name"', 'for="capture-type"', 'for="capture-name"'):
        assert label in body
    assert "Coffee chat" in body and "<noscript>" in body


def test_normal_pages_say_which_account_is_signed_in(client, alice, charlie):
    assert (
        '<meta name="devhub-account" content="">' in client.get("/accounts/login/").content.decode()
    )
    client.force_login(alice)
    body = client.get("/contacts/").content.decode()
    assert f'<meta name="devhub-account" content="{account_marker(alice)}">' in body
    assert account_marker(alice) != account_marker(charlie)


def test_wrong_method(client):
    assert client.post("/offline/").status_code == 405
    assert client.post("/capture/").status_code == 405
    assert client.post("/manifest.webmanifest").status_code == 405


def test_logging_out_tells_the_browser_to_empty_its_cache(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'
