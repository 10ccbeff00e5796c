"""Search by meaning: the vectors of what you know about people, and the scans over them.

A contact's profile facts (what they do, notes, tags, VIP skills and stack), interactions and
shared resources are embedded from their search entries (search.index calls `refresh` for the
contacts whose entries it wrote, in the same transaction), so a vector is as current as the
full-text index. Everything is computed on this machine by embeddings.encoder; with the
EMBEDDINGS setting off nothing is embedded and every feature here answers nothing.

Scans are brute force, exact cosine over one owner's int8 vectors with numpy, a batch of
contacts at a time so memory stays flat whatever the size of the network.
"""

import operator
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property, reduce
from itertools import batched

import numpy as np
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet

from contacts.models import Contact
from embeddings import encoder
from interactions.models import Interaction
from resources.models import SharedResource
from search.models import ContactSketch, Entry, VectorBlock

Source = Entry.Source
# What a vector is about, stored as one byte per vector.
PROFILE, INTERACTION, RESOURCE = 0, 1, 2
KINDS = {
    Source.PROFILE: PROFILE,
    Source.TAGS: PROFILE,
    Source.VIP: PROFILE,
    Source.INTERACTION: INTERACTION,
    Source.RESOURCE: RESOURCE,
}
# Of a contact's own facts, "works as" and notes carry meaning; a name, an e-mail address or a
# username would only make namesakes look alike (search.index.PROFILE).
PROFILE_REFS = (2, 5)
EMBEDDED = Q(source__in=[Source.TAGS, Source.VIP, Source.INTERACTION, Source.RESOURCE]) | Q(
    source=Source.PROFILE, ref__in=PROFILE_REFS
)
SCALE = 127  # int8 storage of unit vectors
BATCH = 250  # blocks per scan step: a few MB at a time
PIECE = 1024  # vectors converted to float32 at once (1 MB)
# Vectors per stored block (search.models.VectorBlock): logging an interaction rewrites the
# contact's last block, 8 KB at most (blocks of 128 made that 21 of the request's ~50 pages).
BLOCK = 32
CHUNK = 1000  # contacts per transaction when embedding everything
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
PASSAGE = 200


def available(owner) -> bool:
    """Whether meaning can be searched: switched on, and something of `owner`'s is embedded."""
    return encoder.enabled() and VectorBlock.objects.filter(owner=owner).exists()


# --- Keeping the vectors ------------------------------------------------------------------------


def refresh(owner_id: int, contact_ids: Iterable[int]) -> None:
    """Embed these contacts' entries again (after search.index wrote them). Switched off, their
    vectors are dropped instead, so `manage.py embed` finds them missing once switched on."""
    ids = sorted(set(contact_ids))
    if not ids:
        return
    if encoder.enabled():
        _embed(owner_id, ids, _stored(owner_id, ids))
    else:
        _drop(owner_id, ids)


@dataclass(frozen=True)
class Stored:
    """What is stored for some contacts: each block's entry ids by (contact, block), and the
    blocks' vectors, one row per entry in the same order."""

    blocks: dict[tuple[int, int], bytes]
    vectors: np.ndarray

    @cached_property
    def ids(self) -> np.ndarray:
        return np.frombuffer(b"".join(self.blocks.values()), dtype="<i8")

    def find(self, entry_ids: np.ndarray) -> np.ndarray:
        """For each entry id, its row in `vectors`, or -1."""
        if not len(self.ids):
            return np.full(len(entry_ids), -1)
        order = np.argsort(self.ids)
        at = np.searchsorted(self.ids, entry_ids, sorter=order).clip(max=len(self.ids) - 1)
        rows = order[at]
        return np.where(self.ids[rows] == entry_ids, rows, -1)


NOTHING = Stored({}, np.empty((0, encoder.DIMENSIONS), dtype=np.int8))


def _stored(owner_id: int, contact_ids: list[int]) -> Stored:
    """What is stored for these contacts. A put writes the entries it is about anew (new ids),
    so an id still there is a text that has not changed: logging one interaction embeds that
    one, not the contact's thousand others."""
    rows = VectorBlock.objects.filter(owner_id=owner_id, contact_id__in=contact_ids)
    blocks, vectors = {}, [NOTHING.vectors]
    for contact_id, block, entries, packed in rows.values_list(
        "contact_id", "block", "entries", "vectors"
    ):
        blocks[contact_id, block] = bytes(entries)
        vectors.append(np.frombuffer(bytes(packed), dtype=np.int8).reshape(-1, encoder.DIMENSIONS))
    return Stored(blocks, np.concatenate(vectors))


