import pytest
from django.urls import reverse

from duplicates.models import DismissedPair
from tests.contacts.conftest import html, is_fragment, login_url_for
from tests.duplicates.conftest import HX, make_contact

pytestmark = pytest.mark.django_db
URL = reverse("duplicates:dismiss")


@pytest.fixture
def pair(alice):
    return (
        make_contact(alice, name="Jon Smith", company="Acme"),
        make_contact(alice, name="John Smith", company="Acme"),
    )


def test_dismissing_hides_the_pair_and_says_so(alice_client, pair):
    a, b = pair

    response = alice_client.post(
        URL, {"a": a.code, "b": b.code, "next": reverse("duplicates:list")}, follow=True
    )

    page = html(response)
    assert "Jon Smith and John Smith will no longer be suggested." in page
    assert "No duplicates found" in page
    assert DismissedPair.objects.filter(first=a, second=b).exists()


def test_htmx_removes_just_the_row(alice_client, pair):
    a, b = pair

    response = alice_client.post(URL, {"a": b.code, "b": a.code}, **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    assert "John Smith and Jon Smith will no longer be suggested." in html(response)
    assert DismissedPair.objects.count() == 1


def test_an_outside_next_is_ignored(alice_client, pair):
    a, b = pair

    response = alice_client.post(URL, {"a": a.code, "b": b.code, "next": "https://evil.example/"})

    assert response.url == reverse("duplicates:list")


@pytest.mark.parametrize("bad", ["", "nope", "00000000-0000-0000-0000-000000000000"])
def test_bad_ids_are_404(alice_client, pair, bad):
    assert alice_client.post(URL, {"a": pair[0].code, "b": bad}).status_code == 404
    assert DismissedPair.objects.count() == 0


def test_a_contact_with_itself_is_404(alice_client, pair):
    assert alice_client.post(URL, {"a": pair[0].code, "b": pair[0].code}).status_code == 404


def test_outsider_gets_404_and_nothing_changes(charlie_client, charlie, pair):
    mine = make_contact(charlie, name="John Smith", company="Acme")

    assert charlie_client.post(URL, {"a": pair[0].code, "b": pair[1].code}).status_code == 404
    assert charlie_client.post(URL, {"a": mine.code, "b": pair[1].code}).status_code == 404
    assert DismissedPair.objects.count() == 0


def test_anonymous_is_sent_to_log_in(client, pair):
    response = client.post(URL, {"a": pair[0].code, "b": pair[1].code})

    assert response.url == login_url_for(URL)
    assert DismissedPair.objects.count() == 0


def test_post_only(alice_client):
    assert alice_client.get(URL).status_code == 405
