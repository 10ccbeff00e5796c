"""Every change to a user's second factors, and the checks of a code or a passkey.

The authenticator app is django-otp's TOTPDevice (it checks codes, refuses a code used twice and
slows down guessing); passkey ceremonies are py_webauthn's. What happened goes to the security log.
"""

import base64
import hashlib
import json
import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from security.models import Event
from security.services import record
from twofactor.models import Passkey, RecoveryCode

RECOVERY_CODE_COUNT = 10
RP_NAME = "DevHub CRM"
MAX_CREDENTIAL_BYTES = 16_384


class PasskeyError(Exception):
    """A passkey ceremony that did not verify; the message is safe to show."""


# --- status ---


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists() or (
        Passkey.objects.for_owner(user).exists()
    )


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.for_owner(user).unused().count()


# --- authenticator app ---


def start_totp(user) -> TOTPDevice:
    """The unconfirmed device the set-up page shows: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def confirm_totp(user, device: TOTPDevice, token: str, request: HttpRequest) -> list[str] | None:
    """Confirm the app with its first code: the new recovery codes, or None for a wrong code."""
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(user, Event.Kind.TWO_FACTOR_ENABLED, request, method="totp")
        return make_recovery_codes(user, request)


def verify_totp(user, token: str) -> bool:
    device = totp_device(user)
    return bool(device and token and device.verify_token(token))


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


# --- recovery codes ---


def _digest(code: str) -> str:
    normal = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(normal.encode()).hexdigest()


def _new_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()  # 16 characters, 80 bits
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def make_recovery_codes(user, request: HttpRequest | None = None) -> list[str]:
    """Replace the user's recovery codes with new ones; the codes are returned once, kept hashed."""
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.for_owner(user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(owner=user, digest=_digest(c)) for c in codes)
        record(user, Event.Kind.RECOVERY_CODES, request)
    return codes


def use_recovery_code(user, code: str, request: HttpRequest | None = None) -> bool:
    """Spend one recovery code (claim-once: a code works a single time)."""
    if not code or len(code) > 64:
        return False
    match = RecoveryCode.objects.for_owner(user).unused().filter(digest=_digest(code)).first()
    if match is None:
        return False
    claimed = RecoveryCode.objects.filter(pk=match.pk, used_at=None).update(used_at=timezone.now())
    if claimed:
        left = recovery_codes_left(user)
        record(user, Event.Kind.RECOVERY_CODE_USED, request, codes_left=left)
    return bool(claimed)


# --- turning it off ---


def disable(user, request: HttpRequest | None = None) -> None:
    """Remove every second factor: the app, the passkeys and the recovery codes."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        Passkey.objects.for_owner(user).delete()
        RecoveryCode.objects.for_owner(user).delete()
        record(user, Event.Kind.TWO_FACTOR_DISABLED, request)


# --- passkeys ---


def rp_id(request: HttpRequest) -> str:
    return settings.WEBAUTHN_RP_ID or request.get_host().rsplit(":", 1)[0].strip("[]")


def origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _user_handle(user) -> bytes:
    return str(user.pk).encode()


def registration_options(user, request: HttpRequest) -> tuple[str, bytes]:
    """Options for navigator.credentials.create (JSON) and the challenge to keep."""
    options = generate_registration_options(
        rp_id=rp_id(request),
        rp_name=RP_NAME,
        user_id=_user_handle(user),
        user_name=user.username,
        user_display_name=getattr(user, "display_name", "") or user.username,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(user),
    )
    return options_to_json(options), options.challenge


def _descriptors(user) -> list[PublicKeyCredentialDescriptor]:
    """The user's passkeys as the browser names them."""
    ids = Passkey.objects.for_owner(user).values_list("credential_id", flat=True)
    return [PublicKeyCredentialDescriptor(id=bytes(credential)) for credential in ids]


def add_passkey(
    user, name: str, credential: dict, challenge: bytes, request: HttpRequest
) -> Passkey:
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
        )
    except (WebAuthnException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PasskeyError("The passkey could not be verified; please try again.") from exc
    if Passkey.objects.filter(credential_id=verified.credential_id).exists():
        raise PasskeyError("That passkey is already registered.")
    response = credential.get("response")
    transports = (response.get("transports") if isinstance(response, dict) else None) or []
    with transaction.atomic():
        first_factor = not has_second_factor(user)
        passkey = Passkey.objects.create(
            owner=user,
            name=name,
            credential_id=verified.credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=[str(t)[:20] for t in transports][:10]
            if isinstance(transports, list)
            else [],
        )
        record(user, Event.Kind.PASSKEY_ADDED, request, name=name)
        if first_factor:
            record(user, Event.Kind.TWO_FACTOR_ENABLED, request, method="passkey")
    return passkey


def authentication_options(request: HttpRequest, user=None) -> tuple[str, bytes]:
    """Options for navigator.credentials.get: the user's passkeys as a second factor, or any
    discoverable passkey (with user verification) for a password-less log-in."""
    options = generate_authentication_options(
        rp_id=rp_id(request),
        allow_credentials=None if user is None else _descriptors(user),
        user_verification=(
            UserVerificationRequirement.PREFERRED
            if user is not None
            else UserVerificationRequirement.REQUIRED
        ),
    )
    return options_to_json(options), options.challenge


def _credential_id(credential: dict) -> bytes:
    raw = credential.get("rawId") or credential.get("id")
    if not isinstance(raw, str) or not raw or len(raw) > 1400:
        raise PasskeyError("That was not a passkey answer.")
    try:
        return base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except ValueError as exc:
        raise PasskeyError("That was not a passkey answer.") from exc


def check_passkey(credential: dict, challenge: bytes, request: HttpRequest, user=None) -> Passkey:
    """The passkey that answered the challenge (one of `user`'s when given), its counter and
    last use updated; PasskeyError otherwise. Without `user` (password-less) the authenticator
    must have verified the person (PIN, fingerprint)."""
    passkeys = Passkey.objects.all() if user is None else Passkey.objects.for_owner(user)
    passkey = passkeys.filter(credential_id=_credential_id(credential)).first()
    if passkey is None:
        raise PasskeyError("That passkey is not registered here.")
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=origin(request),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=user is None,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PasskeyError("The passkey could not be verified; please try again.") from exc
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = timezone.now()
    passkey.save(update_fields=["sign_count", "last_used_at"])
    return passkey


def remove_passkey(passkey: Passkey, request: HttpRequest | None = None) -> None:
    user = passkey.owner
    with transaction.atomic():
        name = passkey.name
        passkey.delete()
        record(user, Event.Kind.PASSKEY_REMOVED, request, name=name)
        if not has_second_factor(user):
            RecoveryCode.objects.for_owner(user).delete()
            record(user, Event.Kind.TWO_FACTOR_DISABLED, request)


def get_passkey_for_user(user, code) -> Passkey:
    return get_object_or_404(Passkey.objects.for_owner(user), code=code)


def parse_json_body(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise PasskeyError("That was not a passkey answer.") from exc
    if not isinstance(data, dict):
        raise PasskeyError("That was not a passkey answer.")
    return data
