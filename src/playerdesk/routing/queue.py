"""The queue: "Next ticket" hands an agent the best waiting ticket they may work, once.

Who may take what: the agent's role (here), capacity, teams, brands and languages (read with
the claim, in ``tickets/claims.py``, so that a team or brand taken away stops applying at
once). Which ticket and how it is taken without ever giving it to two agents:
``tickets/claims.py``. The queue's order (priority head start and business time waited) is
explained in docs/queue.md.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from playerdesk.people.actions import set_presence
from playerdesk.people.models import AgentProfile, Presence
from playerdesk.tickets import actions, claims
from playerdesk.tickets.models import Ticket


def claim_next(*, agent: AgentProfile) -> Ticket | None:
    """Assign the agent the first waiting ticket they may work; None when there is none.

    Raises DomainError for a read-only role or an agent at capacity. Taking a ticket makes the
    agent available.
    """
    if agent.is_read_only:
        raise actions.DomainError(_("Your role can read tickets but not take them."))
    ticket = claims.take_next(agent=agent, actor=actions.Actor.for_agent(agent))
    if ticket is not None and agent.presence != Presence.AVAILABLE:
        set_presence(agent=agent, presence=Presence.AVAILABLE)
    return ticket
