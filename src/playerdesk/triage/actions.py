"""Writes of the triage app: an agent's correction of what the triage decided."""

from __future__ import annotations

from datetime import datetime

from playerdesk.lib.sanitize import html_to_text
from playerdesk.people.models import AgentProfile
from playerdesk.tickets.models import Message, MessageKind, Ticket
from playerdesk.triage.models import Correction


def triaged_text(ticket: Ticket) -> str:
    """The text the triage read: the subject and the player's first message."""
    first = Message.objects.filter(ticket=ticket, kind=MessageKind.PLAYER).order_by("id").first()
    body = html_to_text(first.body) if first else ""
    return f"{ticket.subject}\n\n{body}".strip()


def record_correction(
    *,
    ticket: Ticket,
    field: str,
    corrected: str,
    agent: AgentProfile | None,
    now: datetime,
) -> Correction | None:
    """Keep an agent's label for a triaged ticket, beside what the triage had said. Called by
    tickets.actions inside the change's transaction; nothing for a ticket never triaged."""
    if not ticket.triage:
        return None
    return Correction.objects.create(
        ticket=ticket,
        field=field,
        predicted=str(ticket.triage.get(field, "")).lower(),
        corrected=str(corrected).lower(),
        text=triaged_text(ticket),
        language=ticket.language,
        model=ticket.triage.get("model", ""),
        agent=agent,
        created_at=now,
    )
