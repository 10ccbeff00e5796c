"""Reading, pruning and forgetting the history of records."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from simple_history.models import registered_models

from history import sources

DELETE_CHUNK = 5000


def history_models() -> list[type[models.Model]]:
    """The historical model of every tracked model."""
    return [model.history.model for model in registered_models.values()]


def _owned_rows(history_model, user_id: int) -> models.QuerySet:
    """`user_id`'s rows of one historical table. Its foreign keys are plain values there (the
    record may be gone), so a contact's sections are found through the ids of the user's
    contacts in the contacts' history, which keeps every contact the user ever had."""
    from contacts.models import Contact

    names = {f.name for f in history_model._meta.fields}
    if "owner" in names:
        return history_model.objects.filter(owner_id=user_id)
    if "contact" in names:
        ids = Contact.history.model.objects.filter(owner_id=user_id).values("id")
        return history_model.objects.filter(contact_id__in=ids)
    raise LookupError(f"{history_model._meta.label} has no owner or contact column.")


@transaction.atomic
def forget_account(user) -> int:
    """Delete the history of everything `user` owned (their account is being deleted)."""
    from contacts.models import Contact

    contact_history = Contact.history.model
    deleted = 0
    for history_model in history_models():
        if history_model is not contact_history:  # last: the others are found through it
            deleted += _owned_rows(history_model, user.pk).delete()[0]
    return deleted + _owned_rows(contact_history, user.pk).delete()[0]


def prune_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.HISTORY_DAYS)


def prune(*, dry_run: bool = False, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete history rows older than HISTORY_DAYS, a chunk per transaction; per table, how many
    (would be) deleted. Running it again deletes nothing more."""
    cutoff = prune_cutoff(now)
    counts = {}
    for history_model in history_models():
        old = history_model.objects.filter(history_date__lt=cutoff)
        if dry_run:
            counts[history_model._meta.label] = old.count()
            continue
        total = 0
        while ids := list(old.values_list("history_id", flat=True)[:DELETE_CHUNK]):
            with transaction.atomic():
                total += history_model.objects.filter(history_id__in=ids).delete()[0]
        counts[history_model._meta.label] = total
    return counts


def source_label(source: str) -> str:
    return sources.LABELS.get(source, source.replace("_", " ").capitalize())
