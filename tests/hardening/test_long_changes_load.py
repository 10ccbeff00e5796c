"""Long changes under gunicorn with several workers over one SQLite file.

While one user restores an export of 100,000 contacts and another deletes 100,000 contacts (each
driven by its progress page, a part per request), two other users log interactions and edit
contacts. Every one of their 200 writes must succeed (no 5xx, nothing lost) and their p95 must stay
far from SQLite's busy timeout: the long changes are made of short transactions and never
hold the database. The target for that p95 (at most a second on a quiet machine) is a speed
figure, printed here and by `make loadtest` and kept in docs/operations.md, not asserted: on a
slower or busier machine every step takes longer. `LONG_CHANGES_CONTACTS` makes the data set
smaller for a quick run.
"""

import datetime as dt
import json
import os
import statistics
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hardening.test_load import Client, start_gunicorn, stop, wait_for_workers

CONTACTS = int(os.environ.get("LONG_CHANGES_CONTACTS", "100000"))
WRITES_PER_WRITER = 100
WRITE_THREADS = 4
BLOCKED_SECONDS = 3  # p95 here: 0.6 s on a quiet 2-core machine, 1.5 s on a busy one

# About four minutes on a quiet 2-core machine (a hundred thousand contacts restored and deleted,
# each with its history); longer on a busy one, so it has more than the suite's five minutes.
pytestmark = [pytest.mark.load, pytest.mark.timeout(900)]


def upload(client: Client, path: str, field: str, file: Path) -> tuple:
    """POST one file as multipart/form-data (with the CSRF token)."""
    boundary = uuid.uuid4().hex
    token = client.cookies.get("csrftoken", "")
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{file.name}"\r\nContent-Type: application/json\r\n\r\n'
        ).encode()
        + file.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=300)
    headers = {
        "Host": "127.0.0.1",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items()),
    }
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def drive(client: Client, job_url: str, done: dict, name: str) -> None:
    """What the progress page does: post the next step (over HTMX) until the job is over."""
    started = time.monotonic()
    steps = 0
    token = client.cookies.get("csrftoken", "")
    while True:
        response, content, _ = client.request(
            "POST", f"{job_url}step/", {"csrfmiddlewaretoken": token}, {"HX-Request": "true"}
        )
        steps += 1
        assert response.status == 200, (name, response.status, content[:300])
        if finished := response.getheader("HX-Redirect"):
            break
    done[name] = {"seconds": round(time.monotonic() - started, 1), "steps": steps, "to": finished}


def test_long_changes_leave_room_for_everyone_elses_writes(site, tmp_path):
    export = tmp_path / "export.json"
    setup = json.loads(
        site.script(
            "setup-long-changes", "--contacts", str(CONTACTS), "--export", str(export), timeout=600
        )
    )
    log = tmp_path / "gunicorn.log"
    server, port = start_gunicorn(site, log)
    done: dict = {}
    try:
        wait_for_workers(port)
        clients = {}
        for name in ("restorer", "deleter", "writer1", "writer2"):
            clients[name] = Client(port)
            clients[name].log_in(name, setup["password"])

        # The restore: the upload checks the file and stores the work, then its page drives it.
        response, content = upload(clients["restorer"], "/contacts/export/restore/", "file", export)
        assert response.status == 302, content[:500]
        restore_job = response.getheader("Location")
        assert restore_job.startswith("/jobs/")
        # The bulk delete of every contact: confirmation, then its job.
        deleter = clients["deleter"]
        selection = {"all_matching": "1", "query": "", "action": "delete"}
        response, content = deleter.post("/contacts/bulk/", selection)
        assert response.status == 200 and f"Delete {CONTACTS} contacts" in content.decode()
        response, _ = deleter.post(
            "/contacts/bulk/", {**selection, "confirmed": "1", "count": str(CONTACTS)}
        )
        delete_job = response.getheader("Location")
        assert delete_job.startswith("/jobs/")

        drivers = [
            threading.Thread(
                target=drive, args=(clients["restorer"], restore_job, done, "restore")
            ),
            threading.Thread(target=drive, args=(deleter, delete_job, done, "delete")),
        ]
        for driver in drivers:
            driver.start()
        time.sleep(2)  # both jobs are well under way

        yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

        def one_write(job: tuple[str, int]):
            name, n = job
            writer = setup["writers"][name]
            contact = writer["contacts"][n % len(writer["contacts"])]
            if n % 2:
                url = f"/interactions/contact/{contact}/new/"
                data = {
                    "type": writer["type"],
                    "occurred_at": yesterday,
                    "subject": f"{name} load {n}",
                    "outcome": "positive",
                }
            else:
                url = f"/contacts/{contact}/edit/"
                data = {
                    "name": f"{name} friend {n % len(writer['contacts'])}",
                    "company": f"Company {n}",
                    "relationship": "peer",
                    "status": "regular_contact",
                    "importance": "medium",
                }
            fired = time.monotonic()
            response, content = clients[name].post(url, data)
            return name, n, response.status, time.monotonic() - fired, content[:300]

        writes = [(name, n) for n in range(WRITES_PER_WRITER) for name in ("writer1", "writer2")]
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            results = list(pool.map(one_write, writes))
        busy = {name: name not in done for name in ("restore", "delete")}
        for driver in drivers:
            driver.join(timeout=1800)
    finally:
        stop(server)
    output = log.read_text()

    failed = [(name, n, status, body) for name, n, status, _, body in results if status != 302]
    assert not failed, failed[:3]
    seconds = sorted(s for _, _, _, s, _ in results)
    p95 = seconds[int(len(seconds) * 0.95) - 1]
    print(
        f"\nlong changes: {len(results)} writes, p50 {statistics.median(seconds) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {seconds[-1] * 1000:.0f} ms; still running during the "
        f"writes: {busy}; restore {done.get('restore')}; delete {done.get('delete')}"
    )
    assert all(busy.values()), "a long change ended before the writes did: the test shows nothing"
    # Writes that wait this long are blocked by transactions holding the database for seconds,
    # not by the long changes' short steps (at the 10 s busy timeout they would fail).
    assert p95 < BLOCKED_SECONDS, seconds[-10:]
    assert done["restore"]["to"] == done["delete"]["to"] == "/contacts/", done

    # Nothing lost: every interaction logged, every edit saved, the long changes complete.
    for name in ("writer1", "writer2"):
        logged = site.scalar(
            "SELECT count(*) FROM interactions_interaction i JOIN accounts_user u "
            "ON u.id = i.owner_id WHERE u.username = ? AND i.subject GLOB ?",
            [name, f"{name} load *"],
        )
        assert logged == WRITES_PER_WRITER // 2
        stale = site.scalar(
            "SELECT count(*) FROM contacts_contact c JOIN accounts_user u ON u.id = c.owner_id "
            "WHERE u.username = ? AND (c.last_contacted IS NULL OR c.company NOT GLOB 'Company *')",
            [name],
        )
        assert stale == 0
    counts = dict(
        site.sql(
            "SELECT u.username, count(c.id) FROM accounts_user u LEFT JOIN contacts_contact c "
            "ON c.owner_id = u.id WHERE u.username IN ('restorer', 'deleter') GROUP BY u.username"
        )
    )
    assert counts == {"restorer": CONTACTS, "deleter": 0}
    assert "Traceback" not in output
    assert "database is locked" not in output
