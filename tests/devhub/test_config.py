"""The strict environment readers behind devhub/settings.py, called on a patched os.environ."""

import ipaddress
import stat

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from devhub.lib import config

CONFIG_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "EMAIL_URL",
    "TIME_ZONE",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "CACHE_URL",
    "TRUSTED_PROXIES",
    "SIGNUP_RATE_PER_IP",
    "SIGNUP",
]
LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
GOOD_KEY = "k" * 40


@pytest.fixture
def env(monkeypatch) -> environ.Env:
    """An environ.Env over os.environ with every setting this project reads unset."""
    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return environ.Env()


# strict_bool


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("True", True),
        ("1", True),
        ("yes", True),
        ("on", True),
        (" ON ", True),
        ("false", False),
        ("FALSE", False),
        ("0", False),
        ("no", False),
        ("off", False),
    ],
)
def test_strict_bool_reads_the_usual_spellings(env, monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)

    assert config.strict_bool(env, "DEBUG", default=not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_strict_bool_falls_back_to_the_default_when_unset(env, default):
    assert config.strict_bool(env, "DEBUG", default=default) is default


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "enabled"])
def test_strict_bool_refuses_anything_else_and_names_the_variable(env, monkeypatch, raw):
    monkeypatch.setenv("SECURE_COOKIES", raw)

    with pytest.raises(ImproperlyConfigured, match=rf"SECURE_COOKIES='{raw}' is not a boolean"):
        config.strict_bool(env, "SECURE_COOKIES", default=False)


# positive_int


def test_positive_int_reads_a_whole_number(env, monkeypatch):
    monkeypatch.setenv("AXES_FAILURE_LIMIT", " 7 ")

    assert config.positive_int(env, "AXES_FAILURE_LIMIT", default=5) == 7


def test_positive_int_falls_back_to_the_default_when_unset(env):
    assert config.positive_int(env, "AXES_FAILURE_LIMIT", default=5) == 5


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "2.5", ""])
def test_positive_int_refuses_non_positive_and_non_numbers(env, monkeypatch, raw):
    monkeypatch.setenv("AXES_COOLOFF_MINUTES", raw)

    with pytest.raises(ImproperlyConfigured, match=r"AXES_COOLOFF_MINUTES=.* at least 1"):
        config.positive_int(env, "AXES_COOLOFF_MINUTES", default=15)


# time_zone


def test_time_zone_accepts_a_real_zone(env, monkeypatch):
    monkeypatch.setenv("TIME_ZONE", "Europe/Berlin")

    assert config.time_zone(env, "TIME_ZONE", default="UTC") == "Europe/Berlin"


def test_time_zone_defaults_when_unset(env):
    assert config.time_zone(env, "TIME_ZONE", default="UTC") == "UTC"


@pytest.mark.parametrize("raw", ["Mars/Olympus", "Nowhere/Land", "../etc/passwd"])
def test_time_zone_refuses_an_unknown_zone_and_names_the_variable(env, monkeypatch, raw):
    monkeypatch.setenv("TIME_ZONE", raw)

    with pytest.raises(ImproperlyConfigured, match=r"TIME_ZONE=.* is not a known time zone"):
        config.time_zone(env, "TIME_ZONE", default="UTC")


# secret_key


def test_secret_key_from_the_environment_wins(env, monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)

    assert config.secret_key(env, tmp_path, ["crm.example.com"]) == GOOD_KEY
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_refuses_a_short_key(env, monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "too-short")

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be at least 32 characters"):
        config.secret_key(env, tmp_path, LOCAL_HOSTS)


def test_secret_key_for_a_local_install_is_generated_once_and_kept_private(env, tmp_path):
    data_dir = tmp_path / "data"  # does not exist yet on a fresh checkout

    first = config.secret_key(env, data_dir, LOCAL_HOSTS)

    key_file = data_dir / "secret_key"
    assert key_file.read_text().strip() == first
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert config.secret_key(env, data_dir, LOCAL_HOSTS) == first


def test_secret_keys_differ_between_installs(env, tmp_path):
    one = config.secret_key(env, tmp_path / "one", LOCAL_HOSTS)
    two = config.secret_key(env, tmp_path / "two", LOCAL_HOSTS)

    assert one != two


@pytest.mark.parametrize("hosts", [["crm.example.com"], ["localhost", "crm.example.com"], ["*"]])
def test_secret_key_is_required_when_a_public_host_is_served(env, tmp_path, hosts):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        config.secret_key(env, tmp_path, hosts)

    assert not (tmp_path / "secret_key").exists()


# database


