"""Every change to a ticket goes through one of these actions.

Each action checks first (the lifecycle table), changes the rows with ``update_fields``, writes
its Event rows in the same transaction, and pushes the real-time event after commit. Keyword-only
arguments; ``actor`` says who acts. No channel writes tickets by itself.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from playerdesk.brands import cache as brand_cache
from playerdesk.brands.models import Brand, Channel
from playerdesk.lib import clock
from playerdesk.lib.inserts import insert_with_children
from playerdesk.lib.sanitize import body_from_input, html_to_text
from playerdesk.people.models import AgentProfile, Player, Team
from playerdesk.realtime.events import brand_group, send_event_on_commit, ticket_group
from playerdesk.routing.rules import team_for
from playerdesk.tickets import deadlines, notices, references, triaging
from playerdesk.tickets.lifecycle import TransitionError, check_action
from playerdesk.tickets.models import (
    PUBLIC_KINDS,
    ActorKind,
    Attachment,
    Category,
    Event,
    EventType,
    Message,
    MessageKind,
    Priority,
    Status,
    Ticket,
    attachment_row,
    live_row,
)
from playerdesk.tickets.numbering import next_ticket_number
from playerdesk.triage.actions import record_correction

__all__ = [
    "Actor",
    "DomainError",
    "TransitionError",
    "add_note",
    "add_player_message",
    "assign",
    "attach_file",
    "change_category",
    "change_priority",
    "close",
    "continue_by_email",
    "escalate",
    "hold",
    "move_to_team",
    "open_ticket",
    "record_email_failure",
    "reply",
    "request_information",
    "resolve",
    "tell_expected_time",
    "update_fields",
]

MAX_BODY = 100_000
MAX_SUBJECT = 255


class DomainError(Exception):
    """A request the domain refuses, with a message for the person who made it."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Actor:
    kind: str
    agent: AgentProfile | None = None
    label: str = ""

    @classmethod
    def for_agent(cls, agent: AgentProfile) -> Actor:
        return cls(ActorKind.AGENT, agent, agent.display_name)

    @classmethod
    def for_player(cls, player: Player) -> Actor:
        return cls(ActorKind.PLAYER, None, str(player))

    @classmethod
    def platform(cls, brand: Brand) -> Actor:
        return cls(ActorKind.PLATFORM, None, f"{brand.slug} platform")

    @classmethod
    def system(cls) -> Actor:
        return cls(ActorKind.SYSTEM, None, "playerdesk")


@functools.cache
def _key_for(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def _reference_key() -> bytes:
    return _key_for(settings.PLAYERDESK_REFERENCE_KEY)


def _event(ticket: Ticket, type_: str, actor: Actor, now: datetime, **data: Any) -> Event:
    return Event(
        ticket=ticket,
        type=type_,
        actor_kind=actor.kind,
        actor_agent=actor.agent,
        actor_label=actor.label[:200],
        data=data,
        created_at=now,
    )


def _push(ticket: Ticket, event_types: list[str], live: dict[str, Any] | None = None) -> None:
    groups = [brand_group(ticket.brand_id)]
    if EventType.CREATED not in event_types:  # nobody can be watching a ticket just created
        groups.append(ticket_group(ticket.pk))
    event: dict[str, Any] = {
        "type": "ticket.changed",
        "ticket": ticket.pk,
        "reference": ticket.reference,
        "status": ticket.status,
        "events": event_types,
    }
    if live is not None:
        event["message"] = live
    send_event_on_commit(event, groups)


def _write_events(ticket: Ticket, events: list[Event], live: dict[str, Any] | None = None) -> None:
    if len(events) == 1:
        events[0].save(force_insert=True)
    else:
        Event.objects.bulk_create(events)
    _push(ticket, [e.type for e in events], live)


@dataclass(frozen=True)
class _Sequence:
    """Under a live chat ticket's lock: its latest message and latest public message (what a
    new message follows), and the message already stored with the sender's client id."""

    prev: int
    prev_public: int
    sent: int | None


def _sequence(ticket: Ticket, client_id: str) -> _Sequence:
    """One read of the ticket's messages, under its lock (so no other message can come between
    it and the insert that follows). Plain SQL: every message of a live chat passes here, and
    the ORM would spend longer building the statement than the database running it."""
    table = connection.ops.quote_name(Message._meta.db_table)
    public = ", ".join(["%s"] * len(PUBLIC_KINDS))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(id), MAX(CASE WHEN kind IN ({public}) THEN id END),"  # noqa: S608
            f" MAX(CASE WHEN client_id = %s AND client_id <> '' THEN id END)"
            f" FROM {table} WHERE ticket_id = %s",
            [*(kind.value for kind in PUBLIC_KINDS), client_id[:64], ticket.pk],
        )
        prev, prev_public, sent = cursor.fetchone()
    return _Sequence(prev or 0, prev_public or 0, sent)


