"""Hardening tests run the real thing: manage.py commands and gunicorn as subprocesses over a
temporary SQLite file, the way the app runs in production (not pytest-django's test database).

`site` is one such installation: a DATA_DIR in tmp_path whose database is a copy of a database
migrated once per session, plus helpers to run manage.py, helper scripts and plain SQL on it.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from search import engines

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SECRET_KEY = "hardening-tests-secret-key-0123456789abcdefghij"
USERS, CONTACTS_PER_USER = 20, 250
# The app's own settings variables: whatever the calling shell has set (HTTPS=true, a
# PostgreSQL DATABASE_URL, ...) must not leak into the site under test.
APP_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DATA_DIR",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "SITE_URL",
    "TIME_ZONE",
    "HTTPS",
    "TRUST_X_FORWARDED_PROTO",
    "SECURE_COOKIES",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "LOG_LEVEL",
    "CACHE_URL",
    "GITHUB_API_URL",
    "TRUSTED_PROXIES",
    "SIGNUP_RATE_PER_IP",
    "PASSWORD_RESET_RATE_PER_IP",
    "PASSWORD_RESET_RATE_PER_EMAIL",
    "SIGNUP",
    "LOGIN_USERNAME_FAILURE_LIMIT",
    "LOGIN_USERNAME_WINDOW_MINUTES",
    "LOGIN_USERNAME_MAX_DELAY_MINUTES",
}


@dataclass
class Site:
    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / "devhub.sqlite3"

    @property
    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in APP_VARIABLES and not k.startswith("DJANGO_")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="tests.hardening.settings",
            DATA_DIR=str(self.data_dir),
            DATABASE_URL=f"sqlite:///{self.db}",
            SECRET_KEY=SECRET_KEY,
            DEBUG="false",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(BASE_DIR),
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args: str, env: dict | None = None, check: bool = True, timeout=120):
        """Run manage.py to completion; a failure shows its output in the test report."""
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
        return result

    def script(self, *args: str, timeout=120) -> str:
        """Run one of tests/hardening/scripts.py's commands; returns its stdout."""
        result = subprocess.run(
            [PYTHON, "-m", "tests.hardening.scripts", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            pytest.fail(f"scripts {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
        return result.stdout

    def popen(self, args: list[str], env: dict | None = None, **kwargs) -> subprocess.Popen:
        return subprocess.Popen(args, cwd=BASE_DIR, env={**self.env, **(env or {})}, **kwargs)

    def sql(self, query: str, params=()) -> list[tuple]:
        with sqlite3.connect(self.db, timeout=10) as conn:
            return conn.execute(query, params).fetchall()

    def scalar(self, query: str, params=()):
        return self.sql(query, params)[0][0]


def integrity(db: Path) -> list[str]:
    conn = sqlite3.connect(db, timeout=10)
    engines.add_functions(conn)  # as the application's connections have
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def checkpoint(db: Path) -> None:
    """Fold the WAL into the main file, so copying the one file copies everything."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def copy_database(source: Path, target: Path) -> None:
    checkpoint(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path:
    """A database with every migration applied, made once and copied for each test."""
    template = Site(tmp_path_factory.mktemp("migrated"))
    template.manage("migrate", "--no-input", "--verbosity", "0")
    checkpoint(template.db)
    return template.db


@pytest.fixture
def site(tmp_path, migrated_db) -> Site:
    site = Site(tmp_path / "data")
    copy_database(migrated_db, site.db)
    return site


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, migrated_db) -> Path:
    """20 demo users x 250 contacts (5,000 in all, ~6 MB), seeded once with seed_demo.

    Big enough that refresh_statuses holds its transaction long enough to be killed inside it,
    send_reminders has 20 digests to send, and a backup takes several steps.
    """
    seeded = Site(tmp_path_factory.mktemp("seeded"))
    copy_database(migrated_db, seeded.db)
    seeded.manage(
        "seed_demo",
        f"--users={USERS}",
        f"--contacts-per-user={CONTACTS_PER_USER}",
        "--interactions-per-contact=1",
        "--seed=3",
        "--password=fault-test-password",
        "--verbosity=0",
        timeout=300,
    )
    seeded.sql("UPDATE accounts_user SET digest_enabled = 1")
    checkpoint(seeded.db)
    return seeded.db


@pytest.fixture
def seeded(tmp_path, seeded_db) -> Site:
    site = Site(tmp_path / "data")
    copy_database(seeded_db, site.db)
    return site