def _drop(owner_id: int, contact_ids) -> None:
    VectorBlock.objects.filter(owner_id=owner_id, contact_id__in=contact_ids).delete()
    ContactSketch.objects.filter(owner_id=owner_id, contact_id__in=contact_ids).delete()


def _embed(owner_id: int, contact_ids: list[int], kept: Stored = NOTHING) -> int:
    """Store the vectors of these contacts' entries, reusing `kept` ones (by entry id) as they
    are: each contact's blocks from the first that changed, and its sketch. How many vectors
    the contacts have."""
    rows = _units(_entries(contact_ids, kept))
    if not rows:
        _drop(owner_id, contact_ids)
        return 0
    entry_ids = np.fromiter((r[1] for r in rows), dtype="<i8", count=len(rows))
    found = kept.find(entry_ids)
    reused = found >= 0
    quantised = np.empty((len(rows), encoder.DIMENSIONS), dtype=np.int8)
    quantised[reused] = kept.vectors[found[reused]]
    if new := np.flatnonzero(~reused).tolist():
        encoded = encoder.encode([rows[n][3] for n in new])
        quantised[new] = np.rint(encoded * SCALE).astype(np.int8)
    kinds = np.fromiter((r[2] for r in rows), dtype=np.uint8, count=len(rows))
    contact_of = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    starts = np.flatnonzero(np.r_[True, contact_of[1:] != contact_of[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    # A contact's mean is of its stored vectors, so it is the same whichever were just embedded.
    sums = np.add.reduceat(quantised, starts, axis=0, dtype=np.int32).astype(np.float32)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    means = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
    means8 = np.rint(means * SCALE).astype(np.int8)
    sketches, blocks = [], []
    counts = dict.fromkeys(contact_ids, 0)  # blocks per contact
    for n, (start, end) in enumerate(zip(starts, ends, strict=True)):
        contact_id = int(contact_of[start])
        sketches.append(
            ContactSketch(contact_id=contact_id, owner_id=owner_id, mean=means8[n].tobytes())
        )
        changed = False
        for number, at in enumerate(range(start, end, BLOCK)):
            part = slice(at, min(at + BLOCK, end))
            entries = entry_ids[part].tobytes()
            changed = changed or kept.blocks.get((contact_id, number)) != entries
            if changed:
                blocks.append(
                    VectorBlock(
                        contact_id=contact_id,
                        owner_id=owner_id,
                        block=number,
                        entries=entries,
                        kinds=kinds[part].tobytes(),
                        vectors=quantised[part].tobytes(),
                    )
                )
        counts[contact_id] = number + 1
    _drop_beyond(owner_id, counts, kept)
    # Written over what is stored: logging an interaction rewrites one block and one sketch.
    ContactSketch.objects.bulk_create(
        sketches,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["contact"],
        update_fields=["mean"],
    )
    VectorBlock.objects.bulk_create(
        blocks,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["contact", "block"],
        update_fields=["entries", "kinds", "vectors"],
    )
    return len(rows)


def _entries(contact_ids: list[int], kept: Stored) -> list[tuple[int, int, str, str]]:
    """(contact id, entry id, source, text) of these contacts' embedded entries, by contact and
    id. A text is read only where it may be embedded: for an entry without a stored vector, and
    for profile facts (one text together). Logging an interaction with someone you have talked to
    a thousand times reads one note, not a thousand."""
    # A contact's entries are its owner's: by contact alone, the ids come from the index.
    entries = Entry.objects.filter(EMBEDDED, contact_id__in=contact_ids).order_by(
        "contact_id", "id"
    )
    if not kept.blocks:
        return list(entries.values_list("contact_id", "id", "source", "text"))
    rows = list(entries.values_list("contact_id", "id", "source"))
    found = kept.find(np.fromiter((r[1] for r in rows), dtype="<i8", count=len(rows)))
    wanted = [
        entry_id
        for (_, entry_id, source), at in zip(rows, found.tolist(), strict=True)
        if at < 0 or KINDS[source] == PROFILE
    ]
    texts = {}
    for group in batched(wanted, 500):
        texts.update(Entry.objects.filter(pk__in=group).values_list("pk", "text"))
    return [
        (contact_id, entry_id, source, texts.get(entry_id, ""))
        for contact_id, entry_id, source in rows
    ]


def _drop_beyond(owner_id: int, counts: dict[int, int], kept: Stored) -> None:
    """Delete each contact's stored blocks from its new number of blocks on (all of them and
    its sketch for a contact with nothing left to embed); with nothing `kept`, all of them."""
    if none := [c for c, count in counts.items() if not count]:
        _drop(owner_id, none)
    if not kept.blocks:  # nothing was read (or is stored): whatever is stored goes
        VectorBlock.objects.filter(owner_id=owner_id, contact_id__in=list(counts)).delete()
        return
    tails = [
        Q(contact_id=c, block__gte=count)
        for c, count in counts.items()
        if count and (c, count) in kept.blocks
    ]
    for group in batched(tails, 200):
        VectorBlock.objects.filter(reduce(operator.or_, group), owner_id=owner_id).delete()


def _units(rows: Iterable[tuple[int, int, str, str]]) -> list[tuple[int, int, int, str]]:
    """What gets a vector, from entries sorted by contact: (contact id, entry id, kind, text).
    A contact's profile facts, tags and VIP stack are one text (one vector, under the id of its
    first entry): apart, a single tag would say little; together they say who someone is."""
    units: list[tuple[int, int, int, str]] = []
    profile: dict[int, tuple[int, list[str]]] = {}
    for contact_id, entry_id, source, text in rows:
        kind = KINDS[source]
        if kind == PROFILE:
            profile.setdefault(contact_id, (entry_id, []))[1].append(text)
        else:
            units.append((contact_id, entry_id, kind, text))
    units.extend((c, e, PROFILE, "\n".join(texts)) for c, (e, texts) in profile.items())
    units.sort(key=lambda unit: unit[0])  # stable: a contact's profile comes last
    return units


def embed_owner(owner, missing_only: bool = False) -> tuple[int, int]:
    """Embed `owner`'s contacts (only those with nothing stored, if `missing_only`), CHUNK
    contacts a transaction: (contacts, vectors). Idempotent; each chunk is replaced whole."""
    with_entries = Entry.objects.filter(EMBEDDED, owner=owner).values("contact_id")
    contacts = Contact.objects.filter(owner=owner, pk__in=with_entries)
    if missing_only:
        contacts = contacts.exclude(
            pk__in=VectorBlock.objects.filter(owner=owner).values("contact_id")
        )
    ids = list(contacts.order_by("pk").values_list("pk", flat=True))
    vectors = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            vectors += _embed(owner.pk, chunk)
    return len(ids), vectors


# --- Scans --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Near:
    contact_id: int
    score: float  # cosine similarity, -1 to 1
    entry_id: int  # the entry that came closest


def _batches(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(BATCH):
            yield batch


def nearest(
    owner_id: int,
    vector: np.ndarray,
    limit: int,
    kinds: Collection[int] | None = None,
    exclude_contact: int | None = None,
) -> list[Near]:
    """The `limit` contacts of `owner_id` with an entry (of `kinds`, if given) closest to
    `vector`, closest first: a contact scores its best entry."""
    query = np.asarray(vector, dtype=np.float32) / SCALE
    wanted = np.array(sorted(kinds), dtype=np.uint8) if kinds is not None else None
    sql = (
        "SELECT contact_id, entries, kinds, vectors FROM search_vectorblock "
        "WHERE owner_id = %s AND contact_id <> %s ORDER BY contact_id, block"
    )
    params = [owner_id, exclude_contact or 0]
    found = [_closest(rows, query, limit, wanted) for rows in _batches(sql, params)]
    if not found:
        return []
    contacts, scores, entries = (np.concatenate(parts) for parts in zip(*found, strict=True))
    order = np.argsort(-scores, kind="stable")
    # A contact's blocks may fall in two batches: its first (best) candidate stands.
    _, first = np.unique(contacts[order], return_index=True)
    best = order[np.sort(first)[:limit]]
    return [Near(int(contacts[n]), float(scores[n]), int(entries[n])) for n in best]


def _scores(vectors: np.ndarray, query: np.ndarray) -> np.ndarray:
    """`vectors` (int8 rows) @ `query` (float32), converted to float32 a piece that fits the
    processor's cache at a time: converted all at once, four times their size is written to
    memory and read back, which took twice as long as the products."""
    scores = np.empty(len(vectors), dtype=np.float32)
    for at in range(0, len(vectors), PIECE):
        piece = slice(at, at + PIECE)
        np.matmul(vectors[piece].astype(np.float32), query, out=scores[piece])
    return scores


def _closest(rows, query, limit, wanted) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best `limit` contacts among these blocks (in contact order), each scored by its
    closest entry: their ids, scores and closest entries, in no particular order."""
    counts = np.fromiter((len(r[2]) for r in rows), dtype=np.int64, count=len(rows))
    entries = np.frombuffer(b"".join(r[1] for r in rows), dtype="<i8")
    matrix = np.frombuffer(b"".join(r[3] for r in rows), dtype=np.int8)
    scores = _scores(matrix.reshape(-1, encoder.DIMENSIONS), query)
    if wanted is not None:
        kinds = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.uint8)
        scores[~np.isin(kinds, wanted)] = -np.inf
    contact_of = np.repeat(
        np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), counts
    )
    firsts = np.flatnonzero(np.r_[True, contact_of[1:] != contact_of[:-1]])
    per_contact = np.maximum.reduceat(scores, firsts)
    # Each contact's first entry that reaches its best score.
    reaches = scores == np.repeat(per_contact, np.diff(np.r_[firsts, len(scores)]))
    closest = np.minimum.reduceat(np.where(reaches, np.arange(len(scores)), len(scores)), firsts)
    keep = np.argpartition(-per_contact, min(limit, len(firsts)) - 1)[:limit]
    keep = keep[np.isfinite(per_contact[keep])]
    return contact_of[firsts[keep]], per_contact[keep], entries[closest[keep]]


def search(owner, text: str, limit: int) -> tuple[list[Near], np.ndarray]:
    """Contacts whose profile, interactions or resources come closest to `text` in meaning."""
    vector = encoder.encode([text])[0]
    if not vector.any():
        return [], vector
    return nearest(owner.pk, vector, limit), vector


def similar_people(contact: Contact, limit: int = 5) -> list[tuple[Contact, float]]:
    """The owner's other current contacts whose profile and history (the mean of their vectors)
    come closest to this contact's."""
    if not encoder.enabled():
        return []
    own = ContactSketch.objects.filter(contact=contact).values_list("mean", flat=True).first()
    if own is None:
        return []
    target = np.frombuffer(bytes(own), dtype=np.int8).astype(np.float32) / SCALE
    sql = (
        "SELECT contact_id, mean FROM search_contactsketch WHERE owner_id = %s AND contact_id <> %s"
    )

    def best(ids: np.ndarray, found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The best limit * 4: closest first, then the newest contact."""
        order = np.lexsort((-ids, -found))[: limit * 4]
        return ids[order], found[order]

    # The best of each batch, then of them all.
    kept = [(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32))]
    for batch in _batches(sql, [contact.owner_id, contact.pk]):
        ids = np.fromiter((pk for pk, _ in batch), dtype=np.int64, count=len(batch))
        means = np.frombuffer(b"".join(m for _, m in batch), dtype=np.int8)
        kept.append(best(ids, _scores(means.reshape(-1, encoder.DIMENSIONS), target)))
    ids, found = best(*(np.concatenate(parts) for parts in zip(*kept, strict=True)))
    scores = list(zip(found.tolist(), ids.tolist(), strict=True))
    people = Contact.objects.for_owner(contact.owner).active().filter(pk__in=[p for _, p in scores])
    by_id = {c.pk: c for c in people}
    return [(by_id[pk], score) for score, pk in scores if pk in by_id][:limit]


@dataclass
class Talk:
    contact: Contact
    interaction: Interaction
    score: float


def talked_about(interaction: Interaction, limit: int = 5) -> list[Talk]:
    """Other contacts whose interactions come closest to this one: who else you talked to
    about it, each with the interaction that came closest."""
    if not encoder.enabled():
        return []
    own = Entry.objects.filter(
        owner_id=interaction.owner_id, source=Source.INTERACTION, ref=interaction.pk
    ).values_list("text", flat=True)
    texts = list(own)
    if not texts:
        return []
    vector = encoder.encode(texts[:1])[0]
    if not vector.any():
        return []
    near = nearest(
        interaction.owner_id,
        vector,
        limit * 2,
        kinds=[INTERACTION],
        exclude_contact=interaction.contact_id,
    )
    refs = dict(Entry.objects.filter(pk__in=[n.entry_id for n in near]).values_list("pk", "ref"))
    talks = Interaction.objects.filter(
        owner_id=interaction.owner_id, pk__in=refs.values(), contact__is_archived=False
    ).select_related("contact", "type")
    by_id = {t.pk: t for t in talks}
    found = []
    for n in near:
        talk = by_id.get(refs.get(n.entry_id))
        if talk is not None:
            found.append(Talk(talk.contact, talk, n.score))
    return found[:limit]


# --- Why something matched ----------------------------------------------------------------------


def passages(owner, entry_ids: Collection[int], vector: np.ndarray) -> dict[int, str]:
    """For each entry, its sentence closest to `vector`, in the words it was written in."""
    entries = _owned(Entry.objects, "owner_id", owner, pk__in=entry_ids).values_list(
        "pk", "contact_id", "source", "ref", "label"
    )
    originals = _originals(owner, list(entries))
    found = {}
    for entry_id, text in originals.items():
        sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
        if not sentences:
            continue
        closest = sentences[int(np.argmax(encoder.encode(sentences) @ vector))]
        found[entry_id] = closest if len(closest) <= PASSAGE else closest[: PASSAGE - 1] + "…"
    return found


def _originals(owner, entries: list[tuple]) -> dict[int, str]:
    """The text each entry was built from, as written (an entry's own text is folded)."""
    refs: dict[str, dict[int, int]] = {Source.INTERACTION: {}, Source.RESOURCE: {}}
    profiles: dict[int, int] = {}  # entry id: contact id, for the contact's whole profile
    for pk, contact_id, source, ref, _ in entries:
        if source in refs:
            refs[source][ref] = pk
        else:
            profiles[pk] = contact_id
    texts: dict[int, str] = {}
    interactions = _owned(Interaction.objects, "owner_id", owner, pk__in=refs[Source.INTERACTION])
    for pk, *parts in interactions.values_list("pk", "subject", "notes", "progress_notes"):
        texts[refs[Source.INTERACTION][pk]] = "\n".join(filter(None, parts))
    resources = _owned(
        SharedResource.objects, "contact__owner_id", owner, pk__in=refs[Source.RESOURCE]
    )
    for pk, *parts in resources.values_list("pk", "title", "notes"):
        texts[refs[Source.RESOURCE][pk]] = "\n".join(filter(None, parts))
    if profiles:
        texts.update(_profiles(owner, profiles))
    return texts


def _profiles(owner, profiles: dict[int, int]) -> dict[int, str]:
    fields = ("job_title", "company", "industry", "location")
    people = _owned(Contact.objects, "owner_id", owner, pk__in=profiles.values())
    lines: dict[int, list[str]] = {}
    for pk, notes, *works in people.values_list("pk", "notes", *fields):
        lines[pk] = [", ".join(filter(None, works)), notes]
    labels = _owned(
        Entry.objects,
        "owner_id",
        owner,
        contact_id__in=profiles.values(),
        source__in=[Source.TAGS, Source.VIP],
    ).order_by("id")
    for contact_id, label in labels.values_list("contact_id", "label"):
        lines.setdefault(contact_id, []).append(label)
    return {pk: "\n".join(filter(None, lines.get(c, []))) for pk, c in profiles.items()}


def _owned(manager, owner_field: str, owner, **found) -> QuerySet:
    """The rows `found` by id that `owner` owns. The owner is compared as an expression, so
    SQLite (which keeps no statistics here) looks the few rows up by id rather than walking all
    the owner's rows through the owner's index to find them."""
    return manager.alias(owned_by=F(owner_field) + 0).filter(owned_by=owner.pk, **found)