def _live(
    message: Message,
    sequence: _Sequence,
    author_name: str = "",
    attachments: list[Attachment] | None = None,
) -> dict[str, Any]:
    """The message itself in its ticket's event, for the live chat's connections: one that
    already holds the message it follows sends it on without reading the database (see
    chat/consumers.py)."""
    return {
        "prev": sequence.prev,
        "prev_public": sequence.prev_public,
        "public": message.kind in PUBLIC_KINDS,
        "row": live_row(
            pk=message.pk,
            kind=message.kind,
            body=message.body,
            client_id=message.client_id,
            created_at=message.created_at,
            author_name=author_name,
            attachments=[attachment_row(a) for a in attachments or []],
        ),
    }


def _check_agent_may_write(actor: Actor) -> None:
    if actor.agent is not None and actor.agent.is_read_only:
        raise DomainError(str(_("Your role can read tickets but not change them.")))


def _check_body(body: str) -> str:
    if not body or not body.strip():
        raise DomainError(str(_("The message is empty.")), field="body")
    if len(body) > MAX_BODY:
        raise DomainError(
            str(_("The message is longer than %(max)d characters.") % {"max": MAX_BODY}),
            field="body",
        )
    return body


def _locked(ticket: Ticket) -> Ticket:
    """The ticket re-read under a row lock, so concurrent actions apply one after another; its
    brand from the process's copy (brands/cache.py), not read again with every message."""
    locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
    brand = brand_cache.brand(locked.brand_id)
    if brand is not None:
        locked.brand = brand
    return locked


def _status_change(
    ticket: Ticket,
    new_status: str,
    actor: Actor,
    now: datetime,
    changed: list[str],
    events: list[Event],
) -> None:
    if new_status == ticket.status:
        return
    events.append(
        _event(ticket, EventType.STATUS, actor, now, **{"from": ticket.status, "to": new_status})
    )
    old_status = ticket.status
    ticket.status = new_status
    changed.append("status")
    deadlines.status_changed(ticket, old_status, new_status, now, changed)
    if new_status == Status.RESOLVED:
        ticket.resolved_at = now
        changed.append("resolved_at")
    elif new_status == Status.CLOSED:
        ticket.closed_at = now
        changed.append("closed_at")
    elif ticket.resolved_at is not None and new_status != Status.CLOSED:
        ticket.resolved_at = None  # reopened
        changed.append("resolved_at")


def _save(ticket: Ticket, changed: list[str], now: datetime) -> None:
    ticket.updated_at = now
    ticket.save(update_fields=sorted({*changed, "updated_at"}))


# --- opening and messages ---------------------------------------------------------------------


