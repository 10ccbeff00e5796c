import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from contacts import merging
from contacts.models import Contact
from duplicates import merge
from duplicates.merge import MergeError, merge_contacts
from duplicates.models import DismissedPair, dismiss
from imports.models import ImportBatch, ImportRow
from interactions.models import Interaction
from opportunities.models import Opportunity, Participant, RecruiterNotes
from quickconnect.models import Notification, Submission
from reminders import services as reminder_services
from reminders.models import Reminder
from resources.models import SharedResource
from tests.duplicates.conftest import (
    attach_one_of_everything,
    log_interaction,
    make_contact,
    make_tag,
    related_rows,
)
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

pytestmark = pytest.mark.django_db


def test_every_relation_to_contact_is_handled_by_the_merge():
    """A new model pointing at Contact must be taught to the merge, or its rows would be
    cascade-deleted with the merged-away contacts: its app registers a merge handler naming the
    relation (contacts.merging.register, from the app's AppConfig.ready), and the model gets a
    row in attach_one_of_everything. Only the Contact's own tags and events are merge.py's."""
    discovered = merge.contact_relations()
    handled = merge.OWN_RELATIONS | merging.handled_relations()

    assert discovered == handled, (
        f"not handled: {sorted(discovered - handled)}; gone: {sorted(handled - discovered)}"
    )


def test_the_discovery_sees_every_reverse_relation_django_reports():
    reverse_relations = {merge.relation_label(rel.field) for rel in Contact._meta.related_objects}

    assert reverse_relations <= merge.contact_relations()
    assert "interactions.Interaction.contact" in reverse_relations


def test_merge_keeps_every_related_row_of_all_contacts(alice):
    ada = make_contact(alice, name="Ada Lovelace")
    copy = make_contact(alice, name="Ada King")
    third = make_contact(alice, name="A. Lovelace")
    rows = [
        attach_one_of_everything(c, label) for c, label in ((ada, "a"), (copy, "b"), (third, "c"))
    ]
    before = [related_rows(c) for c in (ada, copy, third)]

    merge_contacts(alice, ada, [copy, third], {})

    assert list(Contact.objects.for_owner(alice)) == [ada]
    after = related_rows(ada)
    for kind in after:
        assert after[kind] == set().union(*(b[kind] for b in before)), kind
    # Nothing was deleted on the way.
    assert Interaction.objects.count() == 3
    assert Reminder.objects.count() == 3
    assert SharedResource.objects.count() == 3
    assert ProjectCollaboration.objects.count() == 3
    assert Participant.objects.count() == 3
    assert Submission.objects.filter(contact=ada).count() == 3
    assert Opportunity.objects.count() == 3
    # One-per-contact sections are folded into the primary's.
    assert Background.objects.get().pk == rows[0]["background"]
    assert Background.objects.get(contact=ada).family == "family-a\n\nfamily-b\n\nfamily-c"
    assert ContactInfo.objects.get(contact=ada).pk == rows[0]["info"]
    profile = DeveloperProfile.objects.get(contact=ada)
    assert profile.technical_skills == "skills-a\n\nskills-b\n\nskills-c"
    assert {t.name for t in profile.tech_stack.all()} == {"stack-a", "stack-b", "stack-c"}
    assert (
        RecruiterNotes.objects.get(contact=ada).dealings == "dealings-a\n\ndealings-b\n\ndealings-c"
    )


def test_the_primary_takes_the_chosen_values(alice):
    ada = make_contact(alice, name="Ada", email="ada@old.example", company="", notes="one")
    copy = make_contact(
        alice,
        name="Ada Lovelace",
        email="ada@new.example",
        company="Engines Ltd",
        birthday=dt.date(1990, 12, 10),
        importance=Contact.Importance.HIGH,
    )

    merge_contacts(
        alice,
        ada,
        [copy],
        {
            "name": "Ada Lovelace",
            "email": "ada@new.example",
            "company": "Engines Ltd",
            "birthday": dt.date(1990, 12, 10),
            "importance": Contact.Importance.HIGH,
            "notes": "one\n\ntwo",
        },
    )

    ada.refresh_from_db()
    assert (ada.name, ada.email, ada.company) == ("Ada Lovelace", "ada@new.example", "Engines Ltd")
    assert ada.birthday == dt.date(1990, 12, 10)
    assert ada.importance == Contact.Importance.HIGH
    assert ada.notes == "one\n\ntwo"
    assert not Contact.objects.filter(pk=copy.pk).exists()


