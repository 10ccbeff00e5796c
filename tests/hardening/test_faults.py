"""The cron commands killed with SIGKILL mid-run: the database stays sound and a rerun finishes
the job correctly, without a second reminder or a second e-mail. And seed_demo killed half-way:
whole chunks are left, and `--force` redoes it without touching real users.

`refresh_statuses` does all its work in one IMMEDIATE transaction, so "mid-run" is observable from
outside: the process holds SQLite's write lock. `send_reminders` is killed once some digests have
gone out (the file e-mail backend writes one file per message).
"""

import datetime as dt
import json
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest

from tests.hardening.conftest import (
    CONTACTS_PER_USER,
    PYTHON,
    USERS,
    Site,
    copy_database,
    integrity,
)

# Far enough ahead that most contacts change status and need a check-in reminder.
DAY = (dt.date.today() + dt.timedelta(days=400)).isoformat()
# refresh_statuses only writes for the real today (another --today is a dry-run preview), so its
# processes travel to DAY instead: 11:00 UTC is that date from UTC-11 to UTC+12, well clear of
# midnight in UTC, where the seeded users live.
LATER = dt.datetime.combine(dt.date.fromisoformat(DAY), dt.time(11), dt.UTC)
MANAGE = (
    "import sys\n"
    "from django.core.management import execute_from_command_line\n"
    "execute_from_command_line(['manage.py', *sys.argv[1:]])\n"
)
# Every contact's stored status and due dates, against the rules for its owner's today.
CHECK_STATUSES = """
import json
import django
django.setup()
from accounts.models import User
from contacts import status
from contacts.models import Contact
owners = {u.pk: u for u in User.objects.all()}
wrong, checked = [], 0
for contact in Contact.objects.order_by("pk").iterator(chunk_size=2000):
    owner = owners[contact.owner_id]
    found = (contact.status, contact.check_in_on, contact.reconnect_on)
    status.apply_rules(contact, owner, status.local_today(owner))
    checked += 1
    if (contact.status, contact.check_in_on, contact.reconnect_on) != found:
        wrong.append([contact.pk, str(found), contact.status])
print(json.dumps({"checked": checked, "wrong": wrong[:20], "wrong_count": len(wrong)}))
"""


def at(instant: dt.datetime, code: str, *args: str) -> list[str]:
    """A Python process running `code` (with `args`) whose clock starts at `instant`."""
    travel = (
        "import datetime, time_machine\n"
        f"time_machine.travel(datetime.datetime.fromisoformat({instant.isoformat()!r})).start()\n"
    )
    return [PYTHON, "-c", travel + code, *args]


def finish(process: subprocess.Popen, what: str) -> str:
    out, err = process.communicate(timeout=120)
    if process.returncode != 0:
        pytest.fail(f"{what} exited {process.returncode}:\n{err.decode()}")
    return out.decode()


