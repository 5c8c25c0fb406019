"""The live chat's two WebSocket ends: the player's widget and the agent's chat panel.

Delivery that loses nothing: each message a side sends carries its own ``client_id``; the
server answers ``ack`` (with the message's id) only once the message is committed, and a message
sent again with the same ``client_id`` is stored once. Each side says the last message id it has
(``after``) when it (re)connects and is sent everything after it, in id order; then every
commit on the ticket (announced through the ticket's group) makes the server send what is new
since the last id it sent. So after any number of lost connections each side holds every
message exactly once, in order, as the ticket does.

Player protocol (JSON), ``/ws/widget/<brand>/``:

    -> {"type": "hello", "token": <member-area token>} | {"type": "hello", "name", "email"}
       | {"type": "hello", "resume": <session token>, "after": <id>}   (+ "language": en|fr)
    <- {"type": "welcome", "session": <token>, "state": ready|waiting|active|ended, ...}
       | {"type": "closed", "reason": closed|language|no_agent|not_offered, "message", ...}
       | {"type": "error", "code", "message"} (then the connection closes with 4401/4400)
    -> {"type": "message", "client_id", "body"}   <- {"type": "ack", "client_id", "id"}
    -> {"type": "attachment", "client_id", "name", "data": base64}  <- ack, or
       {"type": "error", "code": "file", "client_id", "message"}
    <- {"type": "message", "id", "author": player|agent, "name", "body", "at", "client_id"}
    <- {"type": "queue", "position", "wait_seconds"}   <- {"type": "state", "state", "agent"}
    -> {"type": "typing"} / {"type": "read", "id"} / {"type": "end"} / {"type": "transcript"}
    <- {"type": "typing", "who": "agent"} / {"type": "read", "by": "agent", "id"}

Agent protocol, ``/ws/chat/agent/`` (the console's session):

    <- {"type": "chats", "waiting": [...], "mine": [...]} (again whenever a line changes)
    -> {"type": "accept", "conversation"} | {"type": "decline", "conversation"}
       | {"type": "join", "conversation", "after"}
    -> {"type": "targets", "conversation"} <- {"type": "targets", "agents", "teams"}
    -> {"type": "transfer", "conversation", "to_agent": id | "to_team": id}
    <- {"type": "state", "conversation", "state": "transferred"} (to the agent who handed it)
    -> {"type": "message", "conversation", "client_id", "body"} <- ack
    <- {"type": "message", "conversation", ...}; typing, read, end as for the player.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from typing import Any
from urllib.parse import urlsplit

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from playerdesk.brands.models import Brand
from playerdesk.brands.platform import TokenError, read_token
from playerdesk.chat import actions, hours, selectors, tokens
from playerdesk.chat.models import Conversation, State
from playerdesk.kyc.files import FileRejected
from playerdesk.people.actions import player_for_address
from playerdesk.people.models import AgentProfile, Player, Team
from playerdesk.realtime.events import batch_message, chat_group, ticket_group
from playerdesk.tickets import actions as ticket_actions
from playerdesk.tickets.notices import when

logger = logging.getLogger(__name__)


def _db(func: Any) -> Any:
    """Database work in a thread of the pool, not all on one: chats are many and independent
    (Channels' default runs every consumer's database work on a single thread)."""
    return database_sync_to_async(func, thread_sensitive=False)


MAX_BODY = 5000
MAX_FRAME = 20_000
# A file travels base64-encoded in one frame: 5 MB of file, a third more as text.
MAX_FILE_FRAME = actions.MAX_FILE_BYTES * 4 // 3 + 1000
NOT_JSON = gettext_noop("A message must be JSON text of at most 20,000 bytes.")
LIST_REFRESH_SECONDS = 0.3
# Events on a ticket after which there may be new messages to send.
MESSAGE_EVENTS = frozenset({"player_message", "reply", "info_requested", "expected", "escalated"})


def _origin_allowed(scope: dict[str, Any], brand: Brand) -> bool:
    """The widget runs on the brand's site or on the desk's own pages; clients that are not
    browsers send no Origin."""
    origin = dict(scope.get("headers") or []).get(b"origin")
    if not origin:
        return True
    host = (urlsplit(origin.decode("latin-1")).hostname or "").lower()
    allowed = {h.lower().lstrip(".") for h in settings.ALLOWED_HOSTS}
    if brand.website:
        allowed.add((urlsplit(brand.website).hostname or "").lower())
    return "*" in allowed or any(host == a or host.endswith("." + a) for a in allowed if a)


# --- database work, in threads --------------------------------------------------------------


@_db
def _brand(slug: str) -> Brand | None:
    return Brand.objects.filter(slug=slug, is_active=True).first()


@_db
def _player_by_token(brand: Brand, token: str) -> Player:
    identity = read_token(brand.slug, token)
    player = Player.objects.filter(brand=brand, external_id=identity.player_id).first()
    if player is None:
        raise TokenError("unknown", _("We do not know this account yet."))
    return player


@_db
def _player_by_address(brand: Brand, name: str, email: str, language: str) -> Player:
    return player_for_address(brand=brand, email=email, name=name, language=language)


@_db
def _resume(brand: Brand, session: tokens.Session) -> tuple[Player, Conversation | None] | None:
    if session.brand_id != brand.pk:
        return None
    player = Player.objects.filter(pk=session.player_id, brand=brand).first()
    if player is None:
        return None
    conversation = None
    if session.conversation_id:
        conversation = (
            Conversation.objects.select_related("ticket")
            .filter(pk=session.conversation_id, player=player)
            .first()
        )
    return player, conversation


@_db
def _availability(brand: Brand, language: str) -> hours.Availability:
    return hours.availability(brand, language)


@_db
def _queue(conversation: Conversation, brand: Brand) -> tuple[int, int]:
    place = selectors.position(conversation)
    agents = hours.agents_available(brand, conversation.language)
    return place, selectors.estimated_wait(conversation, place, agents)


@_db
def _refresh(conversation: Conversation) -> Conversation:
    return Conversation.objects.select_related("ticket", "agent", "player").get(pk=conversation.pk)


_messages_after = _db(selectors.messages_after)
_start = _db(actions.start)
_say_as_player = _db(actions.say_as_player)
_leave_message = _db(actions.leave_message)
_say_as_agent = _db(actions.say_as_agent)
_mark_read = _db(actions.mark_read)
_end = _db(actions.end)
_email_transcript = _db(actions.email_transcript)
_send_file = _db(actions.send_file)
_accept = _db(actions.accept)


@_db
def _read_lines(keys: list[tuple[Brand, str]]) -> dict[tuple[int, str], selectors.Line]:
    return {(brand.pk, language): selectors.read_line(brand, language) for brand, language in keys}


class _LineWatch:
    """Players waiting in line told their new place when it moves: one read of each line per
    moment for all the players of this process waiting in it, not a read per player (a
    thousand players waiting, and as many chats starting, would otherwise mean a million)."""

    def __init__(self) -> None:
        self.pending: dict[tuple[int, str], set[PlayerChatConsumer]] = {}
        self.brands: dict[tuple[int, str], Brand] = {}
        self.scheduled = False

    def moved(self, consumer: PlayerChatConsumer) -> None:
        assert consumer.brand is not None
        key = (consumer.brand.pk, consumer.language)
        self.pending.setdefault(key, set()).add(consumer)
        self.brands[key] = consumer.brand
        if not self.scheduled:
            self.scheduled = True
            asyncio.get_running_loop().call_later(
                LIST_REFRESH_SECONDS, lambda: asyncio.ensure_future(self.refresh())
            )

    def forget(self, consumer: PlayerChatConsumer) -> None:
        for consumers in self.pending.values():
            consumers.discard(consumer)

    async def refresh(self) -> None:
        pending, self.pending, self.scheduled = self.pending, {}, False
        lines = await _read_lines([(self.brands[key], key[1]) for key in pending])
        for key, consumers in pending.items():
            for consumer in consumers:
                try:
                    await consumer.send_place(lines[key])
                except Exception:  # a connection closed meanwhile: nothing to tell
                    logger.debug("chat: a place not sent", exc_info=True)


_lines = _LineWatch()


def _closed_text(reason: str, availability: hours.Availability, brand: Brand, language: str) -> str:
    with translation.override(language):
        if reason == "no_agent":
            text = _("All our agents are busy or away right now.")
        elif reason == "language":
            text = _("Chat in this language is not available right now.")
        elif reason == "not_offered":
            text = _("Live chat is not offered here.")
        else:
            text = _("Live chat is closed right now.")
        if availability.opens_at is not None:
            text += " " + _("It opens again %(when)s.") % {
                "when": when(availability.opens_at, brand.timezone, language)
            }
        return (
            text
            + " "
            + _("Leave a message here and we will answer by email, or use the contact form.")
        )


class _Base(AsyncJsonWebsocketConsumer):
    """Sending what is new on a ticket, in order, exactly once per connection."""

    last_sent: dict[int, int]
    public_only = True
    accepts_files = False

    async def _changed(
        self, event: dict[str, Any], ticket_id: int, conversation_id: int | None = None
    ) -> bool:
        """A commit on the ticket. Its message, when the event carries it (a live chat's) and
        it follows the last one this connection sent, is sent at once; True when what is new
        must be read from the database instead (a message missed, or an event without it)."""
        if not MESSAGE_EVENTS & set(event.get("events", [])):
            return False
        live = event.get("message")
        if not live:
            return True
        last = self.last_sent.get(ticket_id, 0)
        if self.public_only and not live["public"]:
            return last < live["prev_public"]  # nothing to show, unless one was missed
        row = live["row"]
        if row["id"] <= last:
            return False  # already sent (read from the database meanwhile)
        if (live["prev_public"] if self.public_only else live["prev"]) != last:
            return True
        if conversation_id is not None:
            row = {**row, "conversation": conversation_id}
        await self.send_json({"type": "message", **row})
        self.last_sent[ticket_id] = row["id"]
        return False

    async def _send_new(self, ticket_id: int, conversation_id: int | None = None) -> None:
        while True:
            rows = await _messages_after(
                ticket_id, self.last_sent.get(ticket_id, 0), public_only=self.public_only
            )
            for row in rows:
                if conversation_id is not None:
                    row["conversation"] = conversation_id
                await self.send_json({"type": "message", **row})
                self.last_sent[ticket_id] = row["id"]
            if len(rows) < selectors.BATCH:
                return

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """A frame that is not JSON text gets an error; the connection stays."""
        too_long = len(text_data or "") > MAX_FRAME and not (
            self.accepts_files
            and len(text_data or "") <= MAX_FILE_FRAME
            and '"attachment"' in (text_data or "")[:100]
        )
        if text_data is None or too_long:
            await self._error("invalid", self._t(NOT_JSON))
            return
        try:
            content = await self.decode_json(text_data)
        except ValueError:
            await self._error("invalid", self._t(NOT_JSON))
            return
        await self.receive_json(content)

    def _t(self, text: str) -> str:
        return _(text)

    async def _error(self, code: str, message: str, close: int | None = None) -> None:
        await self.send_json({"type": "error", "code": code, "message": message})
        if close:
            await self.close(code=close)


class PlayerChatConsumer(_Base):
    accepts_files = True
    brand: Brand | None = None
    player: Player | None = None
    conversation: Conversation | None = None
    language = "en"
    availability: hours.Availability | None = None

    async def connect(self) -> None:
        self.last_sent = {}
        self.brand = await _brand(self.scope["url_route"]["kwargs"]["brand"])
        if self.brand is None or not _origin_allowed(self.scope, self.brand):
            await self.close(code=4403)
            return
        self.language = self.brand.primary_language
        await self.accept()

    async def disconnect(self, code: int) -> None:
        _lines.forget(self)
        if self.conversation is not None:
            await self.channel_layer.group_discard(
                ticket_group(self.conversation.ticket_id), self.channel_name
            )
        if self.brand is not None:
            await self.channel_layer.group_discard(chat_group(self.brand.pk), self.channel_name)

    def _t(self, text: str) -> str:
        """``text`` (marked with gettext_noop) in the player's language."""
        with translation.override(self.language):
            return _(text)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict):
            await self._error("invalid", self._t(gettext_noop("A message must be a JSON object.")))
            return
        kind = content.get("type")
        try:
            if kind == "hello":
                await self._hello(content)
            elif self.player is None:
                await self._error(
                    "not_identified", self._t(gettext_noop("Say hello first.")), close=4400
                )
            elif kind == "message":
                await self._message(content)
            elif kind == "attachment":
                await self._attachment(content)
            elif kind == "typing" and self.conversation is not None:
                ticket_id = self.conversation.ticket_id
                await self.channel_layer.group_send(
                    ticket_group(ticket_id),
                    batch_message([{"type": "chat.typing", "who": "player", "ticket": ticket_id}]),
                )
            elif kind == "read" and self.conversation is not None:
                await _mark_read(
                    conversation=self.conversation, by="player", message_id=int(content["id"])
                )
            elif kind == "end" and self.conversation is not None:
                await _end(
                    conversation=self.conversation,
                    actor=ticket_actions.Actor.for_player(self.player),
                )
            elif kind == "transcript" and self.conversation is not None:
                with translation.override(self.language):
                    to = await _email_transcript(conversation=self.conversation)
                    text = _("The transcript is on its way to %(address)s.") % {"address": to}
                await self.send_json({"type": "transcript", "to": to, "message": text})
            else:
                await self._error(
                    "invalid", self._t(gettext_noop("This message is not understood."))
                )
        except actions.DomainError as exc:
            await self._error("refused", exc.message)
        except (KeyError, TypeError, ValueError):
            logger.info("chat: a message not understood: %r", content, exc_info=True)
            await self._error("invalid", self._t(gettext_noop("This message is not understood.")))

    async def _hello(self, content: dict[str, Any]) -> None:
        assert self.brand is not None
        if self.player is not None:
            return
        if content.get("language") in ("en", "fr"):
            self.language = content["language"]
        if content.get("resume"):
            session = tokens.read(str(content["resume"]))
            found = await _resume(self.brand, session) if session else None
            if found is None:
                await self._error(
                    "session",
                    self._t(gettext_noop("This conversation cannot be continued.")),
                    close=4401,
                )
                return
            self.player, self.conversation = found
            if self.conversation is not None:
                self.last_sent[self.conversation.ticket_id] = int(content.get("after") or 0)
        elif content.get("token"):
            try:
                with translation.override(self.language):
                    self.player = await _player_by_token(self.brand, str(content["token"]))
            except TokenError as exc:
                with translation.override(self.language):
                    await self._error(exc.code, str(exc), close=4401)
                return
        else:
            name = str(content.get("name") or "").strip()[:200]
            email = str(content.get("email") or "").strip()[:254]
            try:
                validate_email(email)
            except ValidationError:
                await self._error(
                    "email",
                    self._t(gettext_noop("Please give your name and a valid email address.")),
                )
                return
            self.player = await _player_by_address(self.brand, name, email, self.language)
        await self._welcome()

    async def _welcome(self) -> None:
        assert self.brand is not None and self.player is not None
        session = tokens.make(
            tokens.Session(
                self.brand.pk, self.player.pk, self.conversation.pk if self.conversation else None
            )
        )
        if self.conversation is None or self.conversation.state == State.ENDED:
            self.availability = await _availability(self.brand, self.language)
            if not self.availability.open:
                await self.send_json(
                    {
                        "type": "closed",
                        "session": session,
                        "reason": self.availability.reason,
                        "opens_at": (
                            self.availability.opens_at.isoformat()
                            if self.availability.opens_at
                            else None
                        ),
                        "message": _closed_text(
                            self.availability.reason, self.availability, self.brand, self.language
                        ),
                        "contact_url": f"/p/{self.brand.slug}/contact/?lang={self.language}",
                    }
                )
                return
        state = self.conversation.state if self.conversation else "ready"
        await self.send_json(
            {
                "type": "welcome",
                "session": session,
                "state": state,
                "reference": self.conversation.ticket.reference if self.conversation else None,
            }
        )
        if self.conversation is not None:
            await self._join()

    async def _join(self) -> None:
        assert self.conversation is not None and self.brand is not None
        await self.channel_layer.group_add(
            ticket_group(self.conversation.ticket_id), self.channel_name
        )
        if self.conversation.state == State.WAITING:  # the line moves: hear of it
            await self.channel_layer.group_add(chat_group(self.brand.pk), self.channel_name)
        await self._send_new(self.conversation.ticket_id)
        await self._send_queue()

    async def _send_queue(self) -> None:
        assert self.conversation is not None and self.brand is not None
        if self.conversation.state == State.WAITING:
            place, wait = await _queue(self.conversation, self.brand)
            await self._send_place(place, wait)

    async def send_place(self, line: selectors.Line) -> None:
        """The line moved (``_LineWatch``): the new place, when it is new."""
        if self.conversation is None or self.conversation.state != State.WAITING:
            return
        place = line.place(self.conversation.pk)
        if place is not None:  # (not in the line any more: its own state event follows)
            await self._send_place(place, line.wait(place))

    async def _send_place(self, place: int, wait: int) -> None:
        if (place, wait) != getattr(self, "place_sent", None):
            self.place_sent = (place, wait)
            await self.send_json({"type": "queue", "position": place, "wait_seconds": wait})

    async def _message(self, content: dict[str, Any]) -> None:
        assert self.brand is not None and self.player is not None
        body = str(content.get("body") or "")
        client_id = str(content.get("client_id") or "")[:64]
        if not body.strip() or len(body) > MAX_BODY or not client_id:
            await self._error(
                "invalid",
                self._t(
                    gettext_noop(
                        "A message needs a client_id and a text of at most 5000 characters."
                    )
                ),
            )
            return
        if self.conversation is None or self.conversation.state == State.ENDED:
            if self.availability is not None and not self.availability.open:
                reference = await _leave_message(
                    brand=self.brand, player=self.player, language=self.language, body=body
                )
                await self.send_json(
                    {"type": "ack", "client_id": client_id, "id": None, "reference": reference}
                )
                return
            self.conversation = await _start(
                brand=self.brand,
                player=self.player,
                language=self.language,
                body=body,
                client_id=client_id,
            )
            rows = await _messages_after(self.conversation.ticket_id, 0)
            first = next((r["id"] for r in rows if r["client_id"] == client_id), None)
            await self.send_json({"type": "ack", "client_id": client_id, "id": first})
            await self.send_json(
                {
                    "type": "welcome",
                    "session": tokens.make(
                        tokens.Session(self.brand.pk, self.player.pk, self.conversation.pk)
                    ),
                    "state": self.conversation.state,
                    "reference": self.conversation.ticket.reference,
                }
            )
            await self._join()
            return
        message = await _say_as_player(
            conversation=self.conversation, body=body, client_id=client_id
        )
        # The message itself comes back with the commit's event, as to every other connection.
        await self.send_json({"type": "ack", "client_id": client_id, "id": message.pk})

    async def _attachment(self, content: dict[str, Any]) -> None:
        """A file in the chat under way (base64 in ``data``), acknowledged like a message."""
        client_id = str(content.get("client_id") or "")[:64]
        if self.conversation is None or self.conversation.state == State.ENDED or not client_id:
            await self._error(
                "invalid", self._t(gettext_noop("A file can be sent once the chat has started."))
            )
            return
        try:
            data = base64.b64decode(str(content.get("data") or ""), validate=True)
        except (binascii.Error, ValueError):
            await self._error("invalid", self._t(gettext_noop("This file could not be read.")))
            return
        try:
            message = await _send_file(
                conversation=self.conversation,
                filename=str(content.get("name") or "file"),
                data=data,
                client_id=client_id,
            )
        except FileRejected as exc:
            with translation.override(self.language):
                await self.send_json(
                    {"type": "error", "code": "file", "client_id": client_id, "message": str(exc)}
                )
            return
        await self.send_json({"type": "ack", "client_id": client_id, "id": message.pk})

    async def desk_events(self, message: dict[str, Any]) -> None:
        if self.conversation is None:
            return
        ticket_id = self.conversation.ticket_id
        new_messages = False
        for event in message["events"]:
            kind = event.get("type")
            if kind == "ticket.changed" and event.get("ticket") == ticket_id:
                if new_messages:  # the database is read below: it holds this one too
                    continue
                new_messages = await self._changed(event, ticket_id)
            elif kind == "chat.state" and event.get("ticket") == ticket_id:
                self.conversation = await _refresh(self.conversation)
                await self.send_json(
                    {"type": "state", "state": event["state"], "agent": event.get("agent")}
                )
                if self.brand is None:
                    continue
                if self.conversation.state != State.WAITING:
                    await self.channel_layer.group_discard(
                        chat_group(self.brand.pk), self.channel_name
                    )
                else:  # back in line (transferred to a team): hear the line again
                    await self.channel_layer.group_add(chat_group(self.brand.pk), self.channel_name)
                    self.place_sent = None
                    await self._send_queue()
            elif kind == "chat.state" and self.conversation.state == State.WAITING:
                _lines.moved(self)  # someone ahead was taken: a new position
            elif kind == "chat.typing" and event.get("who") == "agent":
                await self.send_json({"type": "typing", "who": "agent"})
            elif kind == "chat.read" and event.get("by") == "agent":
                await self.send_json({"type": "read", "by": "agent", "id": event["id"]})
        if new_messages:
            await self._send_new(ticket_id)


