from datetime import date

import pytest
from django.urls import reverse

from contacts.models import Contact
from tests.conftest import make_contact
from tests.contacts.conftest import HX, html, login_url_for

pytestmark = pytest.mark.django_db


def detail_url(contact: Contact) -> str:
    return reverse("contacts:detail", args=[contact.code])


def test_detail_shows_the_contact_profile(alice_client, alice):
    contact = make_contact(
        alice,
        name="Ada Lovelace",
        email="ada@example.com",
        phone="+44 20 1234567",
        company="Analytical Engines",
        job_title="Engineer",
        birthday=date(1990, 12, 10),
        source=Contact.Source.CONFERENCE,
        source_detail="PyCon US 2026",
        github_username="octocat",
        gitlab_username="ada.l",
        linkedin_url="https://www.linkedin.com/in/ada/",
        website_url="https://ada.example.com/",
        other_links="https://mastodon.social/@ada\nhttps://ada.blog.example",
        notes="Loves punch cards.",
        follow_up_days=14,
        is_vip=True,
        tags=["Python"],
    )

    response = alice_client.get(detail_url(contact))

    assert response.status_code == 200
    page = html(response)
    assert "<title>Ada Lovelace · DevHub CRM</title>" in page
    assert "Engineer at Analytical Engines" in page
    assert 'href="mailto:ada@example.com"' in page
    assert 'href="tel:+44 20 1234567"' in page
    assert "10 December 1990" in page
    assert "Conference — PyCon US 2026" in page
    assert 'href="https://github.com/octocat"' in page
    assert 'href="https://gitlab.com/ada.l"' in page
    assert 'href="https://www.linkedin.com/in/ada/"' in page
    assert 'href="https://mastodon.social/@ada"' in page
    assert 'href="https://ada.blog.example"' in page
    assert "Loves punch cards." in page
    assert "every 14 days" in page
    assert ">VIP</span>" in page
    assert 'href="/contacts/?tag=Python"' in page
    assert reverse("contacts:edit", args=[contact.code]) in page


def test_detail_of_a_bare_contact_offers_to_add_profiles(alice_client, alice):
    contact = make_contact(alice, name="Grace Hopper")

    page = html(alice_client.get(detail_url(contact)))

    assert "No profiles yet" in page
    assert "No notes yet" in page
    assert "your default for medium importance" in page
    assert "never" in page


def test_archived_contact_offers_restore(alice_client, alice):
    contact = make_contact(alice, name="Old Colleague", is_archived=True)

    page = html(alice_client.get(detail_url(contact)))

    assert "Restore from archive" in page
    assert '<input type="hidden" name="archived" value="0">' in page


def test_another_users_contact_is_not_found(charlie_client, alice):
    contact = make_contact(alice, name="Ada Lovelace", notes="private")

    response = charlie_client.get(detail_url(contact))

    assert response.status_code == 404
    assert "Ada Lovelace" not in html(response)


def test_unknown_code_is_not_found(alice_client):
    url = reverse("contacts:detail", args=["00000000-0000-0000-0000-000000000000"])

    assert alice_client.get(url).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, alice):
    url = detail_url(make_contact(alice))

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_detail_only_answers_get(alice_client, alice):
    contact = make_contact(alice, name="Ada Lovelace")

    response = alice_client.post(detail_url(contact), {"name": "Changed"})

    assert response.status_code == 405
    contact.refresh_from_db()
    assert contact.name == "Ada Lovelace"


def test_htmx_request_for_the_detail_gets_a_whole_page(alice_client, alice):
    # Nothing swaps part of the detail page: HX-Redirect after a save loads it as a full page,
    # so an HTMX request must get the document, not a fragment.
    contact = make_contact(alice, name="Ada Lovelace")

    response = alice_client.get(detail_url(contact), **HX)

    assert response.status_code == 200
    assert "<html" in html(response)
    assert 'id="contact-name"' in html(response)


def test_stored_html_is_shown_as_text(alice_client, alice):
    contact = make_contact(
        alice,
        name="<script>alert('name')</script>",
        notes="<script>alert('notes')</script>",
        source_detail='"><img src=x onerror=alert(1)>',
    )

    page = html(alice_client.get(detail_url(contact)))

    assert "<script>alert(" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;notes&#x27;)&lt;/script&gt;" in page
