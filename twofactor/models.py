"""Second factors kept by this app: passkeys and hashed recovery codes. The authenticator app
is django-otp's TOTPDevice (django_otp.plugins.otp_totp), confirmed once its first code is right.

All of them are device data: they go with the account (CASCADE) and are never exported."""

import uuid

from django.conf import settings
from django.db import models


class PasskeyQuerySet(models.QuerySet):
    def for_owner(self, user) -> "PasskeyQuerySet":
        return self.filter(owner=user)


class Passkey(models.Model):
    """A WebAuthn credential: the public key and counter an authenticator registered."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="passkeys"
    )
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=60)
    credential_id = models.BinaryField(unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = PasskeyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class RecoveryCodeQuerySet(models.QuerySet):
    def for_owner(self, user) -> "RecoveryCodeQuerySet":
        return self.filter(owner=user)

    def unused(self) -> "RecoveryCodeQuerySet":
        return self.filter(used_at=None)


class RecoveryCode(models.Model):
    """One single-use recovery code, stored as its SHA-256 (the code itself is shown once).

    The codes are long random strings, so a fast hash is enough: there is nothing to guess."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = RecoveryCodeQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["owner", "digest"], name="twofactor_recovery_lookup")]

    def __str__(self) -> str:
        return f"Recovery code of {self.owner}"
