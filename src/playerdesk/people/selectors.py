"""Reads of teams and agents that other apps share."""

from __future__ import annotations

from playerdesk.lib.memo import ttl_cache
from playerdesk.people.models import Team


@ttl_cache(30)
def team_by_slug(slug: str) -> Team | None:
    """The team with this slug (teams change rarely: remembered for 30 s per process)."""
    return Team.objects.filter(slug=slug).first()
