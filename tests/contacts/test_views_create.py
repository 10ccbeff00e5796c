import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from contacts.models import Contact, Tag
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, contact_form_data, html, is_fragment, login_url_for

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("contacts:create")
NOON_1_MARCH_2026 = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def tag_names(owner) -> list[str]:
    return list(Tag.objects.for_owner(owner).values_list("name", flat=True))


def test_form_page_offers_my_tags_as_suggestions(alice_client, alice, charlie):
    make_tag(alice, "Python")
    make_tag(charlie, "Charlies-Secret-Tag")

    response = alice_client.get(CREATE_URL)

    assert response.status_code == 200
    page = html(response)
    assert "<h1" in page and "New contact" in page
    assert f'action="{CREATE_URL}"' in page
    assert '<option value="Python"></option>' in page
    assert "Charlies-Secret-Tag" not in page


def test_creating_a_contact_saves_it_for_me_and_shows_it(alice_client, alice):
    response = alice_client.post(
        CREATE_URL,
        contact_form_data(
            name="  Ada   Lovelace ",
            email="ada@example.com",
            company="Analytical Engines",
            is_vip="on",
            follow_up_days="30",
        ),
    )

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("contacts:detail", args=[contact.code])
    assert contact.owner == alice
    assert contact.name == "Ada Lovelace"
    assert contact.company == "Analytical Engines"
    assert contact.is_vip
    assert contact.follow_up_days == 30


def test_success_message_appears_after_creating(alice_client, alice):
    response = alice_client.post(CREATE_URL, contact_form_data(name="Ada Lovelace"), follow=True)

    assert response.status_code == 200
    assert "Added Ada Lovelace." in html(response)


def test_posted_owner_is_ignored(alice_client, alice, charlie):
    alice_client.post(CREATE_URL, contact_form_data(owner=charlie.pk))

    assert Contact.objects.get().owner == alice
    assert not Contact.objects.filter(owner=charlie).exists()


def test_typed_tag_names_become_tags_without_case_duplicates(alice_client, alice):
    existing = make_tag(alice, "python")

    alice_client.post(CREATE_URL, contact_form_data(tag_names="Python, PYTHON, Django ,, django"))

    contact = Contact.objects.get()
    assert sorted(tag_names(alice)) == ["Django", "python"]
    assert set(contact.tags.all()) == {existing, Tag.objects.get(name="Django")}


def test_tag_names_never_touch_another_users_tags(charlie_client, alice, charlie):
    alices_tag = make_tag(alice, "Python")

    charlie_client.post(CREATE_URL, contact_form_data(name="Guido", tag_names="python"))

    contact = Contact.objects.get(owner=charlie)
    assert [t.owner for t in contact.tags.all()] == [charlie]
    assert alices_tag.contacts.count() == 0
    assert tag_names(alice) == ["Python"]


def test_github_profile_address_is_stored_as_the_username(alice_client, alice):
    alice_client.post(CREATE_URL, contact_form_data(github_username="https://github.com/octocat/"))

    contact = Contact.objects.get()
    assert contact.github_username == "octocat"
    page = html(alice_client.get(reverse("contacts:detail", args=[contact.code])))
    assert 'href="https://github.com/octocat"' in page


def test_a_pasted_profile_address_of_a_long_github_username_fits(alice_client, alice):
    username = "a" * 39  # GitHub's longest username

    response = alice_client.get(CREATE_URL)
    assert 'maxlength="39"' not in html(response).split('name="github_username"')[1][:200]
    alice_client.post(
        CREATE_URL, contact_form_data(github_username=f"https://www.github.com/{username}/")
    )

    assert Contact.objects.get().github_username == username


def test_invalid_input_shows_the_errors_and_keeps_what_was_typed(alice_client, alice):
    response = alice_client.post(
        CREATE_URL,
        contact_form_data(
            name="Ada Lovelace",
            email="not-an-email",
            website_url="javascript:alert(1)",
            company="Analytical Engines",
        ),
    )

    assert response.status_code == 200
    assert not Contact.objects.exists()
    page = html(response)
    assert "<html" in page
    assert "Please correct the 2 fields marked below" in page
    assert "Enter a valid email address." in page
    assert "Enter a valid URL." in page
    assert 'value="Analytical Engines"' in page


def test_a_missing_name_is_required(alice_client, alice):
    response = alice_client.post(CREATE_URL, contact_form_data(name="   "))

    assert response.status_code == 200
    assert "This field is required." in html(response)
    assert not Contact.objects.exists()


@time_machine.travel(NOON_1_MARCH_2026, tick=False)
def test_a_birthday_in_the_future_is_rejected(alice_client, alice):
    response = alice_client.post(CREATE_URL, contact_form_data(birthday="2026-03-02"))

    assert "A birthday cannot be in the future." in html(response)
    assert not Contact.objects.exists()


@time_machine.travel(NOON_1_MARCH_2026, tick=False)
def test_a_birthday_today_is_accepted(alice_client, alice):
    alice_client.post(CREATE_URL, contact_form_data(birthday="2026-03-01"))

    assert Contact.objects.get().birthday == dt.date(2026, 3, 1)


def test_anonymous_visitor_is_sent_to_login_and_nothing_is_saved(client):
    get = client.get(CREATE_URL)
    post = client.post(CREATE_URL, contact_form_data())

    assert get.status_code == post.status_code == 302
    assert get.url == post.url == login_url_for(CREATE_URL)
    assert not Contact.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_create_answers_only_get_and_post(alice_client, method):
    assert getattr(alice_client, method)(CREATE_URL).status_code == 405


def test_outsider_creating_a_contact_leaves_mine_alone(charlie_client, alice, charlie):
    mine = make_contact(alice, name="Ada Lovelace", tags=["Python"])

    charlie_client.post(CREATE_URL, contact_form_data(name="Ada Lovelace", tag_names="Python"))

    assert Contact.objects.for_owner(alice).get() == mine
    assert list(mine.tags.values_list("owner", flat=True)) == [alice.pk]
    assert Contact.objects.for_owner(charlie).count() == 1


def test_htmx_get_returns_the_form_only(alice_client):
    response = alice_client.get(CREATE_URL, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert html(response).lstrip().startswith('<form id="contact-form"')


def test_htmx_invalid_post_returns_the_form_with_errors(alice_client, alice):
    response = alice_client.post(
        CREATE_URL, contact_form_data(name="Ada", phone="call me maybe"), **HX
    )

    assert response.status_code == 200  # htmx 2 does not swap 4xx responses
    assert is_fragment(response)
    assert 'id="contact-form"' in html(response)
    assert "Enter a phone number of digits" in html(response)
    assert "HX-Redirect" not in response.headers
    assert not Contact.objects.exists()


def test_htmx_valid_post_redirects_the_browser_to_the_new_contact(alice_client, alice):
    response = alice_client.post(CREATE_URL, contact_form_data(name="Ada Lovelace"), **HX)

    contact = Contact.objects.get()
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == reverse("contacts:detail", args=[contact.code])
    follow_up = alice_client.get(response.headers["HX-Redirect"])
    assert "Added Ada Lovelace." in html(follow_up)
