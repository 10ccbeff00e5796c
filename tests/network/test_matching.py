"""Matching a need: who covers most of it, warm and available people first, and why."""

import datetime as dt

import time_machine

from contacts.models import Contact
from network import expertise
from tests.interactions.conftest import at, make_interaction
from tests.search.conftest import person

Status = Contact.Status
NOW = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)


def names(owner, need: str) -> list[str]:
    terms = expertise.need_terms(owner, need)
    return [m.contact.name for m in expertise.match(owner, terms)]


def test_a_need_is_cut_into_technologies_and_words(alice):
    person(alice, "Ada", tags=["Ruby on Rails", "PostgreSQL"])

    assert expertise.need_terms(alice, "Django + Postgres performance") == [
        "django",
        "postgres",
        "performance",
    ]
    assert expertise.need_terms(alice, "ruby on rails with postgresql, and the API") == [
        "Ruby on Rails",
        "PostgreSQL",
        "api",
    ]
    assert expertise.need_terms(alice, "", technologies=["Go"]) == ["Go"]
    assert expertise.need_terms(alice, " + , the ") == []


@time_machine.travel(NOW, tick=False)
def test_coverage_comes_first_then_warmth_passive_last(alice):
    person(alice, "Dee Django", tags=["Django"], status=Status.ACTIVE_COLLABORATION)
    person(alice, "Pam Passive", tags=["Django", "Postgres"], status=Status.PASSIVE)
    person(alice, "Bo Both", tags=["Django", "Postgres"], status=Status.RECONNECT)
    person(alice, "Rae Regular", tags=["Django", "Postgres"])

    assert names(alice, "Django + Postgres performance") == [
        "Rae Regular",
        "Bo Both",
        "Pam Passive",
        "Dee Django",
    ]


@time_machine.travel(NOW, tick=False)
def test_each_match_is_explained(alice):
    ada = person(alice, "Ada", tags=["Django"])
    make_interaction(ada, type="pair_programming", subject="Postgres", occurred_at=at(2026, 3, 3))

    terms = expertise.need_terms(alice, "Django, Postgres")
    [found] = expertise.match(alice, terms)
    assert found.explanation == (
        "covers Django, postgres; tagged Django; Pair programming about Postgres, 3 Mar 2026"
    )


def test_other_users_people_never_match(alice, charlie):
    person(charlie, "Chuck", tags=["Django"])

    assert names(alice, "django") == []
