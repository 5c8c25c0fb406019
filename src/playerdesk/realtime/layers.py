"""The channel layer of one process (no ``REDIS_URL``)."""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer

CLEAN_SECONDS = 1.0


class LocalChannelLayer(InMemoryChannelLayer):
    """Channels' in-memory layer, whose clean-up of expired messages and group memberships
    walks every channel and every group on each receive and each group send: with a thousand
    chat connections that walk costs more than the message. Here it runs at most once a
    second; an expired message is dropped a second later at most, as nothing waits on it."""

    _cleaned_at = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._cleaned_at < CLEAN_SECONDS:
            return
        self._cleaned_at = now
        super()._clean_expired()
