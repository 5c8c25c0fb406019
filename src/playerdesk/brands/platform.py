"""What a brand shares with its casino platform: a secret, from the environment.

With it the platform signs the member-area token that identifies a player to the desk, and the
desk signs the webhooks it sends to the platform.

Member-area token: ``PLAYER_ID:EXPIRY:SIGNATURE`` where EXPIRY is a Unix time in seconds and
SIGNATURE is the lower-case hex HMAC-SHA256 of ``PLAYER_ID:EXPIRY`` under the brand's secret.
Webhook: header ``X-Playerdesk-Signature: t=TIMESTAMP,v1=HEX`` where HEX is the HMAC-SHA256 of
``TIMESTAMP.BODY``.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# A token valid for longer than this is refused: the platform makes short-lived ones.
MAX_TOKEN_LIFETIME = 24 * 3600


class TokenError(Exception):
    """The token cannot identify anyone; ``str()`` is a sentence for the player."""

    def __init__(self, code: str, message: object) -> None:
        super().__init__(code)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def secret_for(slug: str) -> str | None:
    """The brand's platform secret, or None when it has none."""
    configured = settings.PLAYERDESK_PLATFORM_SECRETS.get(slug)
    if configured:
        return configured
    if settings.PRODUCTION:
        return None
    # Development and the demo: a secret derived from the installation's own.
    return hmac.new(settings.SECRET_KEY.encode(), f"platform:{slug}".encode(), "sha256").hexdigest()


def _sign(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def make_token(slug: str, player_id: str, *, lifetime: int = 3600, now: float | None = None) -> str:
    """A member-area token, as the platform makes it (the demo and tests use this)."""
    secret = secret_for(slug)
    if secret is None:
        raise TokenError("no_secret", _("This brand has no platform secret."))
    expiry = int((now if now is not None else time.time()) + lifetime)
    payload = f"{player_id}:{expiry}"
    return f"{payload}:{_sign(secret, payload)}"


@dataclass(frozen=True)
class Identity:
    player_id: str
    expires_at: int


def read_token(slug: str, token: str, *, now: float | None = None) -> Identity:
    """The player a member-area token names; raises TokenError if forged, expired or malformed."""
    secret = secret_for(slug)
    if secret is None:
        raise TokenError("no_secret", _("Sign-in from the member area is not set up."))
    parts = (token or "").strip().rsplit(":", 2)
    if len(parts) != 3 or not parts[0] or not parts[1].isdigit():
        raise TokenError(
            "malformed", _("This sign-in link is not valid. Open it again from your account.")
        )
    player_id, expiry, signature = parts
    if not hmac.compare_digest(_sign(secret, f"{player_id}:{expiry}"), signature.lower()):
        raise TokenError(
            "forged", _("This sign-in link is not valid. Open it again from your account.")
        )
    current = now if now is not None else time.time()
    if int(expiry) < current:
        raise TokenError(
            "expired", _("This sign-in link has expired. Open it again from your account.")
        )
    if int(expiry) > current + MAX_TOKEN_LIFETIME:
        raise TokenError(
            "too_long", _("This sign-in link is not valid. Open it again from your account.")
        )
    return Identity(player_id=player_id, expires_at=int(expiry))


def webhook_signature(slug: str, body: bytes, *, timestamp: int) -> str | None:
    secret = secret_for(slug)
    if secret is None:
        return None
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"
