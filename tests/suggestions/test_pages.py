"""Suggestions where the user meets the people who need attention: the dashboard's "Needs
attention" and the contact page; and none of it when the feature is switched off."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from suggestions.models import Suggestion
from tests.conftest import make_user
from tests.suggestions.conftest import HX, html, make_network

pytestmark = pytest.mark.django_db
QUOTE = "I&#x27;ll send you the recording of the async ORM talk."


def contact_url(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code])


def test_the_dashboard_shows_the_best_one_with_a_dismiss_button(alice_client, refreshed):
    page = html(alice_client.get("/"))

    shown = [
        s for s in Suggestion.objects.filter(contact=refreshed) if f"suggestion-{s.code}" in page
    ]
    assert shown == [Suggestion.objects.filter(contact=refreshed).first()]  # the best
    assert "<q>" in page
    for s in shown:
        assert f'formaction="{reverse("suggestions:dismiss", args=[s.code])}"' in page
    assert reverse("suggestions:list") in page


def test_the_dashboards_widget_refresh_keeps_them(alice_client, refreshed):
    response = alice_client.get(reverse("dashboard:widget", args=["attention"]), **HX)

    assert "Open follow-up: <q>Send Ada the conference CFP</q>" in html(response)


def test_the_contact_page_shows_them_while_the_contact_needs_attention(alice_client, refreshed):
    page = html(alice_client.get(contact_url(refreshed)))
    assert "Conversation openers" in page
    assert f"You said you would: <q>{QUOTE}</q>" in page

    Contact.objects.filter(pk=refreshed.pk).update(status=Contact.Status.REGULAR_CONTACT)
    assert "Conversation openers" not in html(alice_client.get(contact_url(refreshed)))


def test_the_contact_page_links_the_meeting_brief(alice_client, refreshed):
    page = html(alice_client.get(contact_url(refreshed)))

    assert reverse("suggestions:brief", args=[refreshed.code]) in page


def test_a_second_user_with_the_same_data_sees_only_their_own(client, refreshed):
    bob = make_user("bob")
    twin = make_network(bob)
    client.force_login(bob)

    for page in (html(client.get("/")), html(client.get(contact_url(twin)))):
        # bob has the same data, but his suggestions were never computed: none of alice's show.
        assert 'id="suggestion-' not in page
        assert "You said you would" not in page


@pytest.mark.parametrize("url", ["/", "contact", "list", "brief"])
def test_switched_off_removes_them_from_every_page(alice_client, refreshed, settings, url):
    settings.EMBEDDINGS = False
    path = {
        "contact": contact_url(refreshed),
        "list": reverse("suggestions:list"),
        "brief": reverse("suggestions:brief", args=[refreshed.code]),
    }.get(url, url)

    response = alice_client.get(path)

    page = html(response)
    assert "You said you would" not in page
    assert 'id="suggestions-heading"' not in page  # the contact page's card
    assert "All conversation openers" not in page  # the dashboard's link
    assert 'id="suggestion-' not in page
    assert "Quoted from your notes" not in page
    if url == "list":
        assert response.status_code == 404
