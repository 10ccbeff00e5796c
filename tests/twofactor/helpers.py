"""Shared helpers for the two-factor tests: codes computed the way an authenticator app does."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from twofactor import services

HOME_IP = "203.0.113.7"


def app_code(device: TOTPDevice) -> str:
    """The code the app shows right now (time_machine moves "now")."""
    device.refresh_from_db()
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def turn_on_app(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device, services.make_recovery_codes(user)


def log_in(client, username="alice", password=PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data, REMOTE_ADDR=HOME_IP)


def verify(client, code: str):
    return client.post("/accounts/2fa/verify/", {"code": code}, REMOTE_ADDR=HOME_IP)
