"""Every write to webhooks, and `emit`: how the rest of the app announces an event.

`emit` queues one delivery per active hook of the owner that wants the event, in the caller's
transaction (a rollback takes the deliveries with it) and sends nothing: `send_webhooks` does,
from cron. With no hooks it costs one indexed query and builds no payload.
"""

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Collection, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact
from contacts.status import local_today
from reminders.models import Reminder
from webhooks import payloads
from webhooks.models import Delivery, Event, Hook, ReminderAnnouncement, new_secret

log = logging.getLogger(__name__)

Payload = dict[str, Any] | Callable[[], dict[str, Any]]


def hooks_for(owner, event: str) -> list[Hook]:
    """The owner's active hooks that want `event`: one query on the owner's index (an owner has
    a handful of hooks; their events are filtered here, as SQLite cannot search a JSON list)."""
    hooks = Hook.objects.filter(owner=owner, is_active=True).order_by()
    return [hook for hook in hooks if event in hook.events]


def emit(owner, event: str, payload: Payload) -> list[Delivery]:
    """Queue `event` for the owner's hooks. `payload` may be a function, called only when some
    hook wants the event, so an owner without hooks pays for no payload."""
    hooks = hooks_for(owner, event)
    if not hooks:
        return []
    return queue(hooks, event, payload() if callable(payload) else payload)


def queue(
    hooks: Iterable[Hook],
    event: str,
    payload: dict[str, Any],
    *,
    now: dt.datetime | None = None,
    event_id: uuid.UUID | None = None,
) -> list[Delivery]:
    return Delivery.objects.bulk_create(_deliveries(hooks, event, payload, now, event_id))


def _deliveries(
    hooks: Iterable[Hook],
    event: str,
    payload: dict[str, Any],
    now: dt.datetime | None = None,
    event_id: uuid.UUID | None = None,
) -> list[Delivery]:
    """One event's deliveries, one per hook, sharing its id."""
    now = now or timezone.now()
    event_id = event_id or uuid.uuid4()
    return [
        Delivery(
            hook=hook,
            event=event,
            event_id=event_id,
            payload=payload,
            created_at=now,
            next_attempt_at=now,
        )
        for hook in hooks
    ]


# --- contacts (a Listener of contacts/hooks.py, registered in webhooks/apps.py) ---

# Writes of these fields alone are not announced as contact.updated: they follow an interaction
# (the contact's last contact date), which has its own event.
QUIET_FIELDS = frozenset({"last_contacted"})


def contacts_created(owner, contact_ids: Collection[int]) -> None:
    _announce_contacts(owner, contact_ids, Event.CONTACT_CREATED)


def contacts_changed(owner, contact_ids: Collection[int], fields: Collection[str] | None) -> None:
    if fields is not None and not set(fields) - QUIET_FIELDS:
        return
    _announce_contacts(owner, contact_ids, Event.CONTACT_UPDATED)


def tags_changing(owner, tag_ids: Collection[int]) -> Callable[[], None]:
    """A renamed, merged or deleted tag is not announced for each of its contacts."""
    return lambda: None


def _announce_contacts(owner, contact_ids: Collection[int], event: str) -> None:
    hooks = hooks_for(owner, event)
    if not hooks:
        return
    now = timezone.now()
    contacts = Contact.objects.filter(owner=owner, pk__in=contact_ids).prefetch_related("tags")
    rows = []
    for contact in contacts.order_by("pk"):
        rows += _deliveries(hooks, event, payloads.contact(contact), now)
    Delivery.objects.bulk_create(rows, batch_size=500)


# --- reminders: announced once per due day, by send_webhooks ---


