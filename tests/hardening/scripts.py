"""Helper processes for the hardening tests: `python -m tests.hardening.scripts <command>`.

They run against the database named by DATABASE_URL (a temporary file), in their own process,
as a second user of the site would, and print their results as JSON.
"""

import argparse
import datetime as dt
import json
import sqlite3
import sys
import uuid
from pathlib import Path

import django

django.setup()

import time_machine  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from contacts import services as contact_services  # noqa: E402
from contacts.models import Contact  # noqa: E402
from interactions import services  # noqa: E402
from interactions.models import Interaction, InteractionType  # noqa: E402
from quickconnect.models import QuickConnectCode  # noqa: E402

LOAD_USER, LOAD_PASSWORD = "loadtest", "load-test-password-1234"
# The writer's clock: write i happens at WRITES_START + i minutes, so the database after n writes
# is a pure function of n (codes, timestamps, statuses) and can be rebuilt by replaying them.
WRITES_START = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
WRITES_NAMESPACE = uuid.UUID("2f1d8c1e-5b7a-4c1e-9a43-0c7d4e5f6a10")
WRITER_CONTACTS = 3


def setup_load(args) -> dict:
    """A user with one contact and one Quick Connect code, for the gunicorn load test."""
    user = User.objects.create_user(LOAD_USER, "load@example.com", LOAD_PASSWORD)
    contact = contact_services.save_contact(Contact(owner=user, name="Grace Hopper"))
    call = InteractionType.objects.for_owner(user).get(builtin_key="call")
    code = QuickConnectCode.objects.create(
        owner=user, event_name="LoadConf", expires_at=timezone.now() + dt.timedelta(days=1)
    )
    return {
        "username": LOAD_USER,
        "password": LOAD_PASSWORD,
        "contact": str(contact.code),
        "type": str(call.code),
        "token": code.token,
        "quick_code_id": code.pk,
        "contact_id": contact.pk,
    }


def setup_long_changes(args) -> dict:
    """For the long-changes load test: "deleter" with `--contacts` contacts to delete,
    "restorer" with an empty account and an export of as many contacts (written to `--export`),
    and two writers with a few contacts each."""
    today = timezone.localdate()
    deleter = User.objects.create_user("deleter", "deleter@example.com", LOAD_PASSWORD)
    Contact.objects.bulk_create(
        (
            Contact(owner=deleter, name=f"Old friend {i}", added_on=today)
            for i in range(args.contacts)
        ),
        batch_size=5000,
    )
    User.objects.create_user("restorer", "restorer@example.com", LOAD_PASSWORD)
    records = [{"code": str(uuid.uuid4()), "name": f"Restored {i}"} for i in range(args.contacts)]
    document = {"format": "devhub-crm", "version": 1, "data": {"contacts.Contact": records}}
    Path(args.export).write_text(json.dumps(document))
    writers = {}
    for name in ("writer1", "writer2"):
        user = User.objects.create_user(name, f"{name}@example.com", LOAD_PASSWORD)
        contacts = [
            contact_services.save_contact(Contact(owner=user, name=f"{name} friend {i}"))
            for i in range(5)
        ]
        call = InteractionType.objects.for_owner(user).get(builtin_key="call")
        writers[name] = {"contacts": [str(c.code) for c in contacts], "type": str(call.code)}
    return {"password": LOAD_PASSWORD, "writers": writers}


def write(args) -> dict:
    """Log interactions one at a time through interactions.services, like a busy user.

    Write i gets a code derived from i and happens at a fixed moment, so writes are monotonic
    (interaction ids and subjects increase) and replaying writes 0..n-1 on the same starting
    database gives exactly the same rows.
    """
    owner = User.objects.order_by("pk").first()
    contacts = list(Contact.objects.filter(owner=owner).order_by("pk")[:WRITER_CONTACTS])
    call = InteractionType.objects.for_owner(owner).get(builtin_key="call")
    stop_file = Path(args.stop_file) if args.stop_file else None
    end = args.start + args.count if args.count is not None else None
    i = args.start
    while (end is None or i < end) and not (stop_file and stop_file.exists()):
        if i == args.snapshot_after:
            snapshot(Path(args.snapshot_to))
        moment = WRITES_START + dt.timedelta(minutes=i)
        with time_machine.travel(moment, tick=False):
            interaction = Interaction(
                code=uuid.uuid5(WRITES_NAMESPACE, str(i)),
                contact=contacts[i % len(contacts)],
                type=call,
                occurred_at=moment,
                subject=f"write {i:06d}",
            )
            services.save_interaction(interaction)
        i += 1
    return {"written": i - args.start, "next": i}


def snapshot(target: Path) -> None:
    """Copy the database as it is now (no write is in flight: the writer is this process)."""
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="tests.hardening.scripts")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup-load").set_defaults(run=setup_load)
    long_changes = commands.add_parser("setup-long-changes")
    long_changes.add_argument("--contacts", type=int, required=True)
    long_changes.add_argument("--export", required=True)
    long_changes.set_defaults(run=setup_long_changes)
    writer = commands.add_parser("write")
    writer.add_argument("--start", type=int, default=0)
    writer.add_argument("--count", type=int)
    writer.add_argument("--stop-file")
    writer.add_argument("--snapshot-after", type=int, help="Copy the database after n writes…")
    writer.add_argument("--snapshot-to", help="…to this file.")
    writer.set_defaults(run=write)
    args = parser.parse_args(argv)
    print(json.dumps(args.run(args)))


if __name__ == "__main__":
    main(sys.argv[1:])
