"""vCard export: vCard 3.0 that vobject (and so address books) read back field for field."""

import datetime as dt

import pytest
import vobject
from django.urls import reverse

from tests.conftest import make_contact

pytestmark = pytest.mark.django_db

URL = reverse("exports:vcard")


def cards(response) -> list:
    assert response.streaming
    return list(vobject.readComponents(b"".join(response.streaming_content).decode()))


def test_cards_parse_back_with_every_field(alice_client, alice):
    ada = make_contact(
        alice,
        name="Ada King Lovelace",
        email="ada@example.com",
        phone="+44 20 7946 0000",
        company="Engines, Ltd",
        job_title="Analyst",
        birthday=dt.date(1815, 12, 10),
        github_username="ada",
        gitlab_username="ada.l",
        linkedin_url="https://www.linkedin.com/in/ada",
        website_url="https://ada.example.com",
        other_links="https://mastodon.social/@ada",
        notes="Line one\nLine two; with, punctuation",
        tags=["Python", "PyCon 2026"],
    )
    make_contact(alice, name="Grace Hopper")

    response = alice_client.get(URL)

    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"].endswith('.vcf"')
    card, grace = cards(response)
    assert card.version.value == "3.0"
    assert card.fn.value == "Ada King Lovelace"
    assert card.n.value.family == "Lovelace"
    assert card.n.value.given == "Ada King"
    assert card.uid.value == f"urn:uuid:{ada.code}"
    assert card.email.value == "ada@example.com"
    assert card.tel.value == "+44 20 7946 0000"
    assert card.org.value == ["Engines, Ltd"]
    assert card.title.value == "Analyst"
    assert card.bday.value == "1815-12-10"
    assert card.note.value == "Line one\nLine two; with, punctuation"
    assert sorted(card.categories.value) == ["PyCon 2026", "Python"]
    urls = {u.params["TYPE"][0]: u.value for u in card.contents["url"]}
    assert urls == {
        "linkedin": "https://www.linkedin.com/in/ada",
        "github": "https://github.com/ada",
        "gitlab": "https://gitlab.com/ada.l",
        "website": "https://ada.example.com",
        "other": "https://mastodon.social/@ada",
    }
    assert grace.fn.value == "Grace Hopper"
    assert "email" not in grace.contents


def test_filter_and_privacy(alice_client, alice, charlie):
    make_contact(alice, name="Ada Lovelace", tags=["Python"])
    make_contact(alice, name="Grace Hopper")
    make_contact(charlie, name="Charlie Secret", tags=["Python"])
    assert [c.fn.value for c in cards(alice_client.get(URL))] == ["Ada Lovelace", "Grace Hopper"]
    assert [c.fn.value for c in cards(alice_client.get(URL, {"tag": "Python"}))] == ["Ada Lovelace"]


def test_post_is_not_allowed(alice_client):
    assert alice_client.post(URL).status_code == 405
