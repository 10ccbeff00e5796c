"""Project roles when contacts merge (registered in ProjectsConfig.ready)."""

from collections.abc import Sequence

from contacts.merging import move_roles
from contacts.models import Contact
from projects.models import Member


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """A contact has each role in a project once: a role both had is kept once."""
    move_roles(Member, "project", primary, others)