def open_ticket(
    *,
    brand: Brand,
    player: Player,
    channel: str,
    subject: str,
    body: str,
    actor: Actor,
    category: str | None = None,
    priority: str | None = None,
    language: str | None = None,
    fields: dict[str, Any] | None = None,
    is_html: bool = False,
) -> Ticket:
    """Open a ticket with the player's first message. The one place a ticket is created.

    The ticket, its message and its "created" event are written together or not at all: on
    PostgreSQL by one statement (lib/inserts.py), elsewhere in one transaction.
    """
    if player.brand_id != brand.pk:
        raise DomainError(str(_("The player belongs to another brand.")), field="player")
    subject = (subject or "").strip()
    if not subject:
        raise DomainError(str(_("The subject is empty.")), field="subject")
    _check_body(body)
    if category and category not in Category.values:
        raise DomainError(str(_("Unknown category.")), field="category")
    if priority and priority not in Priority.values:
        raise DomainError(str(_("Unknown priority.")), field="priority")
    decision = triaging.decide(
        brand=brand,
        player=player,
        text=triaging.text_of(subject, body, is_html=is_html),
        category=category,
        priority=priority,
        language=language,
    )
    category, priority, language = decision.category, decision.priority, decision.language
    team = team_for(
        brand=brand, category=decision.route_category, language=language, channel=channel
    )
    stored_body = body_from_input(body, is_html=is_html)

    def rows() -> tuple[Ticket, Message, Event]:
        now = clock.now()
        reference = references.make_reference(
            brand.ticket_prefix, next_ticket_number(), _reference_key()
        )
        ticket = Ticket(
            reference=reference,
            brand=brand,
            player=player,
            channel=channel,
            subject=subject[:MAX_SUBJECT],
            category=category,
            priority=priority,
            status=Status.NEW,
            language=language,
            team=team,
            fields=fields or {},
            triage=decision.record,
            harm=decision.harm,
            created_at=now,
            updated_at=now,
            last_player_message_at=now,
        )
        deadlines.opened(ticket)
        message = Message(
            ticket=ticket,
            kind=MessageKind.PLAYER,
            body=stored_body,
            author_player=player,
            channel=channel,
            created_at=now,
        )
        event = _event(
            ticket,
            EventType.CREATED,
            actor,
            now,
            channel=channel,
            category=category,
            priority=priority,
            language=language,
            team=team.slug if team else None,
            **decision.event_data(),
        )
        return ticket, message, event

    if connection.vendor == "postgresql":
        # One statement is a transaction by itself. Inside a caller's transaction, or with the
        # player to mark too, a transaction (a savepoint when nested, so that a caller that
        # catches an error here can go on) keeps them together.
        together = connection.in_atomic_block or decision.harm
        with transaction.atomic() if together else contextlib.nullcontext():
            ticket, message, event = rows()
            insert_with_children(ticket, [(message, "ticket"), (event, "ticket")])
            if decision.harm:
                _flag_player(player, ticket.created_at)
            _push(ticket, [event.type])
        return ticket
    with transaction.atomic():  # SQLite: the ticket counter advances in the same transaction
        ticket, message, event = rows()
        ticket.save(force_insert=True)
        message.ticket = ticket
        message.save(force_insert=True)
        event.ticket = ticket
        _write_events(ticket, [event])
        if decision.harm:
            _flag_player(player, ticket.created_at)
    return ticket


def _flag_player(player: Player, now: datetime) -> None:
    """Mark the player for every agent: signs of gambling harm (the first time only)."""
    Player.objects.filter(pk=player.pk, harm_flagged_at__isnull=True).update(harm_flagged_at=now)
    if player.harm_flagged_at is None:
        player.harm_flagged_at = now


def _unflag_player_if_clear(player: Player) -> None:
    """Lift the player's mark when none of their tickets shows signs of harm any more."""
    if not Ticket.objects.filter(player=player, harm=True).exists():
        Player.objects.filter(pk=player.pk).update(harm_flagged_at=None)
        player.harm_flagged_at = None


@transaction.atomic
def add_player_message(
    *,
    ticket: Ticket,
    body: str,
    actor: Actor,
    channel: str | None = None,
    is_html: bool = False,
    client_id: str = "",
    files: Sequence[tuple[str, bytes, str]] = (),
) -> Message:
    """The player wrote again. A reply to a resolved or waiting ticket reopens it. A message
    with the ``client_id`` of one already stored is that one (sent again after a lost
    connection). ``files``: (name, bytes, detected type) of files already inspected
    (kyc/files.py), stored with the message."""
    _check_body(body)
    ticket = _locked(ticket)
    sequence = _sequence(ticket, client_id) if ticket.channel == Channel.CHAT else None
    if sequence is not None and sequence.sent is not None:
        return Message.objects.get(pk=sequence.sent)
    if sequence is None and client_id and (sent := _already_sent(ticket, client_id)) is not None:
        return sent
    new_status = check_action("add_player_message", ticket.status)
    now = clock.now()
    message = Message.objects.create(
        ticket=ticket,
        kind=MessageKind.PLAYER,
        body=body_from_input(body, is_html=is_html),
        author_player_id=ticket.player_id,
        channel=channel or ticket.channel,
        client_id=client_id[:64],
        created_at=now,
    )
    attached = [
        attach_file(message=message, filename=name, data=data, content_type=mime)
        for name, data, mime in files
    ]
    changed = ["last_player_message_at"]
    ticket.last_player_message_at = now
    events = [_event(ticket, EventType.PLAYER_MESSAGE, actor, now, message=message.pk)]
    _status_change(ticket, new_status, actor, now, changed, events)
    deadlines.player_wrote(ticket, now, changed)
    if not ticket.harm:
        later = triaging.follow_up(
            html_to_text(message.body) if is_html else body, language=ticket.language
        )
        if later is not None:
            _mark_harm(
                ticket,
                True,
                Actor.system(),
                now,
                changed,
                events,
                message=message.pk,
                markers=later.markers,
                cues=later.cues.get("harm", []),
            )
    _save(ticket, changed, now)
    _write_events(ticket, events, _live(message, sequence, "", attached) if sequence else None)
    return message