def queue_due_reminders(now: dt.datetime | None = None, *, dry_run: bool = False) -> int:
    """Queue `reminder.due` for each open reminder that has come due in its owner's day, once per
    due day however often or concurrently this runs. A hook hears of reminders due from the day
    it was added, not of an old backlog. The number of reminders announced."""
    now = now or timezone.now()
    owners = User.objects.filter(
        is_active=True, pk__in=Hook.objects.filter(is_active=True).values("owner_id")
    ).order_by("pk")
    announced = 0
    for owner in owners:
        hooks = hooks_for(owner, Event.REMINDER_DUE)
        if not hooks:
            continue
        since = {hook.pk: local_today(owner, hook.created_at) for hook in hooks}
        due = (
            Reminder.objects.for_owner(owner)
            .open()
            .filter(effective_due__lte=local_today(owner, now))
            .filter(effective_due__gte=min(since.values()))
            .exclude(webhook_announcement__due_on__gte=F("effective_due"))
            .select_related("contact")
            .order_by("effective_due", "pk")
        )
        for reminder in due:
            if dry_run:
                announced += 1
                continue
            with transaction.atomic():
                if not _claim_announcement(reminder, now):
                    continue
                to = [h for h in hooks if since[h.pk] <= reminder.effective_due]
                queue(to, Event.REMINDER_DUE, payloads.reminder(reminder), now=now)
                announced += 1
    return announced


def _claim_announcement(reminder: Reminder, now: dt.datetime) -> bool:
    """This run's right to announce `reminder` for its current due day."""
    due = reminder.effective_due
    try:
        with transaction.atomic():
            ReminderAnnouncement.objects.create(reminder=reminder, due_on=due, announced_at=now)
            return True
    except IntegrityError:
        pass
    return bool(
        ReminderAnnouncement.objects.filter(reminder=reminder, due_on__lt=due).update(
            due_on=due, announced_at=now
        )
    )


# --- the owner's own changes to hooks ---


def save_hook(hook: Hook) -> Hook:
    """Add or edit a hook (validated by HookForm)."""
    hook.save()
    return hook


def delete_hook(hook: Hook) -> None:
    hook.delete()


def rotate_secret(hook: Hook) -> Hook:
    """A new signing secret; the old one stops working at once."""
    hook.secret = new_secret()
    hook.save(update_fields=["secret"])
    return hook


def send_test(hook: Hook) -> Delivery:
    """Queue a `ping` to this hook alone, whatever events it wants."""
    return queue([hook], Event.PING, payloads.ping(hook))[0]


def redeliver(delivery: Delivery) -> Delivery:
    """Send a delivery again, as a new one with the same event id and payload."""
    return queue([delivery.hook], delivery.event, delivery.payload, event_id=delivery.event_id)[0]


@transaction.atomic
def disable(hook: Hook, reason: str, now: dt.datetime | None = None) -> bool:
    """Stop sending to a hook that keeps failing; its waiting deliveries fail with it, and the
    owner hears of it on the pages and by e-mail. False when it was already disabled."""
    now = now or timezone.now()
    if not Hook.objects.filter(pk=hook.pk, is_active=True).update(
        is_active=False, disabled_at=now, disabled_reason=reason[:300]
    ):
        return False
    hook.is_active, hook.disabled_at, hook.disabled_reason = False, now, reason[:300]
    hook.deliveries.filter(status=Delivery.Status.PENDING).update(
        status=Delivery.Status.FAILED,
        next_attempt_at=None,
        error="Not sent: the webhook was disabled.",
    )
    owner = hook.owner
    if owner.email:
        transaction.on_commit(lambda: _mail_disabled(owner, hook))
    return True


def enable(hook: Hook) -> Hook:
    hook.is_active, hook.failure_streak = True, 0
    hook.disabled_at, hook.disabled_reason = None, ""
    hook.save(update_fields=["is_active", "failure_streak", "disabled_at", "disabled_reason"])
    return hook


def _mail_disabled(owner: User, hook: Hook) -> None:
    context = {
        "user": owner,
        "hook": hook,
        "hook_url": settings.SITE_URL + reverse("webhooks:detail", args=[hook.code]),
    }
    subject = render_to_string("webhooks/email/disabled_subject.txt", context).strip()
    body = render_to_string("webhooks/email/disabled.txt", context)
    try:
        send_mail(subject, body, None, [owner.email])
    except Exception:  # a mail outage must not stop the other deliveries
        log.exception("Could not tell %s that a webhook was disabled", owner.username)
