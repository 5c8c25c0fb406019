"""The response-target sweep: tickets whose running target became at risk or breached.

Only tickets whose next check time has come are read (a partial index on ``sla_check_at``), in
batches; each batch is one transaction that updates the tickets, writes one event per change
and, after commit, tells the brands' consoles and the teams' supervisors. On PostgreSQL a batch
is one statement (the rows locked, judged, updated and their events written in the database:
no row passes through Python but what the notices need), and rows that an action holds are
skipped (``SKIP LOCKED``) and picked up by the next run, so several workers may sweep at once.
Elsewhere the same, through the ORM. Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
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


# A due ticket's change: breached (past due, or no due time), at risk (on time until now), or
# settled (already at risk and not yet due: checked again at its due time, no event). The event
# keeps the due time as Python's isoformat() writes it (UTC, microseconds only when there are).
_SWEEP_SQL = """
WITH due AS (
  SELECT id, sla_state, sla_due_at FROM tickets_ticket
  WHERE sla_check_at <= %(now)s
  ORDER BY sla_check_at LIMIT %(batch)s
  FOR UPDATE SKIP LOCKED
),
judged AS (
  SELECT id, sla_due_at,
         CASE WHEN sla_due_at IS NULL OR sla_due_at <= %(now)s THEN %(breached)s
              WHEN sla_state = %(ok)s THEN %(at_risk)s
              ELSE 'settled' END AS change
  FROM due
),
upd AS (
  UPDATE tickets_ticket t
  SET sla_state = CASE j.change WHEN 'settled' THEN t.sla_state ELSE j.change END,
      sla_check_at = CASE j.change WHEN %(breached)s THEN NULL ELSE t.sla_due_at END
  FROM judged AS j WHERE t.id = j.id
  RETURNING t.id, t.brand_id, t.reference, t.sla_target, j.sla_due_at, j.change
),
ev AS (
  INSERT INTO tickets_event
    (ticket_id, type, actor_kind, actor_agent_id, actor_label, data, created_at)
  SELECT id,
         CASE change WHEN %(breached)s THEN %(breached_event)s
                     ELSE %(at_risk_event)s END,
         %(system)s, NULL, 'playerdesk',
         jsonb_build_object(
           'target', sla_target,
           'due_at', to_char(sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
             || CASE WHEN date_part('microseconds', sla_due_at)::bigint %% 1000000 = 0 THEN ''
                     ELSE to_char(sla_due_at AT TIME ZONE 'UTC', '.US') END
             || '+00:00'),
         %(now)s
  FROM upd WHERE change <> 'settled' AND sla_due_at IS NOT NULL
)
SELECT brand_id, reference, change FROM upd
"""


@transaction.atomic
def _sweep_batch(now: datetime, batch: int, result: SweepResult) -> int:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _SWEEP_SQL,
                {
                    "now": now,
                    "batch": batch,
                    "ok": SlaState.OK.value,
                    "at_risk": SlaState.AT_RISK.value,
                    "breached": SlaState.BREACHED.value,
                    "at_risk_event": EventType.SLA_AT_RISK.value,
                    "breached_event": EventType.SLA_BREACHED.value,
                    "system": ActorKind.SYSTEM.value,
                },
            )
            changed = [{"brand_id": b, "reference": r, "change": c} for b, r, c in cursor]
        breached = [r for r in changed if r["change"] == SlaState.BREACHED]
        at_risk = [r for r in changed if r["change"] == SlaState.AT_RISK]
        result.breached += len(breached)
        result.at_risk += len(at_risk)
        _notify(breached, at_risk)
        return len(changed)
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
