import pytest
from django.urls import reverse

from contacts.models import Contact, Tag
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, contact_form_data, html, is_fragment, login_url_for

pytestmark = pytest.mark.django_db


def edit_url(contact: Contact) -> str:
    return reverse("contacts:edit", args=[contact.code])


def detail_url(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code])


@pytest.fixture
def ada(alice) -> Contact:
    return make_contact(alice, name="Ada Lovelace", company="Analytical Engines", tags=["Python"])


def test_edit_form_is_filled_in_with_the_contact(alice_client, ada):
    make_contact(ada.owner, name="Other", tags=["Django"])
    ada.tags.add(make_tag(ada.owner, "Django"))

    response = alice_client.get(edit_url(ada))

    assert response.status_code == 200
    page = html(response)
    assert "Edit Ada Lovelace" in page
    assert 'value="Ada Lovelace"' in page
    assert 'value="Analytical Engines"' in page
    assert 'name="tag_names" value="Django, Python"' in page
    assert f'action="{edit_url(ada)}"' in page


def test_saving_changes_updates_the_contact(alice_client, ada):
    response = alice_client.post(
        edit_url(ada),
        contact_form_data(
            name="Ada King", company="Babbage & Co", tag_names="Python, Math", status="passive"
        ),
    )

    assert response.status_code == 302
    assert response.url == detail_url(ada)
    ada.refresh_from_db()
    assert ada.name == "Ada King"
    assert ada.company == "Babbage & Co"
    assert ada.status == Contact.Status.PASSIVE
    assert sorted(ada.tags.values_list("name", flat=True)) == ["Math", "Python"]


def test_success_message_appears_after_saving(alice_client, ada):
    response = alice_client.post(edit_url(ada), contact_form_data(name="Ada King"), follow=True)

    assert "Saved changes to Ada King." in html(response)


def test_clearing_the_tags_keeps_the_tags_themselves(alice_client, ada):
    alice_client.post(edit_url(ada), contact_form_data(name="Ada Lovelace", tag_names=""))

    assert ada.tags.count() == 0
    assert Tag.objects.for_owner(ada.owner).filter(name="Python").exists()


def test_outsider_cannot_see_the_edit_form(charlie_client, ada):
    response = charlie_client.get(edit_url(ada))

    assert response.status_code == 404
    assert "Analytical Engines" not in html(response)


def test_outsider_cannot_change_the_contact(charlie_client, ada, charlie):
    response = charlie_client.post(
        edit_url(ada), contact_form_data(name="Hacked", tag_names="Pwned")
    )

    assert response.status_code == 404
    ada.refresh_from_db()
    assert ada.name == "Ada Lovelace"
    assert ada.owner.username == "alice"
    assert list(ada.tags.values_list("name", flat=True)) == ["Python"]
    assert not Tag.objects.filter(name="Pwned").exists()


def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, ada):
    response = client.post(edit_url(ada), contact_form_data(name="Hacked"))

    assert response.status_code == 302
    assert response.url == login_url_for(edit_url(ada))
    ada.refresh_from_db()
    assert ada.name == "Ada Lovelace"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_edit_answers_only_get_and_post(alice_client, ada, method):
    assert getattr(alice_client, method)(edit_url(ada)).status_code == 405
    assert Contact.objects.filter(pk=ada.pk).exists()


def test_invalid_changes_are_not_saved(alice_client, ada):
    response = alice_client.post(
        edit_url(ada), contact_form_data(name="Ada King", linkedin_url="https://example.com/ada")
    )

    assert response.status_code == 200
    assert "Enter a LinkedIn address" in html(response)
    assert 'value="Ada King"' in html(response)  # what was typed is kept
    ada.refresh_from_db()
    assert ada.name == "Ada Lovelace"


def test_htmx_get_returns_the_form_only(alice_client, ada):
    response = alice_client.get(edit_url(ada), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert 'value="Ada Lovelace"' in html(response)


def test_htmx_invalid_post_returns_the_form_with_errors(alice_client, ada):
    response = alice_client.post(
        edit_url(ada), contact_form_data(name="Ada King", follow_up_days="0"), **HX
    )

    assert response.status_code == 200
    assert is_fragment(response)
    assert 'id="contact-form"' in html(response)
    assert "Ensure this value is greater than or equal to 1." in html(response)
    assert "HX-Redirect" not in response.headers
    ada.refresh_from_db()
    assert ada.name == "Ada Lovelace"


def test_htmx_valid_post_sends_the_browser_to_the_contact(alice_client, ada):
    response = alice_client.post(edit_url(ada), contact_form_data(name="Ada King"), **HX)

    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == detail_url(ada)
    ada.refresh_from_db()
    assert ada.name == "Ada King"
    assert "Saved changes to Ada King." in html(alice_client.get(detail_url(ada)))
