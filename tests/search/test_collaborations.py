"""Collaborations in the search index: each of its people is found by what it is about."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from collaborations import services
from collaborations.models import Idea, Stage
from contacts.forms import tags_for_names
from contacts.models import Tag
from duplicates.merge import merge_contacts
from exports import dump
from exports.restore import restore
from interactions.models import InteractionType
from search.models import Entry
from tests.collaborations.conftest import make_collaboration
from tests.conftest import make_user
from tests.search.conftest import found, person, why
from tests.search.test_upkeep import fts_rows

pytestmark = pytest.mark.django_db


def rust_book_club(owner, *people, **fields):
    fields.setdefault("title", "Rust book club")
    fields.setdefault("kind", "study_group")
    club = make_collaboration(owner, **fields)
    for contact in people:
        services.add_person(club, contact, "member")
    return club


def test_a_word_of_the_title_finds_its_people_with_the_reason(alice):
    ada, bob = person(alice, "Ada"), person(alice, "Bob")
    person(alice, "Carla")
    rust_book_club(alice, ada, bob)
    assert why(alice, "rust") == {
        "Ada": ["study group “Rust book club” (member)"],
        "Bob": ["study group “Rust book club” (member)"],
    }


def test_labels_read_as_what_you_make_together(alice):
    ada = person(alice, "Ada")
    article = make_collaboration(alice, title="Rust in production", kind="article")
    services.add_person(article, ada, "co_author")
    services.add_person(article, ada, "reviewer")
    assert why(alice, "production") == {
        "Ada": ["writing “Rust in production” together (co-author, reviewer)"]
    }
    repo = make_collaboration(alice, title="django-foo", kind="open_source")
    services.add_person(repo, ada, "maintainer")
    assert why(alice, "django foo") == {"Ada": ["open source “django-foo” (maintainer)"]}


def test_prefixes_kind_role_notes_tags_and_url_match(alice):
    ada = person(alice, "Ada")
    talk = make_collaboration(
        alice,
        title="Async views",
        kind="talk",
        notes="Live demo with Channels",
        url="https://djangocon.eu/talks",
    )
    talk.tags.add(tags_for_names(alice, ["Django"])[0])
    services.update(talk)
    services.add_person(talk, ada, "speaker")
    for text in ("asyn", "workshop", "speak", "channel", "djangocon", "djan"):
        assert found(alice, text) == ["Ada"], text


def test_edit_form_and_its_tags_keep_the_entries_current(alice_client, alice):
    ada = person(alice, "Ada")
    club = rust_book_club(alice, ada)
    zig = tags_for_names(alice, ["Zig"])[0]
    Tag.objects.filter(pk=zig.pk).update(kind=Tag.Kind.TECHNOLOGY)
    data = {"title": "Reading group", "kind": "study_group", "stage": "planning"}
    response = alice_client.post(
        reverse("collaborations:edit", args=[club.code]), {**data, "tags": [zig.pk]}
    )
    assert response.status_code == 302
    assert found(alice, "rust") == []
    assert why(alice, "reading") == {"Ada": ["study group “Reading group” (member)"]}
    assert found(alice, "zig") == ["Ada"]


def test_removing_a_person_drops_them(alice):
    ada, bob = person(alice, "Ada"), person(alice, "Bob")
    club = rust_book_club(alice, ada, bob)
    services.remove_person(club.people.get(contact=ada))
    assert found(alice, "rust") == ["Bob"]
    assert not Entry.objects.filter(contact=ada).exclude(source="profile").exists()


def test_deleting_the_collaboration_drops_it(alice):
    ada = person(alice, "Ada")
    club = rust_book_club(alice, ada)
    services.delete(club)
    assert found(alice, "rust") == []
    assert not Entry.objects.filter(source=Entry.Source.COLLABORATION).exists()
    assert Entry.objects.count() == fts_rows()


def test_archived_collaborations_stay_searchable(alice):
    ada = person(alice, "Ada")
    club = rust_book_club(alice, ada)
    services.move(club, Stage.ARCHIVED)
    assert found(alice, "rust") == ["Ada"]


def test_started_from_an_idea_its_people_are_found(alice):
    ada = person(alice, "Ada")
    idea = Idea.objects.create(owner=alice, title="Postgres for Djangonauts", kind="video")
    idea.people.add(ada)
    services.start_from_idea(idea)
    assert why(alice, "postgres") == {
        "Ada": ["video “Postgres for Djangonauts” together (co-author)"]
    }


def test_renamed_and_deleted_tags_follow(alice):
    from contacts import services as contact_services
    from contacts.forms import TagForm

    ada = person(alice, "Ada")
    club = rust_book_club(alice, ada)
    elm = tags_for_names(alice, ["Elm"])[0]
    club.tags.add(elm)
    services.update(club)
    form = TagForm(
        {"name": "Gleam", "kind": "technology", "colour": "neutral"}, instance=elm, owner=alice
    )
    assert form.is_valid(), form.errors
    form.save()
    assert found(alice, "gleam") == ["Ada"] and found(alice, "elm") == []
    contact_services.delete_tag(elm)
    assert found(alice, "gleam") == [] and found(alice, "rust") == ["Ada"]


def test_merge_moves_the_roles_and_their_entries(alice):
    ada, copy = person(alice, "Ada"), person(alice, "Ada L")
    rust_book_club(alice, ada, copy)
    rust_book_club(alice, copy, title="Nix flakes meetup", kind="other")
    merge_contacts(alice, ada, [copy], {})
    assert why(alice, "nix") == {"Ada": ["collaboration “Nix flakes meetup” (member)"]}
    assert found(alice, "rust") == ["Ada"]
    assert Entry.objects.filter(contact_id=copy.pk).count() == 0


def test_restore_indexes_collaborations(alice):
    rust_book_club(alice, person(alice, "Ada"))
    document = json.loads(json.dumps(dump.dump(alice)))
    bob = make_user("bob")
    InteractionType.objects.for_owner(bob)
    restore(bob, document)
    assert why(bob, "rust") == {"Ada": ["study group “Rust book club” (member)"]}


def test_rebuild_includes_collaborations(alice):
    rust_book_club(alice, person(alice, "Ada"))
    expected = set(Entry.objects.values_list("contact_id", "source", "ref", "label", "text"))
    Entry.objects.all().delete()
    assert found(alice, "rust") == []
    call_command("rebuild_search_index", "--user", "alice", verbosity=0)
    assert found(alice, "rust") == ["Ada"]
    rebuilt = set(Entry.objects.values_list("contact_id", "source", "ref", "label", "text"))
    assert rebuilt == expected
    assert Entry.objects.count() == fts_rows()


def test_another_users_collaboration_never_matches(alice, charlie):
    rust_book_club(alice, person(alice, "Ada"))
    rust_book_club(charlie, person(charlie, "Chuck"), title="Go book club")
    assert found(charlie, "rust") == [] and found(alice, "go") == []
    assert found(charlie, "book") == ["Chuck"] and found(alice, "book") == ["Ada"]


def test_admin_edits_and_deletes_keep_the_entries_current(admin_client, alice):
    ada = person(alice, "Ada")
    club = rust_book_club(alice)
    data = {
        "title": "Rust book club",
        "kind": "study_group",
        "stage": "idea",
        "owner": alice.pk,
        "people-TOTAL_FORMS": 1,
        "people-INITIAL_FORMS": 0,
        "people-0-contact": ada.pk,
        "people-0-role": "organiser",
        "stage_changes-TOTAL_FORMS": 0,
        "stage_changes-INITIAL_FORMS": 0,
    }
    change = reverse("admin:collaborations_collaboration_change", args=[club.pk])
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert why(alice, "rust") == {"Ada": ["study group “Rust book club” (organiser)"]}
    delete = reverse("admin:collaborations_collaboration_delete", args=[club.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert found(alice, "rust") == []
