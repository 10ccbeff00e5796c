"""Interactions when contacts merge (registered in InteractionsConfig.ready)."""

from collections.abc import Sequence

from contacts.models import Contact
from interactions.models import Interaction


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """Every interaction moves to the primary; the owner is the same, the primary's last contact
    is set by the merge afterwards."""
    Interaction.objects.filter(contact__in=others).update(contact=primary)