def test_combining_keeps_distinct_paragraphs_and_links_once():
    assert merging.combine_paragraphs(["Likes Rust.", "", "Likes Rust.", " Has a cat. "]) == (
        "Likes Rust.\n\nHas a cat."
    )
    links = ["https://a.example\nhttps://b.example", "https://b.example\n"]
    assert merging.combine_lines(links) == "https://a.example\nhttps://b.example"


def test_last_contacted_becomes_the_latest_and_the_status_is_recomputed(alice):
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC), tick=False):
        stale = make_contact(alice, name="Ada", last_contacted=dt.date(2025, 1, 1))
        reminder_services.after_rhythm_change(stale)
        stale.refresh_from_db()
        assert stale.status == Contact.Status.RECONNECT
        fresh = make_contact(alice, name="Ada L")
        log_interaction(fresh, dt.datetime(2026, 4, 28, 9, tzinfo=dt.UTC))

        merge_contacts(alice, stale, [fresh], {})

    stale.refresh_from_db()
    assert stale.last_contacted == dt.date(2026, 4, 28)
    assert stale.status == Contact.Status.REGULAR_CONTACT


def test_a_last_contacted_date_without_interactions_counts_too(alice):
    ada = make_contact(alice, name="Ada", last_contacted=dt.date(2026, 1, 5))
    imported = make_contact(alice, name="Ada L", last_contacted=dt.date(2026, 3, 5))

    merge_contacts(alice, ada, [imported], {})

    ada.refresh_from_db()
    assert ada.last_contacted == dt.date(2026, 3, 5)


def test_the_merged_contact_is_known_since_the_earliest_of_them(alice):
    with time_machine.travel(dt.datetime(2024, 2, 1, tzinfo=dt.UTC)):
        older = make_contact(alice, name="Ada (old)")
    newer = make_contact(alice, name="Ada")

    merge_contacts(alice, newer, [older], {})

    newer.refresh_from_db()
    assert newer.created_at.date() == dt.date(2024, 2, 1)


def test_colliding_automatic_reminders_are_kept_once_and_name_the_primary(alice):
    ada = make_contact(alice, name="Ada", birthday=dt.date(1990, 5, 20))
    copy = make_contact(alice, name="Ada L", birthday=dt.date(1990, 5, 20))
    today = dt.date(2026, 5, 13)
    reminder_services.create_birthday_reminders(Contact.objects.for_owner(alice), today)
    assert Reminder.objects.filter(kind=Reminder.Kind.BIRTHDAY).count() == 4  # 2 each
    mine = set(ada.reminders.values_list("pk", flat=True))

    merge_contacts(alice, ada, [copy], {})

    birthdays = Reminder.objects.filter(kind=Reminder.Kind.BIRTHDAY)
    assert set(birthdays.values_list("pk", flat=True)) == mine
    assert all(r.contact_id == ada.pk for r in birthdays)
    # The nightly job finds the merged contact's reminders already there: no second set.
    assert reminder_services.create_birthday_reminders(Contact.objects.for_owner(alice), today) == 0


