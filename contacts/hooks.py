"""What other apps hear of when contacts or tags change, and the search the contacts list uses.

The contacts app imports no other app, yet some keep facts derived from contacts (the search
index, the webhooks). Such an app registers one `Listener` from its AppConfig.ready(); the
contacts services call `contacts_created` after adding a contact (with its tags), and
`contacts_changed` after a write to contacts (`fields`: the ones written, None for "any"), and
wrap a rename, merge or deletion of tags in `tags_changing`, so that a listener can note who
has those tags before the change and bring them up to date after it.

The contacts list searches through the one registered `Searcher` (the search app's full-text
index), so there is one way of searching contacts.
"""

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Listener:
    # (owner, contact ids, fields written or None) after contacts changed.
    contacts: Callable[[object, Collection[int], Collection[str] | None], None]
    # (owner, tag ids) before tags change; returns what to run after the change.
    tags: Callable[[object, Collection[int]], Callable[[], None]]
    # (owner, contact ids) after contacts were added; without it, `contacts` hears of them.
    created: Callable[[object, Collection[int]], None] | None = None


@dataclass(frozen=True)
class Searcher:
    # (owner, the owner's contacts to search, text) -> ids of the matches, most relevant first.
    rank: Callable[[object, object, str], list[int]]
    # (owner, text, contact ids) -> {contact id: why it matched, strongest reason first}.
    reasons: Callable[[object, str, Collection[int]], dict[int, list[str]]]


LISTENERS: list[Listener] = []
_searchers: list[Searcher] = []


def register(listener: Listener) -> None:
    if listener not in LISTENERS:
        LISTENERS.append(listener)


def register_searcher(searcher: Searcher) -> None:
    _searchers[:] = [searcher]


def searcher() -> Searcher:
    if not _searchers:
        raise ImproperlyConfigured("No search is installed: add the search app.")
    return _searchers[0]


def contacts_changed(
    owner, contact_ids: Iterable[int], fields: Iterable[str] | None = None
) -> None:
    ids = list(contact_ids)
    if not ids:
        return
    written = None if fields is None else frozenset(fields)
    for listener in LISTENERS:
        listener.contacts(owner, ids, written)


def contacts_created(owner, contact_ids: Iterable[int]) -> None:
    ids = list(contact_ids)
    if not ids:
        return
    for listener in LISTENERS:
        if listener.created is not None:
            listener.created(owner, ids)
        else:
            listener.contacts(owner, ids, None)


@contextmanager
def tags_changing(owner, tag_ids: Iterable[int]) -> Iterator[None]:
    ids = list(tag_ids)
    afters = [listener.tags(owner, ids) for listener in LISTENERS]
    yield
    for after in afters:
        after()
