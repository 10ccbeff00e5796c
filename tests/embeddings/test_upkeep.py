"""Every write path keeps a contact's vectors equal to the embeddings of what is known now."""

import json
from contextlib import contextmanager
from unittest import mock

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from contacts import services
from duplicates.merge import merge_contacts
from embeddings import encoder
from exports import dump
from exports.restore import restore
from interactions import services as interaction_services
from interactions.models import InteractionType
from resources.forms import SharedResourceForm
from search import meaning
from search.models import ContactSketch, Entry, VectorBlock
from tests.conftest import make_contact, make_user
from tests.embeddings.conftest import closest, is_current, stored
from tests.imports.conftest import import_text
from tests.interactions.conftest import make_interaction
from vip.forms import DeveloperProfileForm
from vip.models import DeveloperProfile

pytestmark = pytest.mark.django_db


def test_a_new_contact_is_embedded_and_edits_re_embed(alice):
    ada = make_contact(alice, name="Ada", job_title="Gardener", notes="Grows tomatoes.")
    grace = make_contact(alice, name="Grace", notes="Writes compilers in OCaml.")
    assert is_current(ada) and is_current(grace)
    before = stored(ada)
    ada.notes = "Negotiating her salary for a new job at a bank."
    ada.company = "Big Bank"
    ada.job_title = "Backend developer"
    services.save_contact(ada, ["notes", "company", "job_title"])
    assert is_current(ada) and stored(ada) != before
    assert closest(alice, "job offer and pay") == "Ada"


def test_tags_and_the_vip_stack(alice):
    ada = make_contact(alice, name="Ada", is_vip=True)
    form = DeveloperProfileForm(
        {"technical_skills": "memory safety, borrow checker", "stack_names": "Rust"},
        instance=DeveloperProfile(contact=ada),
    )
    assert form.is_valid(), form.errors
    form.save()
    assert is_current(ada) and closest(alice, "borrow checker") == "Ada"
    before = stored(ada)
    services.set_vip(ada, False)
    assert is_current(ada) and stored(ada) != before


def test_interaction_logged_edited_moved_and_deleted(alice):
    ada = make_contact(alice, name="Ada")
    grace = make_contact(alice, name="Grace")
    talk = make_interaction(ada, subject="Pair programming", notes="Fought the borrow checker.")
    assert is_current(ada) and len(stored(ada)) == 1
    talk.notes = "Talked about the salary of the new role."
    interaction_services.save_interaction(talk)
    assert is_current(ada) and closest(alice, "salary") == "Ada"
    talk.contact = grace
    interaction_services.save_interaction(talk)
    assert is_current(ada) and is_current(grace) and stored(ada) == {}
    interaction_services.delete_interaction(talk)
    assert is_current(grace) and stored(grace) == {}


def test_resource_shared_and_deleted(alice_client, alice):
    ada = make_contact(alice, name="Ada")
    data = {"title": "The Rust Book", "kind": "book", "direction": "shared"}
    form = SharedResourceForm(
        {**data, "shared_on": "2026-01-05", "tag_names": "", "notes": "On ownership."}, contact=ada
    )
    assert form.is_valid(), form.errors
    resource = form.save()
    assert is_current(ada) and len(stored(ada)) == 1
    alice_client.post(reverse("resources:delete", args=[resource.code]))
    assert is_current(ada) and stored(ada) == {}


def test_deleting_a_contact_deletes_its_vectors(alice_client, alice):
    ada = make_contact(alice, name="Ada", notes="Rust")
    assert VectorBlock.objects.filter(contact_id=ada.pk).exists()
    alice_client.post(reverse("contacts:delete", args=[ada.code]))
    assert not VectorBlock.objects.filter(contact_id=ada.pk).exists()
    assert not ContactSketch.objects.filter(contact_id=ada.pk).exists()


def test_import_merge_and_restore_embed_what_they_write(alice):
    import_text(alice, "Name,Company,Tags\nAda,Acme,Haskell\n", "people.csv")
    from contacts.models import Contact

    ada = Contact.objects.get(owner=alice, name="Ada")
    assert is_current(ada) and stored(ada)
    copy = make_contact(alice, name="Ada L")
    make_interaction(copy, subject="Nix flakes", notes="Reproducible builds")
    merge_contacts(alice, ada, [copy], {})
    assert is_current(ada) and len(stored(ada)) == 2
    assert not VectorBlock.objects.filter(contact_id=copy.pk).exists()
    document = json.loads(json.dumps(dump.dump(alice)))
    bob = make_user("bob")
    InteractionType.objects.for_owner(bob)
    restore(bob, document)
    restored = Contact.objects.get(owner=bob, name="Ada")
    assert is_current(restored) and len(stored(restored)) == 2


