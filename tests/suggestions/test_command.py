"""manage.py suggest_follow_ups: openers from the owner's own rows, dismissed for good."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from contacts.models import Contact
from interactions.models import Interaction
from reminders.models import Reminder
from resources.models import SharedResource
from suggestions.models import Suggestion
from suggestions.services import dismiss, refresh_suggestions
from tests.conftest import make_contact, make_user
from tests.suggestions.conftest import PROMISE, log, make_network

pytestmark = pytest.mark.django_db
Kind = Suggestion.Kind


def run(*args: str) -> str:
    out = StringIO()
    call_command("suggest_follow_ups", *args, stdout=out)
    return out.getvalue()


def source_text(s: Suggestion) -> str:
    """The stored text of the row the suggestion rests on."""
    if s.interaction_id:
        row = Interaction.objects.get(pk=s.interaction_id)
        return f"{row.subject}\n{row.notes}"
    if s.reminder_id:
        return Reminder.objects.get(pk=s.reminder_id).title
    if s.resource_id:
        return SharedResource.objects.get(pk=s.resource_id).title
    if s.project_id:
        return s.project.title
    if s.collaboration_id:
        return s.collaboration.title
    if s.tag_id:
        return ", ".join(t.name for t in s.contact.tags.order_by("name"))
    return s.contact.birthday.strftime("%-d %B")


def test_every_suggestion_quotes_its_own_source_row(alice, ada):
    assert "Created" in run()

    suggestions = list(Suggestion.objects.filter(contact=ada))
    assert {s.kind for s in suggestions} <= set(Kind.values)
    assert len(suggestions) == 4  # the best four of the seven facts
    for s in suggestions:
        assert s.owner == alice
        assert s.quote in source_text(s), s.kind
        assert s.still_true(dt.date.today())


def test_the_promise_and_the_open_follow_up_come_first(alice, ada):
    refresh_suggestions(alice)

    kinds = list(Suggestion.objects.filter(contact=ada).values_list("kind", flat=True))
    assert set(kinds[:2]) == {Kind.PROMISE, Kind.FOLLOW_UP}
    assert kinds[-1] not in (Kind.PROMISE, Kind.FOLLOW_UP)
    promise = Suggestion.objects.get(contact=ada, kind=Kind.PROMISE)
    assert promise.quote == PROMISE


def test_the_topic_is_the_most_representative_sentence_of_the_last_talks(alice):
    bob = make_contact(alice, name="Bob", status=Contact.Status.CHECK_IN_DUE)
    log(bob, "Rust compile times at work. Rust async runtimes. The weather in Lyon was nice.")
    Contact.objects.filter(pk=bob.pk).update(status=Contact.Status.CHECK_IN_DUE)

    refresh_suggestions(alice)

    topic = Suggestion.objects.get(contact=bob, kind=Kind.TOPIC)
    assert topic.quote in {"Rust compile times at work.", "Rust async runtimes."}


def test_running_twice_changes_nothing(alice, ada):
    refresh_suggestions(alice)
    before = list(Suggestion.objects.order_by("pk").values_list("pk", "code", "kind", "quote"))

    again = refresh_suggestions(alice)

    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    after = list(Suggestion.objects.order_by("pk").values_list("pk", "code", "kind", "quote"))
    assert after == before
    assert "Created 0 suggestions, updated 0, removed 0." in run()


def test_a_dismissed_suggestion_stays_dismissed_after_the_next_runs(alice, ada):
    refresh_suggestions(alice)
    promise = Suggestion.objects.get(contact=ada, kind=Kind.PROMISE)

    assert dismiss(promise)
    assert not dismiss(promise)  # a second click writes nothing
    run()
    run()

    rows = Suggestion.objects.filter(contact=ada, kind=Kind.PROMISE)
    assert list(rows.values_list("pk", flat=True)) == [promise.pk]
    assert rows.get().dismissed_at is not None
    # The next best fact takes its place at once.
    assert Suggestion.objects.filter(contact=ada).current().count() == 4


def test_a_new_fact_of_the_same_kind_is_suggested_after_a_dismissal(alice, ada):
    refresh_suggestions(alice)
    dismiss(Suggestion.objects.get(contact=ada, kind=Kind.PROMISE))

    newer = log(ada, "I will introduce her to the Tokio maintainers.", days_ago=2)
    Contact.objects.filter(pk=ada.pk).update(status=Contact.Status.CHECK_IN_DUE)
    refresh_suggestions(alice)

    current = Suggestion.objects.filter(contact=ada, kind=Kind.PROMISE).current().get()
    assert current.interaction_id == newer.pk


def test_contacts_who_no_longer_need_attention_lose_their_suggestions(alice, ada):
    refresh_suggestions(alice)
    Contact.objects.filter(pk=ada.pk).update(status=Contact.Status.REGULAR_CONTACT)

    result = refresh_suggestions(alice)

    assert result.removed == 4
    assert not Suggestion.objects.filter(contact=ada).exists()


def test_deleting_the_source_deletes_the_suggestion(alice, ada):
    refresh_suggestions(alice)

    Reminder.objects.filter(contact=ada).delete()

    assert not Suggestion.objects.filter(contact=ada, kind=Kind.FOLLOW_UP).exists()


def test_never_another_users_rows(alice, ada):
    bob = make_user("bob")
    twin = make_network(bob, name="Ada Lovelace")
    log(twin, "Bob's private note: I will send the salary figures.", days_ago=1)
    Contact.objects.filter(pk=twin.pk).update(status=Contact.Status.CHECK_IN_DUE)

    run()

    for s in Suggestion.objects.filter(owner=alice).with_sources():
        assert s.contact.owner == alice
        for source in (s.interaction, s.reminder, s.resource, s.project, s.collaboration):
            if source is not None:
                owner = getattr(source, "owner", None) or source.contact.owner
                assert owner == alice
        if s.tag is not None:
            assert s.tag.owner == alice
        assert "salary" not in s.quote
    assert Suggestion.objects.filter(owner=bob).exists()


def test_dry_run_writes_nothing(alice, ada):
    assert "Would create 4 suggestions" in run("--dry-run")
    assert not Suggestion.objects.exists()


def test_one_user_only(alice, ada):
    bob = make_user("bob")
    make_network(bob)

    run("--user", "alice")

    assert set(Suggestion.objects.values_list("owner__username", flat=True)) == {"alice"}


def test_an_unknown_user_is_a_clear_error(alice):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        run("--user", "nobody")


def test_quiet_at_verbosity_zero(alice, ada):
    out = StringIO()
    call_command("suggest_follow_ups", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Suggestion.objects.exists()


def test_switched_off_computes_nothing(alice, ada, settings):
    settings.EMBEDDINGS = False

    assert "switched off" in run()
    assert not Suggestion.objects.exists()


def test_a_birthday_within_two_weeks_is_suggested_and_a_past_dismissal_is_forgotten(alice):
    today = dt.date.today()
    soon = today + dt.timedelta(days=3)
    grace = make_contact(
        alice,
        name="Grace",
        status=Contact.Status.CHECK_IN_DUE,
        birthday=soon.replace(year=1990) if not (soon.month == 2 and soon.day == 29) else None,
    )
    if grace.birthday is None:
        pytest.skip("no 29 February birthday in 1990")

    refresh_suggestions(alice)

    birthday = Suggestion.objects.get(contact=grace, kind=Kind.BIRTHDAY)
    assert birthday.on == soon
    assert birthday.quote == grace.birthday.strftime("%-d %B")
