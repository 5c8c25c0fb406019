"""Endpoints for the casino platform, authenticated with the brand's API key."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from playerdesk.api.auth import brand_key
from playerdesk.api.schemas import (
    MessageIn,
    MessageOut,
    TicketDetailOut,
    TicketIn,
    TicketOut,
    TicketPage,
)
from playerdesk.people.actions import find_or_create_player
from playerdesk.tickets import access, actions, selectors

router = Router(auth=brand_key, tags=["platform"])


class PageQuery(Schema):
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, pattern=r"^\d{1,19}$")


@router.post("/tickets", response={201: TicketOut}, summary="Open a ticket for a player")
def create_ticket(request: HttpRequest, payload: TicketIn) -> Status:
    brand = request.auth
    p = payload.player
    player = find_or_create_player(
        brand=brand,
        external_id=p.external_id,
        email=p.email or "",
        username=p.username,
        name=p.name,
        language=p.language,
    )
    ticket = actions.open_ticket(
        brand=brand,
        player=player,
        channel=payload.channel,
        subject=payload.subject,
        body=payload.body,
        actor=actions.Actor.platform(brand),
        category=payload.category,
        priority=payload.priority,
        language=payload.language or p.language,
        fields=payload.fields,
    )
    return Status(201, TicketOut.from_ticket(ticket))


@router.get(
    "/tickets/{reference}", response=TicketDetailOut, summary="A ticket and its public messages"
)
def get_ticket(request: HttpRequest, reference: str) -> TicketDetailOut:
    ticket = access.ticket_for_brand(request.auth, reference)
    messages = [
        MessageOut.from_message(m) for m in selectors.conversation(ticket, public_only=True)
    ]
    base = TicketOut.from_ticket(ticket)
    return TicketDetailOut(**base.model_dump(), messages=messages, fields=ticket.fields)


@router.post(
    "/tickets/{reference}/messages",
    response={201: MessageOut},
    summary="Add the player's message to a ticket",
)
def add_message(request: HttpRequest, reference: str, payload: MessageIn) -> Status:
    ticket = access.ticket_for_brand(request.auth, reference)
    message = actions.add_player_message(
        ticket=ticket, body=payload.body, actor=actions.Actor.platform(request.auth)
    )
    return Status(201, MessageOut.from_message(message))


@router.get(
    "/players/{external_id}/tickets",
    response=TicketPage,
    summary="A player's tickets, newest first",
)
def player_tickets(request: HttpRequest, external_id: str, page: Query[PageQuery]) -> TicketPage:
    result = selectors.player_tickets(
        request.auth,
        external_id,
        after_id=int(page.cursor) if page.cursor else None,
        limit=page.limit,
    )
    return TicketPage(
        items=[TicketOut.from_ticket(t) for t in result.items], next_cursor=result.next_cursor
    )
