"""Forms: type choices per user, the future-date rule, topics as tags, and list filters."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from contacts.models import Tag
from interactions.forms import (
    InteractionFilterForm,
    InteractionForm,
    InteractionTypeForm,
    QuickLogForm,
)
from interactions.models import Interaction, InteractionType
from tests.conftest import make_contact, make_tag
from tests.interactions.conftest import at, builtin_type, interaction_form_data, make_interaction

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 20, 30, tzinfo=UTC)


def retire(interaction_type: InteractionType) -> InteractionType:
    interaction_type.is_retired = True
    interaction_type.save()
    return interaction_type


def choice_values(form, field: str = "type") -> list[str]:
    return [str(value) for value, _ in form.fields[field].choices if value != ""]


def test_quick_log_offers_my_usable_types_by_code(alice, charlie):
    email = retire(builtin_type(alice, "email"))
    InteractionType.objects.for_owner(charlie)

    form = QuickLogForm(owner=alice, prefix="quick")

    codes = {str(t.code) for t in InteractionType.objects.for_owner(alice).usable()}
    assert set(choice_values(form)) == codes
    assert str(email.code) not in choice_values(form)
    assert len(codes) == 14


def test_quick_log_rejects_someone_elses_type(alice, charlie):
    theirs = builtin_type(charlie, "call")

    form = QuickLogForm({"quick-type": str(theirs.code)}, owner=alice, prefix="quick")

    assert not form.is_valid()
    assert "Select a valid choice" in form.errors["type"][0]


def test_quick_log_rejects_a_retired_type(alice):
    email = retire(builtin_type(alice, "email"))

    form = QuickLogForm({"quick-type": str(email.code)}, owner=alice, prefix="quick")

    assert not form.is_valid()


def test_quick_log_builds_an_interaction_for_now(alice):
    ada = make_contact(alice)
    call = builtin_type(alice)
    form = QuickLogForm(
        {"quick-type": str(call.code), "quick-notes": "Talked about Rust"},
        owner=alice,
        prefix="quick",
    )

    with time_machine.travel(NOW, tick=False):
        assert form.is_valid(), form.errors
        interaction = form.build(ada)

    assert interaction.contact == ada
    assert interaction.type == call
    assert interaction.notes == "Talked about Rust"
    assert interaction.occurred_at == NOW


def test_new_interaction_starts_at_now_in_the_users_time_zone(alice):
    # The current zone is the user's own while their request runs.
    with time_machine.travel(NOW, tick=False), timezone.override("Pacific/Auckland"):
        form = InteractionForm(owner=alice)
        rendered = str(form["occurred_at"])

    # 20:30 UTC on 10 March is 09:30 on 11 March in Auckland.
    assert 'value="2026-03-11T09:30"' in rendered


def test_typed_date_is_read_in_the_users_time_zone(alice):
    form = InteractionForm(
        interaction_form_data(builtin_type(alice), occurred_at="2026-03-11T09:30"), owner=alice
    )

    with time_machine.travel(NOW, tick=False), timezone.override("Pacific/Auckland"):
        assert form.is_valid(), form.errors

    assert form.cleaned_data["occurred_at"] == NOW


def test_new_interaction_form_leaves_out_retired_types(alice):
    email = retire(builtin_type(alice, "email"))

    assert str(email.code) not in choice_values(InteractionForm(owner=alice))


def test_editing_keeps_the_retired_type_of_that_interaction_on_offer(alice):
    email_type = builtin_type(alice, "email")
    interaction = make_interaction(make_contact(alice), type=email_type)
    retire(email_type)

    form = InteractionForm(instance=interaction, owner=alice)

    assert str(email_type.code) in choice_values(form)
    assert str(form["type"].value()) == str(email_type.code)  # and selected


def test_editing_does_not_offer_other_retired_types(alice):
    interaction = make_interaction(make_contact(alice), type="call")
    email = retire(builtin_type(alice, "email"))

    assert str(email.code) not in choice_values(InteractionForm(instance=interaction, owner=alice))


def test_type_choices_are_uuid_codes_never_primary_keys(alice):
    call = builtin_type(alice)
    form = InteractionForm(interaction_form_data(call, type=str(call.pk)), owner=alice)

    assert all(len(value) == 36 for value in choice_values(InteractionForm(owner=alice)))
    assert not form.is_valid()
    assert "type" in form.errors


@pytest.mark.parametrize(
    ("offset", "valid"),
    [(timedelta(hours=-1), True), (timedelta(hours=11), True), (timedelta(hours=13), False)],
)
def test_dates_more_than_twelve_hours_ahead_are_rejected(alice, offset, valid):
    when = timezone.localtime(NOW + offset).strftime("%Y-%m-%dT%H:%M")
    form = InteractionForm(
        interaction_form_data(builtin_type(alice), occurred_at=when), owner=alice
    )

    with time_machine.travel(NOW, tick=False):
        assert form.is_valid() is valid

    if not valid:
        assert "future" in form.errors["occurred_at"][0]


def test_topics_typed_as_names_create_or_reuse_my_tags(alice, charlie):
    rust = make_tag(alice, "Rust")
    make_tag(charlie, "Async")
    form = InteractionForm(
        interaction_form_data(builtin_type(alice), topic_names="rust, Async,  async , WebAssembly"),
        owner=alice,
    )

    assert form.is_valid(), form.errors
    topics = form.topics()

    assert [t.name for t in topics] == ["Rust", "Async", "WebAssembly"]
    assert topics[0] == rust
    assert all(t.owner == alice for t in topics)
    assert Tag.objects.filter(owner=charlie).count() == 1


def test_overlong_topic_names_are_rejected(alice):
    form = InteractionForm(
        interaction_form_data(builtin_type(alice), topic_names="x" * 51), owner=alice
    )

    assert not form.is_valid()
    assert "at most 50 characters" in form.errors["topic_names"][0]


def test_editing_shows_the_current_topics(alice):
    interaction = make_interaction(make_contact(alice), topics=["Rust", "Async"])

    form = InteractionForm(instance=interaction, owner=alice)

    assert form.initial["topic_names"] in ("Rust, Async", "Async, Rust")


@pytest.mark.parametrize("outcome", [o.value for o in Interaction.Outcome])
def test_each_outcome_is_accepted(alice, outcome):
    form = InteractionForm(interaction_form_data(builtin_type(alice), outcome=outcome), owner=alice)

    with time_machine.travel(NOW, tick=False):
        assert form.is_valid(), form.errors


def test_an_unknown_outcome_is_rejected(alice):
    form = InteractionForm(interaction_form_data(builtin_type(alice), outcome="great"), owner=alice)

    assert not form.is_valid()
    assert "outcome" in form.errors


def test_type_names_are_unique_per_user_ignoring_case(alice, charlie):
    InteractionType.objects.for_owner(alice)
    InteractionType.objects.for_owner(charlie)

    mine = InteractionTypeForm({"name": "  coffee   CHAT "}, owner=alice)
    theirs = InteractionTypeForm({"name": "Standup"}, owner=charlie)

    assert not mine.is_valid()
    assert mine.errors["name"] == ["You already have a type with that name."]
    assert theirs.is_valid()


def test_a_first_type_cannot_clash_with_the_builtins_not_created_yet(alice):
    form = InteractionTypeForm({"name": "call"}, owner=alice)

    assert not form.is_valid()
    assert form.errors["name"] == ["You already have a type with that name."]


def test_type_names_are_tidied(alice):
    InteractionType.objects.for_owner(alice)
    form = InteractionTypeForm({"name": "  Stand   up "}, owner=alice)

    assert form.is_valid()
    assert form.cleaned_data["name"] == "Stand up"


def test_renaming_a_type_to_a_different_case_of_its_own_name_is_fine(alice):
    call = builtin_type(alice)

    form = InteractionTypeForm({"name": "CALL"}, instance=call, owner=alice)

    assert form.is_valid(), form.errors


def test_overlong_type_names_are_rejected(alice):
    form = InteractionTypeForm({"name": "x" * 61}, owner=alice)

    assert not form.is_valid()
    assert "name" in form.errors


def test_filter_form_ignores_someone_elses_contact(alice, charlie):
    theirs = make_contact(charlie)

    filters = InteractionFilterForm({"contact": str(theirs.code)}, owner=alice)

    assert filters.value("contact") is None
    assert "contact" in filters.errors
    assert not filters.is_filtered


def test_filter_form_ignores_bad_values_but_keeps_good_ones(alice):
    ada = make_contact(alice)
    filters = InteractionFilterForm(
        {"contact": str(ada.code), "start": "bad", "outcome": "great"}, owner=alice
    )

    assert filters.value("contact") == ada
    assert filters.value("start") is None
    assert filters.value("outcome") == ""
    assert set(filters.errors) == {"start", "outcome"}


def test_filter_form_date_range_is_inclusive(alice):
    ada = make_contact(alice)
    first = make_interaction(ada, occurred_at=at(2026, 3, 1, 0, 5))
    last = make_interaction(ada, occurred_at=at(2026, 3, 31, 23, 55))
    make_interaction(ada, occurred_at=at(2026, 2, 28, 23, 55))
    make_interaction(ada, occurred_at=at(2026, 4, 1, 0, 5))

    filters = InteractionFilterForm({"start": "2026-03-01", "end": "2026-03-31"}, owner=alice)

    assert list(filters.apply(Interaction.objects.all())) == [last, first]


def test_the_date_filter_takes_whole_days_in_the_users_time_zone(alice):
    ada = make_contact(alice)
    # Los Angeles is UTC-7 then: 23:30 on 9 March there is already 10 March in UTC.
    late = make_interaction(ada, occurred_at=at(2026, 3, 10, 6, 30), subject="late")
    early = make_interaction(ada, occurred_at=at(2026, 3, 10, 7, 30), subject="early")
    with timezone.override("America/Los_Angeles"):
        ninth = InteractionFilterForm({"start": "2026-03-09", "end": "2026-03-09"}, owner=alice)
        tenth = InteractionFilterForm({"start": "2026-03-10", "end": "2026-03-10"}, owner=alice)

        assert list(ninth.apply(Interaction.objects.for_owner(alice))) == [late]
        assert list(tenth.apply(Interaction.objects.for_owner(alice))) == [early]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_filter_outside_the_accepted_years_is_reported_and_ignored(alice, day):
    ada = make_contact(alice)
    make_interaction(ada, occurred_at=at(2026, 3, 10))
    form = InteractionFilterForm({"start": day, "end": day}, owner=alice)

    assert len(form.apply(Interaction.objects.for_owner(alice))) == 1
    assert "start" in form.errors and "end" in form.errors
