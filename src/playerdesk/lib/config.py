"""Reading configuration from the environment, strictly.

Settings import this module; it must not import Django models.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    """Read a boolean variable; anything but a clear yes or no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def home_dir() -> Path:
    """The folder for the embedded database, the generated secret and uploaded files."""
    raw = os.environ.get("PLAYERDESK_HOME")
    path = Path(raw) if raw else Path.home() / ".local" / "share" / "playerdesk"
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(*, production: bool, home: Path) -> str:
    """The secret from PLAYERDESK_SECRET_KEY, or one generated once and kept in the home folder.

    In production a missing secret is an error: several machines must share one secret, so a
    generated one would silently break sessions and signed tokens.
    """
    value = os.environ.get("PLAYERDESK_SECRET_KEY", "").strip()
    if value:
        if production and len(value) < 32:
            raise ImproperlyConfigured("PLAYERDESK_SECRET_KEY must be at least 32 characters")
        return value
    if production:
        raise ImproperlyConfigured(
            "PLAYERDESK_SECRET_KEY is not set; it is required when PLAYERDESK_ENV=production"
        )
    return _generated_once(home / "secret_key", secrets.token_urlsafe(50))


def _generated_once(path: Path, make: str) -> str:
    if path.exists():
        return path.read_text().strip()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(make)
    return make


def vault_keys(*, production: bool, home: Path) -> dict[str, bytes]:
    """The document vault's keys from PLAYERDESK_VAULT_KEYS ("id:base64,id:base64", the first
    encrypts new files), in order. Outside production, without the variable, one key is made
    once and kept in the home folder so that the demo and development work."""
    raw = os.environ.get("PLAYERDESK_VAULT_KEYS", "").strip()
    if not raw:
        if production:
            raise ImproperlyConfigured(
                "PLAYERDESK_VAULT_KEYS is not set; it is required when PLAYERDESK_ENV=production "
                "(e.g. PLAYERDESK_VAULT_KEYS=k1:$(openssl rand -base64 32))"
            )
        raw = "local:" + _generated_once(
            home / "vault_key", base64.b64encode(secrets.token_bytes(32)).decode()
        )
    return parse_vault_keys(raw)


def parse_vault_keys(raw: str) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        key_id, sep, encoded = item.partition(":")
        key_id = key_id.strip()
        if not sep or not key_id or len(key_id) > 32 or not key_id.replace("-", "").isalnum():
            raise ImproperlyConfigured(
                "PLAYERDESK_VAULT_KEYS entries are id:base64key with an id of letters, digits "
                f"and dashes, not {item[:12]!r}..."
            )
        try:
            key = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise ImproperlyConfigured(
                f"PLAYERDESK_VAULT_KEYS: the key {key_id!r} is not base64"
            ) from None
        if len(key) != 32:
            raise ImproperlyConfigured(
                f"PLAYERDESK_VAULT_KEYS: the key {key_id!r} has {len(key)} bytes; it needs 32"
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"PLAYERDESK_VAULT_KEYS: the id {key_id!r} appears twice")
        keys[key_id] = key
    if not keys:
        raise ImproperlyConfigured("PLAYERDESK_VAULT_KEYS holds no key")
    return keys


def vault_storage(home: Path) -> dict[str, object]:
    """Where encrypted documents are kept: a folder of the home by default, or an S3-compatible
    bucket (django-storages) when PLAYERDESK_VAULT_S3_BUCKET is set."""
    bucket = os.environ.get("PLAYERDESK_VAULT_S3_BUCKET", "").strip()
    if bucket:
        options: dict[str, object] = {"bucket_name": bucket, "default_acl": "private"}
        endpoint = os.environ.get("PLAYERDESK_VAULT_S3_ENDPOINT", "").strip()
        if endpoint:
            options["endpoint_url"] = endpoint
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(home / "vault"),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }


def platform_secrets(raw: str) -> dict[str, str]:
    """Brand slug -> secret shared with its platform, from "slug:secret,slug:secret"."""
    result: dict[str, str] = {}
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        slug, sep, secret = item.partition(":")
        if not sep or not slug.strip() or len(secret.strip()) < 16:
            raise ImproperlyConfigured(
                "PLAYERDESK_PLATFORM_SECRETS entries are slug:secret with a secret of at least "
                "16 characters"
            )
        result[slug.strip()] = secret.strip()
    return result


def email_settings(url: str, home: Path) -> dict[str, object]:
    """Django's email settings from ``PLAYERDESK_EMAIL_URL``; empty: files in ``home/outbox``.

    ``smtp://user:password@host:25`` (plain, or STARTTLS with ``?tls=1``),
    ``smtp+tls://...:587`` (STARTTLS), ``smtps://...:465`` (TLS from the start),
    ``file:///path/to/folder`` (one file a message), ``console:`` (printed).
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(home / "outbox"),
        }
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "file":
        if not parts.path:
            raise ImproperlyConfigured("PLAYERDESK_EMAIL_URL file:// needs a folder")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if scheme not in {"smtp", "smtp+tls", "smtps", "smtp+ssl"}:
        raise ImproperlyConfigured(
            "PLAYERDESK_EMAIL_URL must start with smtp://, smtp+tls://, smtps://, file:// or "
            f"console:, not {scheme or url!r}"
        )
    if not parts.hostname:
        raise ImproperlyConfigured("PLAYERDESK_EMAIL_URL names no mail server")
    query = {k.lower(): v[-1].lower() for k, v in parse_qs(parts.query).items()}
    ssl = scheme in {"smtps", "smtp+ssl"}
    tls = scheme == "smtp+tls" or query.get("tls") in {"1", "true", "yes"}
    try:
        port = parts.port or (465 if ssl else 587 if tls else 25)
    except ValueError:
        raise ImproperlyConfigured("PLAYERDESK_EMAIL_URL has a port that is not a number") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
    }
