"""A local push service for the push tests, and browsers' keys to decrypt what it receives.

The fake push service is a real HTTP server in a thread: pywebpush posts to it exactly as it
would to FCM or Mozilla's autopush, and each test decrypts the body with the subscription's
private key (RFC 8291, aes128gcm), so the encryption is checked, not assumed.
"""

import base64
import datetime as dt
import json
import os
import threading
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
import time_machine
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from push import services
from push.models import PushSubscription

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Browser:
    """What a browser keeps for one push subscription: its P-256 key pair and auth secret."""

    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def decrypt(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth_secret, version="aes128gcm"
        )
        return json.loads(plain)


@dataclass
class Push:
    path: str
    headers: Message  # case-insensitive, as HTTP headers are
    body: bytes

    def vapid_claims(self, public_key: str) -> dict:
        """The VAPID JWT's claims, after checking its ES256 signature against `public_key`."""
        scheme, _, params = self.headers["Authorization"].partition(" ")
        assert scheme == "vapid"
        values = dict(part.strip().split("=", 1) for part in params.split(","))
        assert values["k"] == public_key
        header_claims, _, signature = values["t"].rpartition(".")
        raw = unb64url(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(values["k"]))
        key.verify(der, header_claims.encode(), ec.ECDSA(hashes.SHA256()))
        return json.loads(unb64url(header_claims.split(".")[1]))


class PushService:
    """Answers 201 (created), or for paths under /gone/ 410 and under /broken/ 500."""

    def __init__(self) -> None:
        self.received: list[Push] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                service.received.append(Push(self.path, self.headers, body))
                status = 410 if "/gone/" in self.path else 500 if "/broken/" in self.path else 201
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def push_service():
    service = PushService()
    yield service
    service.close()


@pytest.fixture
def frozen():
    """The clock at noon UTC on TODAY (after PUSH_FROM_HOUR in UTC), ticking."""
    with time_machine.travel(NOW):
        yield


def make_device(owner, push_service: PushService, name: str = "phone", kind: str = "ok"):
    """A subscription of `owner`'s at the local push service, and the browser that holds its
    keys. `kind` "gone" answers 410, "broken" 500."""
    browser = Browser()
    subscription = services.subscribe(
        owner,
        endpoint=f"{push_service.url}/{kind}/{owner.username}-{name}",
        p256dh=browser.p256dh,
        auth=browser.auth,
        user_agent="Mozilla/5.0 (Linux; Android 14) Gecko/20100101 Firefox/130.0",
    )
    return subscription, browser


def devices_of(owner) -> list[PushSubscription]:
    return list(PushSubscription.objects.for_owner(owner))