def _already_sent(ticket: Ticket, client_id: str) -> Message | None:
    """Under the ticket's lock: the message stored with this client id, if any."""
    return Message.objects.filter(ticket=ticket, client_id=client_id[:64]).first()


def _agent_message(
    ticket: Ticket,
    action: str,
    kind: str,
    event_type: str,
    body: str,
    actor: Actor,
    client_id: str = "",
    **event_data: Any,
) -> tuple[Ticket, Message]:
    _check_agent_may_write(actor)
    _check_body(body)
    ticket = _locked(ticket)
    sequence = _sequence(ticket, client_id) if ticket.channel == Channel.CHAT else None
    if sequence is not None and sequence.sent is not None:
        return ticket, Message.objects.get(pk=sequence.sent)
    if sequence is None and client_id and (sent := _already_sent(ticket, client_id)) is not None:
        return ticket, sent
    new_status = check_action(action, ticket.status)
    now = clock.now()
    message = Message.objects.create(
        ticket=ticket,
        kind=kind,
        body=body_from_input(body),
        author_agent=actor.agent,
        channel=ticket.channel,
        client_id=client_id[:64],
        created_at=now,
    )
    changed: list[str] = []
    events = [_event(ticket, event_type, actor, now, message=message.pk, **event_data)]
    if kind == MessageKind.AGENT:
        if ticket.first_response_at is None:
            ticket.first_response_at = now
            changed.append("first_response_at")
        deadlines.answered(ticket, changed)
    _status_change(ticket, new_status, actor, now, changed, events)
    _save(ticket, changed, now)
    live = None
    if sequence is not None:
        live = _live(message, sequence, actor.agent.display_name if actor.agent else "")
    _write_events(ticket, events, live)
    if kind == MessageKind.AGENT:
        _email_player(ticket, message)
    return ticket, message


def _email_player(ticket: Ticket, message: Message) -> None:
    """A public message reaches a player who wrote by email or a form in their inbox too: the
    email is written in this transaction and sent after it commits (mail/outbound.py)."""
    from playerdesk.mail import outbound  # mail builds on tickets, so it is imported late

    outbound.queue_message(ticket=ticket, message=message)


@transaction.atomic
def reply(*, ticket: Ticket, body: str, actor: Actor, client_id: str = "") -> Message:
    """A public answer to the player (``client_id``: as for ``add_player_message``)."""
    return _agent_message(
        ticket, "reply", MessageKind.AGENT, EventType.REPLY, body, actor, client_id
    )[1]


@transaction.atomic
def add_note(*, ticket: Ticket, body: str, actor: Actor) -> Message:
    """An internal note: agents see it, the player never does."""
    return _agent_message(ticket, "add_note", MessageKind.NOTE, EventType.NOTE, body, actor)[1]


@transaction.atomic
def request_information(*, ticket: Ticket, body: str, actor: Actor) -> Message:
    """Ask the player for something; the ticket waits for the player."""
    return _agent_message(
        ticket, "request_information", MessageKind.AGENT, EventType.INFO_REQUESTED, body, actor
    )[1]


# --- state and routing ------------------------------------------------------------------------


def _tell_player(
    ticket: Ticket,
    text: str,
    expected_by: datetime | None,
    actor: Actor,
    now: datetime,
    events: list[Event],
) -> None:
    """A public message to the player about the new expected time, with its event."""
    message = Message.objects.create(
        ticket=ticket,
        kind=MessageKind.AGENT,
        body=body_from_input(text),
        author_agent=actor.agent,
        channel=ticket.channel,
        created_at=now,
    )
    _email_player(ticket, message)
    events.append(
        _event(
            ticket,
            EventType.EXPECTED,
            actor,
            now,
            message=message.pk,
            expected_by=expected_by.isoformat() if expected_by else None,
        )
    )


