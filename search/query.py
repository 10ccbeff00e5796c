"""Finding people by what you know about them, ranked, with the reasons they matched.

Every word of the query must match (as a prefix) something known about a contact: their own
details, tags, VIP skills and stack, interactions, shared resources, projects or collaborations.
A contact's relevance adds up, word by word and source by source, the best match of each source
(the engine's bm25/ts_rank, weighted by the source and, for interactions, by how recent they
are) and a little for each further match of that source. Equal relevance is broken by warmth: the
relationship's status, then the latest contact. A common prefix matches thousands of people: the
ranking is done in the database (search.engines), and only the people shown are read.

Searched also by meaning (search.meaning), the contacts whose profile, interactions or resources
come closest to the query's meaning form a second ranking, and the two are fused by reciprocal
rank fusion: a contact scores 1 / (FUSION_K + its rank) in each ranking it is in, so agreeing
rankings lift a contact and either one alone still finds it. Meaning hits below
MIN_SIMILARITY are left out: that close, unrelated texts rarely come.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from contacts.models import Contact
from contacts.status import local_today
from devhub.lib.queries import compiled
from embeddings import encoder
from search import engines, meaning
from search.models import Entry
from search.text import words

Source = Entry.Source
WEIGHTS = {
    Source.TAGS: 4.0,
    Source.VIP: 4.0,
    Source.PROFILE: 3.0,
    Source.PROJECT: 2.0,
    Source.COLLABORATION: 2.0,
    Source.INTERACTION: 1.5,
    Source.RESOURCE: 1.0,
}
# Interactions count fully for a quarter, then less: what you talked about lately is what you
# know them for.
RECENCY = ((90, 1.0), (365, 0.6))
OLD = 0.3
WARMTH = {
    Contact.Status.ACTIVE_COLLABORATION: 0,
    Contact.Status.REGULAR_CONTACT: 1,
    Contact.Status.CHECK_IN_DUE: 2,
    Contact.Status.RECONNECT: 3,
    Contact.Status.PASSIVE: 4,
}
MAX_WORDS = 8
REASONS = 2
# Evidence kept per source and contact for "who knows X" (the latest): enough to tell one old
# mention from a habit.
EVIDENCE = 10
# The contacts list shows at most this many matches of a search (the best ones).
LIST_LIMIT = 1000
KEYWORD, MEANING, FUSED = "keyword", "meaning", "fused"
# The constant of the paper that introduced reciprocal rank fusion (Cormack, Clarke and
# Büttcher, 2009), not tuned here: it keeps a first place from outweighing agreement further down.
FUSION_K = 60
# Each ranking fused keeps this many contacts.
CANDIDATES = 100
# With this model a query comes this close to an unrelated text about once in a hundred (the
# 99th percentile over eval/network.json), while 90% of its queries have a relevant text above.
MIN_SIMILARITY = 0.2
# A query whose words are all shorter than this is a word being typed ("cob"): it has no meaning
# of its own yet, and the closest vectors to a fragment are noise. It is searched by the words.
MEANINGFUL_WORD = 4


@dataclass
class Result:
    contact: Contact
    relevance: float
    reasons: list[str] = field(default_factory=list)
    # Found by meaning: what came closest, and its sentence closest to the query.
    meaning: str = ""
    passage: str = ""


def _words(text: str) -> list[str]:
    """The words of `text` that are searched: each once, at most MAX_WORDS."""
    return list(dict.fromkeys(words(text)))[:MAX_WORDS]


def _ages(owner) -> list[tuple[dt.date, float]]:
    """RECENCY as the days from which each weight applies, in the owner's today."""
    today = local_today(owner)
    return [(today - dt.timedelta(days=days), factor) for days, factor in RECENCY]


def _within(contacts: QuerySet[Contact] | None) -> tuple[str, tuple] | None:
    """SQL selecting the ids of `contacts` (None: there are none)."""
    return compiled(contacts.order_by().values("pk"))