def holds_write_lock(db: Path) -> bool:
    """True while another connection is inside a write transaction (BEGIN IMMEDIATE fails)."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            return True
        raise
    finally:
        conn.close()  # also ends the probe's own transaction, if it got one
    return False


def kill_when(
    process: subprocess.Popen, condition, what: str, delay: float = 0, timeout: float = 60
) -> None:
    """SIGKILL `process` `delay` seconds after `condition` first holds (polled every 2 ms)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            _, err = process.communicate()
            pytest.fail(f"{what}: the command ended (exit {process.returncode}) first\n{err}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.002)
    time.sleep(delay)
    if process.poll() is not None:
        pytest.fail(f"the command finished within {delay}s of {what}; nothing left to interrupt")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def statuses(site: Site) -> list[tuple]:
    return site.sql("SELECT id, status FROM contacts_contact ORDER BY id")


def reminders(site: Site) -> list[tuple]:
    """Reminders by what they mean (codes and creation times differ from run to run)."""
    return site.sql(
        "SELECT owner_id, contact_id, kind, title, due_on, occasion, occasion_on, is_automatic, "
        "completed_at IS NULL, dismissed_at IS NULL FROM reminders_reminder "
        "ORDER BY owner_id, kind, occasion, occasion_on, contact_id, title"
    )


def test_refresh_statuses_killed_mid_run_rolls_back_and_a_rerun_completes(seeded, tmp_path):
    before = (statuses(seeded), reminders(seeded))
    runs = "SELECT count(*) FROM reminders_statusrefreshrun"
    runs_before = seeded.scalar(runs)  # seeding ran one per user
    assert seeded.scalar("SELECT count(*) FROM contacts_contact") == USERS * CONTACTS_PER_USER
    # The same refresh, never interrupted, on a second copy: what the rerun must arrive at.
    reference = Site(tmp_path / "reference")
    copy_database(seeded.db, reference.db)
    command = at(LATER, MANAGE, "refresh_statuses")
    uninterrupted = reference.popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    victim = seeded.popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    # Killed 30 ms into its transaction (the whole transaction takes 0.2-0.4 s here).
    kill_when(victim, lambda: holds_write_lock(seeded.db), "the refresh's transaction", delay=0.03)

    assert integrity(seeded.db) == ["ok"]
    # All or nothing: the run was inside its transaction, so nothing of it remains.
    assert seeded.scalar(runs) == runs_before
    assert (statuses(seeded), reminders(seeded)) == before

    rerun = finish(seeded.popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE), "rerun")
    out = finish(uninterrupted, "the uninterrupted refresh")
    assert rerun.split(";")[:2] == out.split(";")[:2]  # same changes, same count
    assert integrity(seeded.db) == ["ok"]
    assert seeded.scalar(runs) == runs_before + 1

    check = seeded.popen(at(LATER, CHECK_STATUSES), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    checked = json.loads(finish(check, "the status check"))
    assert checked == {"checked": USERS * CONTACTS_PER_USER, "wrong": [], "wrong_count": 0}
    assert statuses(seeded) == statuses(reference) != before[0]
    assert reminders(seeded) == reminders(reference)
    assert len(reminders(seeded)) > len(before[1])
    assert (
        seeded.sql(
            # A collaboration's reminder about one of its people is once per collaboration.
            "SELECT contact_id, collaboration_id, kind, occasion, occasion_on, count(*) "
            "FROM reminders_reminder WHERE is_automatic AND contact_id IS NOT NULL "
            "GROUP BY contact_id, collaboration_id, kind, occasion, occasion_on "
            "HAVING count(*) > 1"
        )
        == []
    )
    assert (
        seeded.sql(
            "SELECT contact_id, count(*) FROM reminders_reminder WHERE kind = 'check_in' AND "
            "completed_at IS NULL AND dismissed_at IS NULL GROUP BY contact_id HAVING count(*) > 1"
        )
        == []
    )


def sent_mail(folder: Path) -> Counter:
    """Recipients of every message the file e-mail backend wrote (several may share a file)."""
    recipients = Counter()
    for path in folder.glob("*.log"):
        for raw in path.read_bytes().split(b"-" * 79):
            if raw.strip():
                recipients[message_from_bytes(raw.strip()).get("To")] += 1
    return recipients


def test_send_reminders_killed_mid_run_never_sends_a_digest_twice(seeded, tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    # django-environ URLs, like sqlite:////abs, take an absolute path after a fourth slash.
    mail = {"EMAIL_URL": f"filemail:///{outbox}"}
    victim = seeded.popen(
        [PYTHON, "manage.py", "send_reminders", f"--today={DAY}"],
        env=mail,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )

    kill_when(victim, lambda: len(list(outbox.glob("*.log"))) >= 3, "the first digests")

    assert integrity(seeded.db) == ["ok"]
    before_rerun = sent_mail(outbox)
    claims = dict(seeded.sql("SELECT owner_id, sent_at IS NOT NULL FROM reminders_digestdelivery"))
    # The third file may still be empty: the kill can land while it is being written.
    assert 2 <= len(before_rerun) < USERS, "killed part-way through"
    assert Counter(claims.values())[False] <= 1  # at most the one digest in flight

    rerun = seeded.manage("send_reminders", f"--today={DAY}", env=mail)
    assert "0 failed" in rerun.stdout
    assert integrity(seeded.db) == ["ok"]

    sent = sent_mail(outbox)
    assert max(sent.values()) == 1, f"a digest went out twice: {sent}"
    users = dict(seeded.sql("SELECT id, email FROM accounts_user"))
    deliveries = seeded.sql(
        "SELECT owner_id, day, sent_at IS NOT NULL FROM reminders_digestdelivery ORDER BY owner_id"
    )
    # Every user's day is claimed exactly once (the unique constraint) ...
    assert sorted(owner for owner, _, _ in deliveries) == sorted(users)
    assert {day for _, day, _ in deliveries} == {DAY}
    # ... and every claim marked sent has its e-mail. A claim the kill interrupted stays unsent
    # and is not retried: at most one e-mail a day is the promise, so that user may miss a day.
    marked_sent = {users[owner] for owner, _, done in deliveries if done}
    assert marked_sent <= set(sent)
    missing = set(users.values()) - set(sent)
    assert len(missing) <= 1
    assert len(marked_sent) >= USERS - 1


SEEDED_ROWS = """
SELECT u.username, c.name, c.email, c.company, c.is_vip,
       (SELECT count(*) FROM interactions_interaction i WHERE i.contact_id = c.id)
FROM contacts_contact c JOIN accounts_user u ON u.id = c.owner_id
ORDER BY u.username, c.email
"""


def test_seed_demo_killed_half_way_leaves_whole_chunks_and_force_redoes_it(site, tmp_path):
    site.manage(
        "shell",
        "-c",
        "from accounts.models import User; from contacts.models import Contact; "
        "from contacts.services import save_contact; "
        "save_contact(Contact(owner=User.objects.create_user('alice'), name='Ada Lovelace'))",
    )
    seed = [
        "manage.py",
        "seed_demo",
        "--force",  # beside alice
        "--users=2",
        "--contacts-per-user=2000",
        "--interactions-per-contact=2",
        "--seed=5",
        "--password=kill-test-password",
        "--verbosity=0",
    ]
    reference = Site(tmp_path / "reference")
    copy_database(site.db, reference.db)
    uninterrupted = reference.popen([PYTHON, *seed], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    victim = site.popen([PYTHON, *seed], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    demo_contacts = (
        "SELECT count(*) FROM contacts_contact c JOIN accounts_user u ON u.id = c.owner_id "
        "WHERE u.username = 'demo'"
    )

    kill_when(victim, lambda: site.scalar(demo_contacts) >= 1000, "two chunks of contacts")

    assert integrity(site.db) == ["ok"]
    per_user = dict(
        site.sql(
            "SELECT u.username, count(c.id) FROM accounts_user u "
            "LEFT JOIN contacts_contact c ON c.owner_id = u.id GROUP BY u.username"
        )
    )
    assert per_user["alice"] == 1
    assert all(count % 500 == 0 for name, count in per_user.items() if name != "alice")
    assert (
        site.scalar(
            "SELECT count(*) FROM contacts_contact c WHERE c.owner_id != "
            "(SELECT id FROM accounts_user WHERE username = 'alice') AND "
            "(SELECT count(*) FROM interactions_interaction i WHERE i.contact_id = c.id) != 2"
        )
        == 0
    ), "every contact written has all its interactions"

    site.manage(*seed[1:], timeout=300)
    finish(uninterrupted, "the uninterrupted seed")

    assert integrity(site.db) == ["ok"]
    assert site.sql(SEEDED_ROWS) == reference.sql(SEEDED_ROWS)
    assert site.scalar("SELECT count(*) FROM contacts_contact") == 4001
    assert site.sql(
        "SELECT c.name FROM contacts_contact c JOIN accounts_user u ON u.id = c.owner_id "
        "WHERE u.username = 'alice'"
    ) == [("Ada Lovelace",)]
