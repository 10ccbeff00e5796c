"""The server's VAPID identity (RFC 8292): the key pair browsers bind subscriptions to, and the
contact address push services may write to.

Keys come from VAPID_PRIVATE_KEY / VAPID_PUBLIC_KEY when set (the raw base64url form that
`web-push generate-vapid-keys` prints, or a base64 DER private key), otherwise from the database,
where the first use (or `manage.py vapid_keys`) stores a new pair. Changing keys orphans every
subscription: browsers refuse pushes signed with another key until they subscribe again.
"""

import base64
from dataclasses import dataclass
from email.utils import parseaddr

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from py_vapid import Vapid

from push.models import VapidKeys


@dataclass(frozen=True)
class Identity:
    vapid: Vapid
    public_key: str  # base64url, for the browser's applicationServerKey
    subject: str


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_key_of(vapid: Vapid) -> str:
    return b64url(
        vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


def new_key_pair() -> tuple[str, str]:
    """(private, public), both base64url: the raw 32-byte scalar and the 65-byte point."""
    vapid = Vapid()
    vapid.generate_keys()
    private = vapid.private_key.private_numbers().private_value.to_bytes(32, "big")
    return b64url(private), public_key_of(vapid)


def stored_keys() -> VapidKeys:
    """The database's key pair, made on first use."""
    if keys := VapidKeys.objects.filter(pk=1).first():
        return keys
    private, public = new_key_pair()
    try:
        with transaction.atomic():
            return VapidKeys.objects.create(pk=1, private_key=private, public_key=public)
    except IntegrityError:  # another process made them first: use theirs
        return VapidKeys.objects.get(pk=1)


def configured_keys() -> tuple[str, str] | None:
    private = getattr(settings, "VAPID_PRIVATE_KEY", "")
    public = getattr(settings, "VAPID_PUBLIC_KEY", "")
    if not private and not public:
        return None
    if not private:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY is set without VAPID_PRIVATE_KEY.")
    try:
        derived = public_key_of(Vapid.from_string(private))
    except Exception as exc:
        raise ImproperlyConfigured(f"VAPID_PRIVATE_KEY is not a P-256 private key: {exc}") from exc
    if public and public != derived:
        raise ImproperlyConfigured("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY.")
    return private, derived


def subject() -> str:
    """A mailto: or https: address push services can contact about this server."""
    configured = getattr(settings, "VAPID_SUBJECT", "")
    if configured:
        return configured
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "devhub@localhost"
    return f"mailto:{address}"


def key_pair() -> tuple[str, str]:
    """(private, public): the configured keys, else the database's."""
    if configured := configured_keys():
        return configured
    keys = stored_keys()
    return keys.private_key, keys.public_key


def identity() -> Identity:
    private, public = key_pair()
    return Identity(vapid=Vapid.from_string(private), public_key=public, subject=subject())
