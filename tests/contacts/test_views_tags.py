"""The tag list page and its merge form (a POST to the same URL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Tag
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, login_url_for

pytestmark = pytest.mark.django_db

TAGS_URL = reverse("contacts:tags")


def tag_names(contact) -> list[str]:
    return list(contact.tags.values_list("name", flat=True))


# The list


def test_tags_are_listed_by_name_with_their_contact_counts(alice_client, alice):
    make_contact(alice, name="Ada", tags=["python", "Django"])
    make_contact(alice, name="Grace", tags=["python"])
    make_tag(alice, "Rust")

    response = alice_client.get(TAGS_URL)

    assert response.status_code == 200
    page = html(response)
    django, python, rust = (Tag.objects.get(name=n) for n in ("Django", "python", "Rust"))
    position = {tag: page.index(f'id="tag-{tag.code}"') for tag in (django, python, rust)}
    assert position[django] < position[python] < position[rust]  # by name, ignoring case
    assert '?tag=python">2 contacts</a>' in page
    assert '?tag=Django">1 contact</a>' in page
    assert '?tag=Rust">0 contacts</a>' in page
    assert f'action="{reverse("contacts:tag_edit", args=[python.code])}"' in page
    assert f'name="{python.code}-name"' in page
    assert "Merge two tags" in page


def test_tag_names_are_shown_as_text(alice_client, alice):
    make_tag(alice, "<script>alert(1)</script>")

    page = html(alice_client.get(TAGS_URL))

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_tags_page_queries_do_not_grow_with_the_number_of_tags(
    alice_client, alice, django_assert_max_num_queries
):
    for number in range(3):
        make_contact(alice, name=f"Early {number}", tags=[f"early-{number}"])
    with CaptureQueriesContext(connection) as with_three:
        alice_client.get(TAGS_URL)

    for number in range(20):
        make_contact(alice, name=f"Later {number}", tags=[f"later-{number}", "early-0"])
    with django_assert_max_num_queries(len(with_three)):
        response = alice_client.get(TAGS_URL)

    assert html(response).count('<li id="tag-') == 23


def test_no_tags_yet_explains_where_they_come_from(alice_client, alice):
    page = html(alice_client.get(TAGS_URL))

    assert "No tags yet" in page
    assert "Merge two tags" not in page


def test_tags_page_shows_only_my_tags(charlie_client, alice):
    make_contact(alice, name="Ada", tags=["Alices-Secret-Tag"])

    page = html(charlie_client.get(TAGS_URL))

    assert "Alices-Secret-Tag" not in page
    assert "No tags yet" in page


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(TAGS_URL)

    assert response.status_code == 302
    assert response.url == login_url_for(TAGS_URL)


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_tags_page_answers_only_get_and_post(alice_client, method):
    assert getattr(alice_client, method)(TAGS_URL).status_code == 405


# Merging


def test_merge_moves_the_contacts_and_deletes_the_first_tag(alice_client, alice):
    py = make_tag(alice, "py")
    python = make_tag(alice, "Python")
    ada = make_contact(alice, name="Ada", tags=[py])
    grace = make_contact(alice, name="Grace", tags=[py, python])  # already has both
    guido = make_contact(alice, name="Guido", tags=[python])

    response = alice_client.post(TAGS_URL, {"source": py.code, "target": python.code})

    assert response.status_code == 302
    assert response.url == TAGS_URL
    assert not Tag.objects.filter(pk=py.pk).exists()
    assert tag_names(ada) == tag_names(grace) == tag_names(guido) == ["Python"]
    assert python.contacts.count() == 3


def test_merge_says_what_it_did(alice_client, alice):
    py, python = make_tag(alice, "py"), make_tag(alice, "Python")

    response = alice_client.post(TAGS_URL, {"source": py.code, "target": python.code}, follow=True)

    assert "Merged “py” into “Python”." in html(response)


def test_merge_leaves_other_tags_on_the_contacts_alone(alice_client, alice):
    py, python = make_tag(alice, "py"), make_tag(alice, "Python")
    ada = make_contact(alice, name="Ada", tags=[py, "Django"])

    alice_client.post(TAGS_URL, {"source": py.code, "target": python.code})

    assert sorted(tag_names(ada)) == ["Django", "Python"]


def test_merging_a_tag_into_itself_is_refused(alice_client, alice):
    python = make_tag(alice, "Python")
    ada = make_contact(alice, name="Ada", tags=[python])

    response = alice_client.post(TAGS_URL, {"source": python.code, "target": python.code})

    assert response.status_code == 200
    assert "Choose two different tags to merge." in html(response)
    assert tag_names(ada) == ["Python"]


@pytest.mark.parametrize("role", ["source", "target"])
def test_merge_with_another_users_tag_is_invalid_and_changes_nothing(
    alice_client, alice, charlie, role
):
    mine = make_tag(alice, "Python")
    ada = make_contact(alice, name="Ada", tags=[mine])
    theirs = make_tag(charlie, "Rust")
    charlies_friend = make_contact(charlie, name="Ferris", tags=[theirs])
    data = {"source": mine.code, "target": mine.code, role: theirs.code}

    response = alice_client.post(TAGS_URL, data)

    assert response.status_code in (200, 404)
    assert "That choice is not one of the available choices." in html(response)
    assert Tag.objects.filter(pk=theirs.pk, owner=charlie, name="Rust").exists()
    assert tag_names(charlies_friend) == ["Rust"]
    assert tag_names(ada) == ["Python"]


def test_merge_with_a_garbled_code_is_an_error_not_a_crash(alice_client, alice):
    python = make_tag(alice, "Python")

    response = alice_client.post(TAGS_URL, {"source": "not-a-code", "target": python.code})

    assert response.status_code == 200
    assert "That choice is not one of the available choices." in html(response)
    assert Tag.objects.filter(pk=python.pk).exists()


def test_merge_without_choices_asks_for_both(alice_client, alice):
    make_tag(alice, "Python")

    response = alice_client.post(TAGS_URL, {"source": "", "target": ""})

    assert response.status_code == 200
    assert html(response).count("This field is required.") == 2


def test_htmx_merge_sends_the_browser_back_to_the_tags(alice_client, alice):
    py, python = make_tag(alice, "py"), make_tag(alice, "Python")

    response = alice_client.post(TAGS_URL, {"source": py.code, "target": python.code}, **HX)

    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == TAGS_URL
    assert "<html" not in html(response)
    assert not Tag.objects.filter(pk=py.pk).exists()
