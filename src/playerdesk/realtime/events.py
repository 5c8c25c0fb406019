"""Pushing events to connected consoles after the transaction that caused them commits."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# The server's event loop, when requests run on worker threads beside it (server/bridge.py).
# Pushes are then handed to it without waiting; elsewhere (commands, tasks, tests) they run
# to completion on a loop of their own.
_server_loop: asyncio.AbstractEventLoop | None = None


def set_server_loop(loop: asyncio.AbstractEventLoop) -> None:
    global _server_loop
    _server_loop = loop


def brand_group(brand_id: int) -> str:
    """Consoles of agents who work a brand listen here."""
    return f"brand.{brand_id}"


def supervisors_group(brand_id: int) -> str:
    """Supervisors and administrators of a brand listen here (response-target notices)."""
    return f"supervisors.{brand_id}"


def chat_group(brand_id: int) -> str:
    """The brand's chat panels and waiting players listen here (chats starting, taken, ended)."""
    return f"chats.{brand_id}"


TICKET_PREFIX = "ticket."


def ticket_group(ticket_id: int) -> str:
    """Everyone looking at one ticket (agents, and the player in chat) listens here."""
    return f"{TICKET_PREFIX}{ticket_id}"


# A push to a brand's groups waits this long on the server loop, so that everything that
# changed meanwhile goes out as one message per group: under load, a brand's consoles get one
# message per flush instead of one per ticket, and the channel layer (Redis) does a fraction of
# the work. A ticket's group (a live chat's two sides, an agent on the ticket's page) hears of
# each change at once: few are listening, and a chat's messages must not wait.
FLUSH_SECONDS = 0.05
TICKET_FLUSH_SECONDS = 0.0


class _Outbox:
    """Events handed over by request threads, sent by the server loop in batches."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.flush_scheduled = False

    def add(
        self, loop: asyncio.AbstractEventLoop, event: dict[str, Any], groups: list[str]
    ) -> None:
        with self.lock:
            for group in groups:
                self.pending.setdefault(group, []).append(event)
            if self.flush_scheduled:
                return
            self.flush_scheduled = True
        loop.call_soon_threadsafe(loop.call_later, self.delay, self._start_flush, loop)

    def _start_flush(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.create_task(self.flush())

    def take(self) -> dict[str, list[dict[str, Any]]]:
        with self.lock:
            batch, self.pending = self.pending, {}
            self.flush_scheduled = False
        return batch

    async def flush(self) -> None:
        batch = self.take()
        layer = get_channel_layer()
        if layer is None:
            return
        for group, events in batch.items():
            try:
                await layer.group_send(group, batch_message(events))
            except Exception:  # a push is best effort: the record is already committed
                logger.warning(
                    "could not push %d event(s) to %s", len(events), group, exc_info=True
                )


_outbox = _Outbox(FLUSH_SECONDS)
_ticket_outbox = _Outbox(TICKET_FLUSH_SECONDS)


def batch_message(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The channel-layer message for a group: ``desk.events`` with the events, oldest first."""
    return {"type": "desk.events", "events": events}


def send_event(event: dict[str, Any], groups: Iterable[str]) -> None:
    """Push ``event`` to the channel-layer ``groups`` (best effort, never raises)."""
    groups = list(groups)
    if not groups:
        return
    loop = _server_loop
    if loop is not None and loop.is_running():
        tickets = [g for g in groups if g.startswith(TICKET_PREFIX)]
        if tickets:
            _ticket_outbox.add(loop, event, tickets)
        if len(tickets) < len(groups):
            _outbox.add(loop, event, [g for g in groups if not g.startswith(TICKET_PREFIX)])
        return
    layer = get_channel_layer()
    if layer is None:
        return

    async def push() -> None:
        for group in groups:
            await layer.group_send(group, batch_message([event]))

    try:
        async_to_sync(push)()
    except Exception:  # a push is best effort: the record is already committed
        logger.warning("could not push %s to %s", event.get("type"), groups, exc_info=True)


def send_event_on_commit(event: dict[str, Any], groups: Iterable[str]) -> None:
    """Push ``event`` to ``groups`` after the current transaction commits (never on rollback)."""
    groups = list(groups)
    transaction.on_commit(lambda: send_event(event, groups))
