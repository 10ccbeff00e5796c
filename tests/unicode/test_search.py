# ruff: noqa: RUF001, RUF003 (look-alike letters from other scripts are what these tests are about)
"""Search ignores case in every script, with one code path for SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from contacts.models import Contact
from interactions.models import Interaction
from resources.models import SharedResource
from search import query as search_query
from tests.conftest import make_contact
from tests.contacts.test_views_list import shown
from tests.interactions.conftest import make_interaction
from tests.opportunities.conftest import make_opportunity
from tests.resources.conftest import make_resource

pytestmark = pytest.mark.django_db


def names(queryset) -> list[str]:
    return sorted(c.name for c in queryset)


def search(owner, text: str):
    """The contacts the full-text search finds (search.query, as the contacts list uses it)."""
    return Contact.objects.filter(
        pk__in=search_query.rank(owner, Contact.objects.for_owner(owner), text)
    )


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ({"name": "Élodie Martin"}, "élodie"),
        ({"name": "élodie Martin"}, "ÉLODIE"),
        ({"company": "Großstraße GmbH"}, "GROSSSTRASSE"),
        ({"company": "STRASSE AG"}, "straße"),
        ({"notes": "Met her in ΑΘΗΝΑ"}, "αθηνα"),
        ({"notes": "Говорит по-русски"}, "ГОВОРИТ"),
        ({"notes": "lives in İstanbul"}, "istanbul"),
        ({"notes": "lives in istanbul"}, "İSTANBUL"),
        ({"email": "ÉLODIE@example.com"}, "élodie@"),
        ({"github_username": "Elodie-Dev"}, "elodie-dev"),
    ],
)
def test_contact_search_ignores_case_in_any_script(alice, stored, query):
    make_contact(alice, **{"name": "Ada Lovelace", **stored})
    make_contact(alice, name="Grace Hopper")

    assert names(search(alice, query)) == [stored.get("name", "Ada Lovelace")]


def test_the_contacts_list_finds_elodie_by_any_case(alice_client, alice):
    make_contact(alice, name="Élodie Martin")
    make_contact(alice, name="Grace Hopper")

    for query in ("élodie", "ÉLODIE", "Élodie"):
        assert shown(alice_client.get(reverse("contacts:list"), {"q": query})) == ["Élodie Martin"]


def test_turkish_i_follows_the_language_independent_folding(alice):
    make_contact(alice, name="Işık Yılmaz")  # ASCII capital I, then dotless ı
    make_contact(alice, name="Isik Yilmaz")

    def found(query: str) -> list[str]:
        return names(search(alice, query))

    assert found("yılmaz") == ["Işık Yılmaz"]  # dotless ı is a letter of its own
    assert found("YILMAZ") == ["Isik Yilmaz"]  # ASCII I folds to i, not to Turkish ı
    assert found("Işık") == found("işık") == ["Işık Yılmaz"]
    # The caveat: in Turkish, I is the capital of ı, but folding is the same for every language
    # (I -> i), so neither the lower-case "ışık" nor the all-capitals "IŞIK" finds "Işık"; and
    # accents are dropped (Ş is S), so "IŞIK" finds "Isik".
    assert found("ışık") == []
    assert found("IŞIK") == ["Isik Yilmaz"]


def test_every_word_must_match_somewhere(alice):
    make_contact(alice, name="Élodie Martin", company="Zürich Labs")
    make_contact(alice, name="Élodie Dubois", company="Paris SA")

    assert names(search(alice, "ÉLODIE zürich")) == ["Élodie Martin"]
    assert names(search(alice, "élodie")) == [
        "Élodie Dubois",
        "Élodie Martin",
    ]


def test_words_never_match_across_two_fields(alice):
    make_contact(alice, name="Ada", company="Lovelace")

    assert names(search(alice, "adalovelace")) == []
    assert names(search(alice, "ada lovelace")) == ["Ada"]


@pytest.mark.parametrize(
    ("text", "expected"), [("100%", ["Nothing", "Percent"]), ("a_b", ["Underscore"])]
)
def test_punctuation_separates_words_and_words_match_as_prefixes(alice, text, expected):
    make_contact(alice, name="Percent", notes="100% remote")
    make_contact(alice, name="Nothing", notes="1000 remote and aXb")
    make_contact(alice, name="Underscore", notes="a_b")

    assert names(search(alice, text)) == expected


def test_search_never_finds_another_users_contacts(alice, charlie):
    make_contact(charlie, name="Élodie Martin")

    assert names(search(alice, "élodie")) == []


def test_interaction_search_ignores_case_in_any_script(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    make_interaction(ada, subject="Café with Élodie")
    make_interaction(ada, notes="Обсудили ΣΥΝΤΑΞΗ")
    make_interaction(ada, subject="Something else")

    def subjects(query: str) -> list[str]:
        found = Interaction.objects.for_owner(alice).search(query)
        return sorted(i.subject or i.notes for i in found)

    assert subjects("CAFÉ élodie") == ["Café with Élodie"]
    assert subjects("обсудили σύνταξη") == []  # accents count: ύ is not υ
    assert subjects("обсудили συνταξη") == ["Обсудили ΣΥΝΤΑΞΗ"]


def test_the_interactions_list_finds_by_any_case(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    make_interaction(ada, subject="Straße planning")
    make_interaction(ada, subject="Budget")

    page = alice_client.get(reverse("interactions:list"), {"q": "STRASSE"}).content.decode()

    assert "Straße planning" in page
    assert "Budget" not in page


def test_resource_search_ignores_case_in_titles_addresses_and_tag_names(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    make_resource(ada, title="Ärzte und Algorithmen", url="https://example.com/a")
    make_resource(ada, title="Other", url="https://example.com/ÜBER")
    make_resource(ada, title="Tagged", url="https://example.com/c", tags=["Δέλτα"])

    def titles(query: str) -> list[str]:
        return sorted(r.title for r in SharedResource.objects.for_owner(alice).search(query))

    assert titles("ÄRZTE") == ["Ärzte und Algorithmen"]
    assert titles("über") == ["Other"]
    assert titles("ΔΈΛΤΑ") == ["Tagged"]  # a tag's whole name, in any case


def test_the_resources_list_finds_by_any_case(alice_client, alice):
    ada = make_contact(alice, name="Ada Lovelace")
    make_resource(ada, title="Ärzte und Algorithmen")
    make_resource(ada, title="Rust")

    page = alice_client.get(reverse("resources:list"), {"q": "ärzte"}).content.decode()

    assert "Ärzte und Algorithmen" in page
    assert "Rust</" not in page


def test_the_opportunities_company_filter_ignores_case_in_any_script(alice_client, alice):
    make_opportunity(alice, company="Müller Ärztesoftware GmbH")
    make_opportunity(alice, company="Straße Labs")
    make_opportunity(alice, company="Acme")

    def companies(text: str) -> list[str]:
        page = alice_client.get(reverse("opportunities:list"), {"company": text})
        return sorted(o.company for o in page.context["page"].object_list)

    assert companies("MÜLLER ÄRZTE") == ["Müller Ärztesoftware GmbH"]
    assert companies("ÄRZTE MÜLLER") == []  # one phrase, not separate words
    assert companies("ÄRZTESOFTWARE") == ["Müller Ärztesoftware GmbH"]
    assert companies("strasse") == ["Straße Labs"]
    assert companies("ACME") == ["Acme"]