def test_a_moved_automatic_reminder_belongs_to_the_primary_and_is_not_made_twice(alice):
    ada = make_contact(alice, name="Ada")
    met = make_contact(alice, name="Ada L", source=Contact.Source.CONFERENCE)
    reminder_services.ensure_conference_follow_up(met)

    merge_contacts(alice, ada, [met], {"source": Contact.Source.CONFERENCE})

    reminder = Reminder.objects.get(kind=Reminder.Kind.CONFERENCE_FOLLOW_UP)
    ada.refresh_from_db()
    assert (reminder.contact_id, reminder.occasion_on) == (ada.pk, ada.added_on)
    reminder_services.ensure_conference_follow_up(ada)
    assert Reminder.objects.filter(kind=Reminder.Kind.CONFERENCE_FOLLOW_UP).count() == 1


def test_only_one_open_check_in_survives(alice):
    today = dt.date(2026, 5, 13)
    ada = make_contact(alice, name="Ada", last_contacted=dt.date(2025, 1, 1))
    copy = make_contact(alice, name="Ada L", last_contacted=dt.date(2025, 2, 1))
    Contact.objects.filter(pk__in=[ada.pk, copy.pk]).update(status=Contact.Status.RECONNECT)
    reminder_services.create_check_in_reminders(Contact.objects.for_owner(alice), today)
    assert Reminder.objects.open().filter(kind=Reminder.Kind.CHECK_IN).count() == 2

    with time_machine.travel(dt.datetime(2026, 5, 13, 12, tzinfo=dt.UTC)):
        merge_contacts(alice, ada, [copy], {})

    assert Reminder.objects.filter(kind=Reminder.Kind.CHECK_IN).count() == 2
    assert Reminder.objects.open().filter(kind=Reminder.Kind.CHECK_IN, contact=ada).count() == 1


def test_vip_sections_fold_into_the_primary(alice):
    ada = make_contact(alice, name="Ada", is_vip=True)
    copy = make_contact(alice, name="Ada L", is_vip=True)
    ContactInfo.objects.create(
        contact=ada,
        preferred_channel=ContactInfo.Channel.SIGNAL,
        email="",
        social_links=[{"label": "Mastodon", "url": "https://m.example/@ada"}],
    )
    ContactInfo.objects.create(
        contact=copy,
        preferred_channel=ContactInfo.Channel.SLACK,
        email="ada@example.com",
        social_links=[
            {"label": "Mastodon", "url": "https://m.example/@ada"},
            {"label": "Bluesky", "url": "https://bsky.example/ada"},
        ],
    )
    Background.objects.create(contact=copy, likes_dislikes="Likes tea")
    kept = DeveloperProfile.objects.create(contact=ada, communication_notes="Async")
    kept.tech_stack.add(make_tag(alice, "Rust"))
    theirs = DeveloperProfile.objects.create(contact=copy, communication_notes="Async")
    theirs.tech_stack.add(make_tag(alice, "Rust"), make_tag(alice, "Go"))

    merge_contacts(alice, ada, [copy], {})

    info = ContactInfo.objects.get()
    assert info.contact_id == ada.pk
    assert info.preferred_channel == ContactInfo.Channel.SIGNAL  # the primary's single value
    assert info.email == "ada@example.com"  # a blank filled in
    assert [link["label"] for link in info.social_links] == ["Mastodon", "Bluesky"]
    assert Background.objects.get().contact_id == ada.pk  # the only one moves over
    profile = DeveloperProfile.objects.get()
    assert profile.pk == kept.pk
    assert profile.communication_notes == "Async"
    assert {t.name for t in profile.tech_stack.all()} == {"Rust", "Go"}


def test_a_shared_opportunity_role_is_kept_once(alice):
    ada = make_contact(alice, name="Ada")
    copy = make_contact(alice, name="Ada L")
    job = Opportunity.objects.create(owner=alice, company="Acme", role_title="Dev")
    Participant.objects.create(opportunity=job, contact=ada, role=Participant.Role.RECRUITER)
    Participant.objects.create(opportunity=job, contact=copy, role=Participant.Role.RECRUITER)
    Participant.objects.create(opportunity=job, contact=copy, role=Participant.Role.REFERRER)

    merge_contacts(alice, ada, [copy], {})

    roles = sorted(Participant.objects.filter(contact=ada).values_list("role", flat=True))
    assert roles == [Participant.Role.RECRUITER, Participant.Role.REFERRER]
    assert Participant.objects.count() == 2


