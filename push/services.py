"""Push reminders: the devices that receive them, and sending through pywebpush.

`push_due_reminders` (run by `send_reminders`) pushes each due reminder once to each of its
owner's devices. Like the digest it claims before it sends: a ReminderPush row, unique per
reminder and device, inserted (or taken over for a later due day) by exactly one run. A failed
push gives its claim back so the next run retries; a device the push service reports gone
(404/410) is removed; one failing device never stops the others or the digest.
"""

import datetime as dt
import json
import logging
import re
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pywebpush import WebPushException, webpush

from accounts.models import User
from push import vapid
from push.models import PushSubscription, ReminderPush
from reminders.models import Reminder

logger = logging.getLogger(__name__)

GONE = {404, 410}  # the browser unsubscribed, or the subscription expired
TIMEOUT = 10  # seconds per push service request
TTL = 24 * 60 * 60  # a push service keeps an undelivered reminder for a day, then drops it
SEPARATE = 3  # reminders pushed one by one to a device in a run; any more are counted in one

BROWSERS = [  # checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari"
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
]


def device_label(user_agent: str) -> str:
    """ "Firefox on Android": enough to tell one's devices apart in the list."""
    browser = next((name for key, name in BROWSERS if key in user_agent), "Browser")
    system = next((name for key, name in SYSTEMS if key in user_agent), "")
    return f"{browser} on {system}" if system else browser


def subscribe(
    owner: User, *, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> PushSubscription:
    """Turn push on for a browser, or refresh its keys. A browser has one endpoint: if someone
    else turned push on in it before, it is theirs no more (it now shows this owner's reminders)."""
    with transaction.atomic():
        PushSubscription.objects.filter(endpoint=endpoint).exclude(owner=owner).delete()
        subscription, _ = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={
                "owner": owner,
                "p256dh": p256dh,
                "auth": auth,
                "device": device_label(user_agent)[:100],
                "last_error": "",
            },
        )
    return subscription


def remove_subscription(subscription: PushSubscription) -> None:
    """The device gets no more push reminders (its claims go with it)."""
    subscription.delete()


@dataclass(frozen=True)
class Message:
    """What the service worker's push handler shows (static/js/sw-push.js)."""

    title: str
    body: str
    url: str
    tag: str

    def payload(self) -> str:
        return json.dumps(asdict(self))


def reminder_message(reminder: Reminder, day: dt.date) -> Message:
    """The notification opens the reminder's contact, or the reminder in the list."""
    if reminder.effective_due >= day:
        when = "Due today"
    else:
        when = f"Overdue since {date_format(reminder.effective_due, 'j F')}"
    if reminder.contact is not None:
        url = reverse("contacts:detail", args=[reminder.contact.code])
        body = f"{when} · {reminder.contact.name}"
    else:
        code = reminder.code
        url = f"{reverse('reminders:list')}?more={code}#reminder-{code}"
        body = when
    return Message(title=reminder.title, body=body, url=url, tag=f"reminder-{reminder.code}")


def more_message(count: int) -> Message:
    return Message(
        title=f"{count} more reminder{'' if count == 1 else 's'} due",
        body="Open your reminders in DevHub CRM.",
        url=reverse("reminders:list"),
        tag="devhub-more",
    )


def test_message(subscription: PushSubscription) -> Message:
    return Message(
        title="DevHub CRM test notification",
        body=f"Push reminders reach {subscription.device or 'this device'}.",
        url=reverse("reminders:preferences"),
        tag="devhub-test",
    )


def send(subscription: PushSubscription, message: Message, identity: vapid.Identity) -> str:
    """Encrypt (RFC 8291, aes128gcm) and post one message; returns "sent", "gone" or "failed"."""
    now = timezone.now()
    try:
        webpush(
            subscription.info,
            data=message.payload(),
            vapid_private_key=identity.vapid,
            # A new dict each time: webpush writes the push service's origin ("aud") into it.
            vapid_claims={"sub": identity.subject},
            ttl=TTL,
            timeout=TIMEOUT,
        )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in GONE:
            logger.info("Push subscription %s is gone (%s): removed", subscription.code, status)
            remove_subscription(subscription)
            return "gone"
        error = f"The push service answered {status}." if status else _short(exc.message)
        logger.warning("Push to %s failed: %s", subscription.code, exc)
        _record(subscription, last_used_at=now, last_error=error)
        return "failed"
    except Exception as exc:
        # An unreachable push service or a broken key must not stop the other devices.
        logger.exception("Push to %s failed", subscription.code)
        _record(subscription, last_used_at=now, last_error=_short(str(exc)))
        return "failed"
    _record(subscription, last_used_at=now, last_success_at=now, last_error="")
    return "sent"


def _short(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:200] or "The push could not be sent."


def _record(subscription: PushSubscription, **fields) -> None:
    for name, value in fields.items():
        setattr(subscription, name, value)
    PushSubscription.objects.filter(pk=subscription.pk).update(**fields)