def test_embed_command_fills_missing_and_rebuilds_all(alice, charlie):
    ada = make_contact(alice, name="Ada", notes="Kubernetes operators")
    grace = make_contact(charlie, name="Grace", notes="Elixir")
    VectorBlock.objects.filter(contact=ada).delete()
    ContactSketch.objects.filter(contact=ada).delete()
    grace_row = VectorBlock.objects.get(contact=grace, block=0)
    grace_row.vectors = bytes(len(grace_row.vectors))
    grace_row.save()
    call_command("embed", verbosity=0)
    assert is_current(ada) and not is_current(grace)  # only the missing ones
    call_command("embed", "--all", "--user", "charlie", verbosity=0)
    assert is_current(grace)
    call_command("embed", "--all", verbosity=0)
    assert is_current(ada) and is_current(grace)


def test_embed_command_refuses_bad_input(alice, settings):
    with pytest.raises(CommandError, match="No user called"):
        call_command("embed", "--user", "nobody", verbosity=0)
    settings.EMBEDDINGS = False
    with pytest.raises(CommandError, match="switched off"):
        call_command("embed", "--all", verbosity=0)


def test_switched_off_nothing_is_embedded(alice, settings):
    settings.EMBEDDINGS = False
    ada = make_contact(alice, name="Ada", notes="Rust")
    make_interaction(ada, subject="Memory safety")
    assert not VectorBlock.objects.exists() and not ContactSketch.objects.exists()
    settings.EMBEDDINGS = True
    call_command("embed", verbosity=0)
    assert is_current(ada) and len(stored(ada)) == 2


def test_logging_one_interaction_embeds_that_one_only(alice, monkeypatch):
    from embeddings import encoder

    ada = make_contact(alice, name="Ada", notes="Writes compilers.")
    for n in range(3):
        make_interaction(ada, subject=f"Call {n}", notes=f"Talked about parser {n}.")
    embedded = []
    real = encoder.encode
    monkeypatch.setattr(encoder, "encode", lambda texts: embedded.extend(texts) or real(texts))

    make_interaction(ada, subject="Pair programming", notes="Fought the borrow checker.")

    assert len(embedded) == 1 and "borrow checker" in embedded[0]
    assert is_current(ada)


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(meaning, "BLOCK", 3)


def blocks(contact) -> dict[int, list[int]]:
    """The contact's stored blocks: number -> entry ids."""
    rows = VectorBlock.objects.filter(contact=contact).order_by("block")
    return {row.block: np.frombuffer(bytes(row.entries), dtype="<i8").tolist() for row in rows}


@contextmanager
def blocks_written():
    """The numbers of the blocks written meanwhile."""
    written: list[int] = []
    write = VectorBlock.objects.bulk_create

    def spy(rows, *args, **kwargs):
        written.extend(row.block for row in rows)
        return write(rows, *args, **kwargs)

    with mock.patch.object(VectorBlock.objects, "bulk_create", spy):
        yield written


def test_a_long_history_is_kept_in_blocks_and_one_more_interaction_rewrites_the_last(
    alice, small_blocks
):
    ada = make_contact(alice, name="Ada", notes="Rust")
    talks = [make_interaction(ada, subject=f"Chat {n}") for n in range(7)]  # 8 vectors
    before = blocks(ada)
    assert sorted(before) == [0, 1, 2] and is_current(ada)
    assert [len(ids) for ids in before.values()] == [3, 3, 2]

    with blocks_written() as written:
        make_interaction(ada, subject="Memory safety", notes="The borrow checker caught it.")
    after = blocks(ada)
    assert is_current(ada) and [len(ids) for ids in after.values()] == [3, 3, 3]
    assert written == [2] and after[0] == before[0] and after[1] == before[1]
    assert closest(alice, "borrow checker memory safety") == "Ada"

    with blocks_written() as written:
        interaction_services.delete_interaction(talks[1])  # in block 0: every block from it on
    assert is_current(ada) and sorted(blocks(ada)) == [0, 1, 2] and written == [0, 1, 2]

    for talk in talks[2:]:
        interaction_services.delete_interaction(talk)
    assert is_current(ada) and sorted(blocks(ada)) == [0]  # the blocks past the end go


def test_a_contact_in_several_blocks_is_found_once_by_its_closest_entry(alice, small_blocks):
    ada = make_contact(alice, name="Ada")
    for n in range(6):
        make_interaction(ada, subject=f"Weekly sync {n}")
    kernel = make_interaction(ada, subject="Kernel", notes="Scheduler latency, io_uring internals.")
    grace = make_contact(alice, name="Grace")
    make_interaction(grace, subject="Coffee", notes="Talked about gardening.")
    vector = encoder.encode(["io_uring kernel internals"])[0]
    near = meaning.nearest(alice.pk, vector, 5)
    assert [n.contact_id for n in near] == [ada.pk, grace.pk]
    assert near[0].entry_id == Entry.objects.get(source="interaction", ref=kernel.pk).pk
