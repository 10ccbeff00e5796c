"""Opportunity roles and recruiter notes when contacts merge (registered in
OpportunitiesConfig.ready)."""

from collections.abc import Sequence

from contacts.merging import fold_sections, move_roles
from contacts.models import Contact
from opportunities.models import Participant, RecruiterNotes


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """A contact has each role in an opportunity once: a role both had is kept once. Recruiter
    notes, one per contact, fold into the primary's."""
    move_roles(Participant, "opportunity", primary, others)
    fold_sections(RecruiterNotes, primary, others)
