"""DevHub CRM settings: one file, configured from the environment (django-environ).

Every value has a safe local default so `make run` works on a fresh machine; anything invalid stops
start-up with an ImproperlyConfigured message naming the variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP

from devhub.lib import config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "data")))

DEBUG = config.strict_bool(env, "DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SECRET_KEY = config.secret_key(env, DATA_DIR, ALLOWED_HOSTS)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "security.apps.LoggedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    # django-ninja: the API (api/), and the vendored Swagger UI files its docs page uses.
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "devhub",
    "accounts",
    "contacts",
    "interactions",
    "resources",
    "reminders",
    "vip",
    "quickconnect",
    "opportunities",
    "projects",
    "collaborations",
    "search",
    "embeddings",
    "suggestions",
    "network",
    "pwa",
    "push",
    "dashboard",
    "imports",
    "exports",
    "duplicates",
    "jobs",
    "security",
    "twofactor",
    "api",
    "webhooks",
    "simple_history",
    "history",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.UserTimeZoneMiddleware",
    "security.middleware.LastSeenMiddleware",
    "twofactor.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "devhub.middleware.DatabaseBusyMiddleware",
    "accounts.middleware.LoginPausedMiddleware",
    # The user a change is recorded for in the history of records (history/).
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes must come last so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "devhub.urls"
WSGI_APPLICATION = "devhub.wsgi.application"
ASGI_APPLICATION = "devhub.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "devhub.lib.template_loaders.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reminders.context_processors.refresh_warning",
                "quickconnect.context_processors.notifications",
                "accounts.context_processors.signup",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL switches engines (e.g. postgres://...).
DATABASES = {"default": config.database(env, DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend refuses logins while a username/IP pair is locked out;
    # LoginLimitBackend is ModelBackend behind the per-username limit.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.LoginLimitBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Reverse proxies whose X-Forwarded-For is believed, as addresses or networks; none by default,
# so a forwarded address from anyone else is ignored. devhub.lib.client_ip applies it for the rate
# limits, the log-in lock-out and the logs.
TRUSTED_PROXIES = config.networks(env, "TRUSTED_PROXIES")
RATELIMIT_IP_META_KEY = "devhub.lib.client_ip.client_ip"
AXES_CLIENT_IP_CALLABLE = "devhub.lib.client_ip.client_ip"

# Login throttling (django-axes): a username + IP pair is locked out after repeated failures.
AXES_FAILURE_LIMIT = config.positive_int(env, "AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=config.positive_int(env, "AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False

# Days the security log (security.Event) is kept; `manage.py prune_security` drops older events.
SECURITY_LOG_DAYS = config.positive_int(env, "SECURITY_LOG_DAYS", default=365)

# Who may create an account: anyone ("open"), nobody ("closed") or whoever has an invitation
# link from a user ("invite"). The first account of an install can always be created.
SIGNUP = config.choice(env, "SIGNUP", ("open", "closed", "invite"), default="open")

# The per-username limit (accounts.login_limit): after this many failed log-ins for one account
# from any addresses, addresses it was never used from wait 1 minute, doubling per further failure
# up to the maximum; a run of failures ends after a window without any.
LOGIN_USERNAME_FAILURE_LIMIT = config.positive_int(env, "LOGIN_USERNAME_FAILURE_LIMIT", default=10)
LOGIN_USERNAME_WINDOW_MINUTES = config.positive_int(
    env, "LOGIN_USERNAME_WINDOW_MINUTES", default=60
)
LOGIN_USERNAME_MAX_DELAY_MINUTES = config.positive_int(
    env, "LOGIN_USERNAME_MAX_DELAY_MINUTES", default=60
)

# The public account forms, counted per client address (and per e-mail address) in the cache:
# accounts created, and password-reset e-mails asked for (django-ratelimit's "count/period").
SIGNUP_RATE_PER_IP = config.rate(env, "SIGNUP_RATE_PER_IP", default="5/h")
PASSWORD_RESET_RATE_PER_IP = config.rate(env, "PASSWORD_RESET_RATE_PER_IP", default="10/h")
PASSWORD_RESET_RATE_PER_EMAIL = config.rate(env, "PASSWORD_RESET_RATE_PER_EMAIL", default="3/h")
# API requests per personal access token (api/), counted in the same cache.
API_RATE_PER_TOKEN = config.rate(env, "API_RATE_PER_TOKEN", default="300/m")

# Two-factor log-in (twofactor/). REQUIRE_TWO_FACTOR=true: every user must set up an authenticator
# app or a passkey; until they do, every page sends them to the set-up page. WEBAUTHN_RP_ID: the
# domain passkeys are bound to; by default the host the site is reached at (set it when the
# site answers on several names, e.g. crm.example.com).
REQUIRE_TWO_FACTOR = config.strict_bool(env, "REQUIRE_TWO_FACTOR", default=False)
WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default="")
OTP_TOTP_ISSUER = "DevHub CRM"

LANGUAGE_CODE = "en-us"
TIME_ZONE = config.time_zone(env, "TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MAILERS = config.mailers(env)
# Rate limits and GitHub look-ups are cached in a database table (created by `migrate`), so
# every worker process counts together; CACHE_URL (e.g. redis://) puts them elsewhere.
CACHES = {"default": config.cache(env)}
RATELIMIT_USE_CACHE = "default"
# Quick Connect's "Fill from GitHub"; tests point it at a local stub server.
# Days the history of changes is kept; `manage.py prune_history` deletes older rows.
HISTORY_DAYS = config.positive_int(env, "HISTORY_DAYS", default=365)

GITHUB_API_URL = env.str("GITHUB_API_URL", default="https://api.github.com")

# Absolute links in e-mails (the digest) point here.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="DevHub CRM <devhub@localhost>")

# Push reminders (Web Push with VAPID, through pywebpush). Without keys here, a pair is made on
# first use and kept in the database. The subject defaults to DEFAULT_FROM_EMAIL as a mailto:.
VAPID_PRIVATE_KEY = env.str("VAPID_PRIVATE_KEY", default="")
VAPID_PUBLIC_KEY = env.str("VAPID_PUBLIC_KEY", default="")
VAPID_SUBJECT = env.str("VAPID_SUBJECT", default="")
# Due reminders are pushed from this hour of each user's own day (0-23), not at midnight.
PUSH_FROM_HOUR = int(config.choice(env, "PUSH_FROM_HOUR", tuple(map(str, range(24))), default="8"))

# Webhooks are never sent to an address that resolves to a private, loopback, link-local or
# reserved address (this server's own network, a cloud metadata service), checked when a hook
# is saved and again when it is sent. WEBHOOKS_ALLOW_PRIVATE=true allows them, for receivers on
# the same machine or network as a self-hosted install (and for the tests' local receiver).
WEBHOOKS_ALLOW_PRIVATE = config.strict_bool(env, "WEBHOOKS_ALLOW_PRIVATE", default=False)

# Search by meaning and suggestions use a small embedding model bundled with the app (nothing
# leaves the machine); EMBEDDINGS=false switches them off everywhere.
EMBEDDINGS = config.strict_bool(env, "EMBEDDINGS", default=True)

# Strict Content Security Policy: only this site's own files, no inline script or style
# (behaviour lives in static/js/, htmx's indicator styles are switched off in base.html).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS=true: the site is served only over HTTPS (production): secure cookies, redirects to
# https, and HSTS for a year. TRUST_X_FORWARDED_PROTO=true behind a TLS-terminating proxy.
HTTPS = config.strict_bool(env, "HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS or config.strict_bool(env, "SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if config.strict_bool(env, "TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

FORM_RENDERER = "devhub.lib.forms.FormRenderer"

CONTACTS_PER_PAGE = 25
INTERACTIONS_PER_PAGE = 25
