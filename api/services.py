"""Personal access tokens: created (the secret is returned once, only its hash is kept),
revoked, and checked on every API request."""

import datetime as dt
import secrets

from django.db.models import Q
from django.utils import timezone

from api.models import TOKEN_PREFIX, ApiToken, token_hash

# last_used_at is written at most this often per token, so the hot path rarely writes.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def create_token(
    owner, *, name: str, scope: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and cannot be shown again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner=owner,
        name=name,
        scope=scope,
        expires_at=expires_at,
        key_hash=token_hash(secret),
        hint=secret[: len(TOKEN_PREFIX) + 6],
    )
    return token, secret


def revoke(token: ApiToken) -> bool:
    """Stop the token working at once; False when it was already revoked (claim-once)."""
    now = timezone.now()
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=now)
    if updated:
        token.revoked_at = now
    return bool(updated)


def find(secret: str) -> ApiToken | None:
    """The token with this secret, with its owner, whatever its state; None if unknown."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return ApiToken.objects.select_related("owner").filter(key_hash=token_hash(secret)).first()


def touch(token: ApiToken, now: dt.datetime | None = None) -> None:
    """Record that the token was used: an UPDATE at most once a minute, decided from the row
    already read, and conditional so concurrent requests write once."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    stale = now - LAST_USED_RESOLUTION
    due = Q(last_used_at=None) | Q(last_used_at__lt=stale)
    ApiToken.objects.filter(due, pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
