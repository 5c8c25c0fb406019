"""What the console shows of a ticket's email."""

from __future__ import annotations

from playerdesk.mail.models import OutboundEmail
from playerdesk.tickets.models import Ticket


def emails_for_ticket(ticket: Ticket, limit: int = 10) -> list[OutboundEmail]:
    """The latest emails to the ticket's player, newest first: what was sent, waits, failed."""
    return list(
        OutboundEmail.objects.filter(ticket=ticket)
        .only("kind", "status", "to", "subject", "attempts", "last_error", "created_at", "sent_at")
        .order_by("-created_at", "-id")[:limit]
    )
