"""Possible duplicates: a similar name at the same company or e-mail domain, for a person to review.

Exact duplicates (the same e-mail, LinkedIn profile or GitHub username) are `matching`'s job;
this module finds the near misses those rules cannot prove, such as "Jon Smith" and "John Smith"
at Acme. Comparing every contact with every other would be 50 million name comparisons for
10,000 contacts, so contacts are first put in blocks (same company, same work e-mail domain),
and inside a block only names sharing a key (see `_name_keys`) are compared.
"""

import difflib
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from contacts.models import Contact
from duplicates.matching import normalise_email
from duplicates.models import DismissedPair

NAME_SIMILARITY = 0.85
# Big webmail providers: sharing one says nothing about working together.
FREE_MAIL_DOMAINS = frozenset(
    {
        "163.com",
        "aol.com",
        "fastmail.com",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hey.com",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.de",
        "hotmail.fr",
        "icloud.com",
        "live.com",
        "mac.com",
        "mail.com",
        "mail.ru",
        "me.com",
        "msn.com",
        "outlook.com",
        "outlook.de",
        "pm.me",
        "proton.me",
        "protonmail.com",
        "qq.com",
        "t-online.de",
        "web.de",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.de",
        "yahoo.fr",
        "yandex.ru",
        "ymail.com",
        "zoho.com",
    }
)
_NOT_ALNUM = re.compile(r"[^\w]+|_")


@functools.lru_cache(maxsize=8192)  # companies (and many names) repeat across contacts
def fold(text: str) -> str:
    """Lower case without accents or punctuation: 'José  O'Brien-Díaz' -> 'jose o brien diaz'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_ALNUM.sub(" ", bare.casefold()).split())


def normalise_company(value: str) -> str:
    return fold(value)


def work_domain(email: str) -> str:
    """The e-mail's domain, or '' for a free-mail address (or no address)."""
    _, at, domain = normalise_email(email).rpartition("@")
    if not at or not domain or domain in FREE_MAIL_DOMAINS:
        return ""
    return domain


def similar_names(a: str, b: str) -> bool:
    """Both already folded. Close spelling, or the same first and last word in another order."""
    return _similar(difflib.SequenceMatcher(None, "", a), a, b)


def _ends(name: str) -> frozenset[str]:
    words = name.split()
    return frozenset((words[0], words[-1]))


def _similar(matcher: difflib.SequenceMatcher, a: str, b: str) -> bool:
    """`matcher` already holds `a` as its second sequence: difflib caches its analysis there,
    so one matcher serves every comparison with `a`."""
    if not a or not b:
        return False
    if a == b:
        return True
    if _ends(a) == _ends(b) and " " in a and " " in b:
        return True  # "Lovelace Ada" and "Ada Byron Lovelace"
    if 2 * min(len(a), len(b)) < NAME_SIMILARITY * (len(a) + len(b)):
        return False  # the length difference alone keeps the ratio below the threshold
    matcher.set_seq1(b)
    # The cheap upper bound rules most pairs out before the real (quadratic) ratio.
    return matcher.quick_ratio() >= NAME_SIMILARITY and matcher.ratio() >= NAME_SIMILARITY


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str  # folded
    company: str  # normalised
    domain: str  # work e-mail domain or ''


@dataclass(frozen=True)
class PossiblePair:
    first_id: int  # the smaller id
    second_id: int
    basis: str  # "company" or "domain"
    value: str  # the normalised company or the e-mail domain they share


def _name_keys(name: str) -> set[tuple[str, ...]]:
    """Names compared must share one of these keys. From the first and last word, put in
    alphabetical order so "Lovelace Ada" meets "Ada Lovelace": the first three letters of one with
    the initial of the other, both ways round, so a typo in either word still meets its match."""
    words = name.split()
    if len(words) == 1:
        return {(words[0][:3],)}
    one, other = sorted((words[0], words[-1]))
    return {(one[:3], other[:1]), (one[:1], other[:3])}


def _similar_pairs_in_block(
    members: list[Candidate], skip: set[tuple[int, int]]
) -> Iterable[tuple[int, int]]:
    """(smaller id, larger id) of the similar names in one block, each pair compared once."""
    by_key: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
    for member in members:
        for key in _name_keys(member.name):
            by_key[key].append(member)
    for group in by_key.values():
        for index, a in enumerate(group):
            matcher = None  # built on first need: most pairs are settled without one
            for b in group[index + 1 :]:
                pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if pair in skip:
                    continue
                skip.add(pair)
                if a.name == b.name:
                    yield pair
                    continue
                matcher = matcher or difflib.SequenceMatcher(None, "", a.name)
                if _similar(matcher, a.name, b.name):
                    yield pair


def find_possible_pairs(
    candidates: Iterable[Candidate], exclude: set[tuple[int, int]] = frozenset()
) -> list[PossiblePair]:
    """Pairs (smaller id first) with similar names in a shared block, minus `exclude`."""
    blocks: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        if not candidate.name:
            continue
        if candidate.company:
            blocks["company", candidate.company].append(candidate)
        if candidate.domain:
            blocks["domain", candidate.domain].append(candidate)
    skip = set(exclude)  # grows with every pair compared, so none is compared twice
    found: list[PossiblePair] = []
    for (kind, value), members in blocks.items():
        if len(members) > 1:
            found.extend(
                PossiblePair(first, second, kind, value)
                for first, second in _similar_pairs_in_block(members, skip)
            )
    return sorted(found, key=lambda p: (p.first_id, p.second_id))


def candidates_for(user) -> list[Candidate]:
    rows = Contact.objects.for_owner(user).values_list("id", "name", "company", "email")
    return [
        Candidate(pk, fold(name), normalise_company(company), work_domain(email))
        for pk, name, company, email in rows.iterator(chunk_size=2000)
    ]


def possible_duplicate_pairs(
    user, exclude: set[tuple[int, int]] = frozenset()
) -> list[PossiblePair]:
    """The user's possible duplicates, except dismissed pairs and pairs in `exclude`."""
    dismissed = DismissedPair.objects.for_owner(user).id_pairs()
    return find_possible_pairs(candidates_for(user), exclude=set(exclude) | dismissed)
