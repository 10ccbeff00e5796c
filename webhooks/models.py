"""Webhooks: addresses an owner registers to hear of events, and the deliveries queued for them.

A delivery is written in the same transaction as the change it announces (an outbox: a rollback
takes it away too) and sent later by `send_webhooks`, so a page never waits for someone else's
server. The rules for retrying and disabling live in webhooks/sending.py.
"""

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404


class Event(models.TextChoices):
    CONTACT_CREATED = "contact.created", "Contact created"
    CONTACT_UPDATED = "contact.updated", "Contact updated"
    INTERACTION_LOGGED = "interaction.logged", "Interaction logged"
    REMINDER_DUE = "reminder.due", "Reminder due"
    QUICKCONNECT_SIGNUP = "quickconnect.signup", "Quick Connect sign-up"
    # Sent by "Send a test event", whatever events the hook wants; never chosen.
    PING = "ping", "Test event"


SUBSCRIBABLE = [e for e in Event if e != Event.PING]


def new_secret() -> str:
    """32 random bytes, base64: the key both sides sign with (shown as whsec_<this>)."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


class HookQuerySet(models.QuerySet):
    def for_owner(self, user) -> "HookQuerySet":
        return self.filter(owner=user)


class Hook(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.CharField("URL", max_length=1000)
    events = models.JSONField(default=list, help_text="The events sent to this address.")
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    is_active = models.BooleanField("active", default=True)
    # Deliveries in a row that failed every attempt; a delivered one resets it.
    failure_streak = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HookQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.url

    @property
    def signing_secret(self) -> str:
        return f"whsec_{self.secret}"

    def event_labels(self) -> list[str]:
        return [Event(e).label for e in self.events if e in Event.values]


class DeliveryQuerySet(models.QuerySet):
    def for_owner(self, user) -> "DeliveryQuerySet":
        return self.filter(hook__owner=user)


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hook = models.ForeignKey(Hook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Event)
    # The same for every hook told of one event, for every retry and for a redelivery: the
    # webhook-id header, which receivers use to ignore a message they already handled.
    event_id = models.UUIDField(default=uuid.uuid4)
    payload = models.JSONField()
    created_at = models.DateTimeField()
    # When `send_webhooks` should next try; None once delivered or given up. A run that claims a
    # delivery moves this forward by a lease, so an overlapping run leaves it alone.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
            models.Index(fields=["hook", "-created_at"], name="webhook_delivery_recent"),
            models.Index(fields=["created_at"], name="webhook_delivery_created"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.hook}"


class ReminderAnnouncement(models.Model):
    """Claims a reminder's `reminder.due` event once per due day, so overlapping runs of
    `send_webhooks` queue it once; a reminder snoozed to a later day is announced again then."""

    reminder = models.OneToOneField(
        "reminders.Reminder", on_delete=models.CASCADE, related_name="webhook_announcement"
    )
    due_on = models.DateField()
    announced_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.reminder} due {self.due_on}"


def get_hook_for_user(user, code) -> Hook:
    return get_object_or_404(Hook.objects.for_owner(user), code=code)


def get_delivery_for_user(user, code) -> Delivery:
    return get_object_or_404(Delivery.objects.for_owner(user).select_related("hook"), code=code)
