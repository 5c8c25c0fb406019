"""Background work of identity verification. Each task is safe to run twice."""

from __future__ import annotations

from django_tasks import task

from playerdesk.kyc import actions, webhooks


@task()
def deliver_webhooks() -> int:
    """Post the decisions due to the platforms (kyc/webhooks.py)."""
    return webhooks.deliver_due()


@task()
def expire_cases() -> int:
    """Cases the player let lapse, approvals whose photo ID expired."""
    return actions.expire_cases()


@task()
def purge_documents() -> int:
    """Identity documents past their brand's retention."""
    return actions.purge_documents()
