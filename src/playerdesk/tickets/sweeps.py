"""The response-target sweep: tickets whose running target became at risk or breached.

Only tickets whose next check time has come are read (a partial index on ``sla_check_at``), in
batches; each batch is one transaction that updates the tickets, writes one event per change
and, after commit, tells the brands' consoles and the teams' supervisors. On PostgreSQL rows
that an action holds are skipped (``SKIP LOCKED``) and picked up by the next run, so several
workers may sweep at once. Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F

from playerdesk.lib import clock
from playerdesk.realtime.events import brand_group, send_event_on_commit, supervisors_group
from playerdesk.tickets.models import ActorKind, Event, EventType, SlaState, Ticket

BATCH = 5000


@dataclass
class SweepResult:
    at_risk: int = 0
    breached: int = 0


def sweep_response_targets(*, now: datetime | None = None, batch: int = BATCH) -> SweepResult:
    """Mark the tickets whose running target is now at risk or breached, with their events."""
    now = now or clock.now()
    result = SweepResult()
    while True:
        done = _sweep_batch(now, batch, result)
        if done < batch:
            return result


@transaction.atomic
def _sweep_batch(now: datetime, batch: int, result: SweepResult) -> int:
    rows = list(
        Ticket.objects.select_for_update(skip_locked=True)
        .filter(sla_check_at__lte=now)
        .order_by("sla_check_at")
        .values("id", "brand_id", "team_id", "reference", "sla_state", "sla_target", "sla_due_at")[
            :batch
        ]
    )
    if not rows:
        return 0
    breached, at_risk, settled = [], [], []
    for r in rows:
        if r["sla_due_at"] is None or r["sla_due_at"] <= now:
            breached.append(r)
        elif r["sla_state"] == SlaState.OK:
            at_risk.append(r)
        else:  # not expected (an at-risk ticket is checked at its due time): check it then
            settled.append(r)
    if breached:
        Ticket.objects.filter(id__in=[r["id"] for r in breached]).update(
            sla_state=SlaState.BREACHED, sla_check_at=None
        )
    if at_risk:
        Ticket.objects.filter(id__in=[r["id"] for r in at_risk]).update(
            sla_state=SlaState.AT_RISK, sla_check_at=F("sla_due_at")
        )
    if settled:
        Ticket.objects.filter(id__in=[r["id"] for r in settled]).update(
            sla_check_at=F("sla_due_at")
        )
    events = [
        Event(
            ticket_id=r["id"],
            type=type_,
            actor_kind=ActorKind.SYSTEM,
            actor_label="playerdesk",
            data={"target": r["sla_target"], "due_at": r["sla_due_at"].isoformat()},
            created_at=now,
        )
        for type_, group in ((EventType.SLA_BREACHED, breached), (EventType.SLA_AT_RISK, at_risk))
        for r in group
        if r["sla_due_at"] is not None
    ]
    Event.objects.bulk_create(events, batch_size=1000)
    result.breached += len(breached)
    result.at_risk += len(at_risk)
    _notify(breached, at_risk)
    return len(rows)


def _notify(breached: list[dict], at_risk: list[dict]) -> None:
    by_brand: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"breached": [], "at_risk": []})
    for state, rows in (("breached", breached), ("at_risk", at_risk)):
        for r in rows:
            by_brand[r["brand_id"]][state].append(r["reference"])
    for brand_id, refs in by_brand.items():
        # The brand's consoles refresh what they show; its supervisors are told which tickets.
        send_event_on_commit(
            {"type": "tickets.sla", "count": len(refs["breached"]) + len(refs["at_risk"])},
            [brand_group(brand_id)],
        )
        send_event_on_commit(
            {
                "type": "sla.changed",
                "breached": refs["breached"][:50],
                "at_risk": refs["at_risk"][:50],
                "breached_count": len(refs["breached"]),
                "at_risk_count": len(refs["at_risk"]),
            },
            [supervisors_group(brand_id)],
        )
