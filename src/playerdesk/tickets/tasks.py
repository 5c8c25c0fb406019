"""Background work on tickets. Tasks take ids, call actions, and are safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from playerdesk.tickets import actions, selectors, sweeps
from playerdesk.tickets.lifecycle import TransitionError


@task()
def close_resolved_tickets() -> int:
    """Close tickets resolved longer ago than PLAYERDESK_AUTO_CLOSE_HOURS. Returns how many."""
    cutoff = timezone.now() - timedelta(hours=settings.PLAYERDESK_AUTO_CLOSE_HOURS)
    closed = 0
    for ticket in selectors.resolved_before(cutoff, limit=1000):
        try:
            actions.close(ticket=ticket, actor=actions.Actor.system())
        except TransitionError:
            continue  # the player answered meanwhile: the ticket reopened
        closed += 1
    return closed


@task()
def sweep_response_targets() -> dict[str, int]:
    """Mark tickets whose response target is at risk or breached (see tickets/sweeps.py)."""
    result = sweeps.sweep_response_targets()
    return {"at_risk": result.at_risk, "breached": result.breached}
