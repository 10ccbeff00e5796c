"""Sending queued deliveries (run by `send_webhooks`), signed the Standard Webhooks way.

Each delivery is claimed before it is sent: a conditional UPDATE moves its `next_attempt_at` a
lease ahead, and only the run whose update changed the row sends, so overlapping runs never send
one twice (a run killed mid-send leaves the delivery to be tried again when the lease ends).

A 2xx answer is delivered. Anything else (another status, a timeout, a refused connection, an
address that resolves inside this server's network) is retried after BACKOFF; after the last
retry the delivery has failed. DISABLE_AFTER deliveries in a row that failed every retry (about
a day and a half of the receiver answering nothing useful) disable the hook, with a notice on
the webhooks page and the settings page and an e-mail; a delivered one resets the count.
"""

import base64
import datetime as dt
import hashlib
import hmac
import http.client
import json
import logging
import time
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from webhooks import addresses, services
from webhooks.models import Delivery, Hook

log = logging.getLogger(__name__)

BACKOFF = [
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=8),
    dt.timedelta(hours=24),
]
MAX_ATTEMPTS = len(BACKOFF) + 1
DISABLE_AFTER = 5
LEASE = dt.timedelta(minutes=5)  # far longer than one send can take
TIMEOUT = 10  # seconds to connect, and between bytes of the answer
BATCH = 500  # deliveries per run at most; the next run takes the rest
BUDGET = 50  # seconds: a run started every minute stops claiming before the next one starts
KEEP = dt.timedelta(days=30)  # delivered and failed deliveries are kept this long
USER_AGENT = "DevHub-CRM-Webhooks/1"
SAFE = "/?&=%:@!$'()*+,;~"  # kept as they are in the path and query; the rest percent-encoded


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The webhook-signature header: HMAC-SHA256 of "{id}.{timestamp}.{body}" with the secret
    (base64, without its whsec_ prefix)."""
    key = base64.b64decode(secret)
    digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def body(delivery: Delivery) -> bytes:
    envelope = {
        "type": delivery.event,
        "timestamp": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, separators=(",", ":")).encode()


def headers(delivery: Delivery, content: bytes, now: dt.datetime) -> dict[str, str]:
    message_id, timestamp = str(delivery.event_id), int(now.timestamp())
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(delivery.hook.secret, message_id, timestamp, content),
    }


class SendError(Exception):
    pass


class _PeerChecked(http.client.HTTPConnection):
    """Refuses, once connected and before a byte is sent, an address it may not talk to."""

    def connect(self) -> None:
        super().connect()
        try:
            addresses.check_ip(self.sock.getpeername()[0])
        except addresses.RefusedAddress:
            self.sock.close()
            raise


class _PeerCheckedHTTPS(http.client.HTTPSConnection, _PeerChecked):
    pass


def post(url: str, content: bytes, header: dict[str, str]) -> int:
    """POST to `url` (no redirects followed, no proxy); the answer's status code."""
    try:
        scheme, host, port = addresses.parse(url)
        addresses.check(url)
    except addresses.RefusedAddress as exc:
        raise SendError(f"Refused: {exc}") from exc
    parts = urlsplit(url)
    target = quote((parts.path or "/") + (f"?{parts.query}" if parts.query else ""), safe=SAFE)
    connection_class = _PeerCheckedHTTPS if scheme == "https" else _PeerChecked
    connection = connection_class(host, port, timeout=TIMEOUT)
    try:
        connection.request("POST", target, body=content, headers=header)
        response = connection.getresponse()
        response.read(4096)
        return response.status
    except addresses.RefusedAddress as exc:
        raise SendError(f"Refused: {exc}") from exc
    except TimeoutError as exc:
        raise SendError(f"No answer within {TIMEOUT} seconds.") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise SendError(f"Could not connect: {exc or type(exc).__name__}") from exc
    finally:
        connection.close()


