import pytest
from django.urls import reverse

from tests.conftest import make_contact
from tests.contacts.conftest import html

pytestmark = pytest.mark.django_db

URL = reverse("exports:index")


def test_lists_the_three_formats_with_counts(alice_client, alice):
    make_contact(alice, name="Ada Lovelace")
    make_contact(alice, name="Grace Hopper", is_archived=True)
    page = html(alice_client.get(URL))
    for heading in ("Spreadsheet (CSV)", "Address book (vCard)", "Everything (JSON)"):
        assert heading in page
    assert "All 2 contacts (archived included)" in page
    assert reverse("exports:restore") in page
    assert "matching your list" not in page


def test_offers_the_filtered_export_when_coming_from_a_filtered_list(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])
    make_contact(alice, name="Grace Hopper")
    page = html(alice_client.get(URL, {"tag": "Python"}))
    assert "The 1 contact matching your list" in page
    assert f"{reverse('exports:csv')}?tag=Python" in page


def test_linked_from_the_contacts_list_with_its_filter(alice_client, alice):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])
    page = html(alice_client.get(reverse("contacts:list"), {"tag": "Python"}))
    assert f'href="{URL}?tag=Python"' in page


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(URL).status_code == 405
