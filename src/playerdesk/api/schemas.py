"""The shapes of the API's requests and answers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import EmailStr, Field, field_validator

from playerdesk.lib.sanitize import html_to_text
from playerdesk.people.models import Player
from playerdesk.tickets.models import Message, Ticket

CategoryName = Literal[
    "account_access",
    "security",
    "payments",
    "verification",
    "bonus",
    "technical",
    "responsible_gambling",
    "general",
]
PriorityName = Literal["urgent", "high", "normal", "low"]
LanguageName = Literal["en", "fr"]
ChannelName = Literal["chat", "email", "form", "member_area", "api"]
FieldValue = str | int | float | bool | None


class PlayerIn(Schema):
    external_id: str = Field(min_length=1, max_length=100, description="The platform's player id.")
    email: EmailStr | None = None
    username: str = Field(default="", max_length=150)
    name: str = Field(default="", max_length=200)
    language: LanguageName | None = None


class TicketIn(Schema):
    player: PlayerIn
    channel: ChannelName = "api"
    subject: str = Field(min_length=1, max_length=255)
    body: str = Field(min_length=1, max_length=100_000)
    category: CategoryName | None = None
    priority: PriorityName | None = None
    language: LanguageName | None = None
    fields: dict[str, FieldValue] = Field(default_factory=dict, max_length=50)

    @field_validator("subject", "body")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("fields")
    @classmethod
    def small_fields(cls, value: dict[str, FieldValue]) -> dict[str, FieldValue]:
        for key, item in value.items():
            if len(key) > 50 or (isinstance(item, str) and len(item) > 1000):
                raise ValueError("keys are at most 50 characters and values at most 1000")
        return value


class MessageIn(Schema):
    body: str = Field(min_length=1, max_length=100_000)

    @field_validator("body")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value


class MessageOut(Schema):
    id: int
    kind: str
    author: str
    body: str
    created_at: datetime

    @staticmethod
    def from_message(m: Message) -> MessageOut:
        if m.author_agent is not None:
            author = m.author_agent.display_name
        elif m.author_player is not None:
            author = str(m.author_player)
        else:
            author = "playerdesk"
        return MessageOut(
            id=m.pk, kind=m.kind, author=author, body=html_to_text(m.body), created_at=m.created_at
        )


class TicketOut(Schema):
    reference: str
    status: str
    category: str
    priority: str
    team: str | None
    language: str
    channel: str
    subject: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def from_ticket(t: Ticket) -> TicketOut:
        return TicketOut(
            reference=t.reference,
            status=t.status,
            category=t.category,
            priority=t.priority,
            team=t.team.slug if t.team_id else None,
            language=t.language,
            channel=t.channel,
            subject=t.subject,
            created_at=t.created_at,
            updated_at=t.updated_at,
        )


class TicketDetailOut(TicketOut):
    messages: list[MessageOut]
    fields: dict[str, FieldValue]


class TicketPage(Schema):
    items: list[TicketOut]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null at the end."
    )


class EscalateIn(Schema):
    team: str = Field(description="The team's slug, e.g. payments.")
    reason: str = Field(min_length=1, max_length=2000)
    expected_by: datetime | None = None


class PlayerOut(Schema):
    id: int
    brand: str
    external_id: str | None
    username: str
    email: str
    name: str

    @staticmethod
    def from_player(p: Player) -> PlayerOut:
        return PlayerOut(
            id=p.pk,
            brand=p.brand.slug,
            external_id=p.external_id,
            username=p.username,
            email=p.email,
            name=p.name,
        )


class SearchHitOut(TicketOut):
    rank: float
    subject_html: str = Field(description="The subject, escaped, matched words in <mark>.")
    snippet_html: str = Field(description="A passage of the messages, escaped, marks as above.")


class JumpOut(Schema):
    kind: Literal["ticket", "player"]
    reference: str | None = None
    player: int | None = None


class SearchOut(Schema):
    query: str
    jump: JumpOut | None = Field(
        description="Set when the query names one ticket (its reference) or one player (email)."
    )
    exact_tickets: list[TicketOut] = Field(
        description="Tickets named exactly: by reference, transaction id or bonus code."
    )
    players: list[PlayerOut] = Field(
        description="Players named exactly: email, username or platform id."
    )
    items: list[SearchHitOut]
    matches: int = Field(
        description="Matching tickets among the newest 200 matches (200 means at least)."
    )
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null at the end."
    )
