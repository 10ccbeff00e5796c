"""Helpers for the public (phone) side of Quick Connect: `/q/<token>/` and its thank-you page.

`alice` (tests/conftest.py) owns the codes; the person filling in the form has no account.
"""

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.http import HttpResponse
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact, Event
from quickconnect.models import QuickConnectCode
from tests.conftest import make_tag
from tests.devhub.conftest import find_all

EVENT_NAME = "PyCon US 2026"


@pytest.fixture
def alice(alice: User) -> User:
    """The root `alice`, with a full name: the public form says who is asking."""
    alice.first_name, alice.last_name = "Alice", "Liddell"
    alice.save(update_fields=["first_name", "last_name"])
    return alice


def make_code(owner: User, **fields) -> QuickConnectCode:
    tags = fields.pop("tags", [])
    code = QuickConnectCode.objects.create(owner=owner, **fields)
    if tags:
        code.tags.set(make_tag(owner, t) for t in tags)
    return code


@pytest.fixture
def event(alice) -> Event:
    return Event.objects.create(owner=alice, name=EVENT_NAME, location="Pittsburgh")


@pytest.fixture
def quick_code(alice, event) -> QuickConnectCode:
    return make_code(
        alice,
        event=event,
        location="Pittsburgh",
        session="Async ORM talk",
        note="Great chat about Rust!",
        tags=["python", "speaker"],
    )


def public_url(code: QuickConnectCode) -> str:
    return reverse("quickconnect:public", args=[code.token])


def thanks_url(code: QuickConnectCode) -> str:
    return reverse("quickconnect:thanks", args=[code.token])


def form_data(**overrides) -> dict:
    """A complete, valid submission as the phone's browser sends it."""
    data = {
        "name": "Grace Hopper",
        "email": "grace@example.com",
        "github_username": "",
        "linkedin_url": "",
        "about": "Compilers, COBOL",
        "note": "Loved your talk",
        "consent": "on",
        "company": "",
        "location": "",
        "website_url": "",
        "form_id": str(uuid.uuid4()),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def html(response: HttpResponse) -> str:
    return response.content.decode()


def input_value(response: HttpResponse, name: str) -> str:
    """The value the page's form carries for a field (input or textarea)."""
    inputs = find_all(html(response), "input", name=name)
    if inputs:
        return inputs[0].get("value")
    return find_all(html(response), "textarea", name=name)[0].text.strip()


def field_errors(response: HttpResponse, name: str) -> list[str]:
    form = response.context["form"]
    return list(form.errors.get(name, [])) if form.is_bound else []


def nothing_saved(owner: User, code: QuickConnectCode) -> bool:
    code.refresh_from_db()
    return (
        not Contact.objects.for_owner(owner).exists()
        and not code.submissions.exists()
        and code.uses == 0
        and not owner.notifications.exists()
    )


# --- A stand-in for GitHub's REST API --------------------------------------------------------


@dataclass
class GitHubStub:
    """Profiles by lower-case login; `delay` makes every answer that many seconds late."""

    url: str = ""
    profiles: dict[str, dict] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    delay: float = 0.0


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the client gave up on a slow answer: a broken pipe here is expected


@pytest.fixture
def github_stub(settings):
    stub = GitHubStub()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            stub.hits.append(self.path)
            if stub.delay:
                time.sleep(stub.delay)
            login = self.path.removeprefix("/users/").lower()
            profile = stub.profiles.get(login)
            status, body = (200, profile) if profile else (404, {"message": "Not Found"})
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args) -> None:
            pass

    server = _QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_port}"
    settings.GITHUB_API_URL = stub.url
    yield stub
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


OCTOCAT = {
    "login": "octocat",
    "name": "The Octocat",
    "company": "@github",
    "blog": "github.blog",
    "location": "San Francisco",
    "bio": "Mascot of GitHub",
    "avatar_url": "https://avatars.githubusercontent.com/u/583231",
}
