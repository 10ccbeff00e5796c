"""Bulk actions on many contacts as a long change (jobs/): the selection is fixed when the user
confirms it, then done a chunk of contacts per transaction, so deleting or editing a hundred
thousand contacts never holds the database for more than a moment."""

from itertools import batched

from contacts import hooks, services
from contacts.models import Contact
from history import bulk as history_bulk
from history.sources import BULK, changes_by
from jobs import services as jobs
from jobs.models import Job

KIND = "contacts.bulk"
# Contacts per transaction: a deletion also removes each contact's interactions, reminders, ...
CHUNK = {"delete": 200}
DEFAULT_CHUNK = 2000

CHANGES = {
    "mark_vip": {"is_vip": True},
    "unmark_vip": {"is_vip": False},
    "archive": {"is_archived": True},
    "unarchive": {"is_archived": False},
}


def start(owner, action: str, targets, *, title: str, message: str, next_url: str, **params):
    """A job doing `action` on `targets` (a queryset of `owner`'s contacts, read now)."""
    pks = list(targets.values_list("pk", flat=True).order_by("pk"))
    size = CHUNK.get(action, DEFAULT_CHUNK)
    return jobs.start(
        owner,
        KIND,
        title,
        ((len(chunk), {"pks": list(chunk)}) for chunk in batched(pks, size)),
        params={"action": action, "message": message, **params},
        next_url=next_url,
    )


def run(job: Job, payload: dict) -> None:
    with changes_by(BULK, job.owner):
        _run(job, payload)


def _run(job: Job, payload: dict) -> None:
    params = job.params
    action = params["action"]
    # Only the owner's contacts, however the item was stored.
    chunk = Contact.objects.filter(owner=job.owner_id, pk__in=payload["pks"])
    through = Contact.tags.through
    if action == "delete":
        history_bulk.delete_rows(chunk)
    elif action == "add_tag":
        rows = [
            through(contact_id=pk, tag_id=params["tag"])
            for pk in chunk.values_list("pk", flat=True)
        ]
        through.objects.bulk_create(rows, ignore_conflicts=True)
        hooks.contacts_changed(job.owner, [row.contact_id for row in rows], ["tags"])
    elif action == "remove_tag":
        through.objects.filter(tag_id=params["tag"], contact__in=chunk).delete()
        hooks.contacts_changed(job.owner, chunk.values_list("pk", flat=True), ["tags"])
    else:
        changes = params.get("changes") or CHANGES[action]
        services.update_many(job.owner, chunk, **changes)


def finish(job: Job) -> str:
    return job.params["message"]


def register() -> None:
    jobs.register(KIND, jobs.Kind(run=run, finish=finish))
