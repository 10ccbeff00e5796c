"""Import rows when contacts merge (registered in ImportsConfig.ready)."""

from collections.abc import Sequence

from contacts.models import Contact
from imports.models import ImportRow


def merge_contacts(owner, primary: Contact, others: Sequence[Contact]) -> None:
    """Import rows point at the contact they matched, filled in or created. Undoing an import
    deletes the contacts it created, so a merged contact stays that import's to undo only if the
    one import created every contact merged into it; otherwise its "created" links are dropped
    and the undo leaves it (and whatever the other contacts brought) alone."""
    other_ids = [c.pk for c in others]
    ids = [primary.pk, *other_ids]
    ImportRow.objects.filter(matched_contact_id__in=other_ids).update(matched_contact=primary)
    created = ImportRow.objects.filter(contact_id__in=ids, outcome=ImportRow.Outcome.CREATE)
    creators = list(created.values_list("batch_id", "contact_id"))
    ImportRow.objects.filter(contact_id__in=other_ids).exclude(
        outcome=ImportRow.Outcome.CREATE
    ).update(contact=primary)
    one_batch = len({batch for batch, _ in creators}) == 1
    if one_batch and {contact for _, contact in creators} == set(ids):
        created.filter(contact_id__in=other_ids).update(contact=primary)
    else:
        created.update(contact=None)