# --- the agent's end ------------------------------------------------------------------------


@_db
def _agent(user: Any) -> AgentProfile | None:
    profile = getattr(user, "agent", None) if user.is_authenticated else None
    if profile is None:
        return None
    return AgentProfile.objects.select_related("user").get(pk=profile.pk)


@_db
def _lists(agent: AgentProfile) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[int]]:
    brands = list(agent.brands.values_list("id", flat=True))
    return selectors.waiting_for(agent), selectors.mine(agent), brands


_canned = _db(selectors.canned_for)


@_db
def _conversation_for(agent: AgentProfile, pk: int) -> Conversation | None:
    """A chat the agent may join: theirs, or any of their brands for a supervisor."""
    found = (
        Conversation.objects.select_related("ticket", "player")
        .filter(pk=pk, brand__in=agent.brands.all())
        .first()
    )
    if found is None:
        return None
    if found.agent_id == agent.pk or agent.role in ("supervisor", "administrator"):
        return found
    return None


class AgentChatConsumer(_Base):
    public_only = False
    agent: AgentProfile | None = None

    async def connect(self) -> None:
        self.last_sent = {}
        self.joined: dict[int, Conversation] = {}
        self.agent = await _agent(self.scope["user"])
        await self.accept()
        if self.agent is None:
            await self.close(code=4401)
            return
        waiting, mine, brands = await _lists(self.agent)
        self.brand_groups = [chat_group(b) for b in brands]
        for group in self.brand_groups:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.send_json({"type": "chats", "waiting": waiting, "mine": mine})
        await self.send_json({"type": "canned", "answers": await _canned(self.agent)})

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "brand_groups", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        for conversation in getattr(self, "joined", {}).values():
            await self.channel_layer.group_discard(
                ticket_group(conversation.ticket_id), self.channel_name
            )

    def _t(self, text: str) -> str:
        with translation.override(self.language):
            return _(text)

    @property
    def language(self) -> str:
        """The agent's console language: their errors and notices are in it."""
        return (self.agent.ui_language if self.agent else "") or "en"

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        with translation.override(self.language):
            await self._receive_json(content)

    async def _receive_json(self, content: Any) -> None:
        assert self.agent is not None
        if not isinstance(content, dict):
            await self._error("invalid", _("A message must be a JSON object."))
            return
        kind = content.get("type")
        try:
            pk = int(content.get("conversation") or 0)
            if kind == "accept":
                found = await _conversation_for_waiting(self.agent, pk)
                if found is None:
                    await self._error("not_found", _("This chat is not waiting for you."))
                    return
                conversation = await _accept(conversation=found, agent=self.agent)
                await self._join(conversation, 0)
            elif kind == "decline":
                found = await _conversation_for_waiting(self.agent, pk)
                if found is None:
                    await self._error("not_found", _("This chat is not waiting for you."))
                    return
                await _decline(conversation=found, agent=self.agent)
            elif kind == "targets" and pk in self.joined:
                targets = await _targets(self.joined[pk], self.agent)
                await self.send_json({"type": "targets", "conversation": pk, **targets})
            elif kind == "transfer" and pk in self.joined:
                await self._transfer(self.joined[pk], content)
            elif kind == "join":
                found = await _conversation_for(self.agent, pk)
                if found is None:
                    await self._error("not_found", _("This chat is not yours."))
                    return
                await self._join(found, int(content.get("after") or 0))
            elif kind == "message":
                conversation = self.joined.get(pk)
                body = str(content.get("body") or "")
                client_id = str(content.get("client_id") or "")[:64]
                if conversation is None or not body.strip() or not client_id:
                    await self._error("invalid", _("Join the chat, then send a text."))
                    return
                message = await _say_as_agent(
                    conversation=conversation, agent=self.agent, body=body, client_id=client_id
                )
                await self.send_json(
                    {"type": "ack", "conversation": pk, "client_id": client_id, "id": message.pk}
                )
            elif kind == "typing" and pk in self.joined:
                ticket_id = self.joined[pk].ticket_id
                await self.channel_layer.group_send(
                    ticket_group(ticket_id),
                    batch_message([{"type": "chat.typing", "who": "agent", "ticket": ticket_id}]),
                )
            elif kind == "read" and pk in self.joined:
                await _mark_read(
                    conversation=self.joined[pk], by="agent", message_id=int(content["id"])
                )
            elif kind == "end" and pk in self.joined:
                await _end(
                    conversation=self.joined[pk],
                    actor=ticket_actions.Actor.for_agent(self.agent),
                )
            else:
                await self._error("invalid", _("This message is not understood."))
        except actions.DomainError as exc:
            await self._error("refused", exc.message)
        except (KeyError, TypeError, ValueError):
            logger.info("chat: an agent's message not understood: %r", content, exc_info=True)
            await self._error("invalid", _("This message is not understood."))

    async def _transfer(self, conversation: Conversation, content: dict[str, Any]) -> None:
        assert self.agent is not None
        if content.get("to_agent"):
            to = await _transfer_agent(self.agent, int(content["to_agent"]))
            if to is None:
                await self._error("not_found", _("This agent cannot be found."))
                return
            await _transfer_to_agent(conversation=conversation, to=to, by=self.agent)
        elif content.get("to_team"):
            team = await _transfer_team(int(content["to_team"]))
            if team is None:
                await self._error("not_found", _("This team cannot be found."))
                return
            await _transfer_to_team(conversation=conversation, team=team, by=self.agent)
        else:
            await self._error("invalid", _("Say to which agent or team."))

    async def _leave(self, pk: int) -> None:
        """The chat is no longer this agent's (transferred)."""
        conversation = self.joined.pop(pk, None)
        if conversation is not None:
            await self.channel_layer.group_discard(
                ticket_group(conversation.ticket_id), self.channel_name
            )
            await self.send_json({"type": "state", "conversation": pk, "state": "transferred"})

    async def _join(self, conversation: Conversation, after: int) -> None:
        self.joined[conversation.pk] = conversation
        self.last_sent[conversation.ticket_id] = after
        await self.channel_layer.group_add(ticket_group(conversation.ticket_id), self.channel_name)
        await self.send_json(
            {
                "type": "joined",
                "conversation": conversation.pk,
                "reference": conversation.ticket.reference,
                "player": conversation.player.name or str(conversation.player),
                "player_id": conversation.player_id,
                "brand": conversation.brand_id,
                "language": conversation.language,
            }
        )
        await self._send_new(conversation.ticket_id, conversation.pk)

    async def desk_events(self, message: dict[str, Any]) -> None:
        assert self.agent is not None
        by_ticket = {c.ticket_id: pk for pk, c in self.joined.items()}
        refresh_lists = False
        to_read: set[int] = set()
        for event in message["events"]:
            kind = event.get("type")
            ticket_id = event.get("ticket")
            if kind == "chat.state":
                refresh_lists = True
                gone = event.get("transferred") and event.get("agent_id") != self.agent.pk
                if ticket_id in by_ticket and gone:
                    await self._leave(by_ticket.pop(ticket_id))
                elif ticket_id in by_ticket:
                    await self.send_json(
                        {
                            "type": "state",
                            "conversation": by_ticket[ticket_id],
                            "state": event["state"],
                        }
                    )
            elif kind == "ticket.changed" and ticket_id in by_ticket and ticket_id not in to_read:
                if await self._changed(event, ticket_id, by_ticket[ticket_id]):
                    to_read.add(ticket_id)
            elif kind == "chat.typing" and event.get("who") == "player" and ticket_id in by_ticket:
                await self.send_json(
                    {"type": "typing", "conversation": by_ticket[ticket_id], "who": "player"}
                )
            elif kind == "chat.read" and event.get("by") == "player" and ticket_id in by_ticket:
                await self.send_json(
                    {
                        "type": "read",
                        "conversation": by_ticket[ticket_id],
                        "by": "player",
                        "id": event["id"],
                    }
                )
        for ticket_id in to_read:  # the database holds what the events said, and more
            if ticket_id in by_ticket:
                await self._send_new(ticket_id, by_ticket[ticket_id])
        if refresh_lists and not getattr(self, "refresh_pending", False):
            # Many chats start and end at once: their lists are read again once per moment,
            # not once per change.
            self.refresh_pending = True
            asyncio.get_running_loop().call_later(
                LIST_REFRESH_SECONDS, lambda: asyncio.ensure_future(self._refresh_lists())
            )

    async def _refresh_lists(self) -> None:
        assert self.agent is not None
        self.refresh_pending = False
        waiting, mine, _brands = await _lists(self.agent)
        await self.send_json({"type": "chats", "waiting": waiting, "mine": mine})


_decline = _db(actions.decline)
_targets = _db(selectors.transfer_targets)
_transfer_to_agent = _db(actions.transfer_to_agent)
_transfer_to_team = _db(actions.transfer_to_team)


@_db
def _transfer_agent(by: AgentProfile, pk: int) -> AgentProfile | None:
    return (
        AgentProfile.objects.select_related("user")
        .filter(pk=pk, brands__in=by.brands.all())
        .distinct()
        .first()
    )


@_db
def _transfer_team(pk: int) -> Team | None:
    return Team.objects.filter(pk=pk).first()


@_db
def _conversation_for_waiting(agent: AgentProfile, pk: int) -> Conversation | None:
    return (
        Conversation.objects.select_related("ticket")
        .filter(pk=pk, state=State.WAITING, brand__in=agent.brands.all())
        .first()
    )
