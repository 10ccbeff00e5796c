"""The daily digest e-mail: due reminders and the people to reach out to, once a day per user.

At most one digest per user per day, however often or concurrently `send_reminders` runs: a run
first claims the day by inserting a DigestDelivery row (unique on owner and day) and only the run
whose insert succeeds sends. A failed send deletes the claim, so the next run tries again. A
process killed between claim and send leaves a claim without `sent_at`, and that user gets no
digest that day: never two is the promise, at the price of rarely none.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import User
from contacts import status
from contacts.models import Contact
from reminders.models import DigestDelivery, Reminder

logger = logging.getLogger(__name__)

ATTENTION_SHOWN = 20


@dataclass
class DigestResult:
    sent: int = 0
    skipped_nothing_due: int = 0
    already_sent: int = 0
    failed: int = 0

    def summary(self, dry_run: bool = False) -> str:
        if dry_run:
            return (
                f"send_reminders (dry run): {self.sent} digests would be sent, "
                f"{self.already_sent} already sent today, "
                f"{self.skipped_nothing_due} users with nothing due"
            )
        return (
            f"send_reminders: {self.sent} digests sent, {self.already_sent} already sent today, "
            f"{self.skipped_nothing_due} users with nothing due, {self.failed} failed"
        )


@dataclass
class Digest:
    user: User
    day: dt.date
    reminders: list[Reminder]
    attention: list[Contact]  # the first ATTENTION_SHOWN of them
    attention_count: int

    @property
    def is_empty(self) -> bool:
        return not self.reminders and not self.attention_count

    @property
    def subject(self) -> str:
        reminders, people = len(self.reminders), self.attention_count
        return (
            f"DevHub CRM: {reminders} reminder{'' if reminders == 1 else 's'}, "
            f"{people} {'person' if people == 1 else 'people'} to reach out to"
        )


def send_digests(
    *, today: dt.date | None = None, username: str | None = None, dry_run: bool = False
) -> DigestResult:
    """Send each opted-in user their digest for their own local day (or `today`, if given)."""
    result = DigestResult()
    for user in recipients(username):
        digest = build_digest(user, today or status.local_today(user))
        if digest.is_empty:
            result.skipped_nothing_due += 1
        elif dry_run:
            if DigestDelivery.objects.filter(owner=user, day=digest.day).exists():
                result.already_sent += 1
            else:
                result.sent += 1
        else:
            outcome = deliver(digest)
            setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def recipients(username: str | None = None) -> QuerySet[User]:
    users = User.objects.filter(is_active=True, digest_enabled=True).exclude(email="")
    if username is not None:
        users = users.filter(username=username)
    return users.order_by("pk")


def build_digest(user: User, day: dt.date) -> Digest:
    reminders = list(
        Reminder.objects.for_owner(user)
        .open()
        .filter(effective_due__lte=day)
        .select_related("contact")
        .order_by("effective_due", "id")
    )
    # A contact whose check-in reminder is already listed is not listed a second time.
    listed = [r.contact_id for r in reminders if r.kind == Reminder.Kind.CHECK_IN]
    attention = (
        Contact.objects.for_owner(user)
        .needs_attention(day)
        .exclude(pk__in=listed)
        # Reconnect before check-in due ("reconnect" > "check_in_due"), most overdue first.
        .order_by(F("status").desc(), "check_in_on", "created_at")
    )
    return Digest(
        user=user,
        day=day,
        reminders=reminders,
        attention=list(attention[:ATTENTION_SHOWN]),
        attention_count=attention.count(),
    )


def deliver(digest: Digest) -> str:
    """Claim the day, then send; returns the DigestResult field to count the outcome in."""
    message = digest_message(digest)  # rendered first: a template error must not hold a claim
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(owner=digest.user, day=digest.day)
    except IntegrityError:
        return "already_sent"
    try:
        message.send()
    except Exception:
        # One unreachable mailbox or SMTP hiccup must not stop everyone else's digest.
        logger.exception("Digest for %s on %s not sent", digest.user.username, digest.day)
        delivery.delete()
        return "failed"
    DigestDelivery.objects.filter(pk=delivery.pk).update(
        sent_at=timezone.now(),
        reminder_count=len(digest.reminders),
        attention_count=digest.attention_count,
    )
    return "sent"


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    context = {
        "digest": digest,
        "user": digest.user,
        "site_url": getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
        "more_attention": digest.attention_count - len(digest.attention),
    }
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=render_to_string("reminders/email/digest.txt", context),
        to=[digest.user.email],
    )
    message.attach_alternative(
        render_to_string("reminders/email/digest.html", context), "text/html"
    )
    return message