def _future(at: datetime | None, now: datetime) -> datetime | None:
    return at if at is not None and at > now else None


@transaction.atomic
def tell_expected_time(*, ticket: Ticket, expected_by: datetime, actor: Actor) -> Ticket:
    """An investigation moves the expected time: record it and tell the player, in their
    language, with the time in the brand's time zone."""
    _check_agent_may_write(actor)
    ticket = _locked(ticket)
    check_action("tell_expected_time", ticket.status)
    now = clock.now()
    if expected_by <= now:
        raise DomainError(str(_("The expected time must be in the future.")), field="expected_by")
    events: list[Event] = []
    text = notices.investigating(
        reference=ticket.reference,
        expected_by=expected_by,
        timezone=ticket.brand.timezone,
        language=ticket.language,
    )
    _tell_player(ticket, text, expected_by, actor, now, events)
    ticket.expected_by = expected_by
    _save(ticket, ["expected_by"], now)
    _write_events(ticket, events)
    return ticket


@transaction.atomic
def escalate(
    *, ticket: Ticket, team: Team, reason: str, actor: Actor, expected_by: datetime | None = None
) -> Ticket:
    """Hand the ticket to a specialist team, with the reason and the new expected time."""
    _check_agent_may_write(actor)
    if not reason or not reason.strip():
        raise DomainError(str(_("Say why the ticket is escalated.")), field="reason")
    ticket = _locked(ticket)
    new_status = check_action("escalate", ticket.status)
    if ticket.team_id == team.pk and ticket.status == Status.ESCALATED:
        raise DomainError(str(_("The ticket is already escalated to this team.")), field="team")
    now = clock.now()
    if expected_by is not None and expected_by <= now:
        raise DomainError(str(_("The expected time must be in the future.")), field="expected_by")
    events = [
        _event(
            ticket,
            EventType.ESCALATED,
            actor,
            now,
            reason=reason.strip(),
            expected_by=expected_by.isoformat() if expected_by else None,
            **{"from": ticket.team.slug if ticket.team else None, "to": team.slug},
        )
    ]
    changed = ["team", "expected_by"]
    ticket.team = team
    ticket.expected_by = expected_by
    # The player is told of the escalation and of the new timeline (R9): the time given, else
    # the ticket's resolution target.
    told = expected_by or _future(ticket.resolution_due_at, now)
    text = notices.escalated(
        reference=ticket.reference,
        team=team.display_name(ticket.language),
        expected_by=told,
        timezone=ticket.brand.timezone,
        language=ticket.language,
    )
    _tell_player(ticket, text, told, actor, now, events)
    if ticket.assignee_id is not None:
        events.append(
            _event(
                ticket,
                EventType.ASSIGNED,
                actor,
                now,
                **{"from": ticket.assignee.display_name, "to": None},
            )
        )
        ticket.assignee = None  # the specialist team takes it from its queue
        changed.append("assignee")
    _status_change(ticket, new_status, actor, now, changed, events)
    _save(ticket, changed, now)
    _write_events(ticket, events)
    return ticket


@transaction.atomic
def hold(*, ticket: Ticket, reason: str, actor: Actor) -> Ticket:
    """Park the ticket while something outside support is awaited (a provider, a bank)."""
    _check_agent_may_write(actor)
    if not reason or not reason.strip():
        raise DomainError(str(_("Say why the ticket is on hold.")), field="reason")
    ticket = _locked(ticket)
    new_status = check_action("hold", ticket.status)
    now = clock.now()
    events: list[Event] = []
    changed: list[str] = []
    _status_change(ticket, new_status, actor, now, changed, events)
    events[0].data["reason"] = reason.strip()
    _save(ticket, changed, now)
    _write_events(ticket, events)
    return ticket


@transaction.atomic
def continue_by_email(*, ticket: Ticket, actor: Actor) -> Ticket:
    """A chat ended before its ticket was resolved: the ticket goes on by email."""
    ticket = _locked(ticket)
    if ticket.channel == "email":
        return ticket
    now = clock.now()
    events = [
        _event(
            ticket,
            EventType.FIELDS,
            actor,
            now,
            changes={"channel": {"from": ticket.channel, "to": "email"}},
        )
    ]
    ticket.channel = "email"
    _save(ticket, ["channel"], now)
    _write_events(ticket, events)
    return ticket


