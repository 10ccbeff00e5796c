"""Strict readers for environment settings.

django-environ is lenient (``DEBUG=maybe`` silently means False); a self-hosted app should instead
refuse to start and say which variable is wrong.
"""

import ipaddress
import re
import secrets
import zoneinfo
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def strict_bool(env: environ.Env, name: str, *, default: bool) -> bool:
    raw = env.str(name, default=str(default)).strip().lower()
    if raw in TRUE_VALUES:
        return True
    if raw in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def positive_int(env: environ.Env, name: str, *, default: int) -> int:
    raw = env.str(name, default=str(default)).strip()
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ImproperlyConfigured(f"{name}={raw!r} must be a whole number of at least 1.")
    return value


def time_zone(env: environ.Env, name: str, *, default: str) -> str:
    value = env.str(name, default=default).strip()
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a known time zone (e.g. Europe/Berlin)."
        ) from exc
    return value


def choice(env: environ.Env, name: str, choices: tuple[str, ...], *, default: str) -> str:
    value = env.str(name, default=default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}.")
    return value


RATE = re.compile(r"(?P<count>[1-9][0-9]*)/(?P<multiplier>[1-9][0-9]*)?(?P<unit>[smhd])")


def rate(env: environ.Env, name: str, *, default: str) -> str:
    """A rate in django-ratelimit's spelling: 5/h, 20/m, 100/d, 3/15m (count/[n]unit)."""
    value = env.str(name, default=default).strip()
    if not RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate; use a count per period, e.g. 5/h, 20/m or 3/15m."
        )
    return value


def networks(env: environ.Env, name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """A comma-separated list of addresses and networks (10.0.0.1, 172.16.0.0/12, ::1)."""
    raw = env.str(name, default="")
    found = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            found.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or network (e.g. 10.0.0.1 or 10.0.0.0/8)."
            ) from exc
    return found


def secret_key(env: environ.Env, data_dir: Path, allowed_hosts: list[str]) -> str:
    """SECRET_KEY from the environment, or for a local-only install a key kept in data/.

    Serving any host other than localhost counts as production, where the key must come from the
    environment so it is managed (and rotated) like any other secret.
    """
    value = env.str("SECRET_KEY", default="").strip()
    if value:
        if len(value) < 32:
            raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")
        return value
    if not set(allowed_hosts) <= LOCAL_HOSTS:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when ALLOWED_HOSTS names a host other than localhost."
        )
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.touch(mode=0o600)  # private before the key is in it
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def database(env: environ.Env, data_dir: Path) -> dict:
    """DATABASE_URL, defaulting to a tuned SQLite file under data/."""
    default_url = f"sqlite:///{data_dir / 'devhub.sqlite3'}"
    url = env.str("DATABASE_URL", default=default_url)
    try:
        db = environ.Env.db_url_config(url)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not a supported database URL "
            "(use sqlite:///path/to/file.sqlite3 or postgres://user:pass@host:5432/name)."
        ) from exc
    if "." not in db.get("ENGINE", ""):
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no known database engine.")
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        db["OPTIONS"] = {
            # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers
            # wait on busy_timeout instead of failing with "database is locked" mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 10,  # busy_timeout, seconds
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=10000;"
            ),
        }
    return db


DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"
CACHE_TABLE = "devhub_cache"
# Rate-limit counts are one entry per address and minute: room for a busy day, not Django's 300.
CACHE_MAX_ENTRIES = 20_000


def cache(env: environ.Env) -> dict:
    """CACHE_URL, defaulting to a table in the database, so every process counts rate limits and
    log-in failures together.

    A database cache (the default, or `dbcache://table`) gets devhub.lib.cache's backend, whose
    increment stays exact when several processes count at once.
    """
    url = env.str("CACHE_URL", default=f"dbcache://{CACHE_TABLE}")
    try:
        conf = environ.Env.cache_url_config(url)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"CACHE_URL={url!r} is not a supported cache URL "
            "(use dbcache://table_name, redis://host:6379/0 or pymemcache://host:11211)."
        ) from exc
    if not conf.get("BACKEND"):
        raise ImproperlyConfigured(f"CACHE_URL={url!r} names no known cache backend.")
    if conf["BACKEND"] == DATABASE_CACHE:
        if not conf.get("LOCATION"):
            raise ImproperlyConfigured(f"CACHE_URL={url!r} names no table (dbcache://table_name).")
        conf["BACKEND"] = "devhub.lib.cache.DatabaseCache"
        conf["OPTIONS"] = {"MAX_ENTRIES": CACHE_MAX_ENTRIES, **conf.get("OPTIONS", {})}
    return conf


def mailers(env: environ.Env) -> dict:
    """Django 6.1's MAILERS setting built from one EMAIL_URL (console output by default)."""
    url = env.str("EMAIL_URL", default="consolemail://")
    try:
        conf = environ.Env.email_url_config(url)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"EMAIL_URL={url!r} is not a supported e-mail URL "
            "(use consolemail://, smtp+tls://user:pass@host:587 or smtp+ssl://user:pass@host:465)."
        ) from exc
    backend = conf.get("EMAIL_BACKEND")
    if not backend:
        raise ImproperlyConfigured(f"EMAIL_URL={url!r} names no known e-mail backend.")
    options = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": conf["EMAIL_HOST"],
            "port": conf["EMAIL_PORT"],
            "username": conf["EMAIL_HOST_USER"] or "",
            "password": conf["EMAIL_HOST_PASSWORD"] or "",
            "use_tls": conf.get("EMAIL_USE_TLS", False),
            "use_ssl": conf.get("EMAIL_USE_SSL", False),
            "timeout": 10,
        }
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": conf["EMAIL_FILE_PATH"]}
    return {"default": {"BACKEND": backend, "OPTIONS": options}}
