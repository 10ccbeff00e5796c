import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from duplicates import views
from duplicates.models import dismiss
from tests.contacts.conftest import html, login_url_for
from tests.duplicates.conftest import make_contact, merge_url

pytestmark = pytest.mark.django_db
URL = reverse("duplicates:list")


def test_lists_exact_groups_and_possible_pairs_with_merge_links(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace", email="ada@example.com")
    again = make_contact(alice, name="Countess of Lovelace", email="ADA@example.com ")
    jon = make_contact(alice, name="Jon Smith", company="Acme")
    john = make_contact(alice, name="John Smith", company="ACME")
    make_contact(alice, name="Grace Hopper", company="Acme")

    page = html(alice_client.get(URL))

    assert "Same e-mail: ada@example.com" in page
    assert merge_url(ada, again).replace("&", "&amp;") in page
    assert "Same company: Acme" in page
    assert merge_url(jon, john).replace("&", "&amp;") in page
    assert "Grace Hopper" not in page
    assert page.count("Review and merge") == 2


def test_a_pair_already_in_an_exact_group_is_not_listed_again(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", company="Acme", email="ada@acme.io")
    make_contact(alice, name="Ada Lovelace", company="Acme", email="ada@acme.io")

    page = html(alice_client.get(URL))

    assert page.count("Review and merge") == 1


def test_empty_state(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", email="ada@example.com")

    page = html(alice_client.get(URL))

    assert "No duplicates found" in page
    assert "Review and merge" not in page


def test_only_my_contacts_are_compared(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace", email="ada@example.com")
    make_contact(charlie, name="Ada Lovelace", email="ada@example.com")
    make_contact(charlie, name="Ada Lovelace", email="ada@example.com")

    page = html(alice_client.get(URL))

    assert "No duplicates found" in page


def test_long_lists_are_paginated(alice_client, alice, monkeypatch):
    monkeypatch.setattr(views, "PER_PAGE", 2)
    for name in ("Ada", "Grace", "Linus", "Guido", "Barbara"):
        make_contact(alice, name=name, email=f"{name}@gmail.com")
        make_contact(alice, name=f"{name} (work)", email=f"{name.lower()}@gmail.com")

    first = html(alice_client.get(URL))
    last = html(alice_client.get(URL, {"groups": 3}))
    beyond = alice_client.get(URL, {"groups": 99, "pairs": "x"})

    assert "Page 1 of 3" in first and first.count("Review and merge") == 2
    assert 'href="?groups=2&amp;pairs=1"' in first
    assert "Page 3 of 3" in last and last.count("Review and merge") == 1
    assert beyond.status_code == 200


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == login_url_for(URL)


def test_get_only(alice_client):
    assert alice_client.post(URL).status_code == 405


def test_the_admin_lists_dismissed_pairs(client, alice):
    dismiss(alice, make_contact(alice, name="Jon Smith"), make_contact(alice, name="John Smith"))
    staff = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(staff)

    page = html(client.get(reverse("admin:duplicates_dismissedpair_changelist")))

    assert "Jon Smith is not John Smith" in page


def test_the_contacts_list_links_to_the_duplicates_page(alice_client):
    page = alice_client.get("/contacts/").content.decode()
    assert 'href="/contacts/duplicates/"' in page
