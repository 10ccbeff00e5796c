import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone

# A token is this prefix and a random secret: recognisable in a script or a leaked log.
TOKEN_PREFIX = "dh_"


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256. The secret has 256 random bits, so a fast hash
    is enough (nothing to guess), and a lookup is one indexed equality."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_owner(self, user) -> "ApiTokenQuerySet":
        return self.filter(owner=user)

    def usable(self, now=None) -> "ApiTokenQuerySet":
        now = now or timezone.now()
        return self.filter(revoked_at=None).exclude(expires_at__lte=now)


class ApiToken(models.Model):
    """A personal access token for the API: scripts and other tools act as its owner."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What uses it, e.g. “laptop shell alias”.")
    scope = models.CharField(max_length=10, choices=Scope, default=Scope.READ)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, shown in the list so the owner can tell tokens apart.
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired()


def get_token_for_user(user, code) -> ApiToken:
    return get_object_or_404(ApiToken.objects.for_owner(user), code=code)
