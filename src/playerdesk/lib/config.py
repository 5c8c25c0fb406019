"""Reading configuration from the environment, strictly.

Settings import this module; it must not import Django models.
"""

from __future__ import annotations

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
    path = home / "secret_key"
    if path.exists():
        return path.read_text().strip()
    generated = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(generated)
    return generated