@dataclass
class SendResult:
    reminders: int = 0  # reminder.due events queued
    delivered: int = 0
    retrying: int = 0
    failed: int = 0  # gave up after the last retry
    disabled: int = 0
    taken: int = 0  # claimed by another run first
    pruned: int = 0

    def summary(self, dry_run: bool = False) -> str:
        if dry_run:
            return (
                f"send_webhooks (dry run): {self.reminders} due reminders would be announced, "
                f"{self.delivered} deliveries would be sent, {self.pruned} old ones deleted"
            )
        return (
            f"send_webhooks: {self.delivered} delivered, {self.retrying} to retry, "
            f"{self.failed} failed, {self.disabled} webhooks disabled, "
            f"{self.reminders} due reminders announced, {self.pruned} old deliveries deleted"
        )


def send_due(now: dt.datetime | None = None, *, dry_run: bool = False) -> SendResult:
    """Announce due reminders, send what is due, prune old deliveries."""
    now = now or timezone.now()
    result = SendResult(reminders=services.queue_due_reminders(now, dry_run=dry_run))
    due = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
    old = Delivery.objects.filter(created_at__lt=now - KEEP).exclude(status=Delivery.Status.PENDING)
    if dry_run:
        result.delivered, result.pruned = due.count(), old.count()
        return result
    started = time.monotonic()
    for pk in list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:BATCH]):
        if time.monotonic() - started > BUDGET:
            break
        if (delivery := claim(pk, timezone.now())) is None:
            result.taken += 1
            continue
        outcome, disabled = attempt(delivery)
        setattr(result, outcome, getattr(result, outcome) + 1)
        result.disabled += disabled
    result.pruned, _ = old.delete()
    return result


def claim(pk: int, now: dt.datetime) -> Delivery | None:
    """This run's right to send one delivery now, or None when another run has it."""
    claimed = Delivery.objects.filter(
        pk=pk, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE, attempts=F("attempts") + 1)
    if not claimed:
        return None
    return Delivery.objects.select_related("hook__owner").get(pk=pk)


def attempt(delivery: Delivery) -> tuple[str, bool]:
    """Send a claimed delivery and record how it went: ("delivered" | "retrying" | "failed",
    whether its hook was disabled)."""
    content = body(delivery)
    code, error = None, ""
    try:
        code = post(delivery.hook.url, content, headers(delivery, content, timezone.now()))
    except SendError as exc:
        error = str(exc)
    except Exception as exc:  # one odd address must not stop the run for everyone else
        log.exception("Webhook delivery %s could not be sent", delivery.code)
        error = f"Could not send: {type(exc).__name__}"
    else:
        if not 200 <= code < 300:
            error = f"The receiver answered {code}."
    return record(delivery, code, error, timezone.now())


@transaction.atomic
def record(delivery: Delivery, code: int | None, error: str, now: dt.datetime) -> tuple[str, bool]:
    delivery.response_code, delivery.error = code, error[:300]
    hook = delivery.hook
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
        Hook.objects.filter(pk=hook.pk, failure_streak__gt=0).update(failure_streak=0)
    elif delivery.attempts < MAX_ATTEMPTS:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
    else:
        delivery.status, delivery.next_attempt_at = "failed", None
    delivery.save(
        update_fields=["response_code", "error", "status", "delivered_at", "next_attempt_at"]
    )
    if delivery.status != "failed":
        return ("delivered" if not error else "retrying"), False
    Hook.objects.filter(pk=hook.pk).update(failure_streak=F("failure_streak") + 1)
    hook.refresh_from_db(fields=["failure_streak", "is_active"])
    if hook.is_active and hook.failure_streak >= DISABLE_AFTER:
        reason = (
            f"{hook.failure_streak} deliveries in a row failed after {MAX_ATTEMPTS} attempts "
            f"each; the last: {error}"
        )
        return "failed", services.disable(hook, reason, now)
    return "failed", False
