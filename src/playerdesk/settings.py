"""playerdesk settings: everything that varies comes from the environment (see README)."""

from __future__ import annotations

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from playerdesk.lib.config import (
    email_settings,
    envbool,
    envint,
    home_dir,
    platform_secrets,
    secret_key,
    vault_keys,
    vault_storage,
)

BASE_DIR = Path(__file__).resolve().parent
PLAYERDESK_ENV = os.environ.get("PLAYERDESK_ENV", "development").strip().lower()
if PLAYERDESK_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"PLAYERDESK_ENV must be development, production or test, not {PLAYERDESK_ENV!r}"
    )
PRODUCTION = PLAYERDESK_ENV == "production"
HOME = home_dir()

DEBUG = envbool("PLAYERDESK_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("PLAYERDESK_DEBUG must be off when PLAYERDESK_ENV=production")

SECRET_KEY = secret_key(production=PRODUCTION, home=HOME)

_hosts = os.environ.get("PLAYERDESK_ALLOWED_HOSTS", "")
ALLOWED_HOSTS = [h.strip() for h in _hosts.split(",") if h.strip()] or (
    [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "PLAYERDESK_ALLOWED_HOSTS is not set; it is required when PLAYERDESK_ENV=production"
    )
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("PLAYERDESK_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# --- database ---------------------------------------------------------------------------------
_database_url = os.environ.get("DATABASE_URL", "").strip()
if PRODUCTION and not _database_url:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set; it is required when PLAYERDESK_ENV=production"
    )
if _database_url:
    if _database_url.split(":", 1)[0] not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            "DATABASE_URL must start with sqlite:// or postgres:// (PostgreSQL 15 or newer)"
        )
    try:
        _db = environ.Env.db_url_config(_database_url)
    except Exception as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    if not _db.get("ENGINE"):
        raise ImproperlyConfigured("DATABASE_URL names an unknown database kind")
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(HOME / "playerdesk.sqlite3")}

