"""`manage.py backup`: a consistent, restorable copy of the SQLite database, taken under writes."""

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import time
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connections

from devhub.management.commands.backup import backup_sqlite, resolve_output
from search import engines
from tests.conftest import make_contact
from tests.hardening.conftest import PYTHON, Site, copy_database, integrity

WRITES = "SELECT count(*) FROM interactions_interaction WHERE subject GLOB 'write *'"


def wait_until(condition, timeout: float = 30, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def dump(db: Path) -> dict[str, list]:
    """Every table's rows in rowid order, plus the schema: the whole database as data."""
    conn = sqlite3.connect(db)
    engines.add_functions(conn)  # the full-text index reads its content through them
    try:
        schema = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        tables = {name: sql for kind, name, _, sql in schema if kind == "table"}
        # Tables without a rowid (the full-text index's own) are ordered by their leading columns.
        order = {
            t: "1, 2" if "WITHOUT ROWID" in (sql or "") else "rowid" for t, sql in tables.items()
        }
        rows = {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY {order[t]}').fetchall() for t in tables
        }
    finally:
        conn.close()
    return {"(schema)": schema, **rows}


def differences(a: dict, b: dict) -> list[str]:
    """Readable summary of what differs between two dumps (empty when identical)."""
    found = []
    for table in sorted(a.keys() | b.keys()):
        left, right = a.get(table), b.get(table)
        if left != right:
            sizes = (len(left) if left else 0, len(right) if right else 0)
            first = next(
                (pair for pair in zip(left or [], right or [], strict=False) if pair[0] != pair[1]),
                None,
            )
            found.append(f"{table}: {sizes[0]} vs {sizes[1]} rows; first difference {first}")
    return found


def writes(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute(WRITES).fetchone()[0]
    finally:
        conn.close()


def test_backup_under_write_load_is_a_consistent_restorable_snapshot(seeded, tmp_path):
    site = seeded  # 5,000 contacts, ~6 MB: ~100 steps of 16 pages, writes landing in between
    base = tmp_path / "base.sqlite3"
    copy_database(site.db, base)
    stop = tmp_path / "stop-writing"
    writer = site.popen(
        [PYTHON, "-m", "tests.hardening.scripts", "write", "--stop-file", str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    backup = tmp_path / "backups" / "copy.sqlite3"
    try:
        wait_until(lambda: writes(site.db) >= 20, what="the writer to start")
        before = writes(site.db)
        result = site.manage("backup", "--output", str(backup), "--pages-per-step=16")
        after = writes(site.db)
        wait_until(lambda: writes(site.db) >= after + 20, what="more writes after the backup")
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    total = json.loads(out)["written"]

    assert str(backup) in result.stdout
    assert "integrity ok" in result.stdout
    assert integrity(backup) == ["ok"]
    assert not list(backup.parent.glob("*.partial"))
    assert backup.stat().st_mode & 0o077 == 0, "the copy is private to its owner"

    # The copy holds a prefix of the writes, taken while they were going on: exactly writes
    # 0..k-1, each complete with everything it changed, nothing half-written.
    copy = dump(backup)
    conn = sqlite3.connect(backup)
    subjects = conn.execute(
        "SELECT subject FROM interactions_interaction WHERE subject GLOB 'write *' ORDER BY id"
    ).fetchall()
    conn.close()
    k = len(subjects)
    assert before <= k <= after < total
    assert subjects == [(f"write {i:06d}",) for i in range(k)]

    # Replaying writes 0..k-1 on the starting database rebuilds the source as it was at the
    # backup's moment: the copy must equal it table by table, row by row. Replaying the rest
    # must then give the live database exactly (which proves the replay is faithful).
    replay = Site(tmp_path / "replay")
    copy_database(base, replay.db)
    at_backup = tmp_path / "replayed-at-backup.sqlite3"
    replay.script(
        "write", "--count", str(total), "--snapshot-after", str(k), "--snapshot-to", str(at_backup)
    )
    assert differences(copy, dump(at_backup)) == []
    assert differences(dump(site.db), dump(replay.db)) == []

    # Restore as docs/operations.md says: the copy becomes data/devhub.sqlite3 of a stopped site.
    restored = Site(tmp_path / "restored")
    restored.data_dir.mkdir()
    shutil.copyfile(backup, restored.db)
    restored.manage("migrate", "--check")  # non-zero if any migration were missing
    assert differences(copy, dump(restored.db)) == []


def make_sqlite(path: Path, rows: int = 500) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany(
        "INSERT INTO note (body) VALUES (?)", [(f"note {i}" * 20,) for i in range(rows)]
    )
    conn.commit()
    conn.close()


def test_backup_copies_a_wal_database_into_one_private_checked_file(tmp_path):
    source = tmp_path / "live.sqlite3"
    make_sqlite(source)
    output = tmp_path / "out" / "copy.sqlite3"

    result = backup_sqlite(source, resolve_output(output, source), pages=4)

    assert result.output == output and result.size == output.stat().st_size > 0
    assert dump(output) == dump(source)
    conn = sqlite3.connect(output)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    assert sorted(p.name for p in output.parent.iterdir()) == ["copy.sqlite3"]


def test_backup_into_a_directory_uses_a_dated_name(tmp_path):
    source = tmp_path / "live.sqlite3"
    make_sqlite(source, rows=5)
    output = resolve_output(tmp_path, source)
    assert output.parent == tmp_path
    assert output.name.startswith("devhub-") and output.name.endswith(".sqlite3")


def test_a_directory_written_with_a_slash_gets_a_dated_file_each_night(tmp_path):
    source = tmp_path / "live.sqlite3"
    make_sqlite(source, rows=5)
    nightly = f"{tmp_path / 'nightly'}/"

    with pytest.raises(CommandError, match="nightly does not exist; create it, or add --create"):
        resolve_output(nightly, source)
    assert not (tmp_path / "nightly").exists(), "no file named after the directory"

    with time_machine.travel(dt.datetime(2026, 5, 1, 3, 45, tzinfo=dt.UTC), tick=False):
        first = backup_sqlite(source, resolve_output(nightly, source, create_dirs=True)).output
    with time_machine.travel(dt.datetime(2026, 5, 2, 3, 45, tzinfo=dt.UTC), tick=False):
        second = backup_sqlite(source, resolve_output(nightly, source)).output

    assert (tmp_path / "nightly").is_dir()
    assert (tmp_path / "nightly").stat().st_mode & 0o077 == 0, "created private, like data/"
    assert sorted(p.name for p in (tmp_path / "nightly").iterdir()) == sorted(
        [first.name, second.name]
    )
    assert first.name.startswith("devhub-20260501-") and second.name.startswith("devhub-20260502-")
    assert dump(first) == dump(second) == dump(source)


def test_a_file_written_with_a_slash_is_not_taken_for_a_directory(tmp_path):
    source = tmp_path / "live.sqlite3"
    make_sqlite(source, rows=5)
    (tmp_path / "nightly").write_text("left by an older backup")

    with pytest.raises(CommandError, match="nightly: it is a file, not a directory"):
        resolve_output(f"{tmp_path / 'nightly'}/", source, create_dirs=True)
    assert (tmp_path / "nightly").read_text() == "left by an older backup"


def test_the_command_line_keeps_the_trailing_slash(site, tmp_path):
    """As cron runs it: a missing directory is a non-zero exit with the reason, not a file
    named after it; --create-dirs makes it and writes the dated copy inside."""
    nightly = tmp_path / "backups" / "nightly"

    refused = site.manage("backup", "--output", f"{nightly}/", check=False)
    assert refused.returncode != 0
    assert f"The directory {nightly} does not exist" in refused.stderr
    assert "--create-dirs" in refused.stderr
    assert not nightly.exists() and not nightly.parent.exists()

    made = site.manage("backup", "--output", f"{nightly}/", "--create-dirs")
    (copy,) = nightly.iterdir()
    assert copy.name.startswith("devhub-") and copy.suffix == ".sqlite3"
    assert str(copy) in made.stdout
    assert integrity(copy) == ["ok"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("existing.sqlite3", "already exists"),
        ("not-a-dir/copy.sqlite3", "is not a directory"),
        ("live.sqlite3", "already exists"),
    ],
)
def test_backup_refuses_an_unusable_output_path(tmp_path, name, message):
    source = tmp_path / "live.sqlite3"
    make_sqlite(source, rows=5)
    (tmp_path / "existing.sqlite3").write_text("keep me")
    (tmp_path / "not-a-dir").write_text("a file")
    with pytest.raises(CommandError, match=message):
        resolve_output(tmp_path / name, source)
    assert (tmp_path / "existing.sqlite3").read_text() == "keep me"


def test_backup_of_a_missing_database_is_an_error_not_an_empty_copy(tmp_path):
    with pytest.raises(CommandError, match="Cannot open the database"):
        backup_sqlite(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()
    assert not list(tmp_path.iterdir())


def test_backup_refuses_postgresql_and_points_to_pg_dump(monkeypatch, tmp_path):
    monkeypatch.setattr(connections["default"], "vendor", "postgresql")
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", output=tmp_path / "copy.sqlite3")
    assert not list(tmp_path.iterdir())


def test_backup_command_copies_the_configured_database(transactional_db, alice, tmp_path):
    """On SQLite the copy holds what was committed; on PostgreSQL it points to pg_dump."""
    output = tmp_path / "copy.sqlite3"
    if connections["default"].vendor == "postgresql":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("backup", output=output)
        return
    make_contact(alice, name="Backed Up Person")
    out = StringIO()
    call_command("backup", output=output, stdout=out)
    assert f"to {output} (" in out.getvalue()
    conn = sqlite3.connect(output)
    names = conn.execute("SELECT name FROM contacts_contact").fetchall()
    conn.close()
    assert names == [("Backed Up Person",)]
