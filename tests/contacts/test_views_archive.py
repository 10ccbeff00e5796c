import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import make_contact
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

pytestmark = pytest.mark.django_db

LIST_URL = reverse("contacts:list")


def archive_url(contact: Contact) -> str:
    return reverse("contacts:archive", args=[contact.code])


def is_archived(contact: Contact) -> bool:
    contact.refresh_from_db()
    return contact.is_archived


def test_archiving_hides_the_contact_and_says_so(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.post(archive_url(ada))

    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[ada.code])
    assert is_archived(ada)
    assert "Archived Ada Lovelace." in html(alice_client.get(response.url))
    assert "Ada Lovelace" not in html(alice_client.get(LIST_URL))
    assert "Ada Lovelace" in html(alice_client.get(LIST_URL, {"archived": "yes"}))


def test_restoring_brings_the_contact_back(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", is_archived=True)

    response = alice_client.post(archive_url(ada), {"archived": "0"}, follow=True)

    assert not is_archived(ada)
    assert "Restored Ada Lovelace." in html(response)
    assert "Ada Lovelace" in html(alice_client.get(LIST_URL))


def test_archive_and_restore_toggle_back_and_forth(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    alice_client.post(archive_url(ada), {"archived": "1"})
    assert is_archived(ada)
    alice_client.post(archive_url(ada), {"archived": "0"})
    assert not is_archived(ada)


def test_outsider_cannot_archive(charlie_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = charlie_client.post(archive_url(ada))

    assert response.status_code == 404
    assert not is_archived(ada)


def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = client.post(archive_url(ada))

    assert response.status_code == 302
    assert response.url == login_url_for(archive_url(ada))
    assert not is_archived(ada)


def test_archive_is_post_only(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(archive_url(ada))

    assert response.status_code == 405
    assert not is_archived(ada)


def test_htmx_archive_swaps_just_the_table_row(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", tags=["Python"])

    response = alice_client.post(archive_url(ada), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    page = html(response).strip()
    assert page.startswith("<tr>") and f'value="{ada.code}"' in page
    assert page.endswith("</tr>")
    assert ">Archived</span>" in page
    assert ">Restore</button>" in page
    assert ">Python</li>" in page
    assert is_archived(ada)


def test_htmx_restore_row_offers_archive_again(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", is_archived=True)

    response = alice_client.post(archive_url(ada), {"archived": "0"}, **HX)

    assert ">Archived</span>" not in html(response)
    assert ">Archive</button>" in html(response)
    assert not is_archived(ada)
