"""Dismissing a suggestion: it goes for good, with or without JavaScript."""

import pytest
from django.urls import reverse

from suggestions.models import Suggestion
from suggestions.services import refresh_suggestions
from tests.suggestions.conftest import HX, html, login_url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def promise(refreshed) -> Suggestion:
    return Suggestion.objects.get(contact=refreshed, kind="promise")


def url(suggestion: Suggestion) -> str:
    return reverse("suggestions:dismiss", args=[suggestion.code])


def test_without_javascript_it_goes_back_with_a_message(alice_client, promise, refreshed):
    back = reverse("contacts:detail", args=[refreshed.code])

    response = alice_client.post(url(promise), {"next": back})

    assert response.status_code == 302
    assert response.url == back
    promise.refresh_from_db()
    assert promise.dismissed_at is not None
    page = html(alice_client.get(back))
    assert "it will not be suggested again" in page
    assert f'id="suggestion-{promise.code}"' not in page


def test_an_address_elsewhere_is_not_followed(alice_client, promise):
    response = alice_client.post(url(promise), {"next": "https://evil.example/"})

    assert response.url == reverse("suggestions:list")


def test_htmx_removes_the_row(alice_client, promise):
    response = alice_client.post(url(promise), **HX)

    assert response.status_code == 200
    assert html(response) == ""
    promise.refresh_from_db()
    assert promise.dismissed_at is not None


def test_stays_dismissed_when_the_command_runs_again(alice_client, alice, promise):
    alice_client.post(url(promise), **HX)

    refresh_suggestions(alice)

    promise.refresh_from_db()
    assert promise.dismissed_at is not None
    assert f'id="suggestion-{promise.code}"' not in html(alice_client.get("/"))


def test_outsider_gets_404_and_nothing_changes(charlie_client, promise):
    assert charlie_client.post(url(promise)).status_code == 404
    promise.refresh_from_db()
    assert promise.dismissed_at is None


def test_anonymous_is_sent_to_log_in(client, promise):
    response = client.post(url(promise))

    assert response.status_code == 302
    assert response.url == login_url_for(url(promise))


def test_get_is_405(alice_client, promise):
    assert alice_client.get(url(promise)).status_code == 405