if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db.setdefault("OPTIONS", {}).update(
        {
            # IMMEDIATE: a write transaction takes the lock at BEGIN, so concurrent writers wait
            # (busy timeout) instead of failing with "database is locked" on upgrade.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
    # HTTP runs on a fixed pool of threads (server/bridge.py): each keeps its connection.
    _db["CONN_MAX_AGE"] = None
    _db.setdefault("TEST", {})["NAME"] = os.environ.get("PLAYERDESK_TEST_SQLITE") or None
elif _db["ENGINE"].endswith("postgresql"):
    # A connection pool per process (psycopg_pool): under ASGI each request runs in its own
    # thread, so Django's persistent connections would pile up; the pool hands them back.
    _db["CONN_MAX_AGE"] = 0
    _db.setdefault("OPTIONS", {})["pool"] = {
        "min_size": envint("PLAYERDESK_DB_POOL_MIN", 2),
        "max_size": envint("PLAYERDESK_DB_POOL_MAX", 20),
        "timeout": 10,
    }
    # Parameters travel apart from the SQL (bench/ticket_intake: about 6% less CPU).
    _db["OPTIONS"]["server_side_binding"] = True
    # Compiling a query to machine code pays for reports that run for seconds, not for the
    # desk's short queries, where it only adds tens of milliseconds when a plan looks costly.
    _db["OPTIONS"].setdefault("options", "-c jit=off")
DATABASES = {"default": _db}
# Statements are not prepared (Django's default): a prepared statement may come to run on a plan
# made without its values, and search's best plan depends on the words. The one statement run
# all day whose plan does not, the claim of "Next ticket", is prepared by the code that runs it
# (lib/db.py). Off behind a pooler that cannot keep prepared statements (PgBouncer in
# transaction mode).
PLAYERDESK_DB_PREPARE = envbool("PLAYERDESK_DB_PREPARE", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve PostgreSQL; SQLite builds the same index without the carried
# columns, which is all the embedded mode needs (docs/lists.md).
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- applications -----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "playerdesk.server",
    "playerdesk.realtime",
    "playerdesk.brands",
    "playerdesk.people",
    "playerdesk.routing",
    "playerdesk.sla",
    "playerdesk.tickets",
    "playerdesk.search",
    "playerdesk.triage",
    "playerdesk.kyc",
    "playerdesk.mail",
    "playerdesk.chat",
    "playerdesk.api",
    "playerdesk.console",
    "playerdesk.portal",
    "playerdesk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "playerdesk.urls"
ASGI_APPLICATION = "playerdesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:queue"
LOGOUT_REDIRECT_URL = "console:login"

# --- languages and time -----------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/Toronto"
USE_TZ = True

# --- static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Identity documents, encrypted (kyc/vault.py). Never served at a URL: only the desk's
    # views read it, for an officer, and log it.
    "vault": vault_storage(HOME),
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = HOME / "media"

# --- real time and background work ------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "playerdesk"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "playerdesk.realtime.layers.LocalChannelLayer"}}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Periodic work: (dotted path of a task, seconds between runs). The worker enqueues each one.
PLAYERDESK_PERIODIC_TASKS = [
    ("playerdesk.tickets.tasks.close_resolved_tickets", 300),
    ("playerdesk.tickets.tasks.sweep_response_targets", 30),
    ("playerdesk.kyc.tasks.deliver_webhooks", 30),
    ("playerdesk.kyc.tasks.expire_cases", 3600),
    ("playerdesk.kyc.tasks.purge_documents", 3600),
    ("playerdesk.mail.tasks.send_mail", 10),
    ("playerdesk.mail.tasks.poll_mailboxes", envint("PLAYERDESK_IMAP_POLL_SECONDS", 60)),
]

# The chat benchmark's baseline: a WebSocket that echoes (never in production).
PLAYERDESK_ECHO_SOCKET = envbool("PLAYERDESK_ECHO_SOCKET", default=False) and not PRODUCTION

# --- email out ----------------------------------------------------------------------------------
# PLAYERDESK_EMAIL_URL (lib/config.email_settings): smtp+tls://user:password@host:587,
# smtps://...:465, smtp://host:25. Unset outside production: mail is written as files to
# PLAYERDESK_HOME/outbox.
_email_url = os.environ.get("PLAYERDESK_EMAIL_URL", "").strip()
if PRODUCTION and not _email_url:
    raise ImproperlyConfigured(
        "PLAYERDESK_EMAIL_URL is not set; it is required when PLAYERDESK_ENV=production "
        "(for example smtp+tls://user:password@mail.example.com:587)"
    )
globals().update(email_settings(_email_url, HOME))
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("PLAYERDESK_DEFAULT_FROM_EMAIL", "support@playerdesk.invalid")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("PLAYERDESK_HSTS_SECONDS", 0)

# --- playerdesk -------------------------------------------------------------------------------
# Hours after which a resolved ticket closes by itself when the player does not answer.
PLAYERDESK_AUTO_CLOSE_HOURS = envint("PLAYERDESK_AUTO_CLOSE_HOURS", 72)
# Automatic triage of players' text at intake (docs/triage.md). Off: a ticket without a chosen
# category is "general" on the frontline team, as before.
PLAYERDESK_TRIAGE = envbool("PLAYERDESK_TRIAGE", default=True)
# Key for the permutation that turns ticket numbers into reference codes. Defaults to one
# derived from SECRET_KEY; set it explicitly so that rotating SECRET_KEY keeps codes stable.
PLAYERDESK_REFERENCE_KEY = os.environ.get("PLAYERDESK_REFERENCE_KEY", "") or SECRET_KEY
PLAYERDESK_API_PAGE_SIZE = 50
# Keys that encrypt identity documents: "id:base64 of 32 bytes", comma-separated, the first
# encrypts new files, the others still read old ones (docs/kyc.md). Required in production.
PLAYERDESK_VAULT_KEYS = vault_keys(production=PRODUCTION, home=HOME)
# Read the machine-readable zone of uploaded IDs with Tesseract when it is installed.
PLAYERDESK_KYC_OCR = envbool("PLAYERDESK_KYC_OCR", default=True)
# Each brand's secret shared with its platform: member-area tokens and webhook signatures.
# "slug:secret", comma-separated. Outside production a brand without one gets a secret derived
# from SECRET_KEY, so the demo works; in production a brand without one has neither.
PLAYERDESK_PLATFORM_SECRETS = platform_secrets(os.environ.get("PLAYERDESK_PLATFORM_SECRETS", ""))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PLAYERDESK_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_tasks_db": {"level": "WARNING"},
        "uvicorn.access": {"level": "WARNING"},
        "mail.log": {"level": "WARNING"},  # aiosmtpd: a line per connection otherwise
    },
}