def test_tags_are_the_union(alice):
    ada = make_contact(alice, name="Ada", tags=["Python", "Rust"])
    copy = make_contact(alice, name="Ada L", tags=["Rust", "Go"])

    merge_contacts(alice, ada, [copy], {})

    assert sorted(t.name for t in ada.tags.all()) == ["Go", "Python", "Rust"]


def test_quick_connect_notifications_link_to_the_merged_contact(alice):
    ada = make_contact(alice, name="Ada")
    copy = make_contact(alice, name="Ada L")
    note = Notification.objects.create(owner=alice, title="Ada L added themselves", contact=copy)

    merge_contacts(alice, ada, [copy], {})

    note.refresh_from_db()
    assert note.url == reverse("contacts:detail", args=[ada.code])


def test_dismissed_pairs_carry_over_to_the_merged_contact(alice):
    ada = make_contact(alice, name="Ada")
    copy = make_contact(alice, name="Ada L")
    other = make_contact(alice, name="Ada Byron")
    dismiss(alice, copy, other)
    dismiss(alice, ada, copy)

    merge_contacts(alice, ada, [copy], {})

    pairs = set(DismissedPair.objects.values_list("first_id", "second_id"))
    assert pairs == {tuple(sorted((ada.pk, other.pk)))}


def test_contacts_of_another_user_cannot_be_merged(alice, charlie):
    ada = make_contact(alice, name="Ada")
    theirs = make_contact(charlie, name="Ada")

    with pytest.raises(MergeError):
        merge_contacts(alice, ada, [theirs], {})

    assert Contact.objects.filter(pk=theirs.pk).exists()


def test_a_contact_cannot_be_merged_with_itself(alice):
    ada = make_contact(alice, name="Ada")

    with pytest.raises(MergeError):
        merge_contacts(alice, ada, [ada], {})

    assert Contact.objects.filter(pk=ada.pk).exists()


def test_the_counts_name_what_moves(alice):
    ada = make_contact(alice, name="Ada", tags=["Python"])
    copy = make_contact(alice, name="Ada L", tags=["Python", "Go"])
    attach_one_of_everything(copy, "b")

    moves = merge.count_moves(ada, [copy])

    counts = dict(moves.counts)
    assert counts["interactions"] == 1
    assert counts["new tags"] == 2  # Go and tag-b; Python is on Ada already
    assert counts["VIP sections"] == 3
    assert counts["recruiter notes"] == 1
    assert "1 interactions" in moves.text


def make_import_row(batch, number: int, contact: Contact, outcome=ImportRow.Outcome.CREATE):
    return ImportRow.objects.create(
        batch=batch, number=number, outcome=outcome, contact=contact, processed=True
    )


def test_an_import_undo_never_deletes_a_contact_merged_with_one_it_did_not_create(alice):
    mine = make_contact(alice, name="Ada")
    imported = make_contact(alice, name="Ada L")
    batch = ImportBatch.objects.create(owner=alice, filename="c.csv", format="csv")
    row = make_import_row(batch, 1, imported)

    merge_contacts(alice, imported, [mine], {})  # even with the imported one as primary

    row.refresh_from_db()
    assert row.contact is None  # undo deletes the rows' contacts; this one is no longer its own


def test_contacts_all_created_by_one_import_stay_that_imports_to_undo(alice):
    first = make_contact(alice, name="Ada")
    second = make_contact(alice, name="Ada L")
    batch = ImportBatch.objects.create(owner=alice, filename="c.csv", format="csv")
    rows = [make_import_row(batch, 1, first), make_import_row(batch, 2, second)]

    merge_contacts(alice, first, [second], {})

    assert {r.contact_id for r in ImportRow.objects.filter(pk__in=[r.pk for r in rows])} == {
        first.pk
    }
