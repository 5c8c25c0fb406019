"""Endpoints for agents, authenticated with an agent token; scoped like the console."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from playerdesk.api.auth import agent_token
from playerdesk.api.schemas import (
    EscalateIn,
    MessageIn,
    MessageOut,
    TicketDetailOut,
    TicketOut,
    TicketPage,
)
from playerdesk.people.models import Team
from playerdesk.routing.queue import claim_next
from playerdesk.tickets import access, actions, selectors

router = Router(auth=agent_token, tags=["agent"])


class QueueQuery(Schema):
    brand: str | None = None
    team: str | None = None
    status: str | None = None
    category: str | None = None
    priority: str | None = None
    language: str | None = None
    channel: str | None = None
    limit: int = Field(default=25, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=10_000)


@router.get("/tickets", response=TicketPage, summary="The agent's queue, most urgent first")
def queue(request: HttpRequest, q: Query[QueueQuery]) -> TicketPage:
    filters = {k: v for k, v in q.dict().items() if k not in {"limit", "offset"} and v}
    rows = list(selectors.queue(request.auth, filters)[q.offset : q.offset + q.limit + 1])
    more = len(rows) > q.limit
    return TicketPage(
        items=[TicketOut.from_ticket(t) for t in rows[: q.limit]],
        next_cursor=str(q.offset + q.limit) if more else None,
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
