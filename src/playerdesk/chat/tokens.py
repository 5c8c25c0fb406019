"""The token a chat widget keeps to take its conversation up again after a lost connection.

Signed with the installation's secret (Django's signing): it names the brand, the player and,
once there is one, the conversation. It is handed only to the connection that identified the
player, and lasts a day.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "playerdesk.chat"
MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Session:
    brand_id: int
    player_id: int
    conversation_id: int | None


def make(session: Session) -> str:
    return signing.dumps(
        [session.brand_id, session.player_id, session.conversation_id], salt=SALT, compress=True
    )


def read(token: str) -> Session | None:
    try:
        brand_id, player_id, conversation_id = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Session(int(brand_id), int(player_id), conversation_id and int(conversation_id))
