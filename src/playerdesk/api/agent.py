"""Endpoints for agents, authenticated with an agent token; scoped like the console."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from playerdesk.api.auth import agent_token
from playerdesk.api.schemas import (
    CategoryName,
    ChannelName,
    EscalateIn,
    JumpOut,
    LanguageName,
    MessageIn,
    MessageOut,
    PlayerOut,
    PriorityName,
    SearchHitOut,
    SearchOut,
    TicketDetailOut,
    TicketOut,
    TicketPage,
)
from playerdesk.people.models import Player, Team
from playerdesk.routing.queue import claim_next
from playerdesk.search import queries as search_queries
from playerdesk.tickets import access, actions, selectors
from playerdesk.tickets.access import scope_of
from playerdesk.tickets.models import Ticket

router = Router(auth=agent_token, tags=["agent"])


StatusFilter = Literal[
    "active", "all", "new", "open", "pending_player", "escalated", "on_hold", "resolved", "closed"
]


class ListFilters(Schema):
    brand: str | None = Field(default=None, description="A brand's slug.")
    team: str | None = Field(default=None, description="A team's slug.")
    category: CategoryName | None = None
    priority: PriorityName | None = None
    language: LanguageName | None = None
    channel: ChannelName | None = None


class QueueQuery(ListFilters):
    status: StatusFilter = "active"
    mine: bool = Field(default=False, description="Only the tickets assigned to the caller.")
    cursor: str | None = Field(default=None, max_length=100)
    limit: int = Field(default=25, ge=1, le=100)


@router.get(
    "/tickets",
    response=TicketPage,
    summary="The agent's tickets: queue order while unresolved, else newest first",
    description="Keyset pagination: pass next_cursor back as cursor. Unresolved tickets "
    "(status active or one unresolved status) come in queue order; resolved, closed and all, "
    "newest first.",
)
def queue(request: HttpRequest, q: Query[QueueQuery]) -> TicketPage:
    filters = {k: v for k, v in q.dict().items() if k not in {"limit", "cursor"} and v}
    try:
        page = selectors.queue_page(request.auth, filters, cursor=q.cursor, limit=q.limit)
    except selectors.CursorError as exc:
        raise actions.DomainError(str(exc), field="cursor") from None
    return TicketPage(
        items=[TicketOut.from_ticket(t) for t in page.items], next_cursor=page.next_cursor
    )


class SearchQuery(ListFilters):
    q: str = Field(min_length=1, max_length=200, description="Words, a reference, an email...")
    status: StatusFilter = "all"
    since: date | None = Field(default=None, description="Opened on or after this day.")
    until: date | None = Field(default=None, description="Opened on or before this day.")
    cursor: str | None = Field(default=None, max_length=100)
    limit: int = Field(default=20, ge=1, le=50)


@router.get(
    "/search",
    response=SearchOut,
    summary="Search tickets and players",
    description="Exact look-ups (a reference, a player's email, username or platform id, a "
    "transaction id or bonus code) and full text over subjects, details and messages in "
    "English and French, accents and case ignored. Ranked by relevance among the newest "
    "200 matches; keyset pagination. Only what the caller's brands and teams allow.",
)
def search(request: HttpRequest, q: Query[SearchQuery]) -> SearchOut:
    if q.since and q.until and q.since > q.until:
        raise actions.DomainError("The first day comes after the last.", field="since")
    filters = search_queries.Filters(
        **{k: v or "" for k, v in q.dict(include=set(ListFilters.model_fields)).items()},
        status=q.status,
        since=q.since,
        until=q.until,
    )
    try:
        results = search_queries.search(
            scope_of(request.auth), q.q, filters, cursor=q.cursor, limit=q.limit
        )
    except search_queries.SearchError as exc:
        raise actions.DomainError(str(exc), field="cursor") from None
    jump = None
    if isinstance(results.exact.jump, Ticket):
        jump = JumpOut(kind="ticket", reference=results.exact.jump.reference)
    elif isinstance(results.exact.jump, Player):
        jump = JumpOut(kind="player", player=results.exact.jump.pk)
    return SearchOut(
        query=results.query,
        jump=jump,
        exact_tickets=[TicketOut.from_ticket(t) for t in results.exact.tickets],
        players=[PlayerOut.from_player(p) for p in results.exact.players],
        items=[
            SearchHitOut(
                **TicketOut.from_ticket(h.ticket).model_dump(),
                rank=h.rank,
                subject_html=str(h.subject_html),
                snippet_html=str(h.snippet_html),
            )
            for h in results.hits
        ],
        matches=results.window_count,
        next_cursor=results.next_cursor,
    )


@router.post(
    "/queue/next",
    response={200: TicketOut, 204: None},
    summary="Take the next ticket of the agent's teams",
    description="Assigns the agent the first waiting ticket of their teams, brands and "
    "languages, in queue order, and returns it; 204 when nothing waits. Never the same ticket "
    "to two agents. 409 when the agent is at capacity or may not take tickets.",
)
def queue_next(request: HttpRequest) -> Status:
    t = claim_next(agent=request.auth)
    if t is None:
        return Status(204, None)
    return Status(200, TicketOut.from_ticket(t))


@router.get("/tickets/{reference}", response=TicketDetailOut, summary="A ticket with every message")
def ticket(request: HttpRequest, reference: str) -> TicketDetailOut:
    t = access.ticket_for_agent(request.auth, reference)
    messages = [MessageOut.from_message(m) for m in selectors.conversation(t, public_only=False)]
    return TicketDetailOut(
        **TicketOut.from_ticket(t).model_dump(), messages=messages, fields=t.fields
    )


@router.post(
    "/tickets/{reference}/replies", response={201: MessageOut}, summary="Reply to the player"
)
def reply(request: HttpRequest, reference: str, payload: MessageIn) -> Status:
    t = access.ticket_for_agent(request.auth, reference)
    m = actions.reply(ticket=t, body=payload.body, actor=actions.Actor.for_agent(request.auth))
    return Status(201, MessageOut.from_message(m))


@router.post(
    "/tickets/{reference}/notes", response={201: MessageOut}, summary="Add an internal note"
)
def note(request: HttpRequest, reference: str, payload: MessageIn) -> Status:
    t = access.ticket_for_agent(request.auth, reference)
    m = actions.add_note(ticket=t, body=payload.body, actor=actions.Actor.for_agent(request.auth))
    return Status(201, MessageOut.from_message(m))


@router.post("/tickets/{reference}/escalate", response=TicketOut, summary="Escalate to a team")
def escalate(request: HttpRequest, reference: str, payload: EscalateIn) -> TicketOut:
    t = access.ticket_for_agent(request.auth, reference)
    team = Team.objects.filter(slug=payload.team).first()
    if team is None:
        raise actions.DomainError("Unknown team.", field="team")
    t = actions.escalate(
        ticket=t,
        team=team,
        reason=payload.reason,
        expected_by=payload.expected_by,
        actor=actions.Actor.for_agent(request.auth),
    )
    return TicketOut.from_ticket(t)


@router.post("/tickets/{reference}/resolve", response=TicketOut, summary="Resolve")
def resolve(request: HttpRequest, reference: str) -> TicketOut:
    t = access.ticket_for_agent(request.auth, reference)
    return TicketOut.from_ticket(
        actions.resolve(ticket=t, actor=actions.Actor.for_agent(request.auth))
    )


@router.post("/tickets/{reference}/close", response=TicketOut, summary="Close a resolved ticket")
def close(request: HttpRequest, reference: str) -> TicketOut:
    t = access.ticket_for_agent(request.auth, reference)
    return TicketOut.from_ticket(
        actions.close(ticket=t, actor=actions.Actor.for_agent(request.auth))
    )
