"""Permission-checked fetches. What exists but is not yours is a 404, never a 403."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from playerdesk.brands.models import Brand
from playerdesk.people.models import AgentProfile
from playerdesk.tickets import references
from playerdesk.tickets.models import Ticket


def visible_tickets(agent: AgentProfile) -> QuerySet[Ticket]:
    """The tickets an agent may see.

    Supervisors, compliance officers and administrators see every ticket of their brands. Other
    agents see, within their brands, the tickets of their teams, the tickets assigned to them and
    the tickets not yet routed to a team.
    """
    qs = Ticket.objects.filter(brand__in=agent.brands.all())
    if not agent.is_brand_wide:
        qs = qs.filter(Q(team__in=agent.teams.all()) | Q(assignee=agent) | Q(team__isnull=True))
    return qs


def _canonical(reference: str) -> str:
    canonical = references.normalize(reference)
    if canonical is None:
        raise Http404("No such ticket.")
    return canonical


def ticket_for_agent(agent: AgentProfile, reference: str) -> Ticket:
    try:
        return (
            visible_tickets(agent)
            .select_related("brand", "player", "team", "assignee")
            .get(reference=_canonical(reference))
        )
    except Ticket.DoesNotExist:
        raise Http404("No such ticket.") from None


def ticket_for_brand(brand: Brand, reference: str) -> Ticket:
    """A ticket as the brand's platform may see it: only its own brand's."""
    try:
        return Ticket.objects.select_related("brand", "player", "team").get(
            brand=brand, reference=_canonical(reference)
        )
    except Ticket.DoesNotExist:
        raise Http404("No such ticket.") from None
