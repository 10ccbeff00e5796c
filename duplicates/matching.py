"""Exact-duplicate matching: one set of rules shared by the import and the duplicates page.

Two contacts are the same person when they share a normalised e-mail address, LinkedIn profile
or GitHub username. Each is reduced to a "match key" such as ``("email", "ada@example.com")``;
any shared key makes a match.
"""

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from contacts.models import Contact

MatchKey = tuple[str, str]

_LINKEDIN_PROFILE = re.compile(r"^/in/([^/]+)", re.IGNORECASE)


def normalise_email(value: str | None) -> str:
    return (value or "").strip().lower()


def normalise_linkedin_url(value: str | None) -> str:
    """'HTTP://de.LinkedIn.com/in/Ada/?trk=x#top' -> 'linkedin.com/in/ada'; '' if not a profile."""
    value = (value or "").strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https"):
        return ""
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return ""
    match = _LINKEDIN_PROFILE.match(parts.path)
    if not match:
        return ""
    slug = unquote(match.group(1)).strip().lower()
    return f"linkedin.com/in/{slug}" if slug else ""


def normalise_github_username(value: str | None) -> str:
    """'https://github.com/Ada/', 'github.com/ada', '@Ada' -> 'ada'."""
    value = (value or "").strip()
    lowered = value.lower()
    for prefix in ("https://", "http://"):
        lowered = lowered.removeprefix(prefix)
    lowered = lowered.removeprefix("www.")
    if lowered.startswith("github.com/"):
        lowered = lowered.removeprefix("github.com/").split("?")[0].split("#")[0]
        lowered = lowered.strip("/").split("/")[0]
    elif "/" in lowered:
        return ""  # some other site's address, not a GitHub username
    return lowered.removeprefix("@").strip()


def match_keys(
    email: str | None, linkedin_url: str | None, github_username: str | None
) -> set[MatchKey]:
    keys: set[MatchKey] = set()
    if email_key := normalise_email(email):
        keys.add(("email", email_key))
    if linkedin_key := normalise_linkedin_url(linkedin_url):
        keys.add(("linkedin", linkedin_key))
    if github_key := normalise_github_username(github_username):
        keys.add(("github", github_key))
    return keys


class ContactIndex:
    """Every match key of one owner's contacts (archived ones too), looked up in memory.

    Built with one query so an import of thousands of rows does not query once per row; rows
    added while importing go in with ``add`` so that duplicates within one file are caught too.
    """

    def __init__(self) -> None:
        self._by_key: dict[MatchKey, int] = {}

    @classmethod
    def for_owner(cls, user) -> "ContactIndex":
        index = cls()
        rows = (
            Contact.objects.for_owner(user)
            .order_by("id")
            .values_list("id", "email", "linkedin_url", "github_username")
        )
        for contact_id, email, linkedin_url, github_username in rows:
            index.add(contact_id, match_keys(email, linkedin_url, github_username))
        return index

    def find(self, keys: Iterable[MatchKey]) -> int | None:
        """The first contact sharing any key (keys checked in a stable order), or None."""
        for key in sorted(keys):
            if (contact_id := self._by_key.get(key)) is not None:
                return contact_id
        return None

    def add(self, contact_id: int, keys: Iterable[MatchKey]) -> None:
        for key in keys:
            # The oldest contact keeps a key: later ones are the duplicates.
            self._by_key.setdefault(key, contact_id)


def exact_duplicate_groups(user) -> list[list[int]]:
    """Groups of the user's contact ids that share any match key, transitively (union-find).

    Each group is sorted and has at least two ids; groups are ordered by their smallest id.
    """
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_with_key: dict[MatchKey, int] = {}
    rows = (
        Contact.objects.for_owner(user)
        .order_by("id")
        .values_list("id", "email", "linkedin_url", "github_username")
    )
    for contact_id, email, linkedin_url, github_username in rows:
        parent[contact_id] = contact_id
        for key in match_keys(email, linkedin_url, github_username):
            other = first_with_key.setdefault(key, contact_id)
            if other != contact_id:
                a, b = root(other), root(contact_id)
                if a != b:
                    parent[max(a, b)] = min(a, b)

    groups: dict[int, list[int]] = {}
    for contact_id in parent:
        groups.setdefault(root(contact_id), []).append(contact_id)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])
