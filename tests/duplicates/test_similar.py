import random
import time

import pytest

from contacts.models import Contact
from duplicates.models import DismissedPair, dismiss
from duplicates.similar import (
    Candidate,
    find_possible_pairs,
    fold,
    possible_duplicate_pairs,
    similar_names,
    work_domain,
)
from tests.duplicates.conftest import make_contact


def test_fold_drops_case_accents_and_punctuation():
    assert fold("  José  O'Brien-Díaz ") == "jose o brien diaz"
    assert fold("ÅSA Ñúñez") == "asa nunez"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ada Lovelace", "Ada Lovelace"),
        ("Jon Smith", "John Smith"),
        ("Ada Lovelace", "Ada Lovelase"),
        ("Lovelace Ada", "Ada Lovelace"),
        ("Ada Byron Lovelace", "Lovelace Ada"),  # same first and last word, swapped
        ("José García", "Jose Garcia"),
        ("Zoë O'Neil", "zoe oneil"),
        ("Ada Lovelace", "Ada B. Lovelace"),
    ],
)
def test_similar_names(a, b):
    assert similar_names(fold(a), fold(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ada Lovelace", "Grace Hopper"), ("Ada Lovelace", "Ada King"), ("Jo Li", "Bo Wu"), ("", "")],
)
def test_different_names(a, b):
    assert not similar_names(fold(a), fold(b))


@pytest.mark.parametrize(
    ("email", "domain"),
    [
        ("ada@Acme.io", "acme.io"),
        ("ada@gmail.com", ""),
        ("ada@GMAIL.com", ""),
        ("ada@outlook.com", ""),
        ("ada@yahoo.com", ""),
        ("ada@hotmail.com", ""),
        ("ada@proton.me", ""),
        ("ada@icloud.com", ""),
        ("", ""),
        ("not-an-address", ""),
    ],
)
def test_work_domain_ignores_free_mail(email, domain):
    assert work_domain(email) == domain


def candidate(pk: int, name: str, company: str = "", domain: str = "") -> Candidate:
    return Candidate(pk, fold(name), fold(company), domain)


def test_a_similar_name_needs_a_shared_company_or_work_domain():
    pairs = find_possible_pairs(
        [
            candidate(1, "Jon Smith", company="Acme"),
            candidate(2, "John Smith", company="ACME"),
            candidate(3, "John Smith", company="Globex"),
            candidate(4, "Jon Smith", domain="initech.com"),
            candidate(5, "John Smith", domain="initech.com"),
            candidate(6, "Jonathan Smith"),
        ]
    )

    assert [(p.first_id, p.second_id, p.basis, p.value) for p in pairs] == [
        (1, 2, "company", "acme"),
        (4, 5, "domain", "initech.com"),
    ]


def test_excluded_pairs_are_left_out():
    people = [candidate(1, "Ada Lovelace", "Acme"), candidate(2, "Ada Lovelace", "Acme")]

    assert find_possible_pairs(people, exclude={(1, 2)}) == []


@pytest.mark.django_db
def test_free_mail_addresses_do_not_make_people_colleagues(alice):
    make_contact(alice, name="Ada Lovelace", email="ada.l@gmail.com")
    make_contact(alice, name="Ada Lovelace", email="lovelace@gmail.com")
    make_contact(alice, name="Grace Hopper", email="grace@navy.example")
    make_contact(alice, name="Grace Hoper", email="ghopper@navy.example")

    pairs = possible_duplicate_pairs(alice)

    names = [
        set(Contact.objects.filter(pk__in=[p.first_id, p.second_id]).values_list("name", flat=True))
        for p in pairs
    ]
    assert names == [{"Grace Hopper", "Grace Hoper"}]


@pytest.mark.django_db
def test_a_dismissed_pair_is_no_longer_suggested(alice):
    ada = make_contact(alice, name="Ada Lovelace", company="Acme")
    twin = make_contact(alice, name="Ada Lovelace", company="Acme")
    assert len(possible_duplicate_pairs(alice)) == 1

    dismiss(alice, twin, ada)
    dismiss(alice, ada, twin)  # twice (two tabs) is harmless

    assert possible_duplicate_pairs(alice) == []
    assert DismissedPair.objects.count() == 1


@pytest.mark.django_db
def test_another_users_dismissals_do_not_hide_mine(alice, charlie):
    make_contact(alice, name="Ada Lovelace", company="Acme")
    make_contact(alice, name="Ada Lovelace", company="Acme")
    theirs = [make_contact(charlie, name="Ada Lovelace", company="Acme") for _ in range(2)]
    dismiss(charlie, *theirs)

    assert len(possible_duplicate_pairs(alice)) == 1


FIRST = [
    "Ada",
    "Grace",
    "Linus",
    "Guido",
    "Barbara",
    "Ken",
    "Margaret",
    "Dennis",
    "Frances",
    "Alan",
]
LAST = ["Lovelace", "Hopper", "Torvalds", "Rossum", "Liskov", "Thompson", "Hamilton", "Ritchie"]


def test_ten_thousand_contacts_stay_fast():
    """Blocking keeps this far from the 50 million comparisons of every pair (about 0.8 s here,
    with names far more alike than real ones: ten first names, eight surnames)."""
    rng = random.Random(11)
    people = []
    for pk in range(10_000):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.randrange(400)}"
        company = f"Company {rng.randrange(150)}"  # ~67 people per company
        domain = f"c{rng.randrange(150)}.example" if pk % 3 else ""
        people.append(candidate(pk, name, company, domain))

    started = time.perf_counter()
    pairs = find_possible_pairs(people)
    elapsed = time.perf_counter() - started

    assert elapsed < 5, f"{elapsed:.2f} s"
    assert pairs  # the same name at the same company does happen in this data


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jon Smith", "John Smith"),  # typo in the first word
        ("Ada Lovelace", "Ada Lovelase"),  # typo in the last word
        ("Lovelace Ada", "Ada Lovelace"),  # swapped
        ("Ada Lovelace", "Ada Byron Lovelace"),  # middle name
        ("Cher", "Chér"),  # one word
    ],
)
def test_the_blocking_still_compares_likely_duplicates(a, b):
    pairs = find_possible_pairs([candidate(1, a, "Acme"), candidate(2, b, "Acme")])

    assert [(p.first_id, p.second_id) for p in pairs] == [(1, 2)]
