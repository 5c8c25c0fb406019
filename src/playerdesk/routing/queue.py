"""The queue: "Next ticket" hands an agent the best waiting ticket they may work, once.

Who may take what: the agent's role, capacity, brands, teams and languages. Which ticket and
how it is taken without ever giving it to two agents: ``tickets/claims.py``. The queue's order
(priority head start and business time waited) is explained in docs/queue.md.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from playerdesk.people.actions import set_presence
from playerdesk.people.models import AgentProfile, Presence
from playerdesk.tickets import actions, claims
from playerdesk.tickets.models import Ticket


def _scope(agent: AgentProfile) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The ids of the agent's brands and teams, read at each claim: a brand or team taken away
    from an agent stops applying at once."""
    return (
        tuple(agent.brands.values_list("id", flat=True)),
        tuple(agent.teams.values_list("id", flat=True)),
    )


def claim_next(*, agent: AgentProfile) -> Ticket | None:
    """Assign the agent the first waiting ticket they may work; None when there is none.

    Raises DomainError for a read-only role or an agent at capacity. Taking a ticket makes the
    agent available.
    """
    if agent.is_read_only:
        raise actions.DomainError(_("Your role can read tickets but not take them."))
    brand_ids, team_ids = _scope(agent)
    ticket = claims.take_next(
        agent=agent, brand_ids=brand_ids, team_ids=team_ids, actor=actions.Actor.for_agent(agent)
    )
    if ticket is not None and agent.presence != Presence.AVAILABLE:
        set_presence(agent=agent, presence=Presence.AVAILABLE)
    return ticket
