"""Migrations of the search tables keep what is stored, and the full-text index working."""

import numpy as np
import pytest

from embeddings import encoder
from interactions import services
from search import meaning
from search.models import ContactSketch, VectorBlock
from search.query import search
from tests.conftest import make_contact, make_user
from tests.interactions.conftest import make_interaction
from tests.migrating import latest, migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("search", "0004_contact_vectors")


def test_stored_vectors_are_kept_as_block_zero_and_found_as_before(monkeypatch):
    alice = make_user("alice")
    ada = make_contact(alice, name="Ada")
    texts = ["weekly sync", "io_uring and scheduler latency", "coffee"]
    for text in texts:
        make_interaction(ada, subject=text)
    with migrated_to([node for node in latest() if node[0] != BEFORE[0]] + [BEFORE]) as apps:
        Entry = apps.get_model("search", "Entry")
        ContactVectors = apps.get_model("search", "ContactVectors")
        rows = Entry.objects.filter(contact_id=ada.pk, source="interaction").order_by("id")
        entries, stored = zip(*rows.values_list("id", "text"), strict=True)
        vectors = np.rint(encoder.encode(list(stored)) * meaning.SCALE).astype(np.int8)
        ContactVectors.objects.create(
            contact_id=ada.pk,
            owner_id=alice.pk,
            entries=np.array(entries, dtype="<i8").tobytes(),
            kinds=bytes([meaning.INTERACTION] * 3),
            vectors=vectors.tobytes(),
            mean=bytes(4 * encoder.DIMENSIONS),
        )
    migrate(latest())

    (block,) = VectorBlock.objects.filter(contact_id=ada.pk)
    assert block.block == 0 and bytes(block.vectors) == vectors.tobytes()
    near = meaning.nearest(alice.pk, encoder.encode(["kernel io_uring"])[0], 1)
    assert [(n.contact_id, n.entry_id) for n in near] == [(ada.pk, entries[1])]

    # The next change writes the contact again in blocks of the usual size, with its sketch.
    monkeypatch.setattr(meaning, "BLOCK", 2)
    from interactions.models import Interaction

    services.delete_interaction(Interaction.objects.filter(contact_id=ada.pk).first())
    assert list(VectorBlock.objects.filter(contact_id=ada.pk).values_list("block", flat=True)) == [
        0
    ]
    assert ContactSketch.objects.filter(contact_id=ada.pk).exists()


def test_the_full_text_index_still_follows_the_entries_after_dropping_the_contact_index():
    # Dropping the index alone: rebuilding the table would have lost the index's triggers.
    migrate([node for node in latest() if node[0] != "search"] + [("search", "0005_vector_blocks")])
    migrate(latest())
    alice = make_user("alice")
    ada = make_contact(alice, name="Ada")
    make_interaction(ada, subject="Borrow checker")
    assert [r.contact.pk for r in search(alice, "borrow")] == [ada.pk]
