"""Shared resources when contacts merge (registered in ResourcesConfig.ready)."""

from collections.abc import Sequence

from contacts.models import Contact
from resources.models import SharedResource


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    SharedResource.objects.filter(contact__in=others).update(contact=primary)
