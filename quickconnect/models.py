import datetime as dt
import hmac
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Event, Tag

LOOKUP_LENGTH = 10  # characters of the token used to find the row; the rest is the secret
DEFAULT_LIFETIME = dt.timedelta(hours=24)


def new_token() -> str:
    # 32 random bytes (256 bits) after the lookup part: far beyond the 128 bits asked for.
    return secrets.token_urlsafe(8)[:LOOKUP_LENGTH] + secrets.token_urlsafe(32)


def default_expiry() -> dt.datetime:
    return timezone.now() + DEFAULT_LIFETIME


class QuickConnectCodeQuerySet(models.QuerySet):
    def for_owner(self, user) -> "QuickConnectCodeQuerySet":
        return self.filter(owner=user)

    def with_submission_counts(self) -> "QuickConnectCodeQuerySet":
        """`submission_count` per code, newest code first (Meta.ordering is not applied to
        GROUP BY queries, so it is restated)."""
        return self.annotate(submission_count=models.Count("submissions")).order_by(
            *self.model._meta.ordering
        )

    def usable(self, now: dt.datetime | None = None) -> "QuickConnectCodeQuerySet":
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now).filter(
            Q(max_uses__isnull=True) | Q(uses__lt=F("max_uses"))
        )


class QuickConnectCode(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quick_connect_codes"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="quick_connect_codes"
    )
    event_name = models.CharField(
        "event name", max_length=200, blank=True, help_text="If the event is not in your list."
    )
    location = models.CharField(max_length=200, blank=True)
    session = models.CharField("session or talk", max_length=200, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="quick_connect_codes")
    note = models.CharField(
        max_length=500, blank=True, help_text="Shown on the form, e.g. “Great chat about Rust!”"
    )
    expires_at = models.DateTimeField(default=default_expiry)
    max_uses = models.PositiveIntegerField(null=True, blank=True)
    uses = models.PositiveIntegerField(default=0, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuickConnectCodeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.event.name if self.event else (self.event_name or "Quick Connect")

    def unusable_reason(self, now: dt.datetime | None = None) -> str:
        """Why this code no longer accepts people ("" while it does)."""
        now = now or timezone.now()
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        if self.max_uses is not None and self.uses >= self.max_uses:
            return "used up"
        return ""


class Submission(models.Model):
    """One person who added themselves; `form_id` makes a double submit land only once."""

    quick_code = models.ForeignKey(
        QuickConnectCode, on_delete=models.CASCADE, related_name="submissions"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, related_name="quick_connect_submissions"
    )
    form_id = models.UUIDField()
    matched_existing = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["quick_code", "form_id"], name="submission_once"),
        ]

    def __str__(self) -> str:
        return f"{self.contact} via {self.quick_code}"


class NotificationQuerySet(models.QuerySet):
    def for_owner(self, user) -> "NotificationQuerySet":
        return self.filter(owner=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=2000, blank=True)
    # Who it is about (a merge moves it to the merged contact; a deleted contact leaves no link).
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def url(self) -> str:
        return reverse("contacts:detail", args=[self.contact.code]) if self.contact else ""


def find_code_by_token(token: str) -> QuickConnectCode:
    """Look the code up by the token's public part, then compare the whole in constant time."""
    candidate = QuickConnectCode.objects.select_related("owner", "event").filter(
        token__startswith=token[:LOOKUP_LENGTH]
    )
    for code in candidate[:5]:
        if hmac.compare_digest(code.token.encode(), token.encode()):
            return code
    raise QuickConnectCode.DoesNotExist


def get_code_for_user(user, code) -> QuickConnectCode:
    return get_object_or_404(QuickConnectCode.objects.for_owner(user), code=code)


def get_notification_for_user(user, code) -> Notification:
    return get_object_or_404(Notification.objects.for_owner(user), code=code)