def _relevant(
    owner,
    text: str,
    within: QuerySet[Contact] | None = None,
    limit: int | None = None,
    entries: bool = False,
) -> tuple[dict[int, float], dict[int, list[int]]]:
    """The relevance of the contacts (of `within`; else of the owner's current ones) matching
    every word of `text`, most relevant first, at most `limit`; with `entries`, also the ids of
    their entries that matched, best first."""
    query_words = _words(text)
    subquery = _within(within) if within is not None else None
    if not query_words or (within is not None and subquery is None):
        return {}, {}
    rows = engines.rank_relevance(
        owner.pk,
        query_words,
        WEIGHTS,
        Source.INTERACTION,
        _ages(owner),
        OLD,
        WARMTH,
        limit,
        subquery,
        entries,
    )
    relevance: dict[int, float] = {}
    best: dict[int, dict[int, None]] = defaultdict(dict)  # an entry can match several words
    for pk, value, entry in rows:
        relevance[pk] = value
        if entry is not None:
            best[pk][entry] = None
    return relevance, {pk: list(ids) for pk, ids in best.items()}


def _load(best: list[int]) -> list[Contact]:
    contacts = Contact.objects.filter(pk__in=best).only(
        "code", "name", "company", "job_title", "status", "is_vip", "last_contacted", "is_archived"
    )
    position = {pk: n for n, pk in enumerate(best)}
    return sorted(contacts, key=lambda c: position[c.pk])


def _reasons(best: dict[int, list[int]], contact_ids) -> dict[int, list[str]]:
    """The labels of these contacts' best entries, REASONS of them (two entries may read the
    same: a few more are read)."""
    chosen = {pk: best[pk][: 2 * REASONS] for pk in contact_ids if pk in best}
    labels = _labels_of({entry for ids in chosen.values() for entry in ids})
    return {
        pk: list(dict.fromkeys(labels[entry] for entry in ids))[:REASONS]
        for pk, ids in chosen.items()
    }


def search(
    owner,
    text: str,
    limit: int = 20,
    within: QuerySet[Contact] | None = None,
    mode: str = KEYWORD,
) -> list[Result]:
    """`owner`'s current contacts (or those of `within`) matching `text`, best first, each with
    up to two reasons ("tagged Rust", "Pair programming about Rust, 3 Mar 2026"). `mode`:
    by the words only (KEYWORD), by meaning only (MEANING) or both, fused (FUSED)."""
    keyword = mode == KEYWORD or not encoder.enabled() or (mode == FUSED and not _meaningful(text))
    if keyword:
        relevance, best = _relevant(owner, text, within, limit, entries=True)
        contacts = _load(list(relevance))
        reasons = _reasons(best, [c.pk for c in contacts])
        return [Result(c, relevance[c.pk], reasons.get(c.pk, [])) for c in contacts]
    relevance, best = {}, {}
    if mode != MEANING:
        relevance, best = _relevant(owner, text, within, CANDIDATES, entries=True)
    near, vector = meaning.search(owner, text, CANDIDATES)
    near = [n for n in near if n.score >= MIN_SIMILARITY]
    if within is None:
        within = Contact.objects.for_owner(owner).active()
    kept = set(within.filter(pk__in=[n.contact_id for n in near]).values_list("pk", flat=True))
    by_meaning = {n.contact_id: n for n in near if n.contact_id in kept}
    fused: dict[int, float] = defaultdict(float)
    for ranking in (list(relevance), list(by_meaning)[:CANDIDATES]):
        for n, pk in enumerate(ranking, start=1):
            fused[pk] += 1 / (FUSION_K + n)

    def key(pk: int):
        near = by_meaning.get(pk)
        return (-fused[pk], -relevance.get(pk, 0), -(near.score if near else 0))

    contacts = _load(sorted(fused, key=key)[:limit])
    return _explained(owner, contacts, best, by_meaning, fused, vector)


def _meaningful(text: str) -> bool:
    return any(len(word) >= MEANINGFUL_WORD for word in words(text))


