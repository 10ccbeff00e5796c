"""Every write path keeps the search index current (no rebuild needed)."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from contacts import services
from contacts.forms import TagMergeForm, tags_for_names
from contacts.models import Contact, Tag
from duplicates.merge import merge_contacts
from exports import dump
from exports.restore import restore
from interactions import services as interaction_services
from interactions.models import InteractionType
from projects import services as project_services
from resources.forms import SharedResourceForm
from search import engines
from search.models import Entry
from tests.conftest import make_contact, make_user
from tests.imports.conftest import import_text
from tests.interactions.conftest import make_interaction
from tests.projects.conftest import make_project
from tests.search.conftest import found, person, why
from vip.forms import DeveloperProfileForm
from vip.models import DeveloperProfile

pytestmark = pytest.mark.django_db


def fts_rows() -> int:
    """Rows of the engine's own index (SQLite's FTS5 table; PostgreSQL keeps it in the row)."""
    if connection.vendor != "sqlite":
        return Entry.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_entry_fts_docsize")
        return cursor.fetchone()[0]


def test_contact_edit_and_delete(alice):
    ada = person(alice, "Ada", company="Acme")
    ada.company = "Initech"
    services.save_contact(ada, ["company"])
    assert found(alice, "acme") == []
    assert why(alice, "initech") == {"Ada": ["works as: Initech"]}
    ada.delete()
    assert found(alice, "initech") == []
    assert Entry.objects.count() == 0 == fts_rows()


def test_contact_form_with_tags(alice_client, alice):
    data = {
        "name": "Ada",
        "tag_names": "Rust, Go",
        "relationship": "peer",
        "status": "regular_contact",
        "importance": "medium",
    }
    alice_client.post(reverse("contacts:create"), data)
    assert why(alice, "go") == {"Ada": ["tagged Go"]}


def test_tag_add_remove_rename_merge_delete(alice):
    ada = person(alice, "Ada", tags=["Rust"])
    services.set_tags(ada, tags_for_names(alice, ["Zig"]), keep=True)
    assert found(alice, "zig") == ["Ada"]
    services.set_tags(ada, tags_for_names(alice, ["Zig"]))
    assert found(alice, "rust") == []
    zig = Tag.objects.get(name="Zig")
    from contacts.forms import TagForm

    form = TagForm(
        {"name": "Ziglang", "kind": "technology", "colour": "neutral"}, instance=zig, owner=alice
    )
    assert form.is_valid()
    form.save()
    assert found(alice, "ziglang") == ["Ada"]
    other = Tag.objects.create(owner=alice, name="Odin")
    merge = TagMergeForm({"source": zig.code, "target": other.code}, owner=alice)
    assert merge.is_valid()
    merge.merge()
    assert found(alice, "ziglang") == [] and found(alice, "odin") == ["Ada"]
    services.delete_tag(other)
    assert found(alice, "odin") == []


def test_bulk_tagging(alice):
    from contacts import bulk

    ada, _ = person(alice, "Ada"), person(alice, "Bob")
    tag = tags_for_names(alice, ["Elixir"])[0]
    job = bulk.start(
        alice,
        "add_tag",
        Contact.objects.filter(owner=alice),
        title="t",
        message="m",
        next_url="/",
        tag=tag.pk,
    )
    for item in job.items.all():
        bulk.run(job, item.payload)
    assert found(alice, "elixir") == ["Ada", "Bob"]
    job.params["action"] = "remove_tag"
    bulk.run(job, {"pks": [ada.pk]})
    assert found(alice, "elixir") == ["Bob"]


def test_interaction_log_edit_delete(alice):
    ada = person(alice, "Ada")
    interaction = make_interaction(ada, subject="Kubernetes", topics=["Helm"])
    assert found(alice, "kube") == ["Ada"] and found(alice, "helm") == ["Ada"]
    interaction.subject = "Nomad"
    interaction_services.save_interaction(interaction)
    assert found(alice, "kube") == [] and found(alice, "nomad") == ["Ada"]
    interaction_services.delete_interaction(interaction)
    assert found(alice, "nomad") == []


def test_renaming_an_interaction_type_renames_its_reasons(alice):
    from interactions.forms import InteractionTypeForm
    from tests.interactions.conftest import builtin_type

    make_interaction(person(alice, "Ada"), type="pair_programming", subject="Rust")
    kind = builtin_type(alice, "pair_programming")
    form = InteractionTypeForm({"name": "Mob session"}, instance=kind, owner=alice)
    assert form.is_valid(), form.errors
    form.save()
    assert found(alice, "mob") == ["Ada"]
    assert why(alice, "rust")["Ada"][0].startswith("Mob session about Rust")


def test_resource_shared_and_deleted(alice_client, alice):
    ada = person(alice, "Ada")
    form = SharedResourceForm(
        {
            "title": "The Rust Book",
            "kind": "book",
            "direction": "shared",
            "shared_on": "2026-01-05",
            "tag_names": "",
        },
        contact=ada,
    )
    assert form.is_valid(), form.errors
    resource = form.save()
    assert why(alice, "rust") == {"Ada": ["shared: The Rust Book"]}
    alice_client.post(reverse("resources:delete", args=[resource.code]))
    assert found(alice, "rust") == []


def test_vip_stack_and_skills(alice):
    ada = person(alice, "Ada", is_vip=True)
    form = DeveloperProfileForm(
        {"technical_skills": "compilers", "stack_names": "OCaml"},
        instance=DeveloperProfile(contact=ada),
    )
    assert form.is_valid(), form.errors
    form.save()
    assert why(alice, "ocaml") == {"Ada": ["VIP stack: OCaml"]}
    assert found(alice, "compil") == ["Ada"]
    services.set_vip(ada, False)
    assert found(alice, "ocaml") == []


def test_project_members_and_technologies(alice):
    ada = person(alice, "Ada")
    project = make_project(alice, title="Shop rewrite", requirements="Payments in Elm")
    member = project_services.add_member(project, ada, "client")
    assert why(alice, "elm") == {"Ada": ["project: Shop rewrite"]}
    project.technologies.add(tags_for_names(alice, ["Phoenix"])[0])
    project_services.technologies_saved(project)
    assert found(alice, "phoenix") == ["Ada"]
    project.title = "Store rewrite"
    project_services.update(project)
    assert found(alice, "store") == ["Ada"] and found(alice, "shop") == []
    project_services.remove_member(member)
    assert found(alice, "store") == []


def test_import_indexes_what_it_writes(alice):
    import_text(alice, "Name,Company,Tags\nAda,Acme,Haskell\n", "people.csv")
    assert found(alice, "haskell") == ["Ada"]


def test_merge_indexes_the_merged_contact(alice):
    ada = person(alice, "Ada", tags=["Rust"])
    copy = person(alice, "Ada L", tags=["Go"])
    make_interaction(copy, subject="Nix flakes")
    merge_contacts(alice, ada, [copy], {})
    assert found(alice, "nix") == ["Ada"] and found(alice, "go") == ["Ada"]
    assert Entry.objects.filter(contact_id=copy.pk).count() == 0


def test_restore_indexes_what_it_writes(alice):
    ada = person(alice, "Ada", tags=["Rust"])
    make_interaction(ada, subject="Crystal")
    document = json.loads(json.dumps(dump.dump(alice)))
    bob = make_user("bob")
    InteractionType.objects.for_owner(bob)
    restore(bob, document)
    assert found(bob, "crystal") == ["Ada"] and found(bob, "rust") == ["Ada"]


def test_rebuild_command_repairs_and_is_idempotent(alice, charlie):
    make_contact(alice, name="Ada", company="Acme")  # saved through the services: indexed
    Entry.objects.all().delete()
    assert found(alice, "acme") == []
    call_command("rebuild_search_index", "--user", "alice", verbosity=0)
    call_command("rebuild_search_index", verbosity=0)
    assert found(alice, "acme") == ["Ada"]
    assert Entry.objects.count() == fts_rows()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's index keeps each owner's words apart"
)
def test_each_word_is_indexed_as_its_owners_and_a_rebuild_keeps_it_so(alice, charlie):
    person(alice, "Ada", company="Acme")
    person(charlie, "Ada", company="Acme")
    alices = set(
        Entry.objects.filter(owner=alice, text__contains="acme").values_list("pk", flat=True)
    )

    def indexed(word: str) -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s", [word]
            )
            return {row[0] for row in cursor.fetchall()}

    assert indexed(f'"{alice.pk}qacme"') == alices and len(alices) == 1
    assert indexed('"acme"') == set()
    with connection.cursor() as cursor:
        cursor.execute(engines.SQLITE_REBUILD)
    assert indexed(f'"{alice.pk}qacme"') == alices and fts_rows() == Entry.objects.count()
    assert found(alice, "acm") == ["Ada"]
