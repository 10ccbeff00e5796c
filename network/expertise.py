"""Who knows a technology, and who covers a need, from what the search index knows about people.

Evidence is what the search index holds that matches the technology: "tagged Rust", "VIP stack:
Rust", "Pair programming about Rust, 3 Mar 2026", a shared resource, a project together, the
profile. A person's strength of evidence is compared source by source, in this order: a tag, then
what they state as a VIP (skills, stack), then interactions about it (each counts by how recent
it is, so more and more recent is stronger), then shared resources, then projects together, then
their profile. Equal evidence is broken by warmth.

Thousands of people can have some evidence of a common technology: everyone is ranked in the
database (search.query.rank_by_evidence), which returns only the page shown, with its people's
evidence; the page then reads its people (`_page`).

A need ("Django + Postgres performance", a project's technologies, an opportunity's role) is
cut into terms; people are ranked by how many terms they cover, then by warmth (passive
relationships last), then by their evidence.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from contacts.models import Contact, Tag
from search import engines, query
from search.models import Entry
from search.text import normalise, words

Source = Entry.Source
MAX_TERMS = 8
EXPLAINED = 3  # evidence labels in a match's explanation
# Words of a need that say nothing about a technology.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "of",
        "for",
        "with",
        "in",
        "on",
        "to",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "we",
        "you",
        "our",
        "who",
        "that",
        "this",
        "need",
        "needs",
        "needed",
        "help",
        "experience",
        "looking",
        "someone",
        "people",
    ]
)
_SEPARATORS = re.compile(r"[,+/;&|]|\band\b|\bwith\b", re.IGNORECASE)
PER_PAGE = 25
CONTACT_FIELDS = ("code", "name", "company", "job_title", "status", "is_vip", "last_contacted")


# What evidence is ranked by, strongest first: the entries of each of these (interactions
# weigh by how recent they are).
FIELDS = {
    "tags": engines.Field((Source.TAGS,)),
    "vip": engines.Field((Source.VIP,)),
    "interactions": engines.Field((Source.INTERACTION,), by_age=True),
    "resources": engines.Field((Source.RESOURCE,)),
    "projects": engines.Field((Source.PROJECT, Source.COLLABORATION)),  # paid or not
    "profile": engines.Field((Source.PROFILE,)),
}
WHO_KNOWS_ORDER = [*FIELDS, "warmth"]
MATCH_ORDER = ["covered", "warmth", *FIELDS]


class Ranked(Sequence):
    """One page of a ranking standing in for all of it: as long as the whole ranking, so that a
    paginator counts it, holding only the page's items, at their places."""

    def __init__(self, total: int, offset: int, items: list):
        self._total = total
        self._offset = offset
        self._items = items

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        index = range(len(self))[index]  # negative indexes, and IndexError past the end
        if not self._offset <= index < self._offset + len(self._items):
            raise IndexError(
                f"only places {self._offset} to {self._offset + len(self._items)} are read"
            )
        return self._items[index - self._offset]


