"""`manage.py backup`: a consistent copy of the SQLite database while the app keeps running.

SQLite's online backup API (`sqlite3.Connection.backup`) copies the database page by page. On its
own it restarts whenever another process commits between two steps, so under steady writes a
paged copy may never finish. The copy therefore runs inside one read transaction: in WAL mode (how
DevHub always opens its database) that pins a snapshot, so every page comes from the same moment,
while writers carry on untouched (WAL readers never block writers; the WAL file only grows a
little until the copy ends). The copy is written next to its destination under a temporary name,
checked with `PRAGMA integrity_check`, and only then renamed into place: a backup that fails or
is killed never leaves a half-written file under the final name.
"""

import datetime as dt
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from search import engines

PAGES_PER_STEP = 1024  # 4 MiB per step with SQLite's default 4 KiB pages


@dataclass
class BackupResult:
    source: Path
    output: Path
    size: int
    pages: int
    seconds: float

    def summary(self) -> str:
        return (
            f"Backed up {self.source} to {self.output} "
            f"({_human_size(self.size)}, {self.pages} pages, integrity ok) in {self.seconds:.2f}s"
        )


def _human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def default_name(now: dt.datetime | None = None) -> str:
    return f"devhub-{timezone.localtime(now or timezone.now()):%Y%m%d-%H%M%S}.sqlite3"


def sqlite_source(alias: str = DEFAULT_DB_ALIAS) -> Path:
    """The database file behind `alias`; anything but a SQLite file is refused with the reason."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        raise CommandError(
            "This site runs on PostgreSQL; back it up with PostgreSQL's own tool, e.g. "
            '`pg_dump --format=custom --file=devhub.dump "$DATABASE_URL"` '
            "(restore with pg_restore)."
        )
    if connection.vendor != "sqlite":
        raise CommandError(f"backup supports SQLite only, not {connection.vendor}.")
    if connection.is_in_memory_db():
        raise CommandError("The database is in memory; there is no file to back up.")
    return Path(connection.settings_dict["NAME"])


def resolve_output(output: str | Path | None, source: Path, *, create_dirs: bool = False) -> Path:
    """The file to write: data/backups/devhub-YYYYmmdd-HHMMSS.sqlite3 by default; a file of that
    name inside --output when it is an existing directory or ends with a slash; otherwise --output
    itself (its missing parent directories are created).

    A directory named with a trailing slash is created only with `create_dirs`: a missing one is
    more often a typo or a detached disk than a wish, and writing there would fill the wrong disk.
    """
    if output is None:
        output = Path(settings.DATA_DIR) / "backups" / default_name()
    elif _names_a_directory(output):
        directory = Path(output).absolute()
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"Cannot write into {directory}: it is a file, not a directory.")
        if not directory.exists() and not create_dirs:
            raise CommandError(
                f"The directory {directory} does not exist; create it, or add --create-dirs."
            )
        output = directory / default_name()
    output = Path(output).absolute()
    if output.exists():
        raise CommandError(f"{output} already exists; choose another --output.")
    if output.resolve() == source.resolve():
        raise CommandError("--output names the live database itself; choose another file.")
    if output.parent.exists() and not output.parent.is_dir():
        raise CommandError(f"Cannot write {output}: {output.parent} is not a directory.")
    try:
        output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"Cannot create {output.parent}: {exc.strerror}.") from exc
    if not os.access(output.parent, os.W_OK):
        raise CommandError(f"Cannot write to {output.parent}: permission denied.")
    return output


def _names_a_directory(output: str | Path) -> bool:
    """An existing directory, or a path written with a trailing slash (`/mnt/backup/`)."""
    separators = tuple(sep for sep in (os.sep, os.altsep) if sep)
    return Path(output).is_dir() or str(output).endswith(separators)


def backup_sqlite(source: Path, output: Path, *, pages: int = PAGES_PER_STEP) -> BackupResult:
    """Copy `source` to `output` as one consistent snapshot, then check the copy."""
    started = time.perf_counter()
    partial = output.with_name(f".{output.name}.partial")
    try:
        # mode=rw: a mistyped path is an error, not a new empty database to back up.
        src = sqlite3.connect(f"file:{source}?mode=rw", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise CommandError(f"Cannot open the database {source}: {exc}.") from exc
    try:
        # Private from the first byte, like the database itself: it holds notes about people.
        partial.unlink(missing_ok=True)  # left by a backup killed half-way
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        dst = sqlite3.connect(partial)
        engines.add_functions(dst)  # recent SQLite checks the full-text index with its content
    except (OSError, sqlite3.Error) as exc:
        src.close()
        reason = exc.strerror if isinstance(exc, OSError) else exc
        raise CommandError(f"Cannot write {output}: {reason}.") from exc
    try:
        src.isolation_level = None  # explicit BEGIN below, not Python's implicit transactions
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # pins the snapshot
        src.backup(dst, pages=pages)
        src.execute("COMMIT")
        # A single self-contained file: no -wal beside it to forget when copying it around.
        dst.execute("PRAGMA journal_mode=DELETE")
        problems = [row[0] for row in dst.execute("PRAGMA integrity_check")]
        page_count = dst.execute("PRAGMA page_count").fetchone()[0]
    except sqlite3.Error as exc:
        dst.close()
        partial.unlink(missing_ok=True)
        raise CommandError(f"Backup of {source} failed: {exc}.") from exc
    finally:
        src.close()
    dst.close()
    if problems != ["ok"]:
        partial.unlink(missing_ok=True)
        raise CommandError(f"The copy failed PRAGMA integrity_check: {'; '.join(problems[:5])}")
    partial.replace(output)
    return BackupResult(
        source=source,
        output=output,
        size=output.stat().st_size,
        pages=page_count,
        seconds=time.perf_counter() - started,
    )


def handle_backup(
    output: str | Path | None = None,
    alias: str = DEFAULT_DB_ALIAS,
    pages: int = PAGES_PER_STEP,
    *,
    create_dirs: bool = False,
) -> BackupResult:
    source = sqlite_source(alias)
    if not source.is_file():
        raise CommandError(f"The database file {source} does not exist; nothing to back up.")
    target = resolve_output(output, source, create_dirs=create_dirs)
    return backup_sqlite(source, target, pages=pages)


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to a consistent backup file while the app keeps running "
        "(SQLite's online backup API), then check the copy with PRAGMA integrity_check."
    )
    # A backup must work even when some unrelated system check fails (and must not connect first:
    # a mistyped DATABASE_URL would create an empty file that then gets "backed up").
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        # A string, not a Path: Path("/mnt/backup/") drops the slash that says "a directory".
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="File to write, or a directory (existing, or written with a trailing slash) to "
            "write devhub-YYYYmmdd-HHMMSS.sqlite3 into; default data/backups/.",
        )
        parser.add_argument(
            "--create-dirs",
            action="store_true",
            help="Create the --output directory if it does not exist (otherwise an error).",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)."
        )
        parser.add_argument(
            "--pages-per-step",
            type=int,
            default=PAGES_PER_STEP,
            help=f"Database pages copied per step (default {PAGES_PER_STEP}).",
        )

    def handle(
        self,
        *args,
        output: str | Path | None,
        database: str,
        pages_per_step: int,
        create_dirs: bool,
        **options,
    ) -> None:
        if pages_per_step < 1:
            raise CommandError("--pages-per-step must be at least 1.")
        result = handle_backup(output, database, pages_per_step, create_dirs=create_dirs)
        if options["verbosity"] >= 1:
            self.stdout.write(result.summary())
        else:
            self.stdout.write(str(result.output))
