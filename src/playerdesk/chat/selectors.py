"""What the chat's two sides read: new messages, the waiting line, an estimated wait."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import get_language

from playerdesk.brands.models import Brand
from playerdesk.chat import hours
from playerdesk.chat.models import (
    DECLINE_SECONDS,
    CannedAnswer,
    Conversation,
    Decline,
    State,
)
from playerdesk.lib import clock
from playerdesk.lib.memo import ttl_cache
from playerdesk.people.models import AgentProfile, Presence, Team
from playerdesk.tickets.models import (
    PUBLIC_KINDS,
    Attachment,
    Message,
    attachment_row,
    live_row,
)

DEFAULT_WAIT_SECONDS = 120
BATCH = 200


def messages_after(ticket_id: int, after: int, *, public_only: bool = True) -> list[dict[str, Any]]:
    """The ticket's messages with an id above ``after``, oldest first, as the widget shows
    them. Messages of one ticket are written under the ticket's lock, so ids grow in the order
    they commit: "everything after the last id seen" misses nothing."""
    qs = Message.objects.filter(ticket_id=ticket_id, id__gt=after)
    if public_only:
        qs = qs.filter(kind__in=PUBLIC_KINDS)
    rows = (
        qs.select_related("author_agent")
        .order_by("id")
        .values("id", "kind", "body", "client_id", "created_at", "author_agent__display_name")[
            :BATCH
        ]
    )
    rows = list(rows)
    files: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for a in Attachment.objects.filter(message_id__in=[r["id"] for r in rows]).order_by("id"):
            files.setdefault(a.message_id, []).append(attachment_row(a))
    return [
        live_row(
            pk=r["id"],
            kind=r["kind"],
            body=r["body"],
            client_id=r["client_id"],
            created_at=r["created_at"],
            author_name=r["author_agent__display_name"],
            attachments=files.get(r["id"]),
        )
        for r in rows
    ]


@ttl_cache(0.5)
def waiting_line(brand_id: int, language: str) -> tuple[int, ...]:
    """The brand's waiting chats in a language, first in line first. Kept for half a second
    per process: a thousand waiting players read one line, not a thousand."""
    return tuple(
        Conversation.objects.filter(brand_id=brand_id, language=language, state=State.WAITING)
        .order_by("created_at", "id")
        .values_list("id", flat=True)[:10_000]
    )


def position(conversation: Conversation) -> int:
    """1 for the next chat an agent of the brand and language will take."""
    if conversation.state != State.WAITING:
        return 0
    line = waiting_line(conversation.brand_id, conversation.language)
    if conversation.pk not in line:  # joined the line after the copy was read
        waiting_line.cache_clear()
        line = waiting_line(conversation.brand_id, conversation.language)
    return line.index(conversation.pk) + 1 if conversation.pk in line else len(line) + 1


@ttl_cache(10.0)
def typical_wait(brand_id: int) -> float:
    """Seconds: the median wait of the brand's chats accepted in the last day."""
    since = clock.now() - timedelta(hours=24)
    waits = sorted(
        (accepted - created).total_seconds()
        for created, accepted in Conversation.objects.filter(
            brand_id=brand_id, accepted_at__gte=since
        )
        .order_by("-accepted_at")
        .values_list("created_at", "accepted_at")[:50]
    )
    return waits[len(waits) // 2] if waits else float(DEFAULT_WAIT_SECONDS)


def estimated_wait(conversation: Conversation, place: int, agents: int) -> int:
    """Seconds: the place in line times the recent median wait, shared by the agents."""
    return int(max(typical_wait(conversation.brand_id), 15) * place / max(agents, 1))


@dataclass(frozen=True)
class Line:
    """One read of a brand's waiting line in a language, with what an estimate needs."""

    ids: tuple[int, ...]
    agents: int
    typical: float

    def place(self, conversation_id: int) -> int | None:
        """1 for the next chat taken; None for a chat not in this read of the line."""
        try:
            return self.ids.index(conversation_id) + 1
        except ValueError:
            return None

    def wait(self, place: int) -> int:
        return int(max(self.typical, 15) * place / max(self.agents, 1))


def read_line(brand: Brand, language: str) -> Line:
    """The line as it is now (not a remembered copy: it has just moved)."""
    waiting_line.cache_clear()
    return Line(
        waiting_line(brand.pk, language),
        hours.agents_available(brand, language),
        typical_wait(brand.pk),
    )


def waiting_for(agent: AgentProfile) -> list[dict[str, Any]]:
    """The chats waiting for an agent of the agent's brands and languages, oldest first."""
    passed = Decline.objects.filter(
        agent=agent, at__gte=clock.now() - timedelta(seconds=DECLINE_SECONDS)
    ).values("conversation_id")
    rows = (
        Conversation.objects.filter(
            Q(offered_team__isnull=True) | Q(offered_team__in=agent.teams.all()),
            state=State.WAITING,
            brand__in=agent.brands.all(),
            language__in=agent.languages or [],
        )
        .exclude(pk__in=passed)
        .select_related("ticket", "player", "brand")
        .order_by("created_at", "id")[:50]
    )
    return [_summary(c) for c in rows]


def transfer_targets(conversation: Conversation, agent: AgentProfile) -> dict[str, Any]:
    """Where an agent may hand a chat: the other available agents of its brand and language
    with room for it, and the teams."""
    busy = dict(
        Conversation.objects.filter(state=State.ACTIVE, agent__isnull=False)
        .values("agent_id")
        .annotate(n=Count("id"))
        .values_list("agent_id", "n")
    )
    agents = [
        {"id": a.pk, "name": a.display_name}
        for a in AgentProfile.objects.filter(
            brands=conversation.brand_id, presence=Presence.AVAILABLE, user__is_active=True
        )
        .exclude(pk=agent.pk)
        .order_by("display_name", "id")
        if conversation.language in (a.languages or [])
        and (not a.capacity or busy.get(a.pk, 0) < a.capacity)
    ]
    language = (get_language() or "en")[:2]
    teams = [{"id": t.pk, "name": t.display_name(language)} for t in Team.objects.order_by("name")]
    return {"agents": agents, "teams": teams}


def canned_for(agent: AgentProfile) -> list[dict[str, Any]]:
    """The canned answers offered to an agent: of their brands (or every brand), in their
    languages."""
    rows = CannedAnswer.objects.filter(
        Q(brand__isnull=True) | Q(brand__in=agent.brands.all()),
        is_active=True,
        language__in=agent.languages or [],
    ).order_by("language", "title", "id")
    return [
        {
            "id": a.pk,
            "brand": a.brand_id,
            "language": a.language,
            "title": a.title,
            "body": a.body,
        }
        for a in rows[:200]
    ]


def mine(agent: AgentProfile) -> list[dict[str, Any]]:
    rows = (
        Conversation.objects.filter(state=State.ACTIVE, agent=agent)
        .select_related("ticket", "player", "brand")
        .order_by("accepted_at", "id")
    )
    return [_summary(c) for c in rows]


def _summary(c: Conversation) -> dict[str, Any]:
    return {
        "conversation": c.pk,
        "ticket": c.ticket_id,
        "reference": c.ticket.reference,
        "subject": c.ticket.subject,
        "brand": c.brand.name,
        "language": c.language,
        "player": c.player.name or str(c.player),
        "player_id": c.player_id,
        "state": c.state,
        "waiting_since": c.created_at.isoformat(),
    }
