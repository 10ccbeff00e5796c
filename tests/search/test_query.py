import datetime as dt

import time_machine
from django.utils import timezone

from contacts.models import Contact
from search import engines, query
from tests.interactions.conftest import at, make_interaction
from tests.search.conftest import found, person, why


def test_every_word_must_match_something_known_about_the_person(alice):
    ada = person(alice, "Ada Lovelace", tags=["Rust"], company="Analytical Engines")
    person(alice, "Bob Rustacean")
    assert found(alice, "rust ada") == ["Ada Lovelace"]
    assert found(alice, "analytical rust") == [ada.name]
    assert found(alice, "cobol") == []
    assert found(alice, "  ") == []


def test_prefixes_match_as_you_type(alice):
    person(alice, "Ada", tags=["Python"])
    assert found(alice, "pyth") == ["Ada"]
    assert found(alice, "p") == ["Ada"]


def test_case_and_accents_fold_in_every_script(alice):
    person(alice, "Zoë Ångström")
    person(alice, "Иван", notes="жук в коде")
    person(alice, "Gerd", company="Straße AG")
    assert found(alice, "zoe") == ["Zoë Ångström"]
    assert found(alice, "ANGSTROM") == ["Zoë Ångström"]
    assert found(alice, "ЖУК") == ["Иван"]
    assert found(alice, "STRASSE") == ["Gerd"]
    assert found(alice, "straße") == ["Gerd"]


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_tagged_and_recently_talked_to_outranks_one_old_mention(alice):
    old = person(alice, "Olga Old", status=Contact.Status.ACTIVE_COLLABORATION)
    make_interaction(old, notes="mentioned rust once", occurred_at=at(2023, 1, 5))
    fan = person(alice, "Tia Tagged", tags=["Rust"], status=Contact.Status.PASSIVE)
    make_interaction(
        fan, type="pair_programming", subject="Rust", occurred_at=timezone.now() - dt.timedelta(1)
    )
    assert found(alice, "rust") == ["Tia Tagged", "Olga Old"]


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_equal_matches_go_by_warmth_then_latest_contact(alice):
    person(alice, "Passive Pat", tags=["Go"], status=Contact.Status.PASSIVE)
    person(alice, "Active Ann", tags=["Go"], status=Contact.Status.ACTIVE_COLLABORATION)
    person(alice, "Regular Rae", tags=["Go"])
    assert found(alice, "go") == ["Active Ann", "Regular Rae", "Passive Pat"]


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_each_result_says_why_it_matched(alice):
    ada = person(alice, "Ada", tags=["Rust"])
    make_interaction(ada, type="pair_programming", subject="Rust", occurred_at=at(2026, 3, 3))
    assert why(alice, "rust") == {"Ada": ["tagged Rust", "Pair programming about Rust, 3 Mar 2026"]}


def test_outsiders_never_see_anyone_elses_people(alice, charlie):
    person(alice, "Ada", tags=["Rust"])
    person(charlie, "Chuck", tags=["Go"])
    assert found(charlie, "rust") == []
    assert found(alice, "go") == []
    assert found(charlie, "go") == ["Chuck"]


def test_archived_people_are_left_out_of_the_global_search(alice):
    from contacts import services

    services.set_archived(person(alice, "Ada", tags=["Rust"]), True)
    assert found(alice, "rust") == []


def test_evidence_lists_everything_tying_people_to_a_technology(alice):
    ada = person(alice, "Ada", tags=["Rust"])
    make_interaction(ada, subject="Rust lifetimes", occurred_at=at(2026, 1, 5))
    fields = {"tags": engines.Field(("tags",))}
    found = query.rank_by_evidence(alice, ["rust", "cobol"], fields, ["covered"], 0, 10).evidence
    assert [e.source for e in found[0, ada.pk]] == ["tags", "interaction"]
    assert found[1, ada.pk] == []


def test_evidence_of_several_technologies_ranks_and_lists_each_entry_once(alice):
    ada = person(alice, "Ada", tags=["Ruby on Rails"])
    bob = person(alice, "Bob", tags=["Go"])
    texts = ["--", "ruby rails", "go", "cobol"]  # the first has no words to look for
    fields = {"tags": engines.Field(("tags",))}

    ranking = query.rank_by_evidence(alice, texts, fields, ["covered"], 0, 10)
    found = ranking.evidence

    assert (ranking.total, ranking.rows) == (2, [(ada.pk, 0b0010), (bob.pk, 0b0100)])
    assert query.rank_by_evidence(alice, texts, fields, ["covered"], 1, 10).rows == [
        (bob.pk, 0b0100)
    ]
    assert [e.label for e in found[1, ada.pk]] == ["tagged Ruby on Rails"]
    assert found[1, bob.pk] == [] and found[3, ada.pk] == [] and found[0, ada.pk] == []


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_interactions_weigh_by_age_and_the_latest_of_each_source_are_shown(alice):
    days = [dt.date(2026, 3, 1) - dt.timedelta(days=40 * n) for n in range(query.EVIDENCE + 2)]
    ada = person(alice, "Ada", tags=["Rust"])
    for day in days:
        make_interaction(ada, subject="Rust", occurred_at=at(day.year, day.month, day.day))
    # Within a quarter 1, within a year 0.6, older 0.3: Ada's are 9 to 449 days old (7.5).
    bob = person(alice, "Bob", tags=["Rust"])
    for _ in range(7):
        make_interaction(bob, subject="Rust", occurred_at=at(2026, 3, 1))
    cy = person(alice, "Cy", tags=["Rust"])
    for _ in range(8):
        make_interaction(cy, subject="Rust", occurred_at=at(2026, 3, 1))
    fields = {"interactions": engines.Field(("interaction",), by_age=True)}

    ranking = query.rank_by_evidence(alice, ["rust"], fields, ["interactions"], 0, 10)
    found = ranking.evidence

    assert [pk for pk, _ in ranking.rows] == [cy.pk, ada.pk, bob.pk]
    assert found[0, ada.pk][0].source == "tags"
    interactions = [e.occurred_on for e in found[0, ada.pk] if e.source == "interaction"]
    assert interactions == days[: query.EVIDENCE]


def test_symbol_named_technologies_match_themselves_only(alice):
    person(alice, "Cee", ["C++"])
    person(alice, "Sharp", ["C#"])
    person(alice, "Dot", [".NET"])
    person(alice, "Carla", ["Clojure"])
    assert found(alice, "c++") == ["Cee"]
    assert found(alice, "C#") == ["Sharp"]
    assert found(alice, ".net") == ["Dot"]
    assert set(found(alice, "c")) == {"Cee", "Sharp", "Carla"}  # "c" as you type: any c-word
