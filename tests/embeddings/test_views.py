"""Similar people on a contact's page, and "who else have I talked to about this?"."""

import pytest
from django.urls import reverse

from tests.contacts.conftest import html, login_url_for
from tests.interactions.conftest import make_interaction
from tests.search.conftest import person

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(alice):
    ada = person(alice, "Ada", tags=["Rust"], notes="Systems programmer, memory safety.")
    grace = person(alice, "Grace", tags=["Rust"], notes="Writes embedded firmware in Rust.")
    linus = person(alice, "Linus", notes="Bakes sourdough bread and runs marathons.")
    rust = make_interaction(ada, subject="Borrow checker", notes="Lifetimes and ownership.")
    make_interaction(grace, subject="Ownership", notes="Borrow checker and lifetimes again.")
    make_interaction(linus, subject="Bread", notes="Sourdough starter tips.")
    return ada, grace, linus, rust


def similar_url(contact) -> str:
    return reverse("search:similar", args=[contact.code])


def talked_url(interaction) -> str:
    return reverse("search:talked", args=[interaction.code])


def test_similar_people_on_the_contact_page(alice_client, people):
    ada, *_ = people
    page = html(alice_client.get(reverse("contacts:detail", args=[ada.code])))
    assert similar_url(ada) in page and 'hx-trigger="revealed"' in page
    card = html(alice_client.get(similar_url(ada), **HX))
    assert "<html" not in card and 'id="similar-people"' in card
    assert card.index("Grace") < card.index("Linus")
    assert "Ada</a>" not in card  # never themselves
    full = html(alice_client.get(similar_url(ada)))
    assert "<html" in full and "People like Ada" in full


def test_who_else_i_talked_to_about_this(alice_client, people):
    ada, *_, rust = people
    page = html(alice_client.get(reverse("interactions:detail", args=[rust.code])))
    assert talked_url(rust) in page
    card = html(alice_client.get(talked_url(rust), **HX))
    assert "<html" not in card and 'id="talked-about"' in card
    assert card.index("Grace") < card.index("Linus") and "Ownership" in card
    assert reverse("contacts:detail", args=[ada.code]) not in card
    assert "<html" in html(alice_client.get(talked_url(rust)))


def test_outsiders_see_nothing(charlie_client, charlie, people):
    ada, _, _, rust = people
    assert charlie_client.get(similar_url(ada)).status_code == 404
    assert charlie_client.get(talked_url(rust)).status_code == 404
    mine = person(charlie, "Carl", tags=["Rust"], notes="Systems programmer, memory safety.")
    talk = make_interaction(mine, subject="Borrow checker", notes="Lifetimes and ownership.")
    assert "Grace" not in html(charlie_client.get(similar_url(mine)))
    assert "Grace" not in html(charlie_client.get(talked_url(talk)))


def test_anonymous_is_sent_to_log_in(client, people):
    ada, _, _, rust = people
    for url in (similar_url(ada), talked_url(rust)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login_url_for(url).split("?")[0])


def test_wrong_method(alice_client, people):
    ada, _, _, rust = people
    assert alice_client.post(similar_url(ada)).status_code == 405
    assert alice_client.post(talked_url(rust)).status_code == 405


def test_switched_off_the_features_leave_every_page(alice_client, people, settings):
    ada, _, _, rust = people
    settings.EMBEDDINGS = False
    contact_page = html(alice_client.get(reverse("contacts:detail", args=[ada.code])))
    assert similar_url(ada) not in contact_page and "Similar people" not in contact_page
    interaction_page = html(alice_client.get(reverse("interactions:detail", args=[rust.code])))
    assert talked_url(rust) not in interaction_page
    search_page = html(alice_client.get(reverse("search:page"), {"q": "rust"}))
    assert "by meaning" not in search_page
    assert alice_client.get(similar_url(ada)).status_code == 404
    assert alice_client.get(talked_url(rust)).status_code == 404


def test_nobody_similar_yet(alice_client, alice):
    ada = person(alice, "Ada")
    assert "Nobody yet" in html(alice_client.get(similar_url(ada), **HX))


def test_similar_people_are_the_same_however_the_scan_is_cut(alice, people, monkeypatch):
    from search import meaning

    ada, *_ = people
    for n in range(8):  # namesakes in meaning: equal scores, the newest first
        person(alice, f"Twin {n}", tags=["Rust"], notes="Writes embedded firmware in Rust.")
    whole = meaning.similar_people(ada, limit=6)
    monkeypatch.setattr(meaning, "BATCH", 2)

    assert [c for c, _ in meaning.similar_people(ada, limit=6)] == [c for c, _ in whole]
    assert [c.name for c, _ in whole] == ["Grace", "Twin 7", "Twin 6", "Twin 5", "Twin 4", "Twin 3"]
    assert [s for _, s in whole] == sorted((s for _, s in whole), reverse=True)
