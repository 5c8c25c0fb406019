"""Reads that views, the API and tasks share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from playerdesk.brands.models import Brand
from playerdesk.people.models import AgentProfile
from playerdesk.sla.coverage import Coverage, coverage
from playerdesk.sla.schedules import business_schedule, channel_setting
from playerdesk.tickets.access import visible_tickets
from playerdesk.tickets.models import (
    CLAIMABLE_STATUSES,
    PUBLIC_KINDS,
    Event,
    EventType,
    Message,
    SlaState,
    Status,
    Ticket,
)

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
    return qs.order_by("queue_key", "id")


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
    assigned) ones and the at-risk and breached counts."""
    rows = (
        visible_tickets(agent)
        .filter(status__in=OPEN_STATUSES)
        .values("team__name", "brand__name")
        .annotate(
            active=Count("id"),
            waiting=Count("id", filter=Q(assignee__isnull=True)),
            at_risk=Count("id", filter=Q(sla_state=SlaState.AT_RISK)),
            breached=Count("id", filter=Q(sla_state=SlaState.BREACHED)),
        )
        .order_by("team__name", "brand__name")
    )
    return [
        BacklogRow(
            r["team__name"] or "—",
            r["brand__name"],
            r["active"],
            r["waiting"],
            r["at_risk"],
            r["breached"],
        )
        for r in rows
    ]


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
