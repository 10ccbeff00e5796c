from contacts import services
from contacts.forms import tags_for_names
from search import query
from tests.conftest import make_contact


def person(owner, name: str, tags=(), **fields):
    """A contact made and tagged through the services, as the app does."""
    contact = make_contact(owner, name=name, **fields)
    if tags:
        services.set_tags(contact, tags_for_names(owner, list(tags)))
    return contact


def found(owner, text: str) -> list[str]:
    return [r.contact.name for r in query.search(owner, text)]


def why(owner, text: str) -> dict[str, list[str]]:
    return {r.contact.name: r.reasons for r in query.search(owner, text)}
