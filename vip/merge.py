"""VIP projects and sections when contacts merge (registered in VipConfig.ready)."""

from collections.abc import Sequence

from contacts.merging import fold_sections
from contacts.models import Contact
from vip.models import Background, ContactInfo, DeveloperProfile, ProjectCollaboration

SECTIONS = (Background, ContactInfo, DeveloperProfile)


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """Projects move; the one-per-contact sections fold into the primary's."""
    ProjectCollaboration.objects.filter(contact__in=others).update(contact=primary)
    for model in SECTIONS:
        fold_sections(model, primary, others)
