import pytest
from django.urls import reverse

from contacts.models import Contact, Tag
from tests.conftest import make_contact
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

pytestmark = pytest.mark.django_db

LIST_URL = reverse("contacts:list")


def delete_url(contact: Contact) -> str:
    return reverse("contacts:delete", args=[contact.code])


def test_delete_asks_for_confirmation_first(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(delete_url(ada))

    assert response.status_code == 200
    page = html(response)
    assert "Delete Ada Lovelace?" in page
    assert "Archive instead" in page
    assert f'<form method="post" action="{delete_url(ada)}"' in page
    assert (
        f'href="{reverse("contacts:detail", args=[ada.code])}" class="btn btn-ghost">Cancel' in page
    )
    assert Contact.objects.filter(pk=ada.pk).exists()


def test_confirming_deletes_the_contact_but_not_its_tags(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", tags=["Python"])

    response = alice_client.post(delete_url(ada))

    assert response.status_code == 302
    assert response.url == LIST_URL
    assert not Contact.objects.filter(pk=ada.pk).exists()
    assert Tag.objects.filter(owner=alice, name="Python").exists()
    assert alice_client.get(reverse("contacts:detail", args=[ada.code])).status_code == 404


def test_success_message_appears_after_deleting(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.post(delete_url(ada), follow=True)

    assert "Deleted Ada Lovelace." in html(response)


def test_outsider_cannot_see_or_delete(charlie_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    assert charlie_client.get(delete_url(ada)).status_code == 404
    assert charlie_client.post(delete_url(ada)).status_code == 404
    assert Contact.objects.filter(pk=ada.pk).exists()


def test_anonymous_visitor_is_sent_to_login_and_nothing_is_deleted(client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = client.post(delete_url(ada))

    assert response.status_code == 302
    assert response.url == login_url_for(delete_url(ada))
    assert Contact.objects.filter(pk=ada.pk).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_delete_answers_only_get_and_post(alice_client, alice, method):
    ada = make_contact(alice, name="Ada Lovelace")

    assert getattr(alice_client, method)(delete_url(ada)).status_code == 405
    assert Contact.objects.filter(pk=ada.pk).exists()


def test_htmx_get_returns_the_confirmation_only(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(delete_url(ada), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert html(response).strip().startswith('<section class="card bg-base-100 shadow max-w-xl"')
    assert "Delete Ada Lovelace?" in html(response)


def test_htmx_post_deletes_and_sends_the_browser_to_the_list(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")

    response = alice_client.post(delete_url(ada), **HX)

    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == LIST_URL
    assert not Contact.objects.filter(pk=ada.pk).exists()
    assert "Deleted Ada Lovelace." in html(alice_client.get(LIST_URL))
