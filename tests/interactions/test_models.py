"""Interaction types per user, and the querysets views rely on for scoping and search."""

import pytest
from django.db import IntegrityError, transaction
from django.http import Http404

from interactions.models import (
    BUILTIN_TYPES,
    Interaction,
    InteractionType,
    ensure_builtin_types,
    get_interaction_for_user,
    get_type_for_user,
)
from tests.conftest import make_contact
from tests.interactions.conftest import at, builtin_type, make_interaction

pytestmark = pytest.mark.django_db


EXPECTED_BUILTINS = [
    "Technical discussion",
    "Code review",
    "Pair programming",
    "Knowledge transfer",
    "Job discussion",
    "Project meeting",
    "Mentoring session",
    "E-mail",
    "Call",
    "Video call",
    "Meeting",
    "Coffee chat",
    "Message",
    "Conference chat",
    "Other",
]


def test_a_new_user_has_no_types_until_first_use(alice):
    assert not InteractionType.objects.filter(owner=alice).exists()


def test_first_use_gives_the_user_the_fifteen_builtin_types_in_order(alice):
    names = list(InteractionType.objects.for_owner(alice).values_list("name", flat=True))

    assert names == EXPECTED_BUILTINS
    assert len(BUILTIN_TYPES) == 15


def test_builtin_types_are_created_exactly_once(alice):
    ensure_builtin_types(alice)
    ensure_builtin_types(alice)
    list(InteractionType.objects.for_owner(alice))

    assert InteractionType.objects.filter(owner=alice).count() == 15
    keys = InteractionType.objects.filter(owner=alice).values_list("builtin_key", flat=True)
    assert sorted(keys) == sorted(BUILTIN_TYPES)


def test_renamed_or_retired_builtins_are_not_recreated(alice):
    call = builtin_type(alice, "call")
    call.name = "Phone call"
    call.is_retired = True
    call.save()

    ensure_builtin_types(alice)

    assert InteractionType.objects.filter(owner=alice).count() == 15
    assert not InteractionType.objects.filter(owner=alice, name="Call").exists()


def test_each_user_gets_their_own_copy(alice, charlie):
    alices = set(InteractionType.objects.for_owner(alice).values_list("pk", flat=True))
    charlies = set(InteractionType.objects.for_owner(charlie).values_list("pk", flat=True))

    assert len(alices) == len(charlies) == 15
    assert not alices & charlies


def test_renaming_my_type_leaves_other_users_alone(alice, charlie):
    mine = builtin_type(alice, "coffee_chat")
    mine.name = "Tea break"
    mine.is_retired = True
    mine.save()

    theirs = builtin_type(charlie, "coffee_chat")
    assert theirs.name == "Coffee chat"
    assert not theirs.is_retired


def test_type_names_are_unique_per_user_ignoring_case(alice, charlie):
    InteractionType.objects.for_owner(alice)
    InteractionType.objects.create(owner=charlie, name="CALL")  # someone else's is fine

    with pytest.raises(IntegrityError), transaction.atomic():
        InteractionType.objects.create(owner=alice, name="CALL")


def test_usable_types_leave_out_retired_ones(alice):
    retired = builtin_type(alice, "email")
    retired.is_retired = True
    retired.save()

    usable = InteractionType.objects.for_owner(alice).usable()

    assert retired not in usable
    assert usable.count() == 14


def test_type_str_is_its_name(alice):
    assert str(builtin_type(alice, "pair_programming")) == "Pair programming"


def test_interaction_str_names_type_contact_and_day(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    interaction = make_interaction(ada, type="code_review", occurred_at=at(2026, 3, 10))

    assert str(interaction) == "Code review with Ada Lovelace on 2026-03-10"


def test_a_renamed_mentoring_type_still_counts_as_mentoring(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    mentoring = builtin_type(alice, "mentoring_session")
    mentoring.name = "1:1"
    mentoring.save()

    assert make_interaction(ada, type=mentoring).is_mentoring
    assert not make_interaction(ada, type="call").is_mentoring


def test_new_interactions_default_to_now_and_neutral(alice):
    interaction = Interaction(contact=make_contact(alice), type=builtin_type(alice))

    assert interaction.outcome == Interaction.Outcome.NEUTRAL
    assert interaction.occurred_at is not None


def test_for_owner_only_returns_the_users_interactions(alice, charlie):
    mine = make_interaction(make_contact(alice))
    make_interaction(make_contact(charlie))

    assert list(Interaction.objects.for_owner(alice)) == [mine]


def test_newest_first(alice):
    ada = make_contact(alice)
    old = make_interaction(ada, occurred_at=at(2026, 1, 1))
    new = make_interaction(ada, occurred_at=at(2026, 2, 1))
    same_time_later_id = make_interaction(ada, occurred_at=at(2026, 2, 1))

    assert list(Interaction.objects.newest_first()) == [same_time_later_id, new, old]


def test_search_needs_every_word_in_subject_or_notes(alice):
    ada = make_contact(alice)
    both = make_interaction(ada, subject="Rust borrow checker", notes="talked about lifetimes")
    make_interaction(ada, subject="Rust", notes="async")
    make_interaction(ada, subject="Python", notes="typing")

    assert list(Interaction.objects.search("rust LIFETIMES")) == [both]


def test_getting_someone_elses_interaction_is_a_404(alice, charlie):
    interaction = make_interaction(make_contact(alice))

    assert get_interaction_for_user(alice, interaction.code) == interaction
    with pytest.raises(Http404):
        get_interaction_for_user(charlie, interaction.code)


def test_getting_someone_elses_type_is_a_404(alice, charlie):
    call = builtin_type(alice)

    assert get_type_for_user(alice, call.code) == call
    with pytest.raises(Http404):
        get_type_for_user(charlie, call.code)


def test_types_in_use_cannot_be_deleted(alice):
    interaction = make_interaction(make_contact(alice), type="call")

    with pytest.raises(IntegrityError), transaction.atomic():
        interaction.type.delete()
