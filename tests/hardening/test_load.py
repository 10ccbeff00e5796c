"""gunicorn with several workers over one SQLite file, under concurrent writes.

200 logged-in interaction posts and 50 public Quick Connect submissions arrive at once from 64
threads. Every request must succeed (a Quick Connect one may get the rate limit's 429), the
database must hold exactly one row per success, and no worker may log "database is locked" or
answer 500.

100 Quick Connect posts from one address, spread over the workers, meet one rate limit: exactly
the documented number get through, whichever worker answers.
"""

import datetime as dt
import http.client
import json
import random
import re
import signal
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django_ratelimit.core import _get_window, _split_rate

from quickconnect.views import IP_RATE
from tests.hardening.conftest import PYTHON, Site

INTERACTION_POSTS = 200
QUICK_CONNECT_POSTS = 50
THREADS = 64
WORKERS = 4
BURST_POSTS = 100

pytestmark = pytest.mark.load


class Client:
    """A tiny HTTP client on http.client: one connection per request, cookies by hand."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        body = urlencode(data) if data is not None else None
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        return response, content, self._cookies_from(response)

    @staticmethod
    def _cookies_from(response) -> dict[str, str]:
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}

    def get(self, path: str):
        response, content, cookies = self.request("GET", path)
        self.cookies.update(cookies)
        return response, content

    def post(self, path: str, data: dict):
        """POST with the CSRF cookie's value as the token; cookies are not updated (thread-safe)."""
        token = self.cookies.get("csrftoken", "")
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token})[:2]

    def log_in(self, username: str, password: str) -> None:
        page, content = self.get("/accounts/login/")
        assert page.status == 200, content[:500]
        response, content, cookies = self.request(
            "POST",
            "/accounts/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert response.status == 302, content[:500]
        self.cookies.update(cookies)
        assert "sessionid" in self.cookies


def start_gunicorn(site: Site, log: Path) -> tuple[subprocess.Popen, int]:
    """gunicorn on a free port chosen by the kernel (port 0), read back from its log."""
    with log.open("w") as stream:
        server = site.popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "devhub.wsgi",
                "--bind=127.0.0.1:0",
                f"--workers={WORKERS}",
                "--timeout=60",
                "--log-level=info",
                "--error-logfile=-",
                "--access-logfile=-",
                "--access-logformat=ACCESS %(s)s %(m)s %(U)s pid=%(p)s",
            ],
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited {server.returncode}:\n{log.read_text()}")
        if match := re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text()):
            return server, int(match.group(1))
        time.sleep(0.05)
    server.kill()
    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")


