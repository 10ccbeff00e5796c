"""Every write to suggestions: the nightly refresh and a dismissal."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact
from contacts.status import local_today
from suggestions import compute
from suggestions.models import Suggestion

# Contacts read and scored at a time (bounded memory however big the network).
CHUNK = 500
# Fields a refresh rewrites on a suggestion that is still right but whose wording or rank moved.
REWRITTEN = ("quote", "score", "on")


@dataclass
class RefreshResult:
    created: int = 0
    updated: int = 0
    removed: int = 0

    def add(self, other: "RefreshResult") -> None:
        self.created += other.created
        self.updated += other.updated
        self.removed += other.removed

    def summary(self, dry_run: bool = False) -> str:
        verb = "Would create" if dry_run else "Created"
        return (
            f"{verb} {self.created} suggestion{'s' * (self.created != 1)}, "
            f"updated {self.updated}, removed {self.removed}."
        )


def refresh_all(username: str | None = None, dry_run: bool = False) -> RefreshResult:
    """Bring every active user's suggestions (or one user's) up to date."""
    users = User.objects.filter(is_active=True).order_by("pk")
    if username is not None:
        users = users.filter(username=username)
    result = RefreshResult()
    for owner in users:
        result.add(refresh_suggestions(owner, dry_run=dry_run))
    return result


@transaction.atomic
def refresh_suggestions(owner: User, dry_run: bool = False) -> RefreshResult:
    """The owner's suggestions become the best few facts for each contact who needs attention
    today; contacts who no longer do lose theirs. Dismissed rows are kept (and never suggested
    again); a suggestion that is still right keeps its row, so running twice changes nothing.

    The owner's row is locked for the run (PostgreSQL; SQLite serialises writers already), so
    two runs that overlap take turns instead of adding the same suggestion twice."""
    User.objects.select_for_update().filter(pk=owner.pk).first()
    today = local_today(owner)
    existing: dict[tuple, Suggestion] = {}
    for row in Suggestion.objects.for_owner(owner).order_by("pk"):
        existing.setdefault(row.key, row)
    wanted = _wanted(owner, today, existing)
    result = RefreshResult()
    stale = [
        row.pk
        for key, row in existing.items()
        if key not in wanted and (row.dismissed_at is None or _past(row, today))
    ]
    new = [fact for key, fact in wanted.items() if key not in existing]
    changed = []
    for key, fact in wanted.items():
        row = existing.get(key)
        if row is not None and any(getattr(row, f) != getattr(fact, f) for f in REWRITTEN):
            for name in REWRITTEN:
                setattr(row, name, getattr(fact, name))
            changed.append(row)
    result.created, result.updated, result.removed = len(new), len(changed), len(stale)
    if not dry_run:
        Suggestion.objects.filter(pk__in=stale).delete()
        Suggestion.objects.bulk_create(new, batch_size=500)
        Suggestion.objects.bulk_update(changed, REWRITTEN, batch_size=500)
    return result


def _past(row: Suggestion, today: dt.date) -> bool:
    """A dismissed birthday is forgotten once the day has gone (next year's is a new fact)."""
    return row.kind == Suggestion.Kind.BIRTHDAY and row.on is not None and row.on < today


def _wanted(owner: User, today: dt.date, existing: dict[tuple, Suggestion]) -> dict:
    """The best `compute.KEPT` facts of each contact who needs attention, leaving out those
    dismissed before."""
    dismissed = {key for key, row in existing.items() if row.dismissed_at is not None}
    contacts = Contact.objects.for_owner(owner).needs_attention(today).order_by("pk")
    contacts = contacts.only("id", "birthday")
    wanted: dict[tuple, Suggestion] = {}
    last = 0
    while chunk := list(contacts.filter(pk__gt=last)[:CHUNK]):
        last = chunk[-1].pk
        facts = compute.candidates(owner, chunk, today, lambda i: local_today(owner, i.occurred_at))
        for rows in facts.values():
            kept = [fact for fact in rows if fact.key not in dismissed][: compute.KEPT]
            wanted.update((fact.key, fact) for fact in kept)
    return wanted


def dismiss(suggestion: Suggestion) -> bool:
    """Dismiss for good; False when it already was (claim-once, so two clicks write once)."""
    now = timezone.now()
    updated = Suggestion.objects.filter(pk=suggestion.pk, dismissed_at__isnull=True).update(
        dismissed_at=now
    )
    if updated:
        suggestion.dismissed_at = now
    return bool(updated)


def drop_merged(owner, primary: Contact, others) -> None:
    """A merge's handler: the merged-away contacts' openers go (the primary's are worked out
    again by the next nightly run, from everything the merge moved onto it)."""
    Suggestion.objects.filter(owner=owner, contact__in=others).delete()
