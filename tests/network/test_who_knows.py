"""Who knows a technology: who comes first, and why."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from contacts.models import Contact
from network import expertise
from search import index
from tests.conftest import make_contact
from tests.interactions.conftest import at, make_interaction
from tests.network.conftest import person as vip_person
from tests.search.conftest import person

Status = Contact.Status
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


def names(owner, technology: str) -> list[str]:
    return [e.contact.name for e in expertise.who_knows(owner, technology)]


@time_machine.travel(NOW, tick=False)
def test_a_tagged_person_talked_to_lately_outranks_one_old_mention(alice):
    old = person(alice, "Olga Old", status=Status.ACTIVE_COLLABORATION)
    make_interaction(old, notes="mentioned rust once", occurred_at=at(2023, 1, 5))
    fan = person(alice, "Tia Tagged", tags=["Rust"], status=Status.PASSIVE)
    for days in (1, 8, 20):
        make_interaction(
            fan,
            type="pair_programming",
            subject="Rust",
            occurred_at=timezone.now() - dt.timedelta(days),
        )

    assert names(alice, "rust") == ["Tia Tagged", "Olga Old"]


@time_machine.travel(NOW, tick=False)
def test_evidence_goes_tag_then_vip_stack_then_interactions_then_warmth(alice):
    talker = person(alice, "Ivy Interactions", status=Status.ACTIVE_COLLABORATION)
    make_interaction(talker, subject="Rust", occurred_at=at(2026, 3, 1))
    make_interaction(talker, subject="Rust again", occurred_at=at(2026, 3, 5))
    once = person(alice, "Oscar Once", status=Status.ACTIVE_COLLABORATION)
    make_interaction(once, subject="Rust", occurred_at=at(2025, 1, 5))
    stack = vip_person(alice, "Vera VIP", stack=["Rust"])
    index.reindex_contacts(alice, [stack.pk])
    person(alice, "Tom Tagged", tags=["Rust"], status=Status.PASSIVE)
    person(alice, "Tess Tagged", tags=["Rust"], status=Status.ACTIVE_COLLABORATION)

    assert names(alice, "Rust") == [
        "Tess Tagged",  # tagged, warmer
        "Tom Tagged",
        "Vera VIP",
        "Ivy Interactions",  # two recent interactions
        "Oscar Once",  # one older one
    ]


@time_machine.travel(NOW, tick=False)
def test_each_person_shows_the_evidence_in_words(alice):
    ada = person(alice, "Ada", tags=["Rust"])
    make_interaction(ada, type="pair_programming", subject="Rust", occurred_at=at(2026, 3, 3))

    [expert] = expertise.who_knows(alice, "Rust")
    assert expert.contact.name == "Ada"
    assert expert.reasons == ["tagged Rust", "Pair programming about Rust, 3 Mar 2026"]


def test_a_tag_is_found_ignoring_case_and_accents(alice):
    person(alice, "Ada", tags=["Rust"])
    person(alice, "Zoe", tags=["Pokémon Go"])

    assert expertise.tag_named(alice, "rust").name == "Rust"
    assert expertise.tag_named(alice, "POKEMON go").name == "Pokémon Go"
    assert expertise.tag_named(alice, "cobol") is None
    assert names(alice, "rust") == ["Ada"]


def test_free_text_finds_words_anywhere(alice):
    person(alice, "Ada", notes="ran the kubernetes migration")
    person(alice, "Bob")

    assert expertise.tag_named(alice, "kubernetes") is None
    assert names(alice, "kubernetes") == ["Ada"]


def test_archived_people_and_other_users_people_never_appear(alice, charlie):
    from contacts import services

    services.set_archived(person(alice, "Ada", tags=["Rust"]), True)
    person(charlie, "Chuck", tags=["Rust"])
    make_contact(alice, name="Rusty Name-only")

    assert names(alice, "rust") == ["Rusty Name-only"]
    assert expertise.tag_named(alice, "Rust").owner == alice
    assert names(charlie, "rust") == ["Chuck"]


def test_a_page_reads_only_its_people_and_counts_everyone(alice, monkeypatch):
    monkeypatch.setattr(expertise, "PER_PAGE", 2)
    for name in ["Ada", "Bob", "Cy", "Dee", "Eve"]:
        person(alice, name, tags=["Rust"])

    page = expertise.who_knows(alice, "rust", "2")

    assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 5, 3)
    assert [e.contact.name for e in page] == ["Cy", "Dee"]
    with pytest.raises(IndexError):
        page.paginator.object_list[0]  # another page's place: not read
    assert [e.contact.name for e in expertise.who_knows(alice, "rust", "99")] == ["Eve"]
    assert expertise.who_knows(alice, "rust", "99").number == 3  # past the end: the last
    assert [e.contact.name for e in expertise.who_knows(alice, "rust", "x")] == ["Ada", "Bob"]
    assert expertise.who_knows(alice, "cobol", "3").paginator.count == 0
