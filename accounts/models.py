import datetime as dt
import hmac
import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone

FOLLOW_UP_DAYS = [MinValueValidator(1), MaxValueValidator(3650)]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError("Choose a time zone from the list, e.g. Europe/Berlin.") from exc


def default_time_zone() -> str:
    return settings.TIME_ZONE


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """The project's own user model, carrying the per-user preferences the reminders use."""

    # What strangers see ("Connect with Ada Lovelace" on a Quick Connect form), unlike the
    # username, which is a log-in handle.
    display_name = models.CharField(
        "display name",
        max_length=100,
        blank=True,
        help_text="Your name as people you meet see it, e.g. on your Quick Connect form.",
    )
    time_zone = models.CharField(
        max_length=64, default=default_time_zone, validators=[validate_time_zone]
    )
    # Default follow-up frequencies (days) when a contact has none of its own.
    vip_follow_up_days = models.PositiveSmallIntegerField(
        "VIP contacts", default=14, validators=FOLLOW_UP_DAYS
    )
    high_follow_up_days = models.PositiveSmallIntegerField(
        "high importance", default=30, validators=FOLLOW_UP_DAYS
    )
    medium_follow_up_days = models.PositiveSmallIntegerField(
        "medium importance", default=90, validators=FOLLOW_UP_DAYS
    )
    low_follow_up_days = models.PositiveSmallIntegerField(
        "low importance", default=180, validators=FOLLOW_UP_DAYS
    )
    digest_enabled = models.BooleanField(
        "daily digest e-mail",
        default=False,
        help_text="One e-mail a day with due reminders and contacts who need attention.",
    )
    quick_connect_emails = models.BooleanField(
        "e-mail me when someone adds themselves via Quick Connect", default=False
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    notify_new_device = models.BooleanField(
        "e-mail me when my account is logged in to from a new device", default=True
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def public_name(self) -> str:
        """The display name; for an account without one, its first and last name (the admin's
        fields) or else the username."""
        return self.display_name or self.get_full_name() or self.username

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


INVITE_LIFETIME = dt.timedelta(days=7)
INVITE_LOOKUP_LENGTH = 10  # characters of the token used to find the row; the rest is the secret


def new_invite_token() -> str:
    return secrets.token_urlsafe(8)[:INVITE_LOOKUP_LENGTH] + secrets.token_urlsafe(32)


def invite_expiry() -> dt.datetime:
    return timezone.now() + INVITE_LIFETIME


class InviteQuerySet(models.QuerySet):
    def for_owner(self, user: User) -> "InviteQuerySet":
        return self.filter(owner=user)


class Invite(models.Model):
    """A link to the sign-up page that creates one account (SIGNUP=invite), made by a user."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invites")
    token = models.CharField(max_length=64, unique=True, default=new_invite_token, editable=False)
    note = models.CharField(
        "for whom", max_length=100, blank=True, help_text="Only you see it, e.g. “Sam from work”."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(default=invite_expiry)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.note or f"Invitation from {self.owner}"

    def unusable_reason(self, now: dt.datetime | None = None) -> str:
        """Why this link no longer creates an account ("" while it does)."""
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= (now or timezone.now()):
            return "expired"
        return ""


def find_invite_by_token(token: str) -> Invite:
    """Look the invite up by the token's public part, then compare the whole in constant time."""
    candidates = Invite.objects.select_related("owner").filter(
        token__startswith=token[:INVITE_LOOKUP_LENGTH]
    )
    for invite in candidates[:5]:
        if hmac.compare_digest(invite.token.encode(), token.encode()):
            return invite
    raise Invite.DoesNotExist


def get_invite_for_user(user: User, code) -> Invite:
    return get_object_or_404(Invite.objects.for_owner(user), code=code)


class FailedLogins(models.Model):
    """Failed log-ins for one username from any address: the state of the per-username limit
    (accounts.login_limit), one row per account that has had any.

    Keyed by the username typed into the form, as django-axes keys its attempts: this is the
    installation's record of log-in attempts, not data the user owns (nor part of their export).
    """

    username = models.CharField(max_length=150, unique=True)
    count = models.PositiveIntegerField(default=0, help_text="Failures in the current run.")
    last_failure_at = models.DateTimeField(null=True, blank=True)
    paused_until = models.DateTimeField(
        null=True, blank=True, help_text="Until then, new addresses may not try a password."
    )
    owner_warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "failed logins"

    def __str__(self) -> str:
        return f"{self.count} failed log-ins for {self.username}"


class KnownAddress(models.Model):
    """A client address a username logged in, signed up or reset its password from: the
    per-username limit never pauses it. IPv6 addresses are kept as their /64 network, which one
    device keeps while its address changes. Keyed by username, like FailedLogins."""

    username = models.CharField(max_length=150)
    address = models.GenericIPAddressField()
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username", "address"], name="known_address_once")
        ]

    def __str__(self) -> str:
        return f"{self.address} ({self.username})"
