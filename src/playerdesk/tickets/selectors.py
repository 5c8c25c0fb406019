"""Reads that views, the API and tasks share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from playerdesk.brands.models import Brand
from playerdesk.people.models import AgentProfile, Player, Team
from playerdesk.sla.coverage import Coverage, coverage
from playerdesk.sla.schedules import business_schedule, channel_setting
from playerdesk.tickets.access import visible_tickets
from playerdesk.tickets.models import (
    CLAIMABLE_STATUSES,
    OPEN_STATUSES,
    PUBLIC_KINDS,
    Event,
    EventType,
    Message,
    SlaState,
    Status,
    Ticket,
)

QUEUE_FILTERS = ("brand", "team", "status", "category", "priority", "language", "channel")


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None


class CursorError(ValueError):
    """A list cursor that is not one a list gave."""


def queue(agent: AgentProfile, filters: dict[str, Any]) -> QuerySet[Ticket]:
    """The agent's visible tickets, filtered, in list order (``in_queue_order``).

    ``filters`` keys: brand (slug), team (slug), status ("active" for every unresolved status,
    "all", or one status), category, priority, language, channel, mine (only the agent's own).
    Unknown or empty values are ignored.
    """
    qs = visible_tickets(agent).select_related("team", "assignee").defer("fields")
    status = filters.get("status") or "active"
    if status == "active":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status != "all":
        qs = qs.filter(status=status)
    if filters.get("mine"):
        qs = qs.filter(assignee=agent)
    if filters.get("brand"):
        qs = qs.filter(brand__slug=filters["brand"])
    if filters.get("team"):
        qs = qs.filter(team__slug=filters["team"])
    for key in ("category", "priority", "language", "channel"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if in_queue_order(filters):
        return qs.order_by("queue_key", "id")
    return qs.order_by("-id")


def in_queue_order(filters: dict[str, Any]) -> bool:
    """Unresolved tickets are listed in queue order; resolved, closed and "all", newest first."""
    return (filters.get("status") or "active") in ("active", *OPEN_STATUSES)


def queue_page(
    agent: AgentProfile, filters: dict[str, Any], *, cursor: str | None = None, limit: int = 50
) -> Page:
    """One page of ``queue`` by keyset: the cursor is the last row's sort key, so a page costs
    the same however deep it is, and tickets arriving meanwhile never repeat or skip a row."""
    qs = queue(agent, filters)
    try:
        if in_queue_order(filters):
            if cursor:
                key, last = (int(part) for part in cursor.split("_"))
                # The first condition bounds the index range; the second is the exact keyset.
                qs = qs.filter(queue_key__gte=key).filter(Q(queue_key__gt=key) | Q(id__gt=last))
        elif cursor:
            qs = qs.filter(id__lt=int(cursor))
    except ValueError:
        raise CursorError("This cursor is not one this list gave.") from None
    rows = with_brands(list(qs[: limit + 1]))
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last_row = rows[-1]
        next_cursor = (
            f"{last_row.queue_key}_{last_row.pk}" if in_queue_order(filters) else str(last_row.pk)
        )
    return Page(rows, next_cursor)


def language_coverage(tickets: list[Ticket], at: datetime) -> dict[int, Coverage]:
    """For each waiting, unassigned ticket whose language its channel does not serve at ``at``:
    why (not offered on the channel, or not before ``resumes_at``)."""
    notes = {}
    for t in tickets:
        if t.assignee_id is not None or t.status not in CLAIMABLE_STATUSES:
            continue
        setting = channel_setting(t.brand_id, t.channel)
        if setting is None:
            continue
        c = coverage(setting.languages, t.language, at, business_schedule(t.brand))
        if not c.served:
            notes[t.pk] = c
    return notes


@dataclass(frozen=True)
class BacklogRow:
    team: str
    brand: str
    active: int
    waiting: int
    at_risk: int
    breached: int


def backlog(agent: AgentProfile) -> list[BacklogRow]:
    """Unresolved tickets per team and brand that the agent may see, with the waiting (not
    assigned) ones and the at-risk and breached counts. Grouped by ids on the ticket table
    alone (answered from ``ticket_open_idx``), names looked up after."""
    rows = (
        visible_tickets(agent)
        .filter(status__in=OPEN_STATUSES)
        .values("team_id", "brand_id")
        .annotate(
            active=Count("id"),
            waiting=Count("id", filter=Q(assignee__isnull=True)),
            at_risk=Count("id", filter=Q(sla_state=SlaState.AT_RISK)),
            breached=Count("id", filter=Q(sla_state=SlaState.BREACHED)),
        )
        .order_by()
    )
    teams = dict(Team.objects.values_list("id", "name"))
    brands = dict(Brand.objects.values_list("id", "name"))
    result = [
        BacklogRow(
            teams.get(r["team_id"], "—"),
            brands.get(r["brand_id"], "—"),
            r["active"],
            r["waiting"],
            r["at_risk"],
            r["breached"],
        )
        for r in rows
    ]
    return sorted(result, key=lambda r: (r.team, r.brand))


def agent_loads(agent: AgentProfile) -> QuerySet[AgentProfile]:
    """Agents of the same brands, with their presence and how many active tickets they hold."""
    return (
        AgentProfile.objects.filter(brands__in=agent.brands.all())
        .distinct()
        .annotate(
            held=Count(
                "tickets",
                filter=Q(tickets__status__in=OPEN_STATUSES),
                distinct=True,
            )
        )
        .order_by("display_name")
    )


def recent_breaches(agent: AgentProfile, *, limit: int = 20) -> QuerySet[Event]:
    """The latest response targets breached in tickets the agent may see."""
    return (
        Event.objects.filter(type=EventType.SLA_BREACHED, ticket__in=visible_tickets(agent))
        .select_related("ticket", "ticket__team", "ticket__brand")
        .order_by("-created_at", "-id")[:limit]
    )


def conversation(ticket: Ticket, *, public_only: bool) -> QuerySet[Message]:
    qs = ticket.messages.select_related("author_agent", "author_player").prefetch_related(
        "attachments"
    )
    if public_only:
        qs = qs.filter(kind__in=PUBLIC_KINDS)
    return qs.order_by("created_at", "id")


def timeline(ticket: Ticket) -> QuerySet[Event]:
    return ticket.events.select_related("actor_agent").order_by("created_at", "id")


def player_history(
    agent: AgentProfile, player: Player, *, cursor: str | None = None, limit: int = 50
) -> Page:
    """A player's tickets that the agent may see, newest first, by keyset on the id."""
    qs = visible_tickets(agent).filter(player=player).select_related("team", "assignee")
    if cursor:
        try:
            qs = qs.filter(id__lt=int(cursor))
        except ValueError:
            raise CursorError("This cursor is not one this list gave.") from None
    rows = with_brands(list(qs.order_by("-id")[: limit + 1]))
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, str(rows[-1].pk) if more and rows else None)


def with_brands(tickets: list[Ticket]) -> list[Ticket]:
    """Each ticket's brand from one small query rather than joined into every row (a brand
    row carries its hours and policies: parsed again for every ticket of a page otherwise)."""
    ids = {t.brand_id for t in tickets}
    brands = Brand.objects.in_bulk(ids) if ids else {}
    for t in tickets:
        t.brand = brands[t.brand_id]
    return tickets


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
