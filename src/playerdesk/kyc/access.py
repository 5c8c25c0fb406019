"""Who may see verification cases and open identity documents, and the record of each opening.

Cases: verification officers and compliance officers of the case's brand (compliance reads
only). Documents: the same two roles, nobody else, whatever their rank; every opening, allowed
or refused, is a DocumentAccess row. A case of another brand is a 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from playerdesk.kyc.models import AccessAction, Document, DocumentAccess, VerificationCase
from playerdesk.lib import clock
from playerdesk.people.models import AgentProfile, Role

CASE_ROLES = frozenset({Role.VERIFICATION_OFFICER, Role.COMPLIANCE})
DOCUMENT_ROLES = CASE_ROLES


def may_review(agent: AgentProfile) -> bool:
    return agent.role in CASE_ROLES


def may_decide(agent: AgentProfile) -> bool:
    return agent.role == Role.VERIFICATION_OFFICER


def visible_cases(agent: AgentProfile) -> QuerySet[VerificationCase]:
    return VerificationCase.objects.filter(brand_id__in=agent.brands.values("id"))


def case_for_agent(agent: AgentProfile, reference: str) -> VerificationCase:
    """The case, if the agent's brands include it (else 404) and their role reviews (else 403)."""
    case = (
        visible_cases(agent)
        .select_related("brand", "player", "reviewer")
        .filter(reference=reference.strip().upper())
        .first()
    )
    if case is None:
        raise Http404("no such case")
    if not may_review(agent):
        raise PermissionDenied("verification cases are for verification and compliance officers")
    return case


def _ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def open_document(
    agent: AgentProfile, document_id: int, action: str, request: HttpRequest | None = None
) -> Document:
    """The document for an officer to see, logged; a refusal is logged too, then raised."""
    document = (
        Document.objects.select_related("case", "case__brand", "case__player")
        .filter(pk=document_id, case__brand_id__in=agent.brands.values("id"))
        .first()
    )
    if document is None:
        raise Http404("no such document")
    allowed = agent.role in DOCUMENT_ROLES
    DocumentAccess.objects.create(
        document=document,
        agent=agent,
        actor_label=agent.display_name[:200],
        action=action if allowed else AccessAction.DENIED,
        allowed=allowed,
        ip=_ip(request),
        created_at=clock.now(),
    )
    if not allowed:
        raise PermissionDenied("identity documents are for verification and compliance officers")
    return document
