"""Telling the platform of each verification decision: signed, stored, retried with backoff.

A delivery is a row written in the decision's transaction, so a decision is never told without
being made, nor made without being told. The periodic task posts every due one; an answer other
than 2xx, or no answer, schedules the next attempt later and later, up to MAX_ATTEMPTS.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from playerdesk.brands.platform import webhook_signature
from playerdesk.lib import clock
from playerdesk.lib.retry import backoff

if TYPE_CHECKING:
    from playerdesk.brands.models import Brand
    from playerdesk.kyc.models import VerificationCase, WebhookDelivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
TIMEOUT_SECONDS = 10

__all__ = ["MAX_ATTEMPTS", "backoff", "deliver_due", "payload_of", "post", "queue", "send"]


def payload_of(case: VerificationCase, event: str) -> dict[str, object]:
    return {
        "event": event,
        "case": case.reference,
        "player": case.player.external_id,
        "status": case.status,
        "reason": case.decision_reason or None,
        "valid_until": case.valid_until.isoformat() if case.valid_until else None,
        "at": clock.now().isoformat(),
    }


def queue(case: VerificationCase, event: str) -> None:
    """Tell the platform of a case's decision, once the caller's transaction commits."""
    send(case.brand, event, payload_of(case, event))


def send(brand: Brand, event: str, payload: dict[str, object]) -> None:
    """Store the delivery (in the caller's transaction) and post it once committed. A brand
    without a webhook address is told nothing."""
    from playerdesk.kyc.models import WebhookDelivery

    if not brand.webhook_url:
        return
    now = clock.now()
    WebhookDelivery.objects.create(
        brand=brand,
        event=event,
        payload={**payload, "event": event},
        url=brand.webhook_url,
        next_attempt_at=now,
        created_at=now,
    )
    transaction.on_commit(_kick)


def _kick() -> None:
    from playerdesk.kyc.tasks import deliver_webhooks

    try:
        deliver_webhooks.enqueue()
    except Exception:  # the periodic run will deliver it
        logger.warning("could not enqueue webhook delivery", exc_info=True)


def post(delivery: WebhookDelivery) -> tuple[bool, str]:
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    signature = webhook_signature(delivery.brand.slug, body, timestamp=int(time.time()))
    if signature is None:
        return False, "the brand has no platform secret"
    request = urllib.request.Request(  # noqa: S310 - the address is the operator's https URL
        delivery.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "playerdesk-webhook/1",
            "X-Playerdesk-Event": delivery.event,
            "X-Playerdesk-Delivery": str(delivery.pk),
            "X-Playerdesk-Signature": signature,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return 200 <= response.status < 300, f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        return False, str(getattr(exc, "reason", exc))[:400]


def deliver_due(*, now: datetime | None = None, limit: int = 100) -> int:
    """Post every delivery that is due. Returns how many were delivered."""
    from playerdesk.kyc.models import DeliveryStatus, WebhookDelivery

    now = now or clock.now()
    delivered = 0
    due = list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        .select_related("brand")
        .order_by("next_attempt_at", "id")[:limit]
    )
    for delivery in due:
        # Claim it: another worker that read the same row finds it no longer due.
        claimed = WebhookDelivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.PENDING, attempts=delivery.attempts
        ).update(attempts=delivery.attempts + 1, next_attempt_at=now + backoff(1) * 20)
        if not claimed:
            continue
        delivery.attempts += 1
        ok, detail = post(delivery)
        if ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = clock.now()
            delivery.next_attempt_at = None
            delivered += 1
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
            logger.error(
                "webhook %s gave up after %s attempts: %s", delivery.pk, delivery.attempts, detail
            )
        else:
            delivery.next_attempt_at = clock.now() + backoff(delivery.attempts)
        delivery.last_error = "" if ok else detail
        delivery.save(
            update_fields=["status", "delivered_at", "next_attempt_at", "last_error", "attempts"]
        )
    return delivered
