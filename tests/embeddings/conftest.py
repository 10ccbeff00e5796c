"""Helpers for the vector tests: what is stored, and whether it is what the entries say now."""

import numpy as np

from embeddings import encoder
from search import meaning
from search.models import ContactSketch, Entry, VectorBlock


def stored(contact) -> dict[int, np.ndarray]:
    """The contact's stored vectors by entry id (int8), from all its blocks."""
    found = {}
    for row in VectorBlock.objects.filter(contact_id=contact.pk):
        ids = np.frombuffer(bytes(row.entries), dtype="<i8").tolist()
        vectors = np.frombuffer(bytes(row.vectors), dtype=np.int8).reshape(-1, encoder.DIMENSIONS)
        found.update(zip(ids, vectors, strict=True))
    return found


def is_current(contact) -> bool:
    """The stored vectors are exactly the embeddings of the contact's entries as they are now,
    and the mean vector for similar people has its row."""
    rows = (
        Entry.objects.filter(meaning.EMBEDDED, contact_id=contact.pk)
        .order_by("contact_id", "id")
        .values_list("contact_id", "id", "source", "text")
    )
    units = meaning._units(rows)
    vectors = encoder.encode([u[3] for u in units]) if units else []
    expected = {
        u[1]: np.rint(v * meaning.SCALE).astype(np.int8)
        for u, v in zip(units, vectors, strict=True)
    }
    got = stored(contact)
    sketches = ContactSketch.objects.filter(contact_id=contact.pk).count()
    return (
        expected.keys() == got.keys()
        and all(np.array_equal(expected[k], got[k]) for k in expected)
        and sketches == (1 if expected else 0)
    )


def closest(owner, text: str) -> str | None:
    """The name of the contact closest in meaning to `text`."""
    from contacts.models import Contact

    near, _ = meaning.search(owner, text, 1)
    return Contact.objects.get(pk=near[0].contact_id).name if near else None