def test_database_defaults_to_a_tuned_sqlite_file_in_the_data_dir(env, tmp_path):
    data_dir = tmp_path / "data"

    db = config.database(env, data_dir)

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(data_dir / "devhub.sqlite3")
    assert data_dir.is_dir()
    options = db["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    pragmas = options["init_command"].replace(" ", "").lower()
    assert "journal_mode=wal" in pragmas
    assert "synchronous=normal" in pragmas
    assert "foreign_keys=on" in pragmas


def test_database_url_switches_to_postgres(env, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://crm:s%40cret@db.example.com:5432/devhub")

    db = config.database(env, tmp_path)

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("devhub", "crm", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.example.com", 5432)
    assert "transaction_mode" not in db.get("OPTIONS", {})


@pytest.mark.filterwarnings("ignore:Engine not recognized")
@pytest.mark.parametrize("url", ["foo://x", "nonsense"])
def test_database_url_without_a_known_engine_is_refused(env, monkeypatch, tmp_path, url):
    monkeypatch.setenv("DATABASE_URL", url)

    with pytest.raises(ImproperlyConfigured, match=f"DATABASE_URL='{url}'"):
        config.database(env, tmp_path)


# mailers


def test_mail_goes_to_the_console_by_default(env):
    assert config.mailers(env) == {
        "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}
    }


def test_smtp_tls_url_fills_the_smtp_options(env, monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://crm%40example.com:p%40ss@smtp.example.com:587")

    mailer = config.mailers(env)["default"]

    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    options = mailer["OPTIONS"]
    assert options["host"] == "smtp.example.com"
    assert options["port"] == 587
    assert options["username"] == "crm@example.com"
    assert options["password"] == "p@ss"
    assert options["use_tls"] is True
    assert not options["use_ssl"]


def test_smtp_without_credentials_uses_empty_strings(env, monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://mail.example.com:25")

    options = config.mailers(env)["default"]["OPTIONS"]

    assert (options["username"], options["password"]) == ("", "")
    assert not options["use_tls"]


def test_an_unknown_mail_url_is_refused(env, monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "bogus://x")

    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL='bogus://x'"):
        config.mailers(env)


# cache


def test_the_cache_defaults_to_a_database_table_with_exact_increments(env):
    assert config.cache(env) == {
        "BACKEND": "devhub.lib.cache.DatabaseCache",
        "LOCATION": "devhub_cache",
        "OPTIONS": {"MAX_ENTRIES": config.CACHE_MAX_ENTRIES},
    }


def test_a_database_cache_url_gets_the_exact_backend_and_keeps_its_options(env, monkeypatch):
    monkeypatch.setenv("CACHE_URL", "dbcache://my_cache?max_entries=500")

    assert config.cache(env) == {
        "BACKEND": "devhub.lib.cache.DatabaseCache",
        "LOCATION": "my_cache",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }


def test_cache_url_still_chooses_another_cache(env, monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://cache.internal:6379/1")

    assert config.cache(env) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }


@pytest.mark.parametrize("url", ["bogus://x", "dbcache://", ""])
def test_a_bad_cache_url_is_refused_and_named(env, monkeypatch, url):
    monkeypatch.setenv("CACHE_URL", url)

    with pytest.raises(ImproperlyConfigured, match="CACHE_URL="):
        config.cache(env)


# networks (TRUSTED_PROXIES)


def test_networks_default_to_none(env):
    assert config.networks(env, "TRUSTED_PROXIES") == []


def test_networks_read_addresses_and_networks_of_both_families(env, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", " 10.0.0.5, 172.16.0.0/12,,::1 ")

    assert config.networks(env, "TRUSTED_PROXIES") == [
        ipaddress.ip_network("10.0.0.5/32"),
        ipaddress.ip_network("172.16.0.0/12"),
        ipaddress.ip_network("::1/128"),
    ]


@pytest.mark.parametrize("raw", ["proxy.local", "10.0.0.0/33", "1"])
def test_networks_refuse_anything_else_and_name_the_variable(env, monkeypatch, raw):
    monkeypatch.setenv("TRUSTED_PROXIES", raw)

    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        config.networks(env, "TRUSTED_PROXIES")


# rate


@pytest.mark.parametrize("raw", ["5/h", "20/m", "100/d", "3/15m", " 1/s "])
def test_rate_reads_django_ratelimit_rates(env, monkeypatch, raw):
    monkeypatch.setenv("SIGNUP_RATE_PER_IP", raw)

    assert config.rate(env, "SIGNUP_RATE_PER_IP", default="5/h") == raw.strip()


def test_rate_falls_back_to_the_default(env):
    assert config.rate(env, "SIGNUP_RATE_PER_IP", default="5/h") == "5/h"


@pytest.mark.parametrize("raw", ["5", "0/h", "5/hour", "5/0m", "-1/m", "five/h", ""])
def test_rate_refuses_anything_else_and_names_the_variable(env, monkeypatch, raw):
    monkeypatch.setenv("SIGNUP_RATE_PER_IP", raw)

    with pytest.raises(ImproperlyConfigured, match="SIGNUP_RATE_PER_IP"):
        config.rate(env, "SIGNUP_RATE_PER_IP", default="5/h")


# choice (SIGNUP)


def test_choice_reads_one_of_the_choices_in_any_case(env, monkeypatch):
    monkeypatch.setenv("SIGNUP", " Closed ")

    assert config.choice(env, "SIGNUP", ("open", "closed"), default="open") == "closed"


def test_choice_falls_back_to_the_default(env):
    assert config.choice(env, "SIGNUP", ("open", "closed"), default="open") == "open"


def test_choice_refuses_anything_else_and_lists_the_choices(env, monkeypatch):
    monkeypatch.setenv("SIGNUP", "sometimes")

    with pytest.raises(
        ImproperlyConfigured, match="SIGNUP='sometimes' must be one of: open, closed"
    ):
        config.choice(env, "SIGNUP", ("open", "closed"), default="open")
