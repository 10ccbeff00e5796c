"""What happened to an account: log-ins, failures, lock-outs, second-factor and password
changes, exports, deletions and admin actions. Each user sees their own; staff see all."""

import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone


class Event(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", "Logged in"
        LOGIN_FAILED = "login_failed", "Failed log-in"
        LOCKED_OUT = "locked_out", "Locked out"
        LOGOUT = "logout", "Logged out"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_RESET = "password_reset", "Password reset"
        TWO_FACTOR_ENABLED = "2fa_enabled", "Two-factor log-in turned on"
        TWO_FACTOR_DISABLED = "2fa_disabled", "Two-factor log-in turned off"
        RECOVERY_CODES = "recovery_codes", "New recovery codes"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        PASSKEY_ADDED = "passkey_added", "Passkey added"
        PASSKEY_REMOVED = "passkey_removed", "Passkey removed"
        SESSION_REVOKED = "session_revoked", "Session logged out"
        NEW_DEVICE = "new_device", "Log-in from a new device"
        EXPORT = "export", "Data exported"
        ACCOUNT_DELETED = "account_deleted", "Account deleted"
        ADMIN_ACTION = "admin_action", "Admin action"

    # Kept when the account is deleted (SET_NULL, the name stays in `username`): staff can still
    # see that it happened. Everything else about the user goes with the account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
    )
    username = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=30, choices=Kind)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"], name="security_event_user_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.username or 'unknown'})"


class LoginSessionQuerySet(models.QuerySet):
    def for_owner(self, user) -> "LoginSessionQuerySet":
        return self.filter(user=user)


class LoginSession(models.Model):
    """One browser logged in to an account: a row per session in the session store, made at
    log-in and removed at log-out or revoke. The session store stays the truth: a row whose
    session expired is dropped when the list is read, or by `prune_security`."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=255, unique=True)
    user_agent = models.CharField(max_length=300, blank=True)
    device = models.CharField(max_length=100, blank=True)
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Kept to within SEEN_EVERY of the truth (security.middleware), so most requests write nothing.
    last_seen_at = models.DateTimeField(default=timezone.now)

    objects = LoginSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen_at", "-id"]

    def __str__(self) -> str:
        return f"{self.device or 'Browser'} ({self.user})"


def get_login_session_for_user(user, code) -> LoginSession:
    return get_object_or_404(LoginSession.objects.for_owner(user), code=code)


class KnownDevice(models.Model):
    """A device (its label, e.g. "Firefox on Ubuntu") the account has logged in from: a log-in
    from any other one e-mails the owner. Stored as a hash, as only sameness matters."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices"
    )
    fingerprint = models.CharField(max_length=64)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="known_device_once")
        ]

    def __str__(self) -> str:
        return f"Device {self.fingerprint[:8]} of {self.user}"