def _page(owner, texts: list[str], order: list[str], number, make) -> Page:
    """Page `number` (as given: like Paginator.get_page, a bad one is the first page, one past
    the end the last) of `owner`'s people ranked by evidence of `texts`, each item `make(contact
    id, the texts matched as bits)` given its contact and its evidence."""
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1

    def read(number: int) -> query.Ranking:
        return query.rank_by_evidence(
            owner, texts, FIELDS, order, (number - 1) * PER_PAGE, PER_PAGE
        )

    ranking = read(number)
    if not ranking.rows and number > 1:  # past the end: count them, then read the last page
        number = max(1, -(-read(1).total // PER_PAGE))
        ranking = read(number)
    items = [make(pk, bits) for pk, bits in ranking.rows]
    wanted = [item.pk for item in items]
    contacts = Contact.objects.for_owner(owner).filter(pk__in=wanted).only(*CONTACT_FIELDS)
    by_pk = {c.pk: c for c in contacts}
    for item in items:
        item.contact = by_pk[item.pk]
        item.show(ranking.evidence)
    return Paginator(Ranked(ranking.total, (number - 1) * PER_PAGE, items), PER_PAGE).page(number)


# --- Who knows X ------------------------------------------------------------------------------


@dataclass(slots=True)
class Expert:
    pk: int
    contact: Contact | None = None  # given by `_page`, as the evidence
    evidence: list[query.Evidence] = field(default_factory=list)

    def show(self, found: dict[tuple[int, int], list[query.Evidence]]) -> None:
        self.evidence = found[0, self.pk]

    @property
    def reasons(self) -> list[str]:
        return list(dict.fromkeys(e.label for e in self.evidence))


def tag_named(owner, text: str) -> Tag | None:
    """The owner's tag whose name is `text` ignoring case and accents (a technology tag first)."""
    wanted = normalise(text)
    if not wanted:
        return None
    tags = Tag.objects.for_owner(owner).only("code", "name", "kind")
    named = [t for t in tags if normalise(t.name) == wanted]
    named.sort(key=lambda t: (t.kind != Tag.Kind.TECHNOLOGY, t.name != text.strip(), t.pk))
    return named[0] if named else None


def who_knows(owner, technology: str, number=1) -> Page:
    """Page `number` of everyone with evidence of `technology`, strongest evidence first, then
    warmest."""
    return _page(owner, [technology], WHO_KNOWS_ORDER, number, lambda pk, _: Expert(pk))


# --- Matching a need --------------------------------------------------------------------------


def _split(text: str) -> list[list[str]]:
    return [words(piece) for piece in _SEPARATORS.split(text or "")]


def need_terms(owner, *texts: str, technologies=()) -> list[str]:
    """The terms of a need: `technologies` (tag names) as they are, then the owner's tags named
    in `texts` (as a whole name, "Ruby on Rails"), then the texts' other words."""
    tag_words = {
        tuple(words(name)): name
        for name in Tag.objects.for_owner(owner).values_list("name", flat=True)
    }
    terms = list(technologies)
    rest: list[str] = []
    for text in texts:
        for piece in _split(text):
            i = 0
            while i < len(piece):
                named = next(
                    (
                        (n, tag_words[tuple(piece[i : i + n])])
                        for n in range(len(piece) - i, 0, -1)
                        if tuple(piece[i : i + n]) in tag_words
                    ),
                    None,
                )
                if named:
                    terms.append(named[1])
                    i += named[0]
                    continue
                if len(piece[i]) > 1 and piece[i] not in STOPWORDS:
                    rest.append(piece[i])
                i += 1
    unique: dict[str, str] = {}
    for term in terms + rest:
        unique.setdefault(normalise(term), term)
    unique.pop("", None)
    return list(unique.values())[:MAX_TERMS]


@dataclass(slots=True)
class Match:
    pk: int
    terms: list[str]  # the need's
    bits: int  # the terms covered: 1 << index
    contact: Contact | None = None  # given by `_page`, as the evidence
    evidence: list[query.Evidence] = field(default_factory=list)  # the best of each covered

    def _covered_at(self) -> list[int]:
        return [n for n in range(len(self.terms)) if self.bits >> n & 1]

    @property
    def covered(self) -> list[str]:
        return [self.terms[n] for n in self._covered_at()]

    def show(self, found: dict[tuple[int, int], list[query.Evidence]]) -> None:
        covered = [found[n, self.pk] for n in self._covered_at()]
        self.evidence = [items[0] for items in covered if items]

    @property
    def reasons(self) -> list[str]:
        labels = list(dict.fromkeys(e.label for e in self.evidence))[:EXPLAINED]
        return [f"covers {', '.join(self.covered)}", *labels]

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def match(owner, terms: list[str], number=1) -> Page:
    """Page `number` of the people covering the most of `terms`, warm and available ones first
    (passive last), then by evidence."""
    return _page(owner, terms, MATCH_ORDER, number, lambda pk, bits: Match(pk, terms, bits))
