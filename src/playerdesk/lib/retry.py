"""Retrying with backoff: the delay before the next attempt of a delivery that failed."""

from __future__ import annotations

from datetime import timedelta

FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... at most 6 h: twelve attempts span about a day."""
    return min(FIRST_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)