def wait_for_workers(port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            response, _ = Client(port).get("/healthz")
            if response.status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail("gunicorn answered no /healthz within 30s")
        time.sleep(0.1)


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_gunicorn_workers_take_concurrent_writes_without_losing_any(site, tmp_path):
    started = time.monotonic()
    setup = json.loads(site.script("setup-load"))
    log = tmp_path / "gunicorn.log"
    server, port = start_gunicorn(site, log)
    try:
        wait_for_workers(port)
        owner = Client(port)
        owner.log_in(setup["username"], setup["password"])
        visitor = Client(port)
        visitor.get(f"/q/{setup['token']}/")
        assert "csrftoken" in visitor.cookies

        yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        interaction_url = f"/interactions/contact/{setup['contact']}/new/"
        quick_connect_url = f"/q/{setup['token']}/"

        def log_interaction(n: int):
            data = {
                "type": setup["type"],
                "occurred_at": yesterday,
                "subject": f"load {n}",
                "notes": "Concurrent post from the load test.",
                "outcome": "positive",
            }
            return ("interaction", n, *owner.post(interaction_url, data))

        def connect(n: int):
            data = {
                "name": f"Visitor {n}",
                "email": f"visitor{n}@example.com",
                "consent": "on",
                "form_id": str(uuid.uuid4()),
                "website": "",
            }
            return ("quick_connect", n, *visitor.post(quick_connect_url, data))

        jobs = [(log_interaction, n) for n in range(INTERACTION_POSTS)]
        jobs += [(connect, n) for n in range(QUICK_CONNECT_POSTS)]
        random.Random(10).shuffle(jobs)
        fired = time.monotonic()
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            results = list(pool.map(lambda job: job[0](job[1]), jobs))
        burst = time.monotonic() - fired
    finally:
        stop(server)
    output = log.read_text()

    statuses = {}
    for kind, n, response, content in results:
        statuses.setdefault((kind, response.status), []).append((n, response, content))
    counts = {key: len(value) for key, value in statuses.items()}
    unexpected = {
        key: [c[:300] for _, _, c in value[:2]]
        for key, value in statuses.items()
        if key not in {("interaction", 302), ("quick_connect", 302), ("quick_connect", 429)}
    }
    assert unexpected == {}, counts
    for _, response, _ in statuses.get(("quick_connect", 302), []):
        assert response.getheader("Location").endswith(f"/q/{setup['token']}/thanks/")
    logged = counts.get(("interaction", 302), 0)
    connected = counts.get(("quick_connect", 302), 0)
    assert logged == INTERACTION_POSTS
    assert connected >= 1
    assert connected + counts.get(("quick_connect", 429), 0) == QUICK_CONNECT_POSTS

    # Exactly one row per success, and nothing else.
    interactions = site.scalar(
        "SELECT count(*) FROM interactions_interaction "
        "WHERE contact_id = ? AND subject GLOB 'load *'",
        [setup["contact_id"]],
    )
    assert interactions == logged
    submissions = site.scalar(
        "SELECT count(*) FROM quickconnect_submission WHERE quick_code_id = ?",
        [setup["quick_code_id"]],
    )
    assert submissions == connected
    assert (
        site.scalar(
            "SELECT uses FROM quickconnect_quickconnectcode WHERE id = ?", [setup["quick_code_id"]]
        )
        == connected
    )
    assert (
        site.scalar("SELECT count(*) FROM contacts_contact WHERE source = 'quick_connect'")
        == connected
    )

    assert "database is locked" not in output
    assert "Traceback" not in output
    access = re.findall(r"^ACCESS (\d{3}) ", output, flags=re.MULTILINE)
    assert len(access) >= INTERACTION_POSTS + QUICK_CONNECT_POSTS
    assert not [status for status in access if status.startswith("5")]
    print(f"\nload: {counts} in {burst:.1f}s; whole test {time.monotonic() - started:.1f}s")


def wait_for_a_fresh_window(value: str, rate: str, needed: float) -> None:
    """django-ratelimit counts in fixed windows; start the burst where a whole one is left, so
    the count cannot start again half-way through it."""
    _, period = _split_rate(rate)
    left = _get_window(value, period) - time.time()
    if left < needed:
        time.sleep(left + 1)


def test_one_address_gets_the_documented_rate_across_all_workers(site, tmp_path):
    setup = json.loads(site.script("setup-load"))
    allowed, _ = _split_rate(IP_RATE)
    log = tmp_path / "gunicorn.log"
    server, port = start_gunicorn(site, log)
    try:
        wait_for_workers(port)
        visitor = Client(port)
        visitor.get(f"/q/{setup['token']}/")
        url = f"/q/{setup['token']}/"

        def connect(n: int):
            data = {
                "name": f"Visitor {n}",
                "email": f"visitor{n}@example.com",
                "consent": "on",
                "form_id": str(uuid.uuid4()),
                "website": "",
            }
            return visitor.post(url, data)

        wait_for_a_fresh_window("127.0.0.1", IP_RATE, needed=30)
        fired = time.monotonic()
        with ThreadPoolExecutor(max_workers=32) as pool:
            results = list(pool.map(connect, range(BURST_POSTS)))
        burst = time.monotonic() - fired
    finally:
        stop(server)
    output = log.read_text()

    statuses = [response.status for response, _ in results]
    assert burst < 30, "the burst outlasted the window it was timed to fit in"
    assert statuses.count(302) == allowed, sorted(statuses)
    assert statuses.count(429) == BURST_POSTS - allowed
    assert (
        site.scalar(
            "SELECT count(*) FROM quickconnect_submission WHERE quick_code_id = ?",
            [setup["quick_code_id"]],
        )
        == allowed
    )
    # Every worker answered some of them: the count really was shared.
    pids = set(re.findall(r"^ACCESS \d{3} POST /q/\S+ pid=<(\d+)>", output, flags=re.MULTILINE))
    assert len(pids) > 1, output[-2000:]
    assert "database is locked" not in output
    assert "Traceback" not in output
    print(f"\nrate limit: {statuses.count(302)} of {BURST_POSTS} accepted in {burst:.1f}s")