@transaction.atomic
def record_email_failure(
    *, ticket: Ticket, address: str, detail: str, message_id: str = "", status: str = ""
) -> Event:
    """An email to the player was not delivered (the server gave up, or a delivery report came
    back): a system event on the ticket, for the agents to see."""
    now = clock.now()
    event = _event(
        ticket,
        EventType.EMAIL_FAILED,
        Actor.system(),
        now,
        address=address,
        detail=detail[:300],
        message_id=message_id,
        status=status,
    )
    _write_events(ticket, [event])
    return event


@transaction.atomic
def assign(*, ticket: Ticket, agent: AgentProfile | None, actor: Actor) -> Ticket:
    """Give the ticket to an agent of its brand, or take it back to the queue (None)."""
    _check_agent_may_write(actor)
    ticket = _locked(ticket)
    new_status = check_action("assign", ticket.status)
    if agent is not None and not agent.brands.filter(pk=ticket.brand_id).exists():
        raise DomainError(str(_("This agent does not work for the ticket's brand.")), field="agent")
    if ticket.assignee_id == (agent.pk if agent else None):
        return ticket
    now = clock.now()
    events = [
        _event(
            ticket,
            EventType.ASSIGNED,
            actor,
            now,
            **{
                "from": ticket.assignee.display_name if ticket.assignee else None,
                "to": agent.display_name if agent else None,
            },
        )
    ]
    changed = ["assignee"]
    ticket.assignee = agent
    if agent is not None:
        _status_change(ticket, new_status, actor, now, changed, events)
    _save(ticket, changed, now)
    _write_events(ticket, events)
    return ticket


def _change_field(
    ticket: Ticket,
    action: str,
    field: str,
    value: str,
    choices: list[str],
    event_type: str,
    actor: Actor,
) -> Ticket:
    _check_agent_may_write(actor)
    if value not in choices:
        raise DomainError(str(_("Unknown value.")), field=field)
    ticket = _locked(ticket)
    check_action(action, ticket.status)
    old = getattr(ticket, field)
    if old == value:
        return ticket
    now = clock.now()
    events = [_event(ticket, event_type, actor, now, **{"from": old, "to": value})]
    setattr(ticket, field, value)
    changed = [field]
    if field == "priority":
        deadlines.priority_changed(ticket, old, now, changed)
    elif field == "category" and not ticket.harm:
        # The category decides the team (a ticket with signs of harm stays where it is).
        _move_to_team_of(ticket, value, actor, now, changed, events)
    if ticket.triage:
        record_correction(ticket=ticket, field=field, corrected=value, agent=actor.agent, now=now)
    _save(ticket, changed, now)
    _write_events(ticket, events)
    return ticket


@transaction.atomic
def move_to_team(*, ticket: Ticket, team: Team, actor: Actor) -> Ticket:
    """Hand the ticket to another team (a chat transferred, a person's decision)."""
    _check_agent_may_write(actor)
    ticket = _locked(ticket)
    check_action("assign", ticket.status)
    if team.pk == ticket.team_id:
        return ticket
    now = clock.now()
    changed: list[str] = []
    events: list[Event] = []
    _set_team(ticket, team, actor, now, changed, events)
    _save(ticket, changed, now)
    _write_events(ticket, events)
    return ticket


def _move_to_team_of(
    ticket: Ticket,
    category: str,
    actor: Actor,
    now: datetime,
    changed: list[str],
    events: list[Event],
) -> None:
    team = team_for(
        brand=ticket.brand, category=category, language=ticket.language, channel=ticket.channel
    )
    if team is not None and team.pk != ticket.team_id:
        _set_team(ticket, team, actor, now, changed, events)


def _set_team(
    ticket: Ticket,
    team: Team,
    actor: Actor,
    now: datetime,
    changed: list[str],
    events: list[Event],
) -> None:
    """The ticket goes to another team, with its `team` event."""
    events.append(
        _event(
            ticket,
            EventType.TEAM,
            actor,
            now,
            **{"from": ticket.team.slug if ticket.team else None, "to": team.slug},
        )
    )
    ticket.team = team
    changed.append("team")


