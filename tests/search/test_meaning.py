"""Search by meaning, fused with the full-text ranking."""

import pytest
from django.urls import reverse

from embeddings import encoder
from search import meaning, query
from search.models import Entry
from tests.conftest import make_user
from tests.contacts.conftest import html
from tests.interactions.conftest import make_interaction
from tests.search.conftest import person

pytestmark = pytest.mark.django_db
URL = reverse("search:page")


@pytest.fixture
def network(alice):
    ada = person(alice, "Ada Lovelace", tags=["Rust"])
    make_interaction(
        ada,
        subject="Pair programming",
        notes="Chased a use-after-free. The borrow checker would have caught it.",
    )
    grace = person(alice, "Grace Hopper")
    make_interaction(
        grace,
        subject="Coffee",
        notes="Her new employer proposed a salary and a signing bonus. What to negotiate?",
    )
    linus = person(alice, "Linus Torvalds", notes="Kernel maintainer, likes diving.")
    return ada, grace, linus


def names(results) -> list[str]:
    return [r.contact.name for r in results]


def test_meaning_finds_what_the_words_miss(alice, network):
    assert names(query.search(alice, "salary negotiate")) == ["Grace Hopper"]
    assert query.search(alice, "compensation") == []
    fused = query.search(alice, "compensation", mode=query.FUSED)
    assert names(fused)[0] == "Grace Hopper"
    assert "Coffee" in fused[0].meaning
    assert fused[0].passage.startswith("Her new employer proposed a salary")


def test_an_exact_word_stays_first(alice, network):
    assert names(query.search(alice, "diving", mode=query.FUSED))[0] == "Linus Torvalds"
    assert names(query.search(alice, "rust", mode=query.FUSED))[0] == "Ada Lovelace"


def test_meaning_only(alice, network):
    found = query.search(alice, "memory bugs and ownership", mode=query.MEANING)
    assert names(found)[0] == "Ada Lovelace" and found[0].reasons == []


def test_the_page_fuses_by_default_and_the_box_turns_it_off(alice_client, network):
    page = html(alice_client.get(URL, {"q": "compensation"}))
    assert "Grace Hopper" in page and "Close in meaning: Call about Coffee" in page
    assert 'name="meaning" value="on"' in page and "checked" in page
    page = html(alice_client.get(URL, {"q": "compensation", "meaning": "off"}))
    assert "No one matches" in page and "Grace Hopper" not in page
    ticked = html(alice_client.get(URL + "?q=compensation&meaning=off&meaning=on"))
    assert "Grace Hopper" in ticked


def test_htmx_gets_the_results_with_passages(alice_client, network):
    page = html(alice_client.get(URL, {"q": "compensation"}, HTTP_HX_REQUEST="true"))
    assert "<html" not in page and "Her new employer proposed a salary" in page


def test_nothing_by_meaning_when_switched_off(alice_client, network, settings):
    settings.EMBEDDINGS = False
    page = html(alice_client.get(URL, {"q": "compensation"}))
    assert "No one matches" in page and 'name="meaning"' not in page
    assert query.search(network[0].owner, "compensation", mode=query.FUSED) == []


def test_nothing_embedded_yet_means_no_box(alice_client, alice):
    person(alice, "Ada Lovelace")  # no notes, no tags: nothing to embed
    assert 'name="meaning"' not in html(alice_client.get(URL, {"q": "ada"}))


def test_another_users_vectors_never_appear(charlie_client, charlie, network):
    person(charlie, "Charlie's friend", notes="Gardening")
    page = html(charlie_client.get(URL, {"q": "salary negotiation"}))
    assert "Grace Hopper" not in page
    assert "Grace Hopper" not in names(query.search(charlie, "salary", mode=query.MEANING))


def test_passages_are_only_of_the_owners_own_entries(alice, network):
    bob = make_user("bob")
    ids = list(Entry.objects.filter(owner=alice).values_list("pk", flat=True))
    vector = encoder.encode(["salary"])[0]
    assert meaning.passages(bob, ids, vector) == {}
    found = meaning.passages(alice, ids, vector)
    assert "Her new employer proposed a salary and a signing bonus." in found.values()