def _explained(owner, contacts, best, by_meaning, fused, vector) -> list[Result]:
    reasons = _reasons(best, [c.pk for c in contacts])
    entry_ids = [
        by_meaning[c.pk].entry_id for c in contacts if c.pk in by_meaning and not reasons.get(c.pk)
    ]
    labels = {
        pk: "their profile"
        if source in meaning.KINDS and meaning.KINDS[source] == meaning.PROFILE
        else label
        for pk, source, label in Entry.objects.filter(pk__in=entry_ids).values_list(
            "pk", "source", "label"
        )
    }
    passages = meaning.passages(owner, entry_ids, vector)
    results = []
    for contact in contacts:
        result = Result(contact, fused[contact.pk], reasons.get(contact.pk, []))
        near = by_meaning.get(contact.pk)
        # Found by the words too: those reasons say why; the passage would only repeat them.
        if near is not None and not result.reasons:
            result.meaning = labels.get(near.entry_id, "")
            result.passage = passages.get(near.entry_id, "")
        results.append(result)
    return results


def rank(owner, contacts: QuerySet[Contact], text: str) -> list[int]:
    """Ids of `contacts` (`owner`'s) matching `text`, most relevant first, at most LIST_LIMIT:
    the contacts list's search."""
    return list(_relevant(owner, text, contacts, LIST_LIMIT)[0])


def reasons(owner, text: str, contact_ids) -> dict[int, list[str]]:
    """Why each of these contacts matches `text` (for one page of the contacts list)."""
    within = Contact.objects.filter(owner=owner, pk__in=list(contact_ids))
    return _reasons(_relevant(owner, text, within, entries=True)[1], list(contact_ids))


@dataclass
class Evidence:
    source: str
    label: str
    occurred_on: dt.date | None
    entry_id: int


@dataclass
class Ranking:
    total: int  # everyone ranked
    rows: list[tuple[int, int]]  # the page's: (contact id, the texts matched as bits)
    # What ties each of the page's people to each text, by (text index, contact id): the latest
    # EVIDENCE entries of each source, strongest source first, with their labels ("tagged Rust").
    evidence: dict[tuple[int, int], list[Evidence]]


def rank_by_evidence(
    owner,
    texts: list[str],
    fields: dict[str, engines.Field],
    order: list[str],
    offset: int,
    limit: int,
) -> Ranking:
    """`owner`'s current contacts with evidence of technologies (`texts`: every word of one
    matched), best first by `order` (see engines.rank_evidence; fields `by_age` weigh as RECENCY
    says, warmth is WARMTH): how many, and the page from `offset` (at most `limit`), with their
    evidence. For "who knows X" and matching."""
    terms = [_words(text) for text in texts]
    found: dict[tuple[int, int], list[Evidence]] = defaultdict(list)
    if not any(terms):
        return Ranking(0, [], found)
    ages = [(day, round(100 * factor)) for day, factor in _ages(owner)]
    ranking = engines.rank_evidence(
        owner.pk, terms, fields, order, ages, round(100 * OLD), WARMTH, offset, limit
    )
    by_source: dict[tuple[int, int, str], list[Evidence]] = defaultdict(list)
    for hit in ranking.shown:
        by_source[hit.term, hit.contact_id, hit.source].append(
            Evidence(hit.source, hit.label, hit.occurred_on, hit.entry_id)
        )
    for (text, contact_id, _), items in by_source.items():
        items.sort(key=_latest)
        found[text, contact_id] += items[:EVIDENCE]
    for items in found.values():
        items.sort(key=_strongest)
    return Ranking(ranking.total, ranking.rows, found)


def _latest(evidence: Evidence) -> tuple:
    day = evidence.occurred_on
    return (day is not None, -(day.toordinal() if day else 0), -evidence.entry_id)


def _strongest(evidence: Evidence) -> tuple:
    return (-WEIGHTS[evidence.source], *_latest(evidence))


def _labels_of(entry_ids) -> dict[int, str]:
    return dict(Entry.objects.filter(pk__in=entry_ids).values_list("pk", "label"))
