"""A ticket's response targets and queue order, kept current by the actions.

The actions call these hooks inside their transaction; each sets fields on the ticket and adds
their names to ``changed`` (the action saves them). The arithmetic is in ``sla/``; the channel's
targets and the brand's business hours come from the brand's configuration.

The hooks only restart the watch: when the running target changes, its state goes back to "on
time" and the sweep (``tickets/sweeps.py``) looks at it again when it becomes at risk. Only the
sweep moves a ticket to "at risk" or "breached", with an event.
"""

from __future__ import annotations

from datetime import datetime

from playerdesk.sla import deadlines as sla
from playerdesk.sla.schedules import business_position, business_schedule, channel_targets
from playerdesk.sla.targets import (
    FIRST_RESPONSE,
    KINDS,
    NEXT_RESPONSE,
    RESOLUTION,
    queue_key,
    target_for,
)
from playerdesk.tickets.models import SlaState, Status, Ticket

# While the ticket is in one of these, its targets run (pending_player: the clock is stopped).
RUNNING_STATUSES = frozenset({Status.NEW, Status.OPEN, Status.ESCALATED, Status.ON_HOLD})


def _get(ticket: Ticket, kind: str) -> sla.TargetTimes | None:
    due = getattr(ticket, f"{kind}_due_at")
    if due is None:
        return None
    return sla.TargetTimes(risk_at=getattr(ticket, f"{kind}_risk_at") or due, due_at=due)


def _set(ticket: Ticket, kind: str, times: sla.TargetTimes | None, changed: list[str]) -> None:
    risk, due = (times.risk_at, times.due_at) if times else (None, None)
    if getattr(ticket, f"{kind}_due_at") != due or getattr(ticket, f"{kind}_risk_at") != risk:
        setattr(ticket, f"{kind}_due_at", due)
        setattr(ticket, f"{kind}_risk_at", risk)
        changed += [f"{kind}_due_at", f"{kind}_risk_at"]


def _start(ticket: Ticket, kind: str, at: datetime, changed: list[str]) -> None:
    times = sla.start(
        channel_targets(ticket.brand, ticket.channel),
        kind,
        ticket.priority,
        at,
        business_schedule(ticket.brand),
    )
    _set(ticket, kind, times, changed)


def _refresh(ticket: Ticket, changed: list[str]) -> None:
    """The running target due first, and when the sweep looks at the ticket next."""
    running = None
    if ticket.status in RUNNING_STATUSES and ticket.sla_paused_at is None:
        running = sla.first_due({k: _get(ticket, k) for k in KINDS})
    if running is None:
        target, due, state, check = "", None, SlaState.OK, None
    elif running.kind == ticket.sla_target and running.due_at == ticket.sla_due_at:
        return  # the same watch goes on
    else:
        target, due, state, check = running.kind, running.due_at, SlaState.OK, running.risk_at
    for field, value in (
        ("sla_target", target),
        ("sla_due_at", due),
        ("sla_state", state),
        ("sla_check_at", check),
    ):
        if getattr(ticket, field) != value:
            setattr(ticket, field, value)
            changed.append(field)


def _queue_key(ticket: Ticket) -> int:
    return queue_key(business_position(ticket.brand, ticket.created_at), ticket.priority)


def opened(ticket: Ticket) -> None:
    """A new ticket: the first response and the resolution start; its place in the queue."""
    changed: list[str] = []
    _start(ticket, FIRST_RESPONSE, ticket.created_at, changed)
    _start(ticket, RESOLUTION, ticket.created_at, changed)
    ticket.queue_key = _queue_key(ticket)
    _refresh(ticket, changed)


def player_wrote(ticket: Ticket, at: datetime, changed: list[str]) -> None:
    """After a player's message (and its status change): an answered ticket owes a next one."""
    if ticket.first_response_at is not None and ticket.next_response_due_at is None:
        _start(ticket, NEXT_RESPONSE, at, changed)
    _refresh(ticket, changed)


def answered(ticket: Ticket, changed: list[str]) -> None:
    """A public answer meets the first and the next response."""
    _set(ticket, FIRST_RESPONSE, None, changed)
    _set(ticket, NEXT_RESPONSE, None, changed)
    _refresh(ticket, changed)


def status_changed(ticket: Ticket, old: str, new: str, at: datetime, changed: list[str]) -> None:
    """Stop the clock while waiting for the player, resume it after; a resolution meets the
    targets; a reopened ticket owes a new resolution."""
    if new == Status.PENDING_PLAYER and ticket.sla_paused_at is None:
        ticket.sla_paused_at = at
        changed.append("sla_paused_at")
    elif old == Status.PENDING_PLAYER and ticket.sla_paused_at is not None:
        targets = channel_targets(ticket.brand, ticket.channel)
        business = business_schedule(ticket.brand)
        for kind in KINDS:
            times = _get(ticket, kind)
            if times is not None:
                target = target_for(targets, kind, ticket.priority)
                _set(
                    ticket,
                    kind,
                    sla.resume(times, target, ticket.sla_paused_at, at, business),
                    changed,
                )
        ticket.sla_paused_at = None
        changed.append("sla_paused_at")
    if new in (Status.RESOLVED, Status.CLOSED):
        for kind in KINDS:
            _set(ticket, kind, None, changed)
    elif old in (Status.RESOLVED, Status.CLOSED):
        _start(ticket, RESOLUTION, at, changed)
    _refresh(ticket, changed)


def priority_changed(ticket: Ticket, old: str, at: datetime, changed: list[str]) -> None:
    """A new priority: the running targets are re-timed (time used still counts) and the
    ticket takes its new place in the queue."""
    targets = channel_targets(ticket.brand, ticket.channel)
    business = business_schedule(ticket.brand)
    at = ticket.sla_paused_at or at  # while the clock is stopped, time used is counted to then
    for kind in KINDS:
        times = _get(ticket, kind)
        before, after = target_for(targets, kind, old), target_for(targets, kind, ticket.priority)
        if times is not None and before is not None and after is not None:
            _set(ticket, kind, sla.retime(times, before, after, at, business), changed)
    ticket.queue_key = _queue_key(ticket)
    changed.append("queue_key")
    _refresh(ticket, changed)