@dataclass
class PushResult:
    devices: int = 0  # devices with something due
    sent: int = 0
    already_sent: int = 0
    gone: int = 0
    failed: int = 0

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self, dry_run: bool = False) -> str:
        if dry_run:
            return (
                f"push (dry run): {self.sent} reminders would be pushed to {self.devices} devices, "
                f"{self.already_sent} already pushed"
            )
        return (
            f"push: {self.sent} reminders pushed to {self.devices} devices, "
            f"{self.already_sent} already pushed, {self.gone} devices gone and removed, "
            f"{self.failed} failed"
        )


def send_test(owner: User) -> PushResult:
    """A test notification to each of the owner's devices, now."""
    result = PushResult()
    subscriptions = list(PushSubscription.objects.for_owner(owner))
    if subscriptions:
        identity = vapid.identity()
        for subscription in subscriptions:
            result.count(send(subscription, test_message(subscription), identity))
    return result


def push_due_reminders(
    *,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    username: str | None = None,
    dry_run: bool = False,
) -> PushResult:
    """Push each due open reminder once to each of its owner's devices.

    Pushes go out from PUSH_FROM_HOUR of the owner's own day (not at midnight), unless `today`
    is given.
    """
    now = now or timezone.now()
    result = PushResult()
    owners = User.objects.filter(
        is_active=True, pk__in=PushSubscription.objects.values("owner_id")
    ).order_by("pk")
    if username is not None:
        owners = owners.filter(username=username)
    identity = None
    for owner in owners:
        local = timezone.localtime(now, owner.zone)
        if today is None and local.hour < settings.PUSH_FROM_HOUR:
            continue
        day = today or local.date()
        reminders = list(
            Reminder.objects.for_owner(owner)
            .open()
            .filter(effective_due__lte=day)
            .select_related("contact")
            .order_by("effective_due", "id")
        )
        for subscription in PushSubscription.objects.for_owner(owner) if reminders else []:
            identity = identity or (None if dry_run else vapid.identity())
            result.devices += 1
            # A device gets what came due since the day it was added, not an old backlog.
            since = timezone.localtime(subscription.created_at, owner.zone).date()
            due = [r for r in reminders if r.effective_due >= since]
            _push_to_device(subscription, due, day, now, identity, result)
    return result


def _push_to_device(
    subscription: PushSubscription,
    reminders: list[Reminder],
    day: dt.date,
    now: dt.datetime,
    identity: vapid.Identity | None,
    result: PushResult,
) -> None:
    """The first SEPARATE reminders not yet pushed to this device, one notification each; any
    more in one notification that counts them (a first night of hundreds of check-ins must not
    ring the phone hundreds of times)."""
    pushed = dict(
        ReminderPush.objects.filter(
            subscription=subscription, reminder__completed_at=None, reminder__dismissed_at=None
        ).values_list("reminder_id", "due_on")
    )
    todo = []
    for reminder in reminders:
        if (done := pushed.get(reminder.pk)) is not None and done >= reminder.effective_due:
            result.count("already_sent")
        else:
            todo.append(reminder)
    if identity is None:  # dry run
        result.sent += len(todo)
        return
    for reminder in todo[:SEPARATE]:
        claims = _claim_all([reminder], subscription, now, result)
        if claims and not _send_claimed(
            subscription, claims, reminder_message(reminder, day), identity, result
        ):
            return  # gone
    if claims := _claim_all(todo[SEPARATE:], subscription, now, result):
        _send_claimed(subscription, claims, more_message(len(claims)), identity, result)


def _claim_all(
    reminders: list[Reminder], subscription: PushSubscription, now: dt.datetime, result: PushResult
) -> list[ReminderPush]:
    claims = []
    for reminder in reminders:
        if (claimed := claim(reminder, subscription, now)) is None:
            result.count("already_sent")
        else:
            claims.append(claimed)
    return claims


def _send_claimed(
    subscription: PushSubscription,
    claims: list[ReminderPush],
    message: Message,
    identity: vapid.Identity,
    result: PushResult,
) -> bool:
    """Send `message` for `claims`; False when the device is gone (it and its claims deleted)."""
    outcome = send(subscription, message, identity)
    if outcome == "gone":
        result.gone += 1
        return False
    setattr(result, outcome, getattr(result, outcome) + len(claims))
    ids = [c.pk for c in claims]
    if outcome == "sent":
        ReminderPush.objects.filter(pk__in=ids).update(sent_at=timezone.now())
    else:
        ReminderPush.objects.filter(pk__in=ids).delete()  # the next run tries again
    return True


def claim(
    reminder: Reminder, subscription: PushSubscription, now: dt.datetime
) -> ReminderPush | None:
    """This run's right to push `reminder` (for its current due day) to `subscription`, or None
    when another run has it. A claim for an earlier due day (before a snooze) is taken over."""
    due = reminder.effective_due
    try:
        with transaction.atomic():
            return ReminderPush.objects.create(
                reminder=reminder, subscription=subscription, due_on=due, claimed_at=now
            )
    except IntegrityError:
        pass
    mine = ReminderPush.objects.filter(reminder=reminder, subscription=subscription)
    if mine.filter(due_on__lt=due).update(due_on=due, claimed_at=now, sent_at=None):
        return mine.get()
    return None
