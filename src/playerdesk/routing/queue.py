"""The queue: "Next ticket" hands an agent the best waiting ticket they may work, once.

Candidates are the unassigned tickets waiting in the agent's teams (new, open, escalated), of
their brands and in a language they speak, in queue order (``Ticket.queue_key``: priority head
start and business time waited, see docs/queue.md). The claim locks the row it takes:
``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, so concurrent claimers pass over each
other's rows instead of waiting; on SQLite a write transaction takes the database's write lock
at its start, so claims run one after another. Either way no ticket goes to two agents.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from playerdesk.people.actions import set_presence
from playerdesk.people.models import AgentProfile, Presence
from playerdesk.tickets import actions
from playerdesk.tickets.models import CLAIMABLE_STATUSES, Status, Ticket

# An agent's load: tickets assigned to them that still need them.
HELD_STATUSES = (Status.NEW, Status.OPEN, Status.ESCALATED, Status.ON_HOLD, Status.PENDING_PLAYER)


def held_count(agent: AgentProfile) -> int:
    return Ticket.objects.filter(assignee=agent, status__in=HELD_STATUSES).count()


@transaction.atomic
def claim_next(*, agent: AgentProfile) -> Ticket | None:
    """Assign the agent the first waiting ticket they may work; None when there is none.

    Raises DomainError for a read-only role or an agent at capacity. Taking a ticket makes the
    agent available.
    """
    if agent.is_read_only:
        raise actions.DomainError(_("Your role can read tickets but not take them."))
    if held_count(agent) >= agent.capacity:
        raise actions.DomainError(
            _(
                "You already hold %(count)d active tickets, your capacity: resolve or hand "
                "one back before taking another."
            )
            % {"count": agent.capacity}
        )
    brand_ids = list(agent.brands.values_list("id", flat=True))
    best: tuple[int, int] | None = None  # (queue_key, id)
    # One short index walk per team (index ticket_queue_idx: team, queue_key), each row locked.
    for team_id in agent.teams.values_list("id", flat=True):
        row = (
            Ticket.objects.select_for_update(skip_locked=True)
            .filter(
                team_id=team_id,
                assignee__isnull=True,
                status__in=CLAIMABLE_STATUSES,
                brand_id__in=brand_ids,
                language__in=agent.languages,
            )
            .order_by("queue_key", "id")
            .values_list("queue_key", "id")
            .first()
        )
        if row is not None and (best is None or row < best):
            best = row
    if best is None:
        return None
    if agent.presence != Presence.AVAILABLE:
        set_presence(agent=agent, presence=Presence.AVAILABLE)
    ticket = Ticket.objects.select_related("brand", "team").get(pk=best[1])
    return actions.assign(ticket=ticket, agent=agent, actor=actions.Actor.for_agent(agent))
