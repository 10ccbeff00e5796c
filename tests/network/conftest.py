"""Helpers for the network tests: people with technologies, the VIP way too."""

from contacts.models import Contact
from tests.conftest import make_contact, make_tag
from vip.models import DeveloperProfile


def person(owner, name: str, tags=(), stack=(), **fields) -> Contact:
    """A contact with these technology tags and, when `stack` is given, a VIP with that stack."""
    contact = make_contact(owner, name=name, tags=list(tags), is_vip=bool(stack), **fields)
    if stack:
        profile = DeveloperProfile.objects.create(contact=contact)
        profile.tech_stack.set(make_tag(owner, t) for t in stack)
    return contact
