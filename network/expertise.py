"""Who knows a technology, and who covers a need, from what the search index knows about people.

Evidence comes from search.query.evidence: the entries ("tagged Rust", "VIP stack: Rust",
"Pair programming about Rust, 3 Mar 2026", a shared resource, a project together, the profile)
that match the technology. A person's strength of evidence is compared source by source, in
this order: a tag, then what they state as a VIP (skills, stack), then interactions about it
(each counts by how recent it is, so more and more recent is stronger), then shared resources,
then projects together, then their profile. Equal evidence is broken by warmth.

A need ("Django + Postgres performance", a project's technologies, an opportunity's role) is
cut into terms; people are ranked by how many terms they cover, then by warmth (passive
relationships last), then by their evidence.
"""

import re
from dataclasses import dataclass, field

from contacts.models import Contact, Tag
from contacts.status import local_today
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
CONTACT_FIELDS = ("code", "name", "company", "job_title", "status", "is_vip", "last_contacted")


@dataclass
class Strength:
    """Comparable evidence of one technology (or the sum over a need's technologies)."""

    tags: int = 0
    vip: int = 0
    interactions: float = 0.0
    resources: int = 0
    projects: int = 0
    profile: int = 0

    def key(self) -> tuple:
        return (
            self.tags,
            self.vip,
            round(self.interactions, 2),
            self.resources,
            self.projects,
            self.profile,
        )

    def __iadd__(self, other: "Strength") -> "Strength":
        self.tags += other.tags
        self.vip += other.vip
        self.interactions += other.interactions
        self.resources += other.resources
        self.projects += other.projects
        self.profile += other.profile
        return self


_FIELD = {
    Source.TAGS: "tags",
    Source.VIP: "vip",
    Source.RESOURCE: "resources",
    Source.PROJECT: "projects",
    Source.COLLABORATION: "projects",  # made together, paid or not
    Source.PROFILE: "profile",
}


def strength(found: list[query.Evidence], today) -> Strength:
    total = Strength()
    for item in found:
        if item.source == Source.INTERACTION:
            total.interactions += query.recency(item.occurred_on, today)
        else:
            name = _FIELD[item.source]
            setattr(total, name, getattr(total, name) + 1)
    return total


def _warmth(contact: "Contact | engines.Person") -> tuple:
    last = contact.last_contacted.toordinal() if contact.last_contacted else 0
    return (query.WARMTH.get(contact.status, 9), -last, contact.name.casefold())


def load_page(owner, items) -> None:
    """Give the ranked items of one page (experts or matches) their contacts and their
    evidence its labels."""
    wanted = [item.contact.pk for item in items]
    contacts = Contact.objects.for_owner(owner).filter(pk__in=wanted).only(*CONTACT_FIELDS)
    by_pk = {c.pk: c for c in contacts}
    for item in items:
        item.contact = by_pk[item.contact.pk]
    query.label(e for item in items for e in item.evidence)


def _evidence(owner, terms: list[str]) -> tuple[dict, dict[int, engines.Person]]:
    """Each term's evidence among the owner's current contacts (unlabelled: see `load_page`),
    and those people by id (what ranking needs; `load_page` swaps in the contacts a page
    shows)."""
    return query.evidence_of(owner, terms, labelled=False)


# --- Who knows X ------------------------------------------------------------------------------


@dataclass
class Expert:
    contact: Contact
    evidence: list[query.Evidence]
    strength: Strength

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


def who_knows(owner, technology: str) -> list[Expert]:
    """Everyone with evidence of `technology`, strongest evidence first, then warmest."""
    found, people = _evidence(owner, [technology])
    found = found[technology]
    today = local_today(owner)
    experts = [Expert(people[pk], found[pk], strength(found[pk], today)) for pk in found]
    experts.sort(key=lambda e: (tuple(-v for v in e.strength.key()), _warmth(e.contact)))
    return experts


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


@dataclass
class Match:
    contact: Contact
    covered: list[str]
    evidence: list[query.Evidence]  # the best of each covered term
    strength: Strength = field(default_factory=Strength)

    @property
    def reasons(self) -> list[str]:
        labels = list(dict.fromkeys(e.label for e in self.evidence))[:EXPLAINED]
        return [f"covers {', '.join(self.covered)}", *labels]

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def match(owner, terms: list[str]) -> list[Match]:
    """People covering the most of `terms`, warm and available ones first, then by evidence."""
    today = local_today(owner)
    matches: dict[int, Match] = {}
    by_term, people = _evidence(owner, terms)
    for term, evidence in by_term.items():
        for pk, found in evidence.items():
            if (item := matches.get(pk)) is None:
                item = matches[pk] = Match(people[pk], [], [])
            item.covered.append(term)
            item.evidence.append(found[0])
            item.strength += strength(found, today)
    ranked = list(matches.values())
    ranked.sort(
        key=lambda m: (
            -len(m.covered),
            m.contact.status == Contact.Status.PASSIVE,
            query.WARMTH.get(m.contact.status, 9),
            tuple(-v for v in m.strength.key()),
            _warmth(m.contact),
        )
    )
    return ranked
