"""Start-up as an operator sees it: `manage.py` in a fresh process, set up by the environment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "EMAIL_URL",
    "TIME_ZONE",
    "SECURE_COOKIES",
    "HTTPS",
    "TRUST_X_FORWARDED_PROTO",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "CACHE_URL",
    "TRUSTED_PROXIES",
    "SIGNUP_RATE_PER_IP",
    "PASSWORD_RESET_RATE_PER_IP",
    "PASSWORD_RESET_RATE_PER_EMAIL",
    "SIGNUP",
    "LOGIN_USERNAME_FAILURE_LIMIT",
    "LOGIN_USERNAME_WINDOW_MINUTES",
    "LOGIN_USERNAME_MAX_DELAY_MINUTES",
    "DJANGO_SETTINGS_MODULE",
    # Set by the browser tests' conftest for Playwright; an operator's shell never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]

SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "PASSWORD_HASHERS": settings.PASSWORD_HASHERS,
    "DATABASE": {k: str(v) if k == "NAME" else v for k, v in settings.DATABASES["default"].items()
                 if k in ("ENGINE", "NAME", "OPTIONS")},
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "AXES_FAILURE_LIMIT": settings.AXES_FAILURE_LIMIT,
}))
"""


def manage(tmp_path: Path, *args: str, **environment: str) -> subprocess.CompletedProcess:
    """Run manage.py with only DATA_DIR and the given variables set among the project's settings."""
    child_env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    child_env["DATA_DIR"] = str(tmp_path / "data")
    child_env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def live_settings(tmp_path: Path, **environment: str) -> dict:
    result = manage(tmp_path, "shell", "--verbosity=0", "--command", SHOW_SETTINGS, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_passes_with_the_defaults_of_a_fresh_install(tmp_path):
    result = manage(tmp_path, "check")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert (tmp_path / "data" / "secret_key").is_file()


@pytest.mark.parametrize(
    ("variable", "environment"),
    [
        ("DEBUG", {"DEBUG": "maybe"}),
        ("TIME_ZONE", {"TIME_ZONE": "Nowhere/Land"}),
        ("DATABASE_URL", {"DATABASE_URL": "foo://x"}),
        ("SECRET_KEY", {"ALLOWED_HOSTS": "crm.example.com"}),
        ("SECRET_KEY", {"SECRET_KEY": "short"}),
        ("AXES_FAILURE_LIMIT", {"AXES_FAILURE_LIMIT": "0"}),
        ("EMAIL_URL", {"EMAIL_URL": "bogus://x"}),
        ("CACHE_URL", {"CACHE_URL": "bogus://x"}),
        ("TRUSTED_PROXIES", {"TRUSTED_PROXIES": "proxy.local"}),
        ("PASSWORD_RESET_RATE_PER_EMAIL", {"PASSWORD_RESET_RATE_PER_EMAIL": "3 an hour"}),
        ("SIGNUP", {"SIGNUP": "sometimes"}),
        ("LOGIN_USERNAME_FAILURE_LIMIT", {"LOGIN_USERNAME_FAILURE_LIMIT": "ten"}),
    ],
    ids=[
        "debug",
        "time-zone",
        "database-url",
        "public-host-without-key",
        "short-key",
        "axes",
        "email",
        "cache",
        "trusted-proxies",
        "rate",
        "signup",
        "username-limit",
    ],
)
def test_a_bad_setting_stops_start_up_and_names_the_variable(tmp_path, variable, environment):
    result = manage(tmp_path, "check", **environment)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]


def test_a_public_host_starts_with_a_secret_key_from_the_environment(tmp_path):
    result = manage(tmp_path, "check", ALLOWED_HOSTS="crm.example.com", SECRET_KEY="s" * 50)

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "data" / "secret_key").exists()


def test_production_defaults(tmp_path):
    live = live_settings(tmp_path)

    assert live["DEBUG"] is False
    assert live["SESSION_COOKIE_SECURE"] is False
    assert live["AXES_FAILURE_LIMIT"] == 5
    assert live["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    database = live["DATABASE"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "data" / "devhub.sqlite3")
    options = database["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    pragmas = options["init_command"].replace(" ", "").lower()
    assert "journal_mode=wal" in pragmas
    assert "synchronous=normal" in pragmas
    assert "foreign_keys=on" in pragmas


def test_environment_values_reach_the_settings(tmp_path):
    live = live_settings(tmp_path, DEBUG="on", SECURE_COOKIES="yes", AXES_FAILURE_LIMIT="3")

    assert live["DEBUG"] is True
    assert live["SESSION_COOKIE_SECURE"] is True
    assert live["AXES_FAILURE_LIMIT"] == 3


def test_argon2_is_the_production_hasher_in_the_settings_module():
    # conftest swaps django.conf.settings to MD5 for speed; the module is what production runs.
    from devhub import settings as production_settings

    assert production_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


# The settings docs/operations.md's "Production: check --deploy" section names, and nothing else.
PRODUCTION = {
    "DEBUG": "false",
    "HTTPS": "true",
    "EMAIL_URL": "smtp+tls://crm:secret@mail.example.com:587",
    "SECRET_KEY": "pY4-wK9_zQ2rN7vM1xT6bL3hG8dF5sA0jC-eU2iO9yR4tW7nB1",  # 50 characters
}


def test_the_documented_production_settings_pass_the_deploy_check(tmp_path):
    """`check --deploy` with exactly the documented settings: no error and no warning."""
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert len(PRODUCTION["SECRET_KEY"]) == 50
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_other_settings_change_nothing_in_the_deploy_check(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        ALLOWED_HOSTS="crm.example.com",
        TRUST_X_FORWARDED_PROTO="true",
        CACHE_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("changed", "reported"),
    [
        ({"DEBUG": "true"}, ["security.W018"]),
        ({"HTTPS": "false"}, ["security.W004", "security.W008", "security.W012", "security.W016"]),
        ({"HTTPS": "false", "SECURE_COOKIES": "true"}, ["security.W004", "security.W008"]),
        ({"EMAIL_URL": "consolemail://"}, ["mail.E001"]),
        ({"EMAIL_URL": "filemail:///tmp/devhub-mail"}, ["mail.E001"]),
        ({"SECRET_KEY": PRODUCTION["SECRET_KEY"][:49]}, ["security.W009"]),
        ({"SECRET_KEY": "abcd" * 16}, ["security.W009"]),  # 64 characters, only 4 different
        ({"SECRET_KEY": "django-insecure-" + PRODUCTION["SECRET_KEY"]}, ["security.W009"]),
    ],
    ids=[
        "debug",
        "no-https",
        "secure-cookies-only",
        "console-mail",
        "file-mail",
        "49-character-key",
        "repetitive-key",
        "insecure-key",
    ],
)
def test_each_documented_production_setting_is_needed(tmp_path, changed, reported):
    result = manage(tmp_path, "check", "--deploy", **(PRODUCTION | changed))

    found = sorted(set(re.findall(r"\((\w+\.[EW]\d+)\)", result.stdout + result.stderr)))
    assert found == reported
    # Only the mail check is an error: `check --deploy` then fails without --fail-level.
    assert (result.returncode != 0) == ("mail.E001" in reported)


def test_https_turns_on_hsts_redirects_and_secure_cookies(tmp_path):
    result = manage(
        tmp_path,
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_CROSS_ORIGIN_OPENER_POLICY)",
        HTTPS="true",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="crm.example.com",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-5:] == ["True", "31536000", "True", "True", "same-origin"]
