"""Permission-checked fetches. What exists but is not yours is a 404, never a 403."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from playerdesk.brands.models import Brand
from playerdesk.people.models import AgentProfile
from playerdesk.tickets import references
from playerdesk.tickets.models import Ticket


@dataclass(frozen=True)
class Scope:
    """What an agent may see, as ids: for queries written in SQL (search) and for the ORM.

    Supervisors, compliance officers and administrators see every ticket of their brands
    (``brand_wide``). Other agents see, within their brands, the tickets of their teams, the
    tickets assigned to them and the tickets not yet routed to a team.
    """

    agent_id: int
    brand_ids: tuple[int, ...]
    team_ids: tuple[int, ...]
    brand_wide: bool

    def q(self) -> Q:
        condition = Q(brand_id__in=self.brand_ids)
        if not self.brand_wide:
            condition &= (
                Q(team_id__in=self.team_ids) | Q(assignee_id=self.agent_id) | Q(team__isnull=True)
            )
        return condition

    def sql(self, alias: str) -> tuple[str, list[object]]:
        """The same condition as ``q()`` for a ticket table under ``alias``, with parameters."""
        text = f"{alias}.brand_id IN ({_placeholders(self.brand_ids)})"
        params: list[object] = list(self.brand_ids)
        if not self.brand_wide:
            text += (
                f" AND ({alias}.team_id IN ({_placeholders(self.team_ids)})"
                f" OR {alias}.assignee_id = %s OR {alias}.team_id IS NULL)"
            )
            params += [*self.team_ids, self.agent_id]
        return text, params


def _placeholders(values: tuple[int, ...]) -> str:
    return ", ".join(["%s"] * len(values)) or "NULL"


def scope_of(agent: AgentProfile) -> Scope:
    return Scope(
        agent_id=agent.pk,
        brand_ids=tuple(agent.brands.values_list("id", flat=True)),
        team_ids=tuple(agent.teams.values_list("id", flat=True)),
        brand_wide=agent.is_brand_wide,
    )


def visible_tickets(agent: AgentProfile) -> QuerySet[Ticket]:
    """The tickets an agent may see (``Scope``)."""
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
