import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404

from reminders.models import Reminder


class PushSubscriptionQuerySet(models.QuerySet):
    def for_owner(self, user) -> "PushSubscriptionQuerySet":
        return self.filter(owner=user)


class PushSubscription(models.Model):
    """One browser (on one device) that receives push reminders: what `pushManager.subscribe`
    gave it. Device data: neither exported nor restored, gone with the account."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    # The push service's address for this browser; a browser has one, so a second "turn on"
    # from it (or from someone else logged in on it) updates the row instead of adding one.
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField("public key", max_length=100)
    auth = models.CharField("auth secret", max_length=50)
    device = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    objects = PushSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.device or 'device'} of {self.owner}"

    @property
    def info(self) -> dict:
        """The subscription as the browser's `PushSubscription.toJSON()` spells it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class ReminderPush(models.Model):
    """Claims a reminder's push to one device before it is sent: once per device per due day.

    A reminder snoozed or moved to a later day is pushed again when that day comes (the claim
    is taken over for the new day with a conditional update)."""

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="pushes")
    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="pushes"
    )
    due_on = models.DateField(help_text="The day the reminder was due when it was pushed.")
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "subscription"], name="reminder_push_once_per_device"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reminder} to {self.subscription}"


class VapidKeys(models.Model):
    """The server's VAPID key pair when none is configured: made once, on first use or by
    `manage.py vapid_keys`. A single row (pk 1), so two processes racing keep the same keys."""

    private_key = models.CharField(max_length=100, help_text="Raw P-256 private key, base64url.")
    public_key = models.CharField(max_length=100, help_text="Uncompressed point, base64url.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "VAPID keys"
        verbose_name_plural = "VAPID keys"

    def __str__(self) -> str:
        return f"VAPID keys of {self.created_at:%Y-%m-%d}"


def get_subscription_for_user(user, code) -> PushSubscription:
    return get_object_or_404(PushSubscription.objects.for_owner(user), code=code)
