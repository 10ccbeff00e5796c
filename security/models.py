"""What happened to an account: log-ins, failures, lock-outs, second-factor and password
changes, exports, deletions and admin actions. Each user sees their own; staff see all."""

from django.conf import settings
from django.db import models


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
