import pytest
from django.urls import reverse

from contacts.models import Contact, Tag
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

pytestmark = pytest.mark.django_db

TAGS_URL = reverse("contacts:tags")


def delete_url(tag: Tag) -> str:
    return reverse("contacts:tag_delete", args=[tag.code])


@pytest.fixture
def python(alice) -> Tag:
    tag = make_tag(alice, "Python")
    make_contact(alice, name="Ada", tags=[tag, "Django"])
    make_contact(alice, name="Guido", tags=[tag])
    return tag


def test_delete_asks_for_confirmation_and_says_what_happens(alice_client, python):
    response = alice_client.get(delete_url(python))

    assert response.status_code == 200
    page = html(response)
    assert "Delete the tag “Python”?" in page
    assert "It is removed from 2 contacts; the contacts themselves are kept." in page
    assert f'href="{TAGS_URL}" class="btn btn-ghost">Cancel' in page
    assert Tag.objects.filter(pk=python.pk).exists()


def test_confirmation_for_a_tag_on_one_contact_says_contact(alice_client, alice):
    tag = make_tag(alice, "Rust")
    make_contact(alice, name="Ferris", tags=[tag])

    assert "It is removed from 1 contact;" in html(alice_client.get(delete_url(tag)))


def test_deleting_a_tag_keeps_its_contacts(alice_client, alice, python):
    response = alice_client.post(delete_url(python))

    assert response.status_code == 302
    assert response.url == TAGS_URL
    assert not Tag.objects.filter(pk=python.pk).exists()
    assert Contact.objects.for_owner(alice).count() == 2
    ada = Contact.objects.get(name="Ada")
    assert list(ada.tags.values_list("name", flat=True)) == ["Django"]


def test_success_message_appears_after_deleting(alice_client, python):
    response = alice_client.post(delete_url(python), follow=True)

    assert "Deleted tag “Python”; its contacts are kept." in html(response)


def test_outsider_cannot_see_or_delete_the_tag(charlie_client, python):
    assert charlie_client.get(delete_url(python)).status_code == 404
    assert charlie_client.post(delete_url(python)).status_code == 404
    assert Tag.objects.filter(pk=python.pk).exists()
    assert python.contacts.count() == 2


def test_anonymous_visitor_is_sent_to_login_and_nothing_is_deleted(client, python):
    response = client.post(delete_url(python))

    assert response.status_code == 302
    assert response.url == login_url_for(delete_url(python))
    assert Tag.objects.filter(pk=python.pk).exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_tag_delete_answers_only_get_and_post(alice_client, python, method):
    assert getattr(alice_client, method)(delete_url(python)).status_code == 405
    assert Tag.objects.filter(pk=python.pk).exists()


def test_htmx_get_returns_the_confirmation_only(alice_client, python):
    response = alice_client.get(delete_url(python), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="confirm-delete"' in html(response)
    assert "Delete the tag “Python”?" in html(response)


def test_htmx_post_deletes_and_sends_the_browser_to_the_tags(alice_client, python):
    response = alice_client.post(delete_url(python), **HX)

    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == TAGS_URL
    assert not Tag.objects.filter(pk=python.pk).exists()