def _mark_harm(
    ticket: Ticket,
    harm: bool,
    actor: Actor,
    now: datetime,
    changed: list[str],
    events: list[Event],
    **data: Any,
) -> None:
    """Set or clear the ticket's signs of harm: the responsible-gambling team takes a marked
    ticket, at least high; a cleared one goes back to its category's team. The player's mark
    follows."""
    events.append(
        _event(ticket, EventType.HARM, actor, now, **{"from": ticket.harm, "to": harm}, **data)
    )
    ticket.harm = harm
    changed.append("harm")
    if harm:
        _move_to_team_of(ticket, triaging.HARM_CATEGORY, actor, now, changed, events)
        raised = triaging.at_least(ticket.priority, Priority.HIGH)
        if "self_harm" in data.get("markers", ()):
            raised = Priority.URGENT
        if raised != ticket.priority:
            events.append(
                _event(
                    ticket,
                    EventType.PRIORITY,
                    actor,
                    now,
                    **{"from": ticket.priority, "to": raised},
                )
            )
            old, ticket.priority = ticket.priority, raised
            changed.append("priority")
            deadlines.priority_changed(ticket, old, now, changed)
        _flag_player(ticket.player, now)
    else:
        _move_to_team_of(ticket, ticket.category, actor, now, changed, events)


@transaction.atomic
def set_harm(*, ticket: Ticket, harm: bool, actor: Actor) -> Ticket:
    """An agent confirms or clears the signs of gambling harm on a ticket (a correction of the
    triage when it was triaged)."""
    _check_agent_may_write(actor)
    ticket = _locked(ticket)
    check_action("change_category", ticket.status)
    if ticket.harm == harm:
        return ticket
    now = clock.now()
    changed: list[str] = []
    events: list[Event] = []
    _mark_harm(ticket, harm, actor, now, changed, events)
    if ticket.triage:
        record_correction(ticket=ticket, field="harm", corrected=harm, agent=actor.agent, now=now)
    _save(ticket, changed, now)
    _write_events(ticket, events)
    if not harm:
        _unflag_player_if_clear(ticket.player)
    return ticket


@transaction.atomic
def change_category(*, ticket: Ticket, category: str, actor: Actor) -> Ticket:
    return _change_field(
        ticket, "change_category", "category", category, Category.values, EventType.CATEGORY, actor
    )


@transaction.atomic
def change_priority(*, ticket: Ticket, priority: str, actor: Actor) -> Ticket:
    return _change_field(
        ticket, "change_priority", "priority", priority, Priority.values, EventType.PRIORITY, actor
    )


@transaction.atomic
def update_fields(*, ticket: Ticket, fields: dict[str, Any], actor: Actor) -> Ticket:
    """Change structured details (transaction id, game, device...); None removes a detail."""
    _check_agent_may_write(actor)
    ticket = _locked(ticket)
    check_action("update_fields", ticket.status)
    new = dict(ticket.fields)
    changes = {}
    for key, value in fields.items():
        if new.get(key) != value:
            changes[key] = {"from": new.get(key), "to": value}
            if value is None:
                new.pop(key, None)
            else:
                new[key] = value
    if not changes:
        return ticket
    now = clock.now()
    ticket.fields = new
    _save(ticket, ["fields"], now)
    _write_events(ticket, [_event(ticket, EventType.FIELDS, actor, now, changes=changes)])
    return ticket


@transaction.atomic
def resolve(*, ticket: Ticket, actor: Actor) -> Ticket:
    _check_agent_may_write(actor)
    ticket = _locked(ticket)
    new_status = check_action("resolve", ticket.status)
    now = clock.now()
    events: list[Event] = []
    changed: list[str] = []
    _status_change(ticket, new_status, actor, now, changed, events)
    _save(ticket, changed, now)
    _write_events(ticket, events)
    return ticket


@transaction.atomic
def close(*, ticket: Ticket, actor: Actor) -> Ticket:
    _check_agent_may_write(actor)
    ticket = _locked(ticket)
    new_status = check_action("close", ticket.status)
    now = clock.now()
    events: list[Event] = []
    changed: list[str] = []
    _status_change(ticket, new_status, actor, now, changed, events)
    _save(ticket, changed, now)
    _write_events(ticket, events)
    return ticket


def attach_file(*, message: Message, filename: str, data: bytes, content_type: str) -> Attachment:
    """A file with a message. ``content_type`` is what the caller detected from the bytes
    (kyc/files.py); the declared type is never trusted."""
    name = (filename or "file")[:255]
    attachment = Attachment(
        message=message,
        filename=name,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    attachment.file.save(name, ContentFile(data), save=True)
    return attachment
