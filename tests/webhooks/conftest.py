"""A real receiver for the webhook tests: an HTTP server in a thread on 127.0.0.1 that checks each
message's signature and timestamp the way the docs tell users to, and answers what a test asks."""

import base64
import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webhooks import services
from webhooks.models import Event, Hook

NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
TOLERANCE = 5 * 60  # seconds a receiver accepts between the timestamp and its clock


def verify(secret: str, headers, body: bytes, now: float) -> dict:
    """What a receiver does (the README's example): the signed payload, or ValueError."""
    message_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(now - int(timestamp)) > TOLERANCE:
        raise ValueError("timestamp too old or too new")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    given = [s.split(",", 1)[1] for s in headers["webhook-signature"].split() if "," in s]
    if not any(hmac.compare_digest(expected, g) for g in given):
        raise ValueError("bad signature")
    return json.loads(body)


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    verified: dict | None
    problem: str = ""


@dataclass
class Receiver:
    secret: str = ""  # whsec_..., to verify with
    statuses: list[int] = field(default_factory=list)  # answers to give, in order; then 200
    received: list[Received] = field(default_factory=list)
    clock: float | None = None  # the receiver's "now"; None: the real clock
    url: str = ""

    def answer(self) -> int:
        return self.statuses.pop(0) if self.statuses else 200


def make_handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            headers = {k.lower(): v for k, v in self.headers.items()}
            now = receiver.clock if receiver.clock is not None else time.time()
            try:
                verified, problem = verify(receiver.secret, headers, body, now), ""
            except (KeyError, ValueError) as exc:
                verified, problem = None, str(exc)
            receiver.received.append(Received(self.path, headers, body, verified, problem))
            status = receiver.answer() if verified is not None else 400
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(receiver))
    receiver.url = f"http://127.0.0.1:{server.server_port}/hook"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()


def make_hook(owner, url: str = "https://hooks.example.com/devhub", events=None, **fields) -> Hook:
    events = [e.value for e in Event if e != Event.PING] if events is None else events
    return services.save_hook(Hook(owner=owner, url=url, events=list(events), **fields))


@pytest.fixture
def hook(alice, receiver) -> Hook:
    """alice's hook to the receiver, for every event; the receiver knows its secret."""
    made = make_hook(alice, receiver.url)
    receiver.secret = made.signing_secret
    return made
