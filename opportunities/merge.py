"""Opportunity roles and recruiter notes when contacts merge (registered in
OpportunitiesConfig.ready)."""

from collections.abc import Sequence

from contacts.merging import fold_sections
from contacts.models import Contact
from opportunities.models import Participant, RecruiterNotes


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """A contact has each role in an opportunity once: a role both had is kept once. Recruiter
    notes, one per contact, fold into the primary's."""
    roles = set(Participant.objects.filter(contact=primary).values_list("opportunity_id", "role"))
    for participant in Participant.objects.filter(contact__in=others).order_by("id"):
        key = (participant.opportunity_id, participant.role)
        if key in roles:
            participant.delete()
            continue
        roles.add(key)
        participant.contact = primary
        participant.save(update_fields=["contact"])
    fold_sections(RecruiterNotes, primary, others)
