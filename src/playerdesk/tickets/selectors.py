"""Reads that views, the API and tasks share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from playerdesk.brands.models import Brand
from playerdesk.people.models import AgentProfile
from playerdesk.tickets.access import visible_tickets
from playerdesk.tickets.models import PUBLIC_KINDS, Event, Message, Status, Ticket

QUEUE_FILTERS = ("brand", "team", "status", "category", "priority", "language", "channel")
OPEN_STATUSES = (Status.NEW, Status.OPEN, Status.PENDING_PLAYER, Status.ESCALATED, Status.ON_HOLD)


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None


def queue(agent: AgentProfile, filters: dict[str, str]) -> QuerySet[Ticket]:
    """The agent's visible tickets, filtered, most urgent and oldest first.

    ``filters`` keys: brand (slug), team (slug), status ("active" for every unresolved status),
    category, priority, language, channel. Unknown or empty values are ignored.
    """
    qs = visible_tickets(agent).select_related("brand", "player", "team", "assignee")
    status = filters.get("status") or "active"
    if status == "active":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        qs = qs.filter(status=status)
    if filters.get("brand"):
        qs = qs.filter(brand__slug=filters["brand"])
    if filters.get("team"):
        qs = qs.filter(team__slug=filters["team"])
    for key in ("category", "priority", "language", "channel"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    return qs.order_by(_priority_order(), "created_at", "id")


def _priority_order():
    from django.db.models import Case, IntegerField, Value, When

    from playerdesk.tickets.models import PRIORITY_RANK

    return Case(
        *[When(priority=p, then=Value(rank)) for p, rank in PRIORITY_RANK.items()],
        output_field=IntegerField(),
    )


def conversation(ticket: Ticket, *, public_only: bool) -> QuerySet[Message]:
    qs = ticket.messages.select_related("author_agent", "author_player")
    if public_only:
        qs = qs.filter(kind__in=PUBLIC_KINDS)
    return qs.order_by("created_at", "id")


def timeline(ticket: Ticket) -> QuerySet[Event]:
    return ticket.events.select_related("actor_agent").order_by("created_at", "id")


def player_tickets(brand: Brand, external_id: str, *, after_id: int | None, limit: int) -> Page:
    """A player's tickets, newest first, by keyset (the cursor is the last ticket's id)."""
    qs = Ticket.objects.filter(brand=brand, player__external_id=external_id).select_related("team")
    if after_id is not None:
        qs = qs.filter(id__lt=after_id)
    rows = list(qs.order_by("-id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, str(rows[-1].id) if more and rows else None)


def resolved_before(cutoff: datetime, *, limit: int) -> list[Ticket]:
    return list(
        Ticket.objects.filter(status=Status.RESOLVED, resolved_at__lt=cutoff)
        .select_related("brand")
        .order_by("resolved_at")[:limit]
    )
